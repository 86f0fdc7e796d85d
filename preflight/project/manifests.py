"""Structured manifests: pyproject.toml, Pipfile, Pipfile.lock, app.json (heroku.yml has its own model with
lines, preflight/project/herokuyml.py; the safe YAML composer it and compose.py use is here).

Each is parsed on first use. A file that does not parse yields None and its error is recorded on the
project, which reports it as ``file-unreadable`` with the parser's line.
"""
from __future__ import annotations

from functools import cached_property

from preflight.lazyre import lazy_re

_TOML_LINE_RE = lazy_re(r"line (\d+)")


def tomllib_module():
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    return tomllib


_SHALLOW = 400  # nesting the C composer is given (its recursion is on the C stack)


def _shallow(text: str) -> bool:
    """The text cannot nest deeper than :data:`_SHALLOW` levels (counting brackets and indentation)."""
    import re

    depth = peak = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group(0) in "[{" else max(0, depth - 1)
        if depth > peak:
            peak = depth
            if peak > _SHALLOW:
                return False
    indent = max((len(line) - len(line.lstrip(" -?:")) for line in text.split("\n")), default=0)
    return indent <= _SHALLOW


def yaml_loader(text: str):
    """The PyYAML loader class that is safe for this text: the C loader unless it could nest deep enough to
    overflow the C stack (libyaml recurses there once per level and crashes the process)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    return fast if fast is not None and _shallow(text) else yaml.SafeLoader


def compose_yaml(text: str):
    """``(root node or None, (problem, 1-based line) or None)``: nodes keep their marks, nothing raises."""
    import yaml

    try:
        return yaml.compose(text, Loader=yaml_loader(text)), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, (problem, mark.line + 1 if mark else 0)
    except RecursionError:
        return None, ("nested too deeply", 0)


class Manifests:
    def __init__(self, project):
        self.project = project

    def _text(self, path: str) -> str | None:
        if not self.project.shipped(path) and not self.project.exists(path):
            return None
        tf = self.project.text(path)
        return None if tf is None else tf.text

    def _fail(self, path: str, message: str, line: int = 0) -> None:
        self.project.unreadable[path] = (f"does not parse: {message}", line)

    def _too_deep(self, path: str) -> None:
        # the parsers recurse once per nesting level: thousands of '[' exhaust the stack
        self._fail(path, "nested too deeply")
        return None

    def toml(self, path: str) -> dict | None:
        text = self._text(path)
        if text is None:
            return None
        tomllib = tomllib_module()
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = _TOML_LINE_RE.search(str(exc))
            self._fail(path, str(exc), int(m.group(1)) if m else 0)
            return None
        except RecursionError:
            return self._too_deep(path)

    def json(self, path: str):
        text = self._text(path)
        if text is None:
            return None
        import json

        try:
            return json.loads(text)
        except ValueError as exc:
            self._fail(path, getattr(exc, "msg", str(exc)), getattr(exc, "lineno", 0))
            return None
        except RecursionError:
            return self._too_deep(path)

    @cached_property
    def pyproject(self) -> dict | None:
        return self.toml("pyproject.toml")

    @cached_property
    def pipfile(self) -> dict | None:
        return self.toml("Pipfile")

    @cached_property
    def pipfile_lock(self):
        return self.json("Pipfile.lock")

    @cached_property
    def app_json(self):
        return self.json("app.json")

