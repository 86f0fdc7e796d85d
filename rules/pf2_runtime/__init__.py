"""Python runtime (PF2xx): which Python the platform installs."""
