"""repository rules (being written)."""
