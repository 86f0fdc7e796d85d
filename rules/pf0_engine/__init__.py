"""Engine: the rules the engine itself emits (PF0xx): unreadable files, dead suppressions."""
