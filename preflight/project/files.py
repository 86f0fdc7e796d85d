"""Which files the deploy will see: git's index when there is one, else a walk honouring .gitignore."""
from __future__ import annotations

import os
import stat
import subprocess
from functools import cached_property
from pathlib import Path

# Folders a walk outside git never descends into: they are never app source, and a committed
# virtualenv is reported by its pyvenv.cfg, which the walk still records.
_WALK_SKIP = {".git", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox"}
_GIT_TIMEOUT = 30
# preflight's own cache folder (preflight/cache.py) at the root is not part of the repository: the model
# never lists it, so its coming and going cannot change a finding (the cache's key leaves it out too).
CACHE_DIR = ".preflight_cache"
# A repository's own .git/config can name a program for git to run: core.fsmonitor runs on every command
# that reads the index (ls-files, check-ignore). Reading a repository must never run its programs.
GIT = ("git", "-c", "core.fsmonitor=")


def _git(root: Path, *args: str, errors: list[str] | None = None) -> bytes | None:
    try:
        proc = subprocess.run([*GIT, *args], cwd=root, capture_output=True, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0 and errors is not None:
        errors.append(proc.stderr.decode("utf-8", "replace"))
    return proc.stdout if proc.returncode == 0 else None


def _split_z(out: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]


class FileIndex:
    """Paths are POSIX and relative to the checked root."""

    def __init__(self, root: Path):
        self.root = root
        self.modes: dict[str, str] = {}
        self.note = ""
        errors: list[str] = []
        out = _git(root, "ls-files", "-z", "--stage", errors=errors)
        if out is not None:
            self.in_git = True
            for entry in _split_z(out):
                meta, _, path = entry.partition("\t")
                self.modes[path] = meta.split(" ", 1)[0]
            self.files = sorted(self.modes)
        else:
            self.in_git = False
            self.note = "not a git repository: every file on disk that .gitignore does not exclude is checked"
            if any("dubious ownership" in e for e in errors):
                # git refuses a repository another user owns (a checkout unpacked as root, a mounted
                # volume); reading it anyway would run that repository's configured commands
                self.note = ("git refuses to read this repository because another user owns it (see 'git "
                             "config --global --add safe.directory'); every file on disk that .gitignore "
                             "does not exclude is checked instead of what git tracks")
            self.files = self._walk()
        self._shipped = set(self.files)

    # -- what the deploy sees ---------------------------------------------------------------
    def shipped(self, path: str) -> bool:
        return path in self._shipped

    def exists(self, path: str) -> bool:
        return os.path.lexists(self.root / path)

    def is_dir(self, path: str) -> bool:
        return (self.root / path).is_dir()

    def mode(self, path: str) -> str | None:
        """The git index mode (``100644``, ``100755``, ``120000``), None outside git."""
        return self.modes.get(path)

    @cached_property
    def root_names(self) -> list[str]:
        try:
            return sorted(n for n in os.listdir(self.root) if n != CACHE_DIR)
        except OSError:
            return []

    @cached_property
    def shipped_dirs(self) -> set[str]:
        dirs = set()
        for f in self.files:
            parts = f.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/".join(parts[:i]))
        return dirs

    # -- what git leaves out ----------------------------------------------------------------
    @cached_property
    def _ignored(self) -> set[str]:
        if self.in_git:
            out = _git(self.root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                       "--directory")
            return _without_cache(_split_z(out or b""))
        return self._walk_ignored

    @cached_property
    def _untracked(self) -> set[str]:
        if not self.in_git:
            return set()
        out = _git(self.root, "ls-files", "-z", "--others", "--exclude-standard", "--directory")
        return _without_cache(_split_z(out or b""))

    def ignore_sources(self, paths) -> dict[str, str]:
        """For each path git ignores (present or not): ``".gitignore:LINE ('pattern')"``, the rule that
        ignores it. One git call for all paths, made only when a rule already has a finding to explain;
        outside git, the root .gitignore is matched with pathspec."""
        paths = list(dict.fromkeys(paths))
        if not paths:
            return {}
        if self.in_git:  # git itself decides: negations, nested files, .git/info/exclude
            try:
                proc = subprocess.run([*GIT, "check-ignore", "--no-index", "-v", "-z", "--stdin"],
                                      input="\0".join(paths).encode("utf-8", "surrogateescape") + b"\0",
                                      cwd=self.root, capture_output=True, timeout=_GIT_TIMEOUT)
            except (OSError, subprocess.SubprocessError):
                return {}
            fields = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
            found = {}
            for i in range(0, len(fields) - 3, 4):
                source, line, pattern, path = fields[i:i + 4]
                if pattern and not pattern.startswith("!"):
                    found[path] = f"{source}:{line} ('{pattern}')"
            return found
        lines = self.root_ignore_lines
        if not lines:
            return {}
        found = {}
        spec = gitignore_spec(lines)
        for path in paths:
            if spec.match_file(path):
                n = max((i for i, ln in enumerate(lines, 1) if ln.strip() and not ln.startswith(("#", "!"))
                         and gitignore_spec([ln]).match_file(path)), default=0)
                found[path] = f".gitignore:{n} ('{lines[n - 1].strip()}')" if n else ".gitignore"
        return found

    def explain_ignored(self, paths) -> dict[str, str]:
        """``ignore_sources`` for the paths the root .gitignore may match (a cheap over-approximation of its
        patterns first, so git runs only when it may matter). A path ignored only by a nested .gitignore or
        .git/info/exclude is not explained: ``ignored`` still says it is ignored."""
        could = self._root_prefilter
        return self.ignore_sources([p for p in dict.fromkeys(paths) if could(p)])

    @cached_property
    def root_ignore_lines(self) -> list[str]:
        """The root .gitignore's lines ([] when there is none or it cannot be read; a symlink is not
        followed: git does not follow one either)."""
        if os.path.islink(self.root / ".gitignore"):
            return []
        try:
            with open(self.root / ".gitignore", encoding="utf-8-sig", errors="replace") as fh:
                return fh.read().splitlines()
        except OSError:
            return []

    @cached_property
    def _root_prefilter(self):
        """A predicate true for every path a root .gitignore pattern could match (one regex for the patterns
        without a slash, fnmatch for the others); false positives only cost a git call."""
        import fnmatch
        import re

        simple, nested = [], []
        for line in self.root_ignore_lines:
            pat = line.strip()
            if not pat or pat.startswith(("#", "!")):
                continue
            pat = pat.rstrip("/").lstrip("/")
            if pat:
                (nested if "/" in pat else simple).append(pat)
        segment_re = re.compile("|".join(fnmatch.translate(p) for p in simple)) if simple else None

        def could(path: str) -> bool:
            if segment_re is not None and any(segment_re.match(seg) for seg in path.split("/")):
                return True
            return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p + "/*") or
                       fnmatch.fnmatch(path, p.lstrip("*/")) or path.startswith(p.lstrip("*/") + "/")
                       for p in nested)

        return could

    def ignored(self, path: str) -> bool:
        """True when .gitignore (or .git/info/exclude) keeps ``path`` out of git."""
        return self._covered(path, self._ignored)

    def untracked(self, path: str) -> bool:
        """On disk, not ignored, but never added to git."""
        return self._covered(path, self._untracked)

    @staticmethod
    def _covered(path: str, entries: set[str]) -> bool:
        if path in entries or path + "/" in entries:
            return True
        parts = path.split("/")
        return any("/".join(parts[:i]) + "/" in entries for i in range(1, len(parts)))

    # -- outside git ------------------------------------------------------------------------
    def _walk(self) -> list[str]:
        self._walk_ignored: set[str] = set()
        specs: list[tuple[str, object]] = []
        found: list[str] = []
        root = str(self.root)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            if ".gitignore" in filenames:
                spec = _load_gitignore(os.path.join(dirpath, ".gitignore"))
                if spec is not None:
                    specs.append((rel, spec))
            keep = []
            for d in sorted(dirnames):
                path = rel + d
                if d in _WALK_SKIP or path == CACHE_DIR:
                    continue
                if _matches(specs, path + "/"):
                    self._walk_ignored.add(path + "/")
                    continue
                if os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg")):
                    found.append(path + "/pyvenv.cfg")  # recorded, not walked
                    continue
                keep.append(d)
            dirnames[:] = keep
            for f in filenames:
                path = rel + f
                if not _ships(os.path.join(dirpath, f)):
                    continue
                if _matches(specs, path):
                    self._walk_ignored.add(path)
                else:
                    found.append(path)
        return sorted(found)


def _without_cache(paths: list[str]) -> set[str]:
    return {p for p in paths if p.split("/", 1)[0] != CACHE_DIR}


def _ships(full: str) -> bool:
    """A regular file or a symlink (git stores the link itself); not a named pipe, socket or device,
    which git cannot add and which a read would block on."""
    try:
        mode = os.lstat(full).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def _load_gitignore(path: str):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    return gitignore_spec(lines)


def gitignore_spec(lines: list[str]):
    """The pathspec matcher of gitignore ``lines`` (only needed outside git). A line pathspec rejects
    (a lone trailing backslash, a bad range) is left out, as git leaves out a pattern it cannot use."""
    import re
    import warnings

    import pathspec

    with warnings.catch_warnings():  # "[[x]]" compiles with a FutureWarning (nested set) on the user's stderr
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        except (ValueError, re.error):  # one bad line (GitIgnorePatternError) must not stop the whole walk
            usable = []
            for ln in lines:
                try:
                    pathspec.GitIgnoreSpec.from_lines([ln])
                except (ValueError, re.error):
                    continue
                usable.append(ln)
            return pathspec.GitIgnoreSpec.from_lines(usable)


def _matches(specs, path: str) -> bool:
    for base, spec in specs:
        if path.startswith(base) and spec.match_file(path[len(base):]):
            return True
    return False
