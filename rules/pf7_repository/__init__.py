"""Secrets and the repository (PF7xx): what git ships besides the code."""
