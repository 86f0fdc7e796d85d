"""Output formats. Each is ``write(result, stream, options)``; they read findings, never files."""
from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")


def get(name: str):
    if name == "text":
        from preflight.formatters.text import write
    elif name == "json":
        from preflight.formatters.json import write
    elif name == "sarif":
        from preflight.formatters.sarif import write
    elif name == "github":
        from preflight.formatters.github import write
    else:
        raise KeyError(name)
    return write
