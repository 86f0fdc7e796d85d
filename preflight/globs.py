"""The path globs of the settings (``exclude``, ``per-file-ignores``), matched one way everywhere."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable


@lru_cache(maxsize=None)
def glob_re(pattern: str) -> re.Pattern:
    """gitignore-like globs: ``**`` spans folders, ``*`` does not; a pattern without ``/`` matches a
    name at any depth; a pattern naming a folder covers everything below it."""
    pat = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out, i = "", 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if pat.startswith("**", i):
            out += ".*"
            i += 2
            continue
        out += {"*": "[^/]*", "?": "[^/]"}.get(c, re.escape(c))
        i += 1
    return re.compile(("" if anchored else "(?:.*/)?") + out + "(?:/.*)?$")


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_re(g).match(path) for g in patterns)
