"""Entry scripts: the shell scripts a process starts (docker.md §4.4), with the facts that break them.

Found from the command each process runs: in container mode heroku.yml ``run.<process>`` and
``release.command``, else the ENTRYPOINT/CMD of the image's stage (exec form decoded, ``tini --`` and
``dumb-init`` skipped, ``sh -c '...'`` unwrapped); in buildpack mode the Procfile. A script is *direct*
when the kernel executes it (``./run.sh``, ``/app/entrypoint.sh``: it needs the executable bit and a ``#!``
line) and indirect when a shell reads it (``sh run.sh``: CRLF still breaks it). Bare names
(``CMD ["run.sh"]``) are looked up on PATH, not in the app, and are not followed.

In an image, the script is matched to the COPY that puts it there (``Dockerfile.copy_of``), which gives its
repo path; a ``chmod +x`` or ``COPY --chmod`` and a ``dos2unix``/``sed -i 's/\\r$//'`` after that COPY are
recorded. Its mode is the one git records (``100644``/``100755``; the file's own mode outside git), its
bytes are read once.

``project.entry_scripts`` -> list[:class:`EntryScript`].
"""
from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from functools import cached_property

from preflight.lazyre import lazy_re
from preflight.project.commands import split
from preflight.project.entrypoints import SHELLS
_INIT_WRAPPERS = frozenset({"tini", "dumb-init", "tini-static"})
_EXEC_RE = lazy_re(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*exec\s")
_ENVSUBST_RE = lazy_re(r"(?<![\w-])envsubst(?![\w-])")
# Programs that are the app's long-running process when a script ends with them.
SERVERS = frozenset({"python", "python3", "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "uwsgi",
                     "celery", "flask", "streamlit", "node", "npm", "java", "nginx", "php", "ruby", "rails",
                     "bundle", "rq", "dramatiq", "huey_consumer", "arq", "adev"})


@dataclass
class EntryScript:
    path: str                      # repo-relative
    process: str
    source: str                    # the file whose command runs it: "Dockerfile", "heroku.yml", "Procfile"
    line: int                      # that command's line
    direct: bool                   # executed by the kernel (x bit and #! needed), not read by a shell
    exec_form: bool = False        # exec-form CMD/ENTRYPOINT: no shell around it
    image: object | None = None    # container.Image that runs it (None: buildpack mode)
    image_path: str | None = None  # where it is in the image
    copy_line: int | None = None   # the COPY/ADD that puts it there
    chmod_line: int | None = None  # a chmod +x / COPY --chmod after that COPY
    crlf_fixed_line: int | None = None  # a dos2unix / sed 's/\r$//' after that COPY
    mode: str | None = None        # "100644", "100755" (git's index; the disk's outside git)
    project: object = field(default=None, repr=False, compare=False)

    @property
    def executable(self) -> bool | None:
        """Whether the file carries the executable bit (None: unknown)."""
        return None if self.mode is None else self.mode == "100755"

    @cached_property
    def _text(self):
        return self.project.text(self.path)

    @property
    def lines(self) -> list[str]:
        return self._text.lines if self._text is not None else []

    @property
    def crlf_line(self) -> int:
        """The first line that ends in CRLF (0: none)."""
        return self._text.first_crlf_line if self._text is not None and self._text.crlf else 0

    @property
    def shebang(self) -> str | None:
        """The ``#!`` line (None when the file does not start with one)."""
        first = self.lines[0] if self.lines else ""
        return first if first.startswith("#!") else None

    @property
    def has_bom(self) -> bool:
        return bool(self._text is not None and self._text.bom)

    def commands(self) -> list[tuple[int, str]]:
        """(first line, logical command line) with continuations joined; comments and blanks left out."""
        out, pending, start = [], "", 0
        for n, line in enumerate(self.lines[:2000], 1):
            text = line.rstrip()
            if not pending:
                start = n
            if text.endswith("\\"):
                pending += text[:-1] + " "
                continue
            full = (pending + text).strip()
            pending = ""
            if full and not full.startswith("#"):
                out.append((start, full))
        return out

    def envsubst_lines(self) -> list[int]:
        return [n for n, text in self.commands() if _ENVSUBST_RE.search(text)]

    def last_command(self) -> tuple[int, str] | None:
        found = self.commands()
        return found[-1] if found else None

    def starts_server_without_exec(self) -> tuple[int, str] | None:
        """(line, program) when the script's last command starts a long-running program without ``exec``."""
        last = self.last_command()
        if last is None:
            return None
        line, text = last
        if _EXEC_RE.match(text) or text.rstrip().endswith("&"):
            return None
        cmds = split(text)
        if len(cmds) != 1 or not cmds[0].argv:
            return None
        prog = cmds[0].program
        if prog in SERVERS or prog.startswith("python3."):
            return line, prog
        return None


def _mode(project, path: str) -> str | None:
    if project.index.in_git:
        return project.index.mode(path)
    try:
        st = os.lstat(project.root / path)
    except OSError:
        return None
    return "100755" if st.st_mode & stat.S_IXUSR else "100644"


def _path_like(word: str) -> bool:
    return "/" in word and "$" not in word and not word.endswith("/")


def _argv_scripts(argv: list[str]) -> list[tuple[str, bool, str | None]]:
    """(script as written, direct, shell text to scan instead) for an exec-form argv."""
    argv = list(argv)
    while argv and posixpath.basename(argv[0]) in _INIT_WRAPPERS:
        argv = argv[1:]
        while argv and argv[0].startswith("-"):
            argv = argv[1:]
    if not argv:
        return []
    prog = posixpath.basename(argv[0])
    if prog in SHELLS:
        rest = argv[1:]
        if "-c" in rest:
            i = rest.index("-c")
            return [("", False, rest[i + 1])] if i + 1 < len(rest) else []
        script = next((a for a in rest if not a.startswith("-")), None)
        return [(script, False, None)] if script and "$" not in script else []
    return [(argv[0], True, None)] if _path_like(argv[0]) else []


def _shell_scripts(text: str) -> list[tuple[str, bool]]:
    out = []
    for cmd in split(text.replace("\r", "")):
        argv = cmd.argv
        if not argv:
            continue
        if posixpath.basename(argv[0]) in SHELLS:
            script = next((a for a in argv[1:] if not a.startswith("-")), None)
            if script and "$" not in script and (script.endswith(".sh") or "/" in script):
                out.append((script, False))
        elif _path_like(argv[0]):
            out.append((argv[0], True))
    return out


class _Finder:
    def __init__(self, project):
        self.project = project
        self.out: list[EntryScript] = []
        self._seen: set = set()

    def add(self, written: str, direct: bool, process: str, source: str, line: int, image=None, stage=None,
            before: int | None = None, exec_form: bool = False) -> None:
        project = self.project
        if image is not None and (image.dockerfile is None or stage is None):
            return
        es = EntryScript("", process, source, line, direct, exec_form=exec_form, image=image, project=project)
        if image is not None:
            df = image.dockerfile
            es.image_path = posixpath.normpath(posixpath.join(df.workdir(stage, before), written))
            found = df.copy_of(es.image_path, stage, before)
            if found is None:
                return  # not from the build context (a base image's script, or COPY --from): cannot tell
            rel, copy = found
            es.path = posixpath.normpath(posixpath.join(image.context, rel)) if image.context else rel
            es.copy_line = copy.line
            facts = project.container.facts(df)
            es.chmod_line = facts.executable_since(es.image_path, stage, copy.line)
            es.crlf_fixed_line = facts.crlf_fixed_since(es.image_path, stage, copy.line)
        else:
            rel = written[5:] if written.startswith("/app/") else written
            if rel.startswith("/"):
                return
            es.path = posixpath.normpath(rel)
        if es.path.startswith("..") or not project.shipped(es.path) and not (
                not project.index.in_git and project.exists(es.path)) or project.index.is_dir(es.path):
            return
        key = (es.path, source, line)
        if key in self._seen:
            return
        self._seen.add(key)
        es.mode = _mode(project, es.path)
        self.out.append(es)

    def shell(self, text: str, process: str, source: str, line: int, image=None, stage=None) -> None:
        for written, direct in _shell_scripts(text):
            self.add(written, direct, process, source, line, image, stage)

    def container(self) -> None:
        hy = self.project.heroku_yml
        run = hy.run if hy is not None and hy.builds_docker else {}
        images = self.project.container.images
        by_proc = {i.process: i for i in images}
        for image in images:
            df, stage = image.dockerfile, image.stage
            if df is None or stage is None or image.process in run:
                continue
            entry, cmd = df.start(stage)
            main = entry if entry is not None else cmd
            if main is None:
                continue
            argv = main.exec_form
            if argv is None:
                self.shell(main.value, image.process, image.path, main.line, image, stage)
                continue
            found = _argv_scripts(argv)
            if not found and entry is not None and cmd is not None and cmd.exec_form is not None and \
                    all(posixpath.basename(a) in _INIT_WRAPPERS or a.startswith("-") for a in argv):
                main, found = cmd, _argv_scripts(cmd.exec_form)   # ENTRYPOINT ["tini", "--"] + CMD [...]
            for written, direct, inner in found:
                if inner is not None:
                    self.shell(inner, image.process, image.path, main.line, image, stage)
                else:
                    self.add(written, direct, image.process, image.path, main.line, image, stage,
                             exec_form=True)
        for proc, spec in run.items():
            image = by_proc.get(spec.image or proc) or by_proc.get("web")
            for text, line in spec.commands:
                self.shell(text, proc, hy.path, line, image, image.stage if image else None)
        if hy is not None and hy.release is not None:
            image = by_proc.get(hy.release.image or "web")
            for text, line in hy.release.commands:
                self.shell(text, "release", hy.path, line, image, image.stage if image else None)

    def procfile(self) -> None:
        pf = self.project.procfile
        for proc in pf.processes if pf is not None else ():
            self.shell(proc.command, proc.name, pf.path, proc.line)


def find(project) -> list[EntryScript]:
    finder = _Finder(project)
    if project.mode == "container":
        finder.container()
    else:
        finder.procfile()
    return finder.out
