"""Configuration files and databases (PF6xx)."""
