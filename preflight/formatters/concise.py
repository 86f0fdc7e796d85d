"""One line per finding, ``path:line:col: CODE name message``, no fix lines: what problem matchers read.

Nothing else is printed (no summary), so every line of the report is a finding.
"""
from __future__ import annotations

from preflight.formatters.common import position


def write(result, stream, options) -> None:
    for f in result.active:
        line, col = position(f)
        stream.write(f"{f.path}:{line}:{col}: {f.code} {f.name} {f.message}\n")
