"""``--history``: every line added by every commit reachable from HEAD, scanned with the tree's detectors.

One streamed ``git log -p -U0`` (git's own diff machinery dominates the time, research/secrets.md 6.1):
only ``+`` lines are kept, grouped per file per commit and handed to ``detectors.scan`` as one chunk,
so multi-line private keys are still seen. Each secret is reported once, at the oldest commit that
added it. HEAD only: ``git push heroku main`` sends that branch's history, not every ref.
"""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from preflight.lazyre import lazy_re
from preflight.masking import fingerprint
from preflight.project import detectors
from preflight.project.directives import selectors_on
from preflight.registry import matches

_COMMIT_MARK = b"\x00commit "
_HUNK_RE = lazy_re(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
# A directive on the line a past commit added covers it for these rules (the file may be gone since).
_COVERED_RULES = (("PF703", "secret-in-history"), ("PF701", "secret-committed"))


@dataclass
class Found:
    hit: detectors.Hit   # line and column are those of the file in that commit
    path: str
    commit: str
    date: str


@dataclass
class HistoryResult:
    found: list[Found] = field(default_factory=list)
    commits: int = 0
    notes: list[str] = field(default_factory=list)


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.decode("utf-8", "replace").strip() if out.returncode == 0 else None


def _unquote(path: bytes) -> str:
    """A path from a ``+++ b/...`` line; git C-quotes names with control characters or quotes."""
    text = path.decode("utf-8", "surrogateescape")
    if text.startswith('"') and text.endswith('"'):
        raw = text[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        text = raw.encode("latin-1", "replace").decode("utf-8", "replace")
    return text[2:] if text.startswith(("b/", "a/")) else text


def _suppressed(line: bytes) -> bool:
    if b"preflight" not in line:
        return False
    return any(matches(sel, code, name) for sel in selectors_on(line.decode("utf-8", "replace"))
               for code, name in _COVERED_RULES)


def scan(root: Path, progress=None) -> HistoryResult:
    """Scan HEAD's history; ``progress`` is a stream for a live progress line (a TTY), or None."""
    result = HistoryResult()
    if _git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        result.notes.append("--history: no commits to scan (not a git repository, or no commit yet)")
        return result
    if _git(root, "rev-parse", "--is-shallow-repository") == "true":
        result.notes.append("--history: this is a shallow clone; only the commits present were scanned "
                            "(run 'git fetch --unshallow' to scan them all)")
    total = int(_git(root, "rev-list", "--count", "HEAD") or 0)
    # explicit prefixes: a user's diff.noprefix or diff.mnemonicPrefix must not change the paths
    cmd = ["git", "-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff",
           "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=d",
           "--format=%x00commit %H %cs", "HEAD"]
    try:
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError as exc:
        result.notes.append(f"--history: git could not be run ({exc.strerror})")
        return result

    seen: dict[tuple[str, str], Found] = {}
    commit, date = "", ""
    path: str | None = None
    skip = False
    added: list[bytes] = []
    linenos: list[int] = []
    size = 0
    next_line = 0
    in_hunk = False
    last_report = 0.0

    def flush():
        nonlocal added, linenos, size
        if path and added and not skip and size <= detectors.MAX_FILE_BYTES:
            chunk = b"\n".join(added)
            for h in detectors.scan(path, chunk):
                idx = h.line - 1
                if _suppressed(added[idx]):
                    continue
                real = detectors.Hit(h.kind, h.value, linenos[idx], h.col, h.level, h.note, h.name, h.detail)
                # git log runs newest first: a later sighting is an older commit and replaces the record
                seen[(h.kind, fingerprint(h.value))] = Found(real, path, commit, date)
        added, linenos, size = [], [], 0

    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(_COMMIT_MARK):
                flush()
                path, in_hunk = None, False
                parts = line[len(_COMMIT_MARK):].decode("ascii", "replace").split()
                commit, date = (parts + ["", ""])[:2]
                result.commits += 1
                if progress is not None and time.monotonic() - last_report > 0.2:
                    last_report = time.monotonic()
                    progress.write(f"\rpreflight: scanning history: {result.commits}/{total} commits")
                    progress.flush()
                continue
            if line.startswith(b"diff --git "):
                flush()
                path, in_hunk, skip = None, False, False
                continue
            if not in_hunk:
                if line.startswith(b"+++ "):
                    target = line[4:].rstrip(b"\r\n")
                    path = None if target == b"/dev/null" else _unquote(target)
                    skip = path is None or bool(detectors.skip_reason(path)) or detectors.is_keystore(path)
                elif line.startswith(b"@@ "):
                    in_hunk = True
            if in_hunk:
                if line.startswith(b"@@ "):
                    m = _HUNK_RE.match(line)
                    next_line = int(m.group(1)) if m else 0
                elif line.startswith(b"+") and not skip:
                    if size <= detectors.MAX_FILE_BYTES:
                        content = line[1:].rstrip(b"\r\n")
                        added.append(content)
                        linenos.append(next_line)
                        size += len(content)
                    next_line += 1
        flush()
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
        proc.wait()
        if progress is not None:
            progress.write("\r" + " " * 60 + "\r")
            progress.flush()
    result.found = sorted(seen.values(), key=lambda f: (f.path, f.hit.line, f.hit.col, f.commit))
    return result
