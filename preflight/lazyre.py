"""Regular expressions compiled on first use.

Rule modules keep dozens of patterns at module level; compiling them all on import cost ~15 ms of every
pre-commit run, although a run on a small app uses a fraction of them. ``lazy_re(pattern, flags)`` has the
compiled pattern's methods; the first call compiles it and binds them, so later calls go straight to it.
"""
from __future__ import annotations

import re

_BOUND = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
          "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attr in _BOUND:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self._source[0]!r})"


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
