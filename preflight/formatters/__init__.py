"""Output formats. Each is ``write(result, stream, options)``; they read findings, never files."""
from __future__ import annotations

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit")
# The spellings ruff users type for the same formats (``--output-format full``).
ALIASES = {"full": "text"}
CHOICES = FORMATS + tuple(ALIASES)


def get(name: str):
    name = ALIASES.get(name, name)
    if name == "text":
        from preflight.formatters.text import write
    elif name == "json":
        from preflight.formatters.json import write
    elif name == "sarif":
        from preflight.formatters.sarif import write
    elif name == "github":
        from preflight.formatters.github import write
    elif name == "concise":
        from preflight.formatters.concise import write
    elif name == "gitlab":
        from preflight.formatters.gitlab import write
    elif name == "junit":
        from preflight.formatters.junit import write
    else:
        raise KeyError(name)
    return write
