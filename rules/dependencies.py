"""dependencies rules (being written)."""
