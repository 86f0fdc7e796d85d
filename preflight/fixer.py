"""``preflight check --fix`` / ``--diff``: apply the fixes rules attached to their findings.

The only module besides the project model that touches the repository, and it only writes: it reads
nothing but the files it edits (to check that their bytes are still the ones the fix was computed from).
Safe by construction:
* a file whose SHA-256 differs from the edit's ``digest`` (changed since preflight read it) is left alone;
* paths are repository-relative, never absolute or ``..``, and no symlink is followed, on the way or at the
  end (files are opened with O_NOFOLLOW, folders on the way checked with realpath);
* new files are created with O_EXCL: an existing one is never overwritten;
* git runs with a fixed argv (no shell): ``git mv``, ``git add`` for a new file, ``git update-index
  --cacheinfo`` for the executable bit (``--chmod=+x`` would also stage the file's unstaged content).
Fixes are applied per file in one write; two fixes whose byte ranges overlap are not both applied (the
CLI runs another round, see ``cli.py``). Fixes marked ``unsafe`` need ``unsafe=True``.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from preflight.findings import Edit, Finding, Fix, digest

_GIT_TIMEOUT = 30
# No repository setting may make a fixed git command run a program (an fsmonitor hook, a pager).
_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.pager=cat")


@dataclass
class Outcome:
    fixed: list[tuple[Finding, Fix]] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)   # a fix not applied, and why
    unsafe_skipped: list[Finding] = field(default_factory=list)        # fixes that need --unsafe-fixes
    diff: str = ""


class _Refused(Exception):
    pass


def _safe(root: Path, rel: str) -> Path:
    """``root/rel`` after checking it stays in the repository through no symlinked folder."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise _Refused(f"{rel!r} is not a plain path inside the repository")
    real_root = os.path.realpath(root)
    parent = os.path.realpath(root.joinpath(*parts[:-1])) if len(parts) > 1 else real_root
    if parent != os.path.join(real_root, *parts[:-1]):
        raise _Refused(f"a folder on the way to {rel} is a symlink; not followed")
    return root.joinpath(*parts)


def _read(full: Path) -> bytes:
    """The file's bytes, refusing a symlink or anything but a regular file."""
    import stat

    try:
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _Refused(f"cannot open it ({exc.strerror}); a symlink is never followed") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Refused("not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _current(root: Path, edit: Edit, cache: dict) -> bytes:
    """The bytes of the edit's file now, checked against the ones the fix was computed from."""
    if edit.path not in cache:
        cache[edit.path] = _read(_safe(root, edit.path))
    raw = cache[edit.path]
    if edit.digest and digest(raw) != edit.digest:
        raise _Refused(f"{edit.path} changed on disk since preflight read it; run preflight again")
    return raw


def _check(root: Path, fix: Fix, cache: dict, taken: dict[str, list[tuple[int, int]]]) -> None:
    """Raise _Refused when an edit of ``fix`` cannot be applied now, or overlaps an edit already taken."""
    for e in fix.edits:
        if e.kind == "replace":
            _current(root, e, cache)
            if any(e.start < end and start < e.end or e.start == start == e.end == end
                   for start, end in taken.get(e.path, ())):
                raise _Refused(f"overlaps another fix in {e.path}; run preflight check --fix again")
        elif e.kind == "create":
            if os.path.lexists(_safe(root, e.path)) or not _safe(root, e.path).parent.is_dir():
                raise _Refused(f"{e.path} exists now (or its folder does not); it is never overwritten")
        elif e.kind == "rename":
            _current(root, e, cache)
            if os.path.lexists(_safe(root, e.target)):
                raise _Refused(f"{e.target} exists; it is never overwritten")
        elif e.kind == "chmod":
            import stat

            if not stat.S_ISREG(os.lstat(_safe(root, e.path)).st_mode):  # lstat: a symlink is not a file here
                raise _Refused(f"{e.path} is not a regular file; a symlink is never followed")
        else:
            raise _Refused(f"unknown edit {e.kind!r}")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run([*_GIT, *args], cwd=root, capture_output=True, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None


def _in_git(root: Path) -> bool:
    proc = _git(root, "rev-parse", "--is-inside-work-tree")
    return proc is not None and proc.returncode == 0 and proc.stdout.strip() == b"true"


def _index_entry(root: Path, rel: str) -> tuple[str, str, str] | None:
    """(mode, object id, stage) of ``rel`` in git's index, None when it is not tracked."""
    proc = _git(root, "ls-files", "-s", "-z", "--", rel)
    if proc is None or proc.returncode != 0 or not proc.stdout:
        return None
    meta = proc.stdout.split(b"\0", 1)[0].split(b"\t", 1)[0].decode("ascii", "replace").split()
    return (meta[0], meta[1], meta[2]) if len(meta) == 3 else None


def _write(full: Path, raw: bytes, new: bytes) -> None:
    """Overwrite in place through one descriptor opened without following a symlink, after checking once
    more that the bytes are still ``raw``."""
    fd = os.open(full, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        if b"".join(chunks) != raw:
            raise _Refused(f"{full.name} changed while preflight was fixing it; left alone")
        os.lseek(fd, 0, os.SEEK_SET)
        _write_all(fd, new)
        os.ftruncate(fd, len(new))
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _apply(root: Path, fix: Fix, in_git: bool) -> None:
    """Everything but the replacements (written per file by ``apply``)."""
    for e in fix.edits:
        if e.kind == "create":
            fd = os.open(_safe(root, e.path), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                         0o644)
            try:
                _write_all(fd, e.text)
            finally:
                os.close(fd)
            if in_git:
                _git(root, "add", "--", e.path)
        elif e.kind == "chmod":
            full = _safe(root, e.path)
            mode = os.lstat(full).st_mode
            os.chmod(full, mode | ((mode & 0o444) >> 2))  # x wherever r is set
            entry = _index_entry(root, e.path) if in_git else None
            if entry is not None and entry[2] == "0" and entry[0] == "100644":
                _git(root, "update-index", "--cacheinfo", f"100755,{entry[1]},{e.path}")
        elif e.kind == "rename":
            if in_git and _index_entry(root, e.path) is not None:
                proc = _git(root, "mv", "--", e.path, e.target)
                if proc is None or proc.returncode != 0:
                    raise _Refused("git mv failed: " + (proc.stderr.decode("utf-8", "replace").strip()
                                                        if proc is not None else "git did not run"))
            elif os.path.lexists(_safe(root, e.target)):  # os.rename would replace it
                raise _Refused(f"{e.target} exists; it is never overwritten")
            else:
                os.rename(_safe(root, e.path), _safe(root, e.target))


def _patched(raw: bytes, edits: list[Edit]) -> bytes:
    out, at = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [raw[at:e.start], e.text]
        at = e.end
    out.append(raw[at:])
    return b"".join(out)


def apply(root: Path, findings: list[Finding], *, unsafe: bool = False, write: bool = True,
          mask=lambda line: line, label: str = "") -> Outcome:
    """Apply (``write``) or preview the fixes of ``findings``; ``mask`` hides secrets in diff lines, ``label``
    goes before the paths in the diff (the project's folder when several are checked)."""
    root = Path(root)
    outcome = Outcome()
    cache: dict[str, bytes] = {}
    taken: dict[str, list[tuple[int, int]]] = {}
    chosen: list[tuple[Finding, Fix]] = []
    seen: dict[tuple, Fix] = {}
    for f in findings:
        fix = f.fix
        if fix is None:
            continue
        if fix.refused:
            outcome.refused.append((f, fix.refused))
            continue
        if fix.unsafe and not unsafe:
            outcome.unsafe_skipped.append(f)
            continue
        if fix.edits in seen:  # two findings, one fix (the same CRLF file): fixed once, both reported
            outcome.fixed.append((f, seen[fix.edits]))
            continue
        try:
            _check(root, fix, cache, taken)
        except _Refused as exc:
            outcome.refused.append((f, str(exc)))
            continue
        for e in fix.edits:
            if e.kind == "replace":
                taken.setdefault(e.path, []).append((e.start, e.end))
        seen[fix.edits] = fix
        chosen.append((f, fix))
    replaced: dict[str, list[Edit]] = {}
    for _, fix in chosen:
        for e in fix.edits:
            if e.kind == "replace":
                replaced.setdefault(e.path, []).append(e)
    new = {path: _patched(cache[path], edits) for path, edits in replaced.items()}
    if not write:
        outcome.fixed += chosen
        outcome.diff = render_diff(cache, new, [fix for _, fix in chosen], mask, label)
        return outcome
    failed_paths = set()
    for path, text in new.items():
        try:
            _write(_safe(root, path), cache[path], text)
        except (_Refused, OSError) as exc:
            failed_paths.add(path)
            for f, fix in chosen:
                if any(e.path == path for e in fix.edits):
                    outcome.refused.append((f, str(exc)))
    in_git = _in_git(root)
    for f, fix in chosen:
        if any(e.path in failed_paths for e in fix.edits):
            continue
        try:
            _apply(root, fix, in_git)
        except (_Refused, OSError) as exc:
            outcome.refused.append((f, str(exc)))
            continue
        outcome.fixed.append((f, fix))
    return outcome


def render_diff(old: dict[str, bytes], new: dict[str, bytes], fixes: list[Fix], mask, label: str = "") -> str:
    """A unified diff of what the fixes would change; renames, new files and modes as git shows them.
    Only changed lines are shown (no context: a neighbouring line may hold a secret), each through
    ``mask``; a change of line endings alone is summarised, not printed line by line."""
    import difflib

    out = []
    for path in sorted(new):
        before, after = old[path], new[path]
        out.append(f"--- a/{label}{path}\n+++ b/{label}{path}\n")
        if before.replace(b"\r\n", b"\n") == after:
            crlf = before.count(b"\r\n")
            out.append(f"@@ line endings: CRLF -> LF on {crlf} line(s) @@\n")
            continue
        a = before.decode("utf-8", "replace").splitlines(keepends=True)
        b = after.decode("utf-8", "replace").splitlines(keepends=True)
        for line in list(difflib.unified_diff(a, b, n=0))[2:]:
            text = mask(line.rstrip("\r\n"))
            out.append(text + "\n")
    for fix in fixes:
        for e in fix.edits:
            if e.kind == "create":
                out.append(f"--- /dev/null\n+++ b/{label}{e.path}\n")
                lines = e.text.decode("utf-8").splitlines()
                out.append(f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{mask(ln)}\n" for ln in lines))
            elif e.kind == "rename":
                out.append(f"rename from {label}{e.path}\nrename to {label}{e.target}\n")
            elif e.kind == "chmod":
                out.append(f"diff --git a/{label}{e.path} b/{label}{e.path}\nold mode 100644\nnew mode 100755\n")
    return "".join(out)
