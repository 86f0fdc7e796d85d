"""What several formats say the same way: where a finding points, and where its rule's page lives."""
from __future__ import annotations

import os

# Where the rule pages (docs/rules/<name>.md, written by ``python tools/build_docs.py``) are published.
# No site hosts them yet, so links are off unless the user names a base: ``PREFLIGHT_DOCS_URL`` (or the
# formatter option ``docs_url``), either a prefix (``https://example.org/preflight/rules/``, the page is
# ``<name>.md`` under it) or a template with ``{name}`` (``https://example.org/rules/{name}.html``).
DOCS_URL_ENV = "PREFLIGHT_DOCS_URL"


def position(f) -> tuple[int, int]:
    """(line, col) an editor or a problem matcher can jump to.

    A finding about a whole file (line 0) or the repository points at 1:1, as ruff does; a finding
    about a whole line (col 0) keeps col 0, which editors clamp to the line's start.
    """
    return (f.line, f.col) if f.line > 0 else (1, 1)


def docs_url(rule_name: str, options: dict) -> str | None:
    base = options.get("docs_url") or os.environ.get(DOCS_URL_ENV, "").strip()
    if not base:
        return None
    if "{name}" in base:
        return base.replace("{name}", rule_name)
    return f"{base.rstrip('/')}/{rule_name}.md"
