"""Where tables and keys sit in a TOML file (tomllib keeps no line numbers), and the line of a text in a file:
enough to point a finding at a line. Used by the dependency, root-project and lock-file models."""
from __future__ import annotations

import re

from preflight.lazyre import lazy_re

_HEADER_RE = lazy_re(r"^\s*\[\[?\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_RE = lazy_re(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")


def _dotted(text: str) -> str:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([^.\s]+)""", text)
    return ".".join(a or b or c for a, b, c in parts)


class TomlLines:
    """Where tables and keys are in a TOML file: enough to point a finding at a line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self.ends: dict[str, int] = {}
        current = ""
        for n, line in enumerate(lines, 1):
            m = _HEADER_RE.match(line)
            if m:
                if current:
                    self.ends.setdefault(current, n - 1)
                current = _dotted(m.group(1))
                self.tables.setdefault(current, n)
                self.ends.pop(current, None)
                continue
            k = _KEY_RE.match(line)
            if k:
                self.keys.setdefault((current, _dotted(k.group(1))), n)
        if current:
            self.ends.setdefault(current, len(lines))

    def key(self, table: str, key: str) -> int:
        """The line of ``key = ...`` in ``[table]`` (also as a dotted key in a parent table), else 0."""
        if (table, key) in self.keys:
            return self.keys[(table, key)]
        parts = table.split(".") if table else []
        for i in range(len(parts) - 1, -1, -1):
            parent, rest = ".".join(parts[:i]), ".".join(parts[i:] + [key])
            if (parent, rest) in self.keys:
                return self.keys[(parent, rest)]
        return 0

    def table(self, table: str) -> int:
        if table in self.tables:
            return self.tables[table]
        parts = table.split(".")
        return self.key(".".join(parts[:-1]), parts[-1]) if len(parts) > 1 else self.keys.get(("", table), 0)

    def value(self, table: str, key: str, needle: str) -> int:
        """The line holding the string ``needle`` in the value of ``key`` (arrays span lines)."""
        start = self.key(table, key)
        if not start:
            return self.table(table)
        end = self.ends.get(table, len(self.lines)) if table in self.tables else len(self.lines)
        for quote in ('"', "'"):
            probe = f"{quote}{needle}{quote}"
            for n in range(start, max(start, end) + 1):
                if probe in self.lines[n - 1]:
                    return n
        return start

    def entry(self, table: str, name: str) -> int:
        """The line of a ``name = ...`` entry in a dependency table (or in its inline form)."""
        n = self.key(table, name) or self.key(table, f'"{name}"')
        if n:
            return n
        parts = table.split(".")
        if len(parts) > 1:
            start = self.key(".".join(parts[:-1]), parts[-1])
            if start:
                pat = re.compile(rf"(^|[\s{{,]){re.escape(name)}\s*=")
                for i in range(start, min(len(self.lines), start + 200) + 1):
                    if pat.search(self.lines[i - 1]):
                        return i
        return self.table(table)


def toml_lines(project, path: str) -> TomlLines:
    tf = project.text(path)
    return TomlLines(tf.lines if tf is not None else [])


def line_containing(project, path: str, needle: str) -> int:
    """The first line of ``path`` that contains ``needle`` (0 when none does, or the file is unreadable)."""
    tf = project.text(path)
    if tf is None:
        return 0
    return next((n for n, ln in enumerate(tf.lines, 1) if needle in ln), 0)
