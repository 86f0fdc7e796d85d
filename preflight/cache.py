"""A cache of ``preflight check`` results across runs that cannot give a stale answer.

An entry is the list of findings one project gave (before formatting), stored under a hash of everything
that result depends on:

* preflight itself: its version, a digest of its own installed source and data files (an editable install
  changes code without a version bump), the Python that runs it and the versions of the parsers it uses;
* the settings: every field of the resolved settings, the selected rules, the baseline file's bytes;
* today's date (the runtime end-of-life rules read it);
* the repository: every file and folder on disk under the root (``.git`` and the cache folder aside) with
  its type, mode and the blake2b of its bytes, and git's own listing (the index with modes and blob ids, the
  untracked and the ignored files, the exclude files git reads). Content decides, never a modification time.

Anything that cannot be hashed (a read error, a symlink out of the repository, a named pipe, a tree too big)
means the run is not cached. The repository is hashed before and after the run, so a file edited while
preflight reads it is never stored under the old content. Runs with an internal error are never stored.

The folder is ``.preflight_cache/`` at the repository root (its own ``.gitignore`` holds ``*``; the project
model leaves it out) or ``$PREFLIGHT_CACHE_DIR``. A folder that cannot be created or written means no
cache, silently. Entries are written to a temporary file and renamed into place (two runs may share the
folder); an entry that does not parse, or whose stored key differs, is a miss; the newest ``MAX_ENTRIES``
are kept. Entries are JSON, never pickle: the folder sits inside a repository someone else may have
packed, and reading it must not run anything. The folder's inode is part of the key, so entries shipped in
an archive or a commit (a new inode when unpacked) never match.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import os
import stat
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from preflight import __version__
from preflight.findings import Edit, Finding, Fix, Severity
from preflight.project.files import CACHE_DIR

DIR_NAME = CACHE_DIR  # the model leaves it out
ENV_DIR = "PREFLIGHT_CACHE_DIR"
MAX_ENTRIES = 20
# Past these the hashing would cost more than it saves; such a tree is simply not cached.
MAX_TREE_FILES = 200_000
MAX_TREE_BYTES = 2 * 1024 ** 3
# The parsers whose versions can change a finding (pyproject.toml's dependencies).
PARSERS = ("packaging", "pyflakes", "PyYAML", "dockerfile-parse", "pathspec", "tomli")
_GIT_TIMEOUT = 30


def _hasher():
    import hashlib

    return hashlib.blake2b(digest_size=32)


# -- preflight itself -------------------------------------------------------------------------
@lru_cache(maxsize=None)
def tool_digest() -> str:
    """preflight's version, its installed source and data files, the Python running it, its parsers."""
    import platform

    import preflight
    import preflight.rules

    h = _hasher()
    h.update(f"{__version__}\0{sys.version}\0{platform.python_implementation()}\0".encode())
    for folder in dict.fromkeys(Path(p).resolve() for p in (*preflight.__path__, *preflight.rules.__path__)):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".pyo")):
                    continue
                full = os.path.join(dirpath, name)
                with open(full, "rb") as fh:
                    data = fh.read()
                h.update(f"{os.path.relpath(full, folder)}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
                h.update(data)
    from importlib import metadata

    for dist in PARSERS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}={version}\0".encode())
    return h.hexdigest()


# -- the settings -----------------------------------------------------------------------------
def settings_digest(settings, rules) -> str | None:
    """Every resolved setting, the rules selected (code and severity), the baseline file's bytes."""
    fields = dataclasses.asdict(settings)
    h = _hasher()
    h.update(json.dumps(fields, sort_keys=True, default=str).encode())
    h.update(json.dumps([(r.code, r.name, r.severity.value) for r in rules]).encode())
    if settings.baseline:
        try:
            with open(settings.baseline, "rb") as fh:
                h.update(b"baseline\0" + fh.read())
        except OSError:
            return None
    h.update(_today().encode())
    return h.hexdigest()


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


# -- the repository ---------------------------------------------------------------------------
def _git(root: Path, *args: str) -> bytes:
    from preflight.project.files import GIT  # the same git invocation the model uses (no fsmonitor)

    try:
        proc = subprocess.run([*GIT, *args], cwd=root, capture_output=True, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        raise _Unhashable() from None
    return b"%d\0" % proc.returncode + proc.stdout


class _Unhashable(Exception):
    pass


def _file_bytes(path: str) -> bytes:
    """The bytes of ``path``, a regular file (never follows a symlink, never blocks on a pipe)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Unhashable()
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def _git_exclude_files(root: Path) -> list[str]:
    """The exclude files git reads besides the .gitignore files on disk: .git/info/exclude, core.excludesFile."""
    out = _git(root, "rev-parse", "--git-path", "info/exclude").split(b"\0", 1)[1].strip()
    paths = [os.path.join(root, out.decode("utf-8", "surrogateescape"))] if out else []
    configured = _git(root, "config", "--path", "--get", "core.excludesFile").split(b"\0", 1)[1].strip()
    if configured:
        paths.append(configured.decode("utf-8", "surrogateescape"))
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
        paths.append(os.path.join(xdg, "git", "ignore"))
    return paths


def tree_digest(root: Path, skip: set[str] = frozenset()) -> str | None:
    """The hash of everything the project model can see under ``root``, or None when something cannot be
    hashed. ``skip``: root-level names left out (the cache folder)."""
    root = Path(root)
    real_root = os.path.realpath(root)
    h = _hasher()
    files = total = 0
    skip_bytes = {s.encode() for s in skip}  # the model leaves the cache folder out too (project/files.py)
    try:
        # git's view: the index (paths, modes, blob ids, stages), untracked and ignored files
        h.update(_git(root, "ls-files", "-z", "--stage"))
        for listing in (("--others", "--exclude-standard"),
                        ("--others", "--ignored", "--exclude-standard", "--directory")):
            out = _git(root, "ls-files", "-z", *listing)
            h.update(b"\0".join(p for p in out.split(b"\0") if p.split(b"/", 1)[0] not in skip_bytes))
        for path in _git_exclude_files(root):
            try:
                h.update(b"exclude\0" + path.encode("utf-8", "surrogateescape") + b"\0" + _file_bytes(path))
            except FileNotFoundError:
                h.update(b"no-exclude\0" + path.encode("utf-8", "surrogateescape"))
        # the disk's view: every entry, its type and mode, a regular file's bytes, a symlink's target
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=_raise):
            rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            if not rel:
                dirnames[:] = [d for d in dirnames if d != ".git" and d not in skip]
                filenames = [f for f in filenames if f not in skip]
            dirnames.sort()
            for name in sorted(filenames) + [d + "/" for d in dirnames]:
                full = os.path.join(dirpath, name.rstrip("/"))
                st = os.lstat(full)
                h.update(f"{rel}{name}\0{st.st_mode:o}\0".encode("utf-8", "surrogateescape"))
                if stat.S_ISLNK(st.st_mode):
                    target = os.readlink(full)
                    real = os.path.realpath(full)
                    if not (real == real_root or real.startswith(real_root + os.sep)):
                        return None  # points out of the repository
                    h.update(target.encode("utf-8", "surrogateescape") + b"\0")
                elif stat.S_ISREG(st.st_mode):
                    files += 1
                    total += st.st_size
                    if files > MAX_TREE_FILES or total > MAX_TREE_BYTES:
                        return None
                    data = _file_bytes(full)
                    h.update(b"%d\0" % len(data))
                    h.update(data)
                elif not stat.S_ISDIR(st.st_mode):
                    return None  # a named pipe, a socket, a device
    except (OSError, _Unhashable, UnicodeError):
        return None
    return h.hexdigest()


def _raise(exc: OSError):
    raise exc


# -- entries ----------------------------------------------------------------------------------
def _finding_to_json(f: Finding) -> dict:
    out = {k: getattr(f, k) for k in ("code", "name", "message", "path", "line", "col", "hint", "anchor",
                                      "data", "suppressed_by")}
    out["severity"] = f.severity.value
    if f.fix is not None:
        out["fix"] = {"title": f.fix.title, "unsafe": f.fix.unsafe, "refused": f.fix.refused,
                      "edits": [{"kind": e.kind, "path": e.path, "start": e.start, "end": e.end,
                                 "text": base64.b64encode(e.text).decode(), "target": e.target,
                                 "digest": e.digest} for e in f.fix.edits]}
    return out


def _finding_from_json(d: dict) -> Finding:
    d = dict(d)
    fix = d.pop("fix", None)
    if fix is not None:
        fix = dict(fix)
        edits = tuple(Edit(**{**e, "text": base64.b64decode(e["text"], validate=True)}) for e in fix.pop("edits"))
        fix = Fix(edits=edits, **fix)
    return Finding(severity=Severity(d.pop("severity")), fix=fix, **d)


class Cache:
    """The cache of one project root; ``key`` is None when this run cannot be cached."""

    def __init__(self, root: Path, settings, rules, environ=os.environ):
        self.root = Path(root)
        configured = environ.get(ENV_DIR, "").strip()
        self.folder = Path(configured) if configured else self.root / DIR_NAME
        skip = {DIR_NAME} if self.folder == self.root / DIR_NAME else set()
        self._parts = None
        self.key = None
        self._skip = skip
        try:
            tool_part = tool_digest()
        except OSError:  # preflight's own files cannot be read: what would the key say?
            return
        settings_part = settings_digest(settings, rules)
        tree_part = tree_digest(self.root, skip)
        if settings_part is None or tree_part is None:
            return
        self._tree = tree_part
        self._base = f"{tool_part}\0{settings_part}\0{os.path.realpath(self.root)}\0"
        self.key = self._key(self._folder_identity())

    def _folder_identity(self) -> str:
        """The cache folder's device and inode ("-" while it does not exist yet): an entry written into a
        different folder (one unpacked from an archive) never matches."""
        try:
            st = os.lstat(self.folder)
        except OSError:
            return "-"
        return f"{st.st_dev}:{st.st_ino}" if stat.S_ISDIR(st.st_mode) else "not-a-folder"

    def _key(self, identity: str) -> str:
        h = _hasher()
        h.update(f"{self._base}{self._tree}\0{identity}".encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    stored_platform: dict | None = None  # the platform choice the loaded entry was made with

    def load(self):
        """(findings, note) stored for this key, or None; ``stored_platform`` is set from the entry."""
        if self.key is None:
            return None
        path = self.folder / f"{self.key}.json"
        try:
            entry = json.loads(_file_bytes(str(path)))
            if entry.get("key") != self.key:
                return None
            findings = [_finding_from_json(d) for d in entry["findings"]]
            note = entry["note"]
            platform = entry.get("platform")
            if not isinstance(note, str) or not isinstance(platform, (dict, type(None))):
                return None
        except (OSError, _Unhashable, ValueError, TypeError, KeyError, AttributeError):
            return None
        try:
            os.utime(path)  # the newest entries are kept
        except OSError:
            pass
        self.stored_platform = platform
        return findings, note

    def store(self, findings: list[Finding], note: str, platform: dict | None = None) -> None:
        """Record this run; nothing when the repository changed during the run, when the findings do not
        survive a round trip unchanged, or when the folder cannot be written."""
        if self.key is None or tree_digest(self.root, self._skip) != self._tree:
            return
        try:
            payload = json.loads(json.dumps([_finding_to_json(f) for f in findings]))
            if [_finding_from_json(d) for d in payload] != findings:
                return  # something JSON cannot carry exactly (a tuple, a non-string key)
        except (TypeError, ValueError):
            return
        try:
            self._prepare_folder()
            key = self._key(self._folder_identity())  # the folder may have been created just now
            self._write(f"{key}.json", json.dumps({"key": key, "note": note, "platform": platform,
                                                          "findings": payload}))
            self._prune()
        except OSError:
            return

    def _prepare_folder(self) -> None:
        st = None
        try:
            st = os.lstat(self.folder)
        except FileNotFoundError:
            os.makedirs(self.folder, exist_ok=True)
            st = os.lstat(self.folder)
        if not stat.S_ISDIR(st.st_mode):
            raise OSError("not a folder")  # a symlink or a file in its place: never written through
        if not os.path.lexists(self.folder / ".gitignore"):
            self._write(".gitignore", "# preflight's cache: never committed\n*\n")

    def _write(self, name: str, text: str) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.folder / name)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _prune(self) -> None:
        entries = []
        for name in os.listdir(self.folder):
            if name.endswith(".json") and not name.startswith("."):
                try:
                    entries.append((os.lstat(self.folder / name).st_mtime_ns, name))
                except OSError:
                    continue
        for _, name in sorted(entries, reverse=True)[MAX_ENTRIES:]:
            try:
                os.unlink(self.folder / name)
            except OSError:
                pass
