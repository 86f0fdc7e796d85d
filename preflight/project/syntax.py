"""Parsing a module as the app's Python parses it, when the Python running preflight is another one.

preflight parses with the interpreter it runs on. When the app's Python (``runtime.app_python``: the pin,
the image's python base, else the platform default) is newer, a file that uses syntax added since (PEP 695
``type X = ...`` and ``def f[T]()``, PEP 701 f-strings, PEP 750 t-strings, PEP 758 ``except A, B:``) does not
parse here, though the app's Python runs it: such a failure is ``newer`` (the release that added the syntax),
not an error the app has. When the app's Python is older, ``ast.parse(feature_version=...)`` catches the
syntax it cannot parse (pattern matching on 3.9, ``type`` statements on 3.11...), which the running parser
would accept.

Sources: the "What's New" pages of Python 3.8-3.14; ``ast.parse`` (``feature_version`` is best-effort: it
reports the constructs the parser knows the version of).
"""
from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass

RUNNING = sys.version_info[:2]
# Syntax a release added, as it shows on the line an older parser rejects: (release, pattern).
NEWER_SYNTAX = (
    ((3, 12), re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(\[.*\])?\s*=")),          # PEP 695 type alias
    ((3, 12), re.compile(r"^\s*(async\s+)?def\s+[A-Za-z_]\w*\s*\[")),           # PEP 695 generic function
    ((3, 12), re.compile(r"^\s*class\s+[A-Za-z_]\w*\s*\[")),                    # PEP 695 generic class
    ((3, 12), re.compile(r"""(?<![\w.])[fF][rR]?(["']).*\{[^}]*\1""")),         # PEP 701 quote reused in {}
    ((3, 14), re.compile(r"""(?<![\w.])[tT][rR]?["']""")),                      # PEP 750 template string
    ((3, 14), re.compile(r"^\s*except\*?\s+[^():\n]+,[^:\n]*:")),                # PEP 758 except A, B:
)


@dataclass
class Parsed:
    tree: ast.Module | None = None
    error: str | None = None     # why it does not parse for the app's Python
    line: int = 0
    col: int = 0
    newer: tuple | None = None   # the failure is syntax of this release, newer than the running Python


def _parse(source: str, path: str, feature_version=None) -> ast.Module:
    if "\\" in source or " is " in source:  # SyntaxWarnings (invalid escapes, `is 1`): not ours
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, filename=path, feature_version=feature_version)
    return ast.parse(source, filename=path, feature_version=feature_version)


def newer_syntax(source: str, line: int) -> tuple | None:
    """The release whose syntax the failing ``line`` (or the one before: a statement split over lines)
    uses, when it is newer than the running Python; None when the failure is not such syntax."""
    lines = source.splitlines()
    for text in lines[max(line - 2, 0):line]:
        for release, pattern in NEWER_SYNTAX:
            if release > RUNNING and pattern.search(text):
                return release
    return None


# PEP 263: a coding declaration on line 1 or 2; text.py's note on a file that is not UTF-8.
_CODING_RE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
_NOT_UTF8_RE = re.compile(r"is not valid UTF-8 \(byte 0x([0-9a-f]{2}) on line (\d+)\)")


def parse(source: str, path: str, app_python: tuple | None, notes=()) -> Parsed:
    """``source`` parsed as ``app_python`` (a (major, minor); None: unknown) would parse it. ``notes``: the
    text model's remarks on the file; one saying it is not UTF-8, in a file with no coding declaration, is
    Python's own SyntaxError at import (a cp1251 or latin-1 module saved by an old editor)."""
    bad = next((m for m in map(_NOT_UTF8_RE.search, notes) if m), None)
    if bad and not any(_CODING_RE.match(line) for line in source.split("\n", 2)[:2]):
        return Parsed(None, f"Non-UTF-8 code starting with '\\x{bad.group(1)}' on line {bad.group(2)}, but no "
                            "encoding declared", int(bad.group(2)))
    try:
        tree = _parse(source, path)
    except SyntaxError as exc:
        line = exc.lineno or 1
        newer = newer_syntax(source, line) if app_python is None or app_python > RUNNING else None
        if newer is not None and app_python is not None and newer > app_python:
            newer = None  # syntax of a release newer than the app's Python too: a real error for the app
        return Parsed(None, exc.msg or "invalid syntax", line, exc.offset or 0, newer)
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        return Parsed(None, str(exc) or type(exc).__name__, 1)
    if app_python is not None and app_python < RUNNING and app_python >= (3, 7):
        try:
            _parse(source, path, feature_version=app_python)
        except SyntaxError as exc:
            return Parsed(tree, f"{exc.msg}; the app runs Python {app_python[0]}.{app_python[1]}",
                          exc.lineno or 1, exc.offset or 0)
        except (ValueError, RecursionError, MemoryError):
            pass
    return Parsed(tree)
