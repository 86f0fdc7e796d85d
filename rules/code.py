"""code rules (being written)."""
