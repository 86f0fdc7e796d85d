"""Fixes as data: the edits ``preflight check --fix`` makes, computed from the bytes the model read.

A rule that has a mechanical fix attaches one of these to its finding (``Violation(..., fix=...)``, a
``preflight.findings.Fix``); ``preflight/fixer.py`` applies them. Every edit carries the SHA-256 of the
bytes it was computed from, so a file that changed since preflight read it is never overwritten, and byte
offsets, so several fixes in one file (two pins dropped from requirements.txt) compose.

A fix is built only where it is certainly mechanical: the file is UTF-8 (with or without BOM) and the bytes
read now decode to the text the rules judged; it is not a symlink; the target of a rename or a new file
does not exist. Otherwise the function returns None and the finding keeps its hint only.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

from preflight.findings import Edit, Fix, digest
from preflight.lazyre import lazy_re

# ``pip install`` as written in a RUN line: pip, pip3, pip3.12, python -m pip, python3.12 -m pip.
_PIP_INSTALL_RE = lazy_re(rb"(?<![\w./-])(?:pip3?(?:\.\d+)?|python3?(?:\.\d+)?\s+-m\s+pip)\s+install(?=\s|\\|$)")
_CRLF = b"\r\n"
_OLD_SCHEME, _NEW_SCHEME = b"postgres://", b"postgresql://"
# What no image needs or may contain (Docker's matcher anchors patterns at the context root: ``**/`` reaches
# into subfolders). The files the dockerignore check found in the context are added after these.
DOCKERIGNORE_DEFAULTS = (".git", ".env", "**/*.pem", "venv/", ".venv/", "**/__pycache__", "**/*.pyc")
_DOCKERIGNORE_HEADER = "# Written by preflight check --fix: files the image must not contain or does not need.\n"


@dataclass(frozen=True)
class Source:
    """A file's bytes as the fixes see them: the same bytes the rules judged."""

    path: str
    raw: bytes
    digest: str
    starts: tuple[int, ...]   # byte offset of each line's start (line n at starts[n - 1])

    def span(self, first: int, last: int | None = None) -> tuple[int, int]:
        """Bytes of lines ``first``..``last`` (1-based, newline included)."""
        last = first if last is None else last
        end = self.starts[last] if last < len(self.starts) else len(self.raw)
        return self.starts[first - 1], end

    def line_bytes(self, n: int) -> bytes:
        start, end = self.span(n)
        return self.raw[start:end]


def _regular(project, path: str) -> bool:
    """A regular file inside the repository, reached through no symlink."""
    full = project.root / path
    if not project.inside(path) or os.path.islink(full):
        return False
    parent = posixpath.dirname(path)
    if parent and os.path.realpath(project.root / parent) != os.path.join(os.path.realpath(project.root), parent):
        return False  # a folder on the way is a symlink
    return os.path.isfile(full)


def source(project, path: str) -> Source | None:
    """The bytes of ``path`` for an edit, once per run; None when a fix there would not be mechanical."""
    def build():
        if not _regular(project, path):
            return None
        tf = project.text(path)
        raw = project.read_bytes(path)
        if tf is None or raw is None or tf.encoding not in ("utf-8", "utf-8-sig"):
            return None
        body = raw[3:] if tf.bom else raw
        try:
            if body.decode("utf-8") != tf.text:
                return None  # changed since the rules read it
        except UnicodeDecodeError:
            return None
        starts, at = [0], raw.find(b"\n")
        while at != -1 and at + 1 < len(raw):
            starts.append(at + 1)
            at = raw.find(b"\n", at + 1)
        return Source(path, raw, digest(raw), tuple(starts))

    return project.memo(("fix-source", path), build)


def _absent(project, path: str) -> bool:
    parent = posixpath.dirname(path)
    return (project.inside(parent or ".") and not os.path.lexists(project.root / path)
            and (not parent or os.path.isdir(project.root / parent)))


# -- the fixes the rules attach ---------------------------------------------------------------------
def rename(project, path: str, target: str) -> Fix | None:
    """``path`` renamed to ``target`` (git mv inside git)."""
    src = source(project, path) if _regular(project, path) else None
    if src is None or not _absent(project, target):
        return None
    return Fix(f"rename {path} to {target}", (Edit("rename", path, target=target, digest=src.digest),))


def create(project, path: str, text: str, title: str) -> Fix | None:
    """A new file (staged with git add inside git, so the deploy sees it)."""
    if not _absent(project, path):
        return None
    return Fix(title, (Edit("create", path, text=text.encode("utf-8")),))


def python_version_pin(project) -> Fix | None:
    """``.python-version`` with the version the runtime model suggests: the platform's default unless the
    Dockerfile or ``requires-python`` asks for another supported one."""
    version = project.runtime.suggestion()
    why = "the platform's default" if version == project.runtime.default.minor_version else "what the project allows"
    return create(project, ".python-version", f"{version}\n", f"write .python-version: {version} ({why})")


def hash_locked(reqs) -> bool:
    """pip runs in hash-checking mode: some requirement carries --hash, or --require-hashes is set."""
    return any(r.hashes for r in reqs.requirements) or any(o.name == "--require-hashes" for o in reqs.options)


def drop_requirement(project, req) -> Fix | None:
    """The requirement's lines (continuations included) removed from its file."""
    title = f"drop the {req.key} pin from {req.path}:{req.line}"
    reqs = project.requirements
    if reqs is not None and hash_locked(reqs):
        return Fix(title, refused=f"{req.path} is hash-locked (--hash): pip then needs every package pinned with "
                                  f"its hash, so removing the line can make the install fail; regenerate the lock "
                                  f"without {req.key} instead")
    src = source(project, req.path)
    if src is None or req.line > len(src.starts):
        return None
    last = req.line
    while last < len(src.starts) and src.line_bytes(last).rstrip(b"\r\n").endswith(b"\\"):
        last += 1
    start, end = src.span(req.line, last)
    return Fix(title, (Edit("replace", req.path, start, end, b"", digest=src.digest),))


def crlf_to_lf(project, path: str) -> Fix | None:
    src = source(project, path)
    if src is None or _CRLF not in src.raw:
        return None
    edits, at = [], src.raw.find(_CRLF)
    while at != -1:
        edits.append(Edit("replace", path, at, at + 1, b"", digest=src.digest))
        at = src.raw.find(_CRLF, at + 2)
    return Fix(f"convert {path} to LF line endings", tuple(edits))


def make_executable(project, path: str) -> Fix | None:
    """The executable bit: in git's index (the entry's mode only, not its content) and on disk."""
    if not _regular(project, path):
        return None
    return Fix(f"make {path} executable" + (" in git's index" if project.index.in_git else ""),
               (Edit("chmod", path),))


def pip_no_cache_dir(project, path: str, step) -> Fix | None:
    """``--no-cache-dir`` after each ``pip install`` of a RUN step; none when the RUN's text does not show
    exactly the pip installs the model parsed (a pip behind a variable, ``uv pip``, a mix with the flag)."""
    from preflight.project.container import pip_argv, subcommand
    from preflight.project.commands import SimpleCommand

    installs = [c for c in step.commands if (argv := pip_argv(c)) is not None and subcommand(SimpleCommand(argv)) ==
                "install"]
    src = source(project, path)
    if src is None or not installs or any(c.has("--no-cache-dir") or c.program == "uv" for c in installs):
        return None
    start, end = src.span(step.ins.line, step.ins.end_line)
    found = list(_PIP_INSTALL_RE.finditer(src.raw, start, end))
    if len(found) != len(installs):
        return None
    edits = tuple(Edit("replace", path, m.end(), m.end(), b" --no-cache-dir", digest=src.digest) for m in found)
    return Fix(f"add --no-cache-dir to pip install in {path}:{step.ins.line}", edits)


def dockerignore(project, image, leaks: list[str]) -> Fix | None:
    """A ``.dockerignore`` in the image's build context: the defaults, then each file the check found."""
    path = posixpath.join(image.context, ".dockerignore") if image.context else ".dockerignore"
    lines = list(DOCKERIGNORE_DEFAULTS)
    lines += [name for name in leaks if name not in lines and not any(ch in name for ch in "*?[\\!#")]
    return create(project, path, _DOCKERIGNORE_HEADER + "\n".join(lines) + "\n", f"write {path}")


def postgres_scheme(project, path: str, line: int) -> Fix | None:
    """``postgres://`` -> ``postgresql://`` on the one line that holds the URL (unsafe: it edits a URL)."""
    src = source(project, path)
    if src is None or not 0 < line <= len(src.starts):
        return None
    text = src.line_bytes(line)
    if text.count(_OLD_SCHEME) != 1:
        return None
    at = src.span(line)[0] + text.index(_OLD_SCHEME)
    return Fix(f"postgres:// -> postgresql:// in {path}:{line}",
               (Edit("replace", path, at, at + len(_OLD_SCHEME), _NEW_SCHEME, digest=src.digest),), unsafe=True)
