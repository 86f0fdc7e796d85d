"""Dependencies (PF3xx): what the build installs, and what the code needs."""
