"""Inline suppressions written in the repository: ``# preflight: ignore[name-or-code, ...]`` and
``# preflight: file-ignore[...]``.

A trailing directive covers its own line; a directive alone on its line covers the next line that is not
a comment. ``file-ignore`` covers the whole file. The model finds them (``Project.directives``); the
filter stage (``preflight.filters``) decides what they suppress and reports the ones that suppress nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re

DIRECTIVE_RE = lazy_re(r"#\s*preflight:\s*(ignore|file-ignore)\[([^\]]*)\]", re.IGNORECASE)
_COMMENT_STARTS = ("#", "//")


@dataclass(eq=False)
class Directive:
    path: str
    line: int            # where the directive is written
    target: int          # the line it covers (0 = whole file)
    selectors: list[str]


def _python_comment_lines(lines: list[str]) -> set[int] | None:
    """Lines of a Python file where a real comment holds a directive (not a string that quotes one)."""
    import io
    import tokenize

    found = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if tok.type == tokenize.COMMENT and "preflight" in tok.string:
                found.add(tok.start[0])
    except (tokenize.TokenError, SyntaxError):
        return None  # broken source: fall back to reading every line
    return found


def parse_file(path: str, lines: list[str]) -> list[Directive]:
    found = []
    pending: list[Directive] = []
    real_comments = _python_comment_lines(lines) if path.endswith(".py") else None
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        is_comment = stripped.startswith(_COMMENT_STARTS)
        if "preflight" in line and (real_comments is None or n in real_comments):
            for m in DIRECTIVE_RE.finditer(line):
                sels = [s.strip() for s in m.group(2).split(",") if s.strip()]
                if m.group(1).lower() == "file-ignore":
                    found.append(Directive(path, n, 0, sels))
                elif is_comment:
                    d = Directive(path, n, -1, sels)
                    pending.append(d)
                    found.append(d)
                else:
                    found.append(Directive(path, n, n, sels))
        if stripped and not is_comment:
            for d in pending:
                d.target = n
            pending = []
    return found


def in_file(project, path: str) -> list[Directive]:
    """The directives of one file of the project (none for the repository as a whole or a missing file)."""
    tf = project.text(path) if path != "." and project.exists(path) else None
    return parse_file(path, tf.lines) if tf is not None and "preflight" in tf.text else []


def selectors_on(line: str) -> list[str]:
    """The selectors of every directive on one line of text (a line added by a past commit)."""
    if "preflight" not in line:
        return []
    return [s.strip() for m in DIRECTIVE_RE.finditer(line) for s in m.group(2).split(",") if s.strip()]
