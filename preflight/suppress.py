"""Inline suppressions: ``# preflight: ignore[name-or-code, ...]`` and ``# preflight: file-ignore[...]``.

A trailing directive covers its own line; a directive alone on its line covers the next line that is not
a comment. ``file-ignore`` covers the whole file. Directives that suppress nothing are reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re

DIRECTIVE_RE = lazy_re(r"#\s*preflight:\s*(ignore|file-ignore)\[([^\]]*)\]", re.IGNORECASE)
_COMMENT_STARTS = ("#", "//")


@dataclass
class Directive:
    path: str
    line: int            # where the directive is written
    target: int          # the line it covers (0 = whole file)
    selectors: list[str]
    used: set[str] = field(default_factory=set)


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


def matches(selector: str, code: str, name: str) -> bool:
    sel = selector.strip()
    return sel == name or (sel.upper().startswith("PF") and code.startswith(sel.upper()))


def apply(findings, project, enabled_codes: set[str]):
    """Mark suppressed findings; return the directives that suppressed nothing (for suppression-unused)."""
    from preflight.registry import lookup

    by_file: dict[str, list[Directive]] = {}

    def directives(path: str) -> list[Directive]:
        if path not in by_file:
            tf = project.text(path) if path != "." and project.exists(path) else None
            by_file[path] = parse_file(path, tf.lines) if tf is not None and "preflight" in tf.text else []
        return by_file[path]

    for f in findings:
        if f.suppressed_by or f.path == ".":
            continue
        for d in directives(f.path):
            if d.target in (0, f.line):
                for sel in d.selectors:
                    if matches(sel, f.code, f.name):
                        f.suppressed_by = "inline"
                        d.used.add(sel)
                        break
            if f.suppressed_by:
                break

    # Directives in every other file the rules read count too: they may be dead.
    for path, tf in project.loaded.items():
        if path not in by_file and "preflight" in tf.text:
            by_file[path] = parse_file(path, tf.lines)

    unused = []
    for path in sorted(by_file):
        for d in by_file[path]:
            for sel in d.selectors:
                if sel in d.used:
                    continue
                rules = lookup(sel)
                if not rules:
                    unused.append((d, sel, f"'{sel}' is not a preflight rule"))
                elif any(r.code in enabled_codes for r in rules):
                    unused.append((d, sel, f"nothing here triggers '{sel}'"))
    return unused
