"""secrets rules (being written)."""
