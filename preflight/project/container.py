"""The container images the platform builds, and what each Dockerfile puts in them (docker.md §4).

* ``images``: which Dockerfile each process type builds: heroku.yml ``build.docker`` (with its ``target``),
  else ``heroku container:push``'s files: the root ``Dockerfile`` for ``web``, ``Dockerfile.<process>`` for
  that process (the CLI's ``--recursive`` naming; ``Dockerfile.dockerignore`` is an ignore file, not an
  image). The build context is the Dockerfile's folder.
* per Dockerfile: its RUN steps split into simple commands (heredoc bodies included), the apt/apk packages
  each stage chain installs, ``chmod +x`` / ``COPY --chmod`` and CRLF fixes applied to a path, the base
  image and whether it lacks gettext's ``envsubst`` (slim, alpine, distroless, scratch).

Facts are computed once per Dockerfile (``project.container``, a cached property of the project).
Image facts about pip (what the image pip-installs) live in ``preflight/project/image.py``, not here.
"""
from __future__ import annotations

import fnmatch
import posixpath
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.project.commands import SimpleCommand, split
from preflight.project.dockerfile import Dockerfile, Instruction, Stage, _join

# Debian's package is gettext-base (or the whole gettext); Alpine's gettext or gettext-envsubst.
GETTEXT_PACKAGES = frozenset({"gettext-base", "gettext", "gettext-envsubst"})
_PROC_FILE_RE = lazy_re(r"^Dockerfile\.(\w+)$")
_OCTAL_RE = lazy_re(r"^0?[0-7]{3,4}$")
_CACHE_MOUNT_RE = lazy_re(r"--mount=\S*type=cache\S*")


@dataclass
class Image:
    process: str
    path: str                  # the Dockerfile, repo-relative
    target: str | None         # the stage heroku.yml asks for
    declared: str              # where the mapping comes from: "heroku.yml", or the Dockerfile's own name
    line: int                  # its line in heroku.yml (0 otherwise)
    dockerfile: Dockerfile | None

    @property
    def context(self) -> str:
        """The build context, repo-relative ("" = the root): the Dockerfile's folder."""
        return posixpath.dirname(self.path)

    @property
    def stage(self) -> Stage | None:
        df = self.dockerfile
        if df is None:
            return None
        if self.target:
            for st in df.stages:
                if (st.name or "").lower() == self.target.lower():
                    return st
        return df.final


@dataclass
class RunStep:
    ins: Instruction
    stage: Stage
    text: str                               # the shell text: the value and the heredoc bodies
    commands: list[SimpleCommand] = field(default_factory=list)
    cache_mounts: bool = False              # RUN --mount=type=cache,...

    def programs(self) -> list[str]:
        return [c.program for c in self.commands]


def package_args(cmd: SimpleCommand, value_opts=("-o", "--option", "-t", "--target-release", "--virtual", "-t",
                                                  "--repository", "-X")) -> list[str]:
    """The package words after the subcommand (options and their values skipped)."""
    out, skip = [], False
    for a in cmd.argv[2:]:
        if skip:
            skip = False
            continue
        if a.startswith("-"):
            skip = a in value_opts
            continue
        out.append(a.split("=", 1)[0])
    return out


def subcommand(cmd: SimpleCommand) -> str:
    for a in cmd.argv[1:]:
        if not a.startswith("-"):
            return a
    return ""


class DockerfileFacts:
    def __init__(self, df: Dockerfile):
        self.df = df
        self.steps: list[RunStep] = []
        for ins in df.instructions:
            if ins.instruction != "RUN" or ins.stage < 0:
                continue
            stage = df.stages[ins.stage]
            argv = ins.exec_form
            bodies = "\n".join(body for _, body in ins.heredocs)
            text = (" ".join(argv) if argv is not None else ins.value) + ("\n" + bodies if bodies else "")
            step = RunStep(ins, stage, text, cache_mounts=bool(_CACHE_MOUNT_RE.search(ins.value)))
            if argv is not None:
                step.commands = [SimpleCommand(list(argv), {}, " ".join(argv))]
            else:
                for part in [ins.value] + [ln for _, body in ins.heredocs for ln in body.split("\n")]:
                    step.commands += split(_strip_flags(part))
            self.steps.append(step)

    def chain_steps(self, stage: Stage | None = None) -> list[RunStep]:
        chain = {st.index for st in self.df.chain(stage)}
        return [s for s in self.steps if s.stage.index in chain]

    def installs(self, stage: Stage | None = None) -> dict[str, int]:
        """System packages apt/apk install in the stage chain: name -> line of the RUN."""
        out: dict[str, int] = {}
        for step in self.chain_steps(stage):
            for cmd in step.commands:
                if cmd.program in ("apt-get", "apt", "aptitude") and subcommand(cmd) == "install" or \
                        cmd.program == "apk" and subcommand(cmd) == "add":
                    for name in package_args(cmd):
                        out.setdefault(name, step.ins.line)
        return out

    def executable_since(self, image_path: str, stage: Stage | None = None, after: int = 0) -> int | None:
        """The line of a ``chmod`` with an x bit (or ``COPY --chmod``) after line ``after`` that covers
        ``image_path`` (absolute), else None."""
        for ins in self.df.copies(stage):
            mode = ins.flags().get("chmod", "")
            if ins.line >= after and mode and _grants_x(mode) and self._copy_covers(ins, image_path):
                return ins.line
        return self._touching(image_path, stage, after, "chmod",
                              lambda cmd: bool(_first_arg(cmd)) and _grants_x(_first_arg(cmd)))

    def crlf_fixed_since(self, image_path: str, stage: Stage | None = None, after: int = 0) -> int | None:
        """The line of a ``dos2unix``/``sed -i 's/\\r$//'`` on ``image_path`` after line ``after``."""
        return self._touching(image_path, stage, after, ("dos2unix", "sed", "fromdos"),
                              lambda cmd: cmd.program != "sed" or "\\r" in cmd.text)

    def _touching(self, image_path, stage, after, programs, accept) -> int | None:
        programs = (programs,) if isinstance(programs, str) else programs
        for step in self.chain_steps(stage):
            if step.ins.line <= after:
                continue
            workdir = self.df.workdir(step.stage, step.ins.line)
            for cmd in step.commands:
                if cmd.program not in programs or not accept(cmd):
                    continue
                recursive = any(a in ("-R", "--recursive") for a in cmd.argv[1:])
                for target in _operands(cmd):
                    if "$" in target:
                        continue
                    full = _join(workdir, target)
                    if full == image_path or fnmatch.fnmatchcase(image_path, full) or \
                            recursive and image_path.startswith(full.rstrip("/") + "/"):
                        return step.ins.line
        return None

    def _copy_covers(self, ins: Instruction, image_path: str) -> bool:
        words = ins.args()
        if len(words) < 2:
            return False
        dest = _join(self.df.workdir(self.df.stages[ins.stage], ins.line), words[-1])
        return image_path == dest or image_path.startswith(dest.rstrip("/") + "/")

    def base(self, stage: Stage | None = None) -> str:
        """The external image the stage chain starts FROM (ARG defaults substituted), lower-case."""
        st = self.df.base_image(stage)
        return (st.image or st.base).lower() if st is not None else ""

    def lacks_gettext(self, stage: Stage | None = None) -> str | None:
        """Why the base image has no ``envsubst`` (``"python:3.13-slim is a slim image"``), or None when it
        has one or that is not known (full Debian-based images vary; nginx ships it)."""
        return image_lacks_gettext(self.base(stage))


def image_lacks_gettext(image: str) -> str | None:
    ref = image.split("@", 1)[0]
    name, _, tag = ref.rpartition(":") if ":" in ref.rsplit("/", 1)[-1] else (ref, "", "")
    short = name.rsplit("/", 1)[-1]
    if not image or "$" in image:
        return None
    if short == "nginx" or short.startswith("nginx-"):
        return None  # the official nginx images ship envsubst for their templates
    if "distroless" in name:
        return f"{image} is a distroless image (no shell, no envsubst)"
    if short == "scratch":
        return "scratch is an empty image"
    if short == "alpine" or "alpine" in tag:
        return f"{image} is an Alpine image"
    if "slim" in tag or short.endswith("-slim"):
        return f"{image} is a slim image"
    return None


def _strip_flags(value: str) -> str:
    """``RUN --mount=... --network=none cmd`` -> ``cmd``."""
    text = value.lstrip()
    while text.startswith("--"):
        _, _, text = text.partition(" ")
        text = text.lstrip()
    return text


def _first_arg(cmd: SimpleCommand) -> str:
    """The first operand (chmod's mode: ``+x``, ``755``; a ``-x`` mode removes the bit and is skipped)."""
    return next((a for a in cmd.argv[1:] if not a.startswith("-")), "")


def _operands(cmd: SimpleCommand) -> list[str]:
    words = [a for a in cmd.argv[1:] if not a.startswith("-") and a not in (">", "<")]
    if cmd.program == "chmod":
        return words[1:]   # the mode comes first
    if cmd.program == "sed":
        return words[1:]   # the script comes first
    return words


def _grants_x(mode: str) -> bool:
    if _OCTAL_RE.match(mode):
        return any(int(d) & 1 for d in mode[-3:])
    return "x" in mode and ("+" in mode or "=" in mode)


def images(project) -> list[Image]:
    from preflight.project.dockerfile import load

    def dockerfile(path: str):
        return project.dockerfile if path == "Dockerfile" else load(project, path)

    out: list[Image] = []
    hy = project.heroku_yml
    if hy is not None and hy.builds_docker:
        for build in hy.docker.values():
            if build.path:
                out.append(Image(build.process, build.path, build.target, "heroku.yml", build.line,
                                 dockerfile(build.path)))
        return out
    if project.exists("Dockerfile") and not project.index.is_dir("Dockerfile"):
        out.append(Image("web", "Dockerfile", None, "Dockerfile", 0, project.dockerfile))
    for name in project.index.root_names:
        m = _PROC_FILE_RE.match(name)
        if m and m.group(1) not in ("dockerignore",) and not project.index.is_dir(name) and \
                m.group(1) not in {i.process for i in out}:
            out.append(Image(m.group(1), name, None, name, 0, dockerfile(name)))
    return out


class Container:
    """``project.container``: the images and the facts of each Dockerfile they build."""

    def __init__(self, project):
        self.project = project
        self.images = images(project)
        self._facts: dict[str, DockerfileFacts] = {}

    @property
    def dockerfiles(self) -> list[Dockerfile]:
        """Each Dockerfile the platform builds, once (in the order the images name them)."""
        seen: dict[str, Dockerfile] = {}
        for image in self.images:
            if image.dockerfile is not None and image.path not in seen:
                seen[image.path] = image.dockerfile
        return list(seen.values())

    def image_for(self, process: str) -> Image | None:
        return next((i for i in self.images if i.process == process), None)

    def stages_built(self, df: Dockerfile) -> list[Stage]:
        """The stages the platform runs from ``df`` (the final one, or each heroku.yml target)."""
        out = []
        for image in self.images:
            if image.dockerfile is df and image.stage is not None and image.stage not in out:
                out.append(image.stage)
        return out

    def facts(self, df: Dockerfile) -> DockerfileFacts:
        if df.path not in self._facts:
            self._facts[df.path] = DockerfileFacts(df)
        return self._facts[df.path]

    def dockerignore(self, image: Image):
        from preflight.project.dockerignore import load

        return self.project.memo(("dockerignore", image.path), lambda: load(self.project, image.context,
                                                                            image.path))
