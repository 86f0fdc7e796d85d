"""runtime rules (being written)."""
