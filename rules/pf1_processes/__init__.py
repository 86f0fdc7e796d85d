"""Processes (PF1xx): the Procfile and the start commands it declares."""
