"""Config file formats read into one shape: a list of :class:`Entry` (key path, raw value, type, line).

JSON, TOML, INI/.cfg (uwsgi.ini, alembic.ini, setup.cfg), ``.env``-style ``KEY=value`` files and gunicorn
config modules (``gunicorn.conf.py``: read with ``ast``, never executed) each get a reader here; YAML has
its own module (:mod:`preflight.project.yamltree`) for its node tree. Every reader returns
``(entries, error)`` where ``error`` is ``(message, line)`` or None, and never raises on bad input.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass

from preflight.lazyre import lazy_re

_INI_SECTION_RE = lazy_re(r"^\s*\[([^\]]*)\]\s*$")
_INI_KEY_RE = lazy_re(r"^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$")
_ENV_RE = lazy_re(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$")
_TOML_LINE_RE = lazy_re(r"line (\d+)")


@dataclass
class Entry:
    """One scalar setting: ``keys`` is its path (``("postgres", "require_ssl")``, sequence items as ``"[0]"``),
    ``value`` the text as written (quotes removed), ``kind`` what the format makes of it (``str``, ``int``,
    ``float``, ``bool``, ``null``; ``expr`` for a gunicorn setting that is computed)."""

    keys: tuple
    value: str | None
    kind: str
    line: int
    plain: bool = True   # an unquoted YAML scalar (YAML 1.1 may retype it)

    @property
    def key(self) -> str:
        return self.keys[-1] if self.keys else ""

    @property
    def dotted(self) -> str:
        return ".".join(k for k in self.keys if not k.startswith("[doc"))


def _kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _flatten(data, lines_of) -> list[Entry]:
    """Leaves of loaded JSON/TOML data, iteratively; ``lines_of(keys)`` finds a key's line."""
    out: list[Entry] = []
    stack = [((), data)]
    while stack:
        keys, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((keys + (str(k),), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((keys + (f"[{i}]",), v) for i, v in reversed(list(enumerate(value))))
        else:
            out.append(Entry(keys, _text(value), _kind(value), lines_of(keys)))
    return out


_JSON_TOKEN_RE = lazy_re(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,\n]')


class KeyLines:
    """The line of each key path in JSON text, from one pass over its tokens (strings, brackets, colons)."""

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        line = 1
        stack: list[list] = []     # per open container: [is_object, current key or index]
        last_string = None
        for m in _JSON_TOKEN_RE.finditer(text):
            tok = m.group(0)
            if tok == "\n":
                line += 1
            elif tok[0] == '"':
                last_string = tok
            elif tok == ":" and stack and stack[-1][0] and last_string is not None:
                try:
                    stack[-1][1] = json.loads(last_string)
                except ValueError:
                    stack[-1][1] = last_string[1:-1]
                self.lines.setdefault(tuple(str(f[1]) if f[0] else f"[{f[1]}]" for f in stack), line)
            elif tok in "{[":
                if stack and not stack[-1][0]:
                    self.lines.setdefault(tuple(str(f[1]) if f[0] else f"[{f[1]}]" for f in stack), line)
                stack.append([tok == "{", None if tok == "{" else 0])
            elif tok in "}]":
                if stack:
                    stack.pop()
            elif tok == "," and stack and not stack[-1][0]:
                stack[-1][1] += 1
            if tok != "\n" and tok[0] != '"':
                last_string = None

    def __call__(self, keys: tuple) -> int:
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return 1


def read_json(text: str):
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [], (f"does not parse as JSON: {getattr(exc, 'msg', str(exc))}", getattr(exc, "lineno", 0))
    except RecursionError:
        return [], ("is nested too deeply to parse", 0)
    return _flatten(data, KeyLines(text)), None


def read_toml(text: str, lines: list[str]):
    from preflight.project.tomllines import TomlLines
    from preflight.project.manifests import tomllib_module

    tomllib = tomllib_module()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE_RE.search(str(exc))
        return [], (f"does not parse as TOML: {exc}", int(m.group(1)) if m else 0)
    except RecursionError:
        return [], ("is nested too deeply to parse", 0)
    where = TomlLines(lines)
    return _flatten(data, lambda keys: where.key(".".join(keys[:-1]), keys[-1]) if keys else 0), None


def read_ini(lines: list[str]):
    """``[section]`` and ``key = value`` / ``key: value`` lines (configparser's syntax, with lines kept).
    Continuation lines are folded into the value; ``;``/``#`` comment lines are skipped."""
    out: list[Entry] = []
    section = ""
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        m = _INI_SECTION_RE.match(line)
        if m:
            section = m.group(1).strip()
            continue
        if line[:1].isspace() and out and out[-1].keys[0] == section:
            out[-1].value = f"{out[-1].value}\n{stripped}"
            continue
        k = _INI_KEY_RE.match(stripped)
        if k:
            out.append(Entry((section, k.group(1).strip()), k.group(2).strip(), "str", n))
    return out, None


def read_env(lines: list[str]):
    """``KEY=value`` lines (``export`` allowed, quotes removed, a trailing `` # comment`` dropped)."""
    out: list[Entry] = []
    for n, line in enumerate(lines, 1):
        m = _ENV_RE.match(line)
        if not m:
            continue
        value = m.group(2).strip()
        if value[:1] in ("\"", "'") and value.count(value[0]) >= 2:  # not `in "\"'"`: "" is in every string
            value = value[1:value.index(value[0], 1)]
        else:
            value = value.split(" #", 1)[0].strip()
        out.append(Entry((m.group(1),), value, "str", n))
    return out, None


def read_gunicorn(text: str):
    """Top-level ``name = value`` settings of a gunicorn config module, read statically (never run).
    A literal value (string, number, list of strings) is kept as text; anything computed is ``expr``, with
    ``env`` appended to the kind when it reads the environment (``os.environ.get("PORT")``)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        return [], (f"does not parse as Python: {getattr(exc, 'msg', exc)}", getattr(exc, "lineno", 0) or 0)
    except RecursionError:
        return [], ("is nested too deeply to parse", 0)
    out: list[Entry] = []
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            target, value = st.targets[0].id, st.value
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            target, value = st.target.id, st.value
        else:
            continue
        out.append(_python_entry(target, value, st.lineno))
    return out, None


def _python_entry(name: str, value, line: int) -> Entry:
    from preflight.project.python import env_read

    if isinstance(value, ast.Constant) and not isinstance(value.value, bytes):
        return Entry((name,), _text(value.value), _kind(value.value), line)
    if isinstance(value, (ast.List, ast.Tuple)) and value.elts and \
            all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
        return Entry((name,), " ".join(e.value for e in value.elts), "str", line)
    reads_env = any(env_read(n) is not None for n in ast.walk(value))
    return Entry((name,), ast.unparse(value) if hasattr(ast, "unparse") else "", "expr env" if reads_env else "expr",
                 line)
