"""Application code (PF4xx): what the code on the start path does when the platform runs it."""
