"""Baselines: record today's findings once, then fail only on new ones (``--write-baseline``/``--baseline``).

An entry is (rule code, path, Finding.fingerprint). The fingerprint hashes the code, the path and the
rule's anchor (a secret's own hash for secret findings), so a finding that moves to another line still
matches, a changed secret does not, and the file never churns: no line numbers, no timestamps, no tool
version, entries sorted. It never holds a secret or a preview of one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from preflight.errors import BaselineError

FORMAT_VERSION = 1
__all__ = ["BaselineError", "apply", "entries", "load", "resolve", "write"]


def load(path: str | os.PathLike) -> set[tuple[str, str, str]]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file {p} does not exist (create it with --write-baseline {p})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline file {p} cannot be read ({getattr(exc, 'strerror', None) or exc})") \
            from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise BaselineError(f"baseline file {p} is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"baseline file {p} is not a preflight baseline (no 'findings' list)")
    if doc.get("version") != FORMAT_VERSION:
        raise BaselineError(f"baseline file {p} has format version {doc.get('version')!r}; this preflight "
                            f"reads version {FORMAT_VERSION} (rewrite it with --write-baseline)")
    keys = set()
    for i, entry in enumerate(doc["findings"]):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str)
                                                for k in ("code", "path", "fingerprint"))):
            raise BaselineError(f"baseline file {p}: entry {i + 1} needs string 'code', 'path' and 'fingerprint'")
        keys.add((entry["code"], entry["path"], entry["fingerprint"]))
    return keys


def resolve(path: str, project=None) -> Path:
    """A relative path is taken from the current directory, else from the project root."""
    p = Path(path)
    if p.is_absolute() or p.exists() or project is None:
        return p
    return Path(project.root) / p


def apply(findings, path: str, project=None) -> int:
    """Mark findings recorded in the baseline ``suppressed_by="baseline"``; return how many matched."""
    keys = load(resolve(path, project))
    n = 0
    for f in findings:
        if f.suppressed_by is None and (f.code, f.path, f.fingerprint) in keys:
            f.suppressed_by = "baseline"
            n += 1
    return n


def entries(findings) -> list[dict]:
    rows = {(f.path, f.code, f.fingerprint): f.name for f in findings}
    return [{"code": code, "name": name, "path": path, "fingerprint": fp}
            for (path, code, fp), name in sorted(rows.items())]


def write(findings, path: str | os.PathLike) -> int:
    """Write the findings as a baseline; returns the number of entries."""
    rows = entries(findings)
    doc = {"version": FORMAT_VERSION, "tool": "preflight", "findings": rows}
    p = Path(path)
    # Replace a regular file atomically; anything else (/dev/stdout, a pipe) is written in place, since
    # renaming over it would replace the device node with a plain file.
    atomic = not p.exists() or p.is_file()
    target = p.with_name(p.name + ".tmp") if atomic else p
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(doc, fh, indent=2, sort_keys=True)
            fh.write("\n")
        if atomic:
            os.replace(target, p)
    except OSError as exc:
        raise BaselineError(f"cannot write baseline file {p} ({exc.strerror})") from None
    return len(rows)
