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
        """The stage the platform runs: heroku.yml's ``target``, else the final one."""
        return self.dockerfile.target_stage(self.target) if self.dockerfile is not None else None


@dataclass
class RunStep:
    ins: Instruction
    stage: Stage
    text: str                               # the shell text: the value and the heredoc bodies
    commands: list[SimpleCommand] = field(default_factory=list)
    cache_mounts: bool = False              # RUN --mount=type=cache,...

    def programs(self) -> list[str]:
        return [c.program for c in self.commands]


_VALUE_OPTIONS = frozenset({"-o", "--option", "-t", "--target-release", "--virtual", "--repository", "-X"})


def package_args(cmd: SimpleCommand) -> list[str]:
    """The package words after the subcommand (``apt-get -y install a b=1`` -> ["a", "b"]), options and their
    values skipped."""
    out, skip, seen_sub = [], False, False
    for a in cmd.argv[1:]:
        if skip:
            skip = False
            continue
        if a.startswith("-"):
            skip = a in _VALUE_OPTIONS
            continue
        if not seen_sub:
            seen_sub = True
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
                if "chmod" in programs and cmd.program in ("find", "xargs") and "chmod" in cmd.argv:
                    i = cmd.argv.index("chmod")   # find ... -exec chmod +x {} \; : which files, only find knows
                    if _grants_x(next((a for a in cmd.argv[i + 1:] if not a.startswith("-")), "")):
                        return step.ins.line
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
    """The image of each process type (see the module's docstring). heroku.yml counts when it is on disk even
    if git does not ship it yet (``herokuyml``: the file as the user sees it)."""
    from preflight.project.dockerfile import at

    def dockerfile(path: str):
        return at(project, path)

    out: list[Image] = []
    heroku = project.profile.has("heroku_yml")  # heroku.yml and container:push's Dockerfile.<process> names
    hy = project.heroku_yml if heroku else None
    if hy is not None and hy.builds_docker:
        for build in hy.docker.values():
            if build.path:
                out.append(Image(build.process, build.path, build.target, "heroku.yml", build.line,
                                 dockerfile(build.path)))
        return out
    if project.exists("Dockerfile") and not project.index.is_dir("Dockerfile"):
        out.append(Image("web", "Dockerfile", None, "Dockerfile", 0, project.dockerfile))
    for name in project.index.root_names if heroku else ():  # other platforms build the root Dockerfile
        m = _PROC_FILE_RE.match(name)
        if m and m.group(1) not in ("dockerignore",) and not project.index.is_dir(name) and \
                m.group(1) not in {i.process for i in out}:
            out.append(Image(m.group(1), name, None, name, 0, dockerfile(name)))
    return out


def deploy_dockerfile(project) -> tuple[str, str | None]:
    """(path, target stage) of the Dockerfile ``git push`` builds for ``web``: heroku.yml ``build.docker.web``
    when git ships heroku.yml (an untracked one is not in the push), else the root ``Dockerfile`` (what
    ``heroku container:push`` builds, or the local image in buildpack mode). The runtime and image models
    read this one; the path may not exist."""
    hy = project.heroku_yml
    build = hy.docker.get("web") if hy is not None and hy.shipped else None
    if build is not None and build.path:
        return build.path, build.target
    return "Dockerfile", None


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


# -- what the RUN steps do wrong -------------------------------------------------------------------
# Dependency installs that read a manifest the whole-context COPY also brings (pip -r, Poetry, Pipenv, uv,
# npm/yarn, Bundler): each code change re-runs them when they come after it.
_DEP_INSTALLS = {"pip": ("install", "-r"), "pip3": ("install", "-r"), "poetry": ("install", None),
                 "pipenv": ("install", None), "uv": ("sync", None), "npm": ("ci", None), "yarn": ("install", None),
                 "bundle": ("install", None)}
_APT_YES = ("-y", "--yes", "--assume-yes", "-qq", "--quiet=2", "-q=2")
_APT_LISTS_RE = lazy_re(r"rm\s+(?:-\w+\s+)*[^;&|]*?/var/lib/apt/lists")
_VAR_RE = lazy_re(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))")
_SINGLE_QUOTED_RE = lazy_re(r"'[^']*'")
_ENVSUBST_INPUT_RE = lazy_re(r"(?:\bcat\s+([^\s|;&<>]+)\s*\|\s*envsubst\b|\benvsubst\b[^|;&<>\n]*<\s*([^\s|;&<>]+))")
_ENVSUBST_FORMAT_RE = lazy_re(r"\benvsubst\s+(?:-\w+\s+)*(['\"])(.*?)\1")
# Variables a build has (the shell's own, the base images' usual ENV): never "runtime-only".
BUILD_SHELL_VARS = frozenset({"HOME", "PATH", "PWD", "OLDPWD", "HOSTNAME", "USER", "SHELL", "LANG", "TERM", "IFS",
                              "PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY", "PYTHON_PIP_VERSION", "DEBIAN_FRONTEND",
                              "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "BUILDPLATFORM", "UID", "GID"})


@dataclass
class DependencyInstall:
    step: RunStep
    command: str            # "pip install -r requirements.txt"


def pip_argv(cmd: SimpleCommand) -> list[str] | None:
    """``pip ...``, ``pip3 ...``, ``python -m pip ...``, ``uv pip ...`` as ``["pip", ...]``; None for other commands."""
    argv = cmd.argv
    if cmd.program in ("pip", "pip3"):
        return ["pip", *argv[1:]]
    if cmd.program.startswith("python") and argv[1:3] == ["-m", "pip"]:
        return ["pip", *argv[3:]]
    if cmd.program == "uv" and argv[1:2] == ["pip"]:
        return ["pip", *argv[2:]]
    return None


def dependency_installs(facts: DockerfileFacts, stage: Stage) -> list[DependencyInstall]:
    out = []
    for step in facts.steps:
        if step.stage.index != stage.index:
            continue
        for cmd in step.commands:
            argv = pip_argv(cmd) or cmd.argv
            prog = "pip" if argv is not cmd.argv else cmd.program
            want = _DEP_INSTALLS.get(prog)
            if want and subcommand(SimpleCommand(argv)) == want[0] and \
                    (want[1] is None or any(a == want[1] or a.startswith(("-r", "--requirement")) for a in argv)):
                out.append(DependencyInstall(step, " ".join(argv[:4])))
    return out


def whole_context_copy(df: Dockerfile, stage: Stage) -> Instruction | None:
    """The first ``COPY . <dest>`` (the whole build context) in the stage itself."""
    for ins in stage.instructions:
        if ins.instruction in ("COPY", "ADD") and "from" not in ins.flags():
            words = ins.args()
            if len(words) >= 2 and any(w.rstrip("/") in (".", "") or w == "./" for w in words[:-1]):
                return ins
    return None


def layer_order(facts: DockerfileFacts) -> list[tuple[Instruction, DependencyInstall]]:
    """(the whole-context COPY, the dependency install after it) per stage."""
    out = []
    for stage in facts.df.stages:
        copy = whole_context_copy(facts.df, stage)
        if copy is None:
            continue
        installs = dependency_installs(facts, stage)
        before = {i.command for i in installs if i.step.ins.line < copy.line}
        after = [i for i in installs if i.step.ins.line > copy.line and i.command not in before]
        if after:
            out.append((copy, after[0]))
    return out


@dataclass
class AptProblem:
    step: RunStep
    problems: list[str]     # short phrases: "apt instead of apt-get", "install without -y", ...
    codes: list[str]        # hadolint's codes for the same (DL3027, DL3014, DL3009), for comparisons


def apt_problems(facts: DockerfileFacts, used: set[int]) -> list[AptProblem]:
    """Per RUN: ``apt`` (DL3027) and ``install`` without ``-y`` (DL3014) in any stage; in the stages the image
    is made of (``used``: stage indexes), an ``update`` whose package lists stay in the layer (DL3009): no
    ``rm -rf /var/lib/apt/lists/*`` in the same RUN, or ``update`` alone in its RUN (Docker caches that layer,
    so a later install reads a stale index); and an ``install`` with no ``update`` before it."""
    out = []
    updated: set[int] = set()      # stages (by index) where an earlier RUN ran apt-get update
    for step in facts.steps:
        problems, codes = [], []
        apt_cmds = [c for c in step.commands if c.program in ("apt-get", "apt")]
        if not apt_cmds:
            continue
        subs = [subcommand(c) for c in apt_cmds]
        if any(c.program == "apt" for c in apt_cmds):
            problems.append("'apt' instead of 'apt-get' (apt's command line is not stable for scripts)")
            codes.append("DL3027")
        installs = [c for c, s in zip(apt_cmds, subs) if s == "install"]
        if any(not c.has(*_APT_YES) for c in installs):
            problems.append("'install' without -y (the build stops at the confirmation prompt)")
            codes.append("DL3014")
        chain = {st.index for st in facts.df.chain(step.stage)}
        if step.stage.index in used and not step.cache_mounts:
            if "update" in subs and not installs:
                problems.append("'update' in a RUN of its own: its package lists stay in this layer, and Docker "
                                "reuses the cached layer, so later installs read a stale index (404 errors)")
                codes.append("DL3009")
            elif "update" in subs and not _APT_LISTS_RE.search(step.text):
                problems.append("no 'rm -rf /var/lib/apt/lists/*' in the same RUN (the lists stay in the layer)")
                codes.append("DL3009")
            elif installs and "update" not in subs and not updated & chain:
                problems.append("'install' with no 'apt-get update' before it (images such as python ship "
                                "without package lists, so apt finds no package)")
        if "update" in subs:
            updated.add(step.stage.index)
        if problems:
            out.append(AptProblem(step, problems, codes))
    return out

_PIP_CACHE_DIRS = ("/root/.cache", "~/.cache", "$HOME/.cache", "${HOME}/.cache")


def _removes_pip_cache(cmd) -> bool:
    """``rm -rf /root/.cache/`` (or ``.../pip``), or ``pip cache purge``: the download cache is gone before the
    layer is written."""
    argv = cmd.argv
    if argv[:1] == ["rm"]:
        return any(a.rstrip("/") in _PIP_CACHE_DIRS or a.rstrip("/") in {d + "/pip" for d in _PIP_CACHE_DIRS}
                   for a in argv[1:])
    pip = pip_argv(cmd)
    return pip is not None and pip[1:3] == ["cache", "purge"]


def pip_without_cache_flag(facts: DockerfileFacts) -> list[RunStep]:
    """RUN steps with ``pip install`` and no ``--no-cache-dir`` (nor ``PIP_NO_CACHE_DIR`` in ENV/ARG, nor a
    cache mount): hadolint's DL3042."""
    out = []
    df = facts.df
    for step in facts.steps:
        if step.cache_mounts:
            continue
        env = {**{k: v for k, v in df.args(step.stage, step.ins.line).items() if v is not None},
               **df.env(step.stage, step.ins.line)}
        if "PIP_NO_CACHE_DIR" in env:
            continue  # set to anything, pip (and hadolint's DL3042) take it as "no cache"
        if any(_removes_pip_cache(cmd) for cmd in step.commands):
            continue  # the same RUN deletes the cache (rm -rf /root/.cache/): it never reaches the layer
        for cmd in step.commands:
            argv = pip_argv(cmd)
            if argv is None:
                continue
            if subcommand(SimpleCommand(argv)) == "install" and not cmd.has("--no-cache-dir") and \
                    "PIP_NO_CACHE_DIR" not in cmd.env:
                out.append(step)
                break
    return out


@dataclass
class BuildTimeUse:
    step: RunStep
    names: list[str]              # the variables that are empty at build time
    template: str | None = None   # envsubst's input file (repo-relative), when it was read
    envsubst: bool = False        # an envsubst at build time (names: the template's unset variables)


def _provided(df: Dockerfile, step: RunStep) -> set[str]:
    return set(df.args(step.stage, step.ins.line)) | set(df.env(step.stage, step.ins.line))


def build_time_env(project, image: Image, facts: DockerfileFacts, runtime_vars) -> list[BuildTimeUse]:
    """RUN steps that read variables only the running dyno has: ``$PORT``/``$DATABASE_URL``... written in the
    RUN (outside single quotes), or in the file ``envsubst`` fills at build time."""
    runtime = set(runtime_vars)
    out = []
    df = facts.df
    for step in facts.chain_steps(image.stage):
        provided = _provided(df, step)
        text = _SINGLE_QUOTED_RE.sub("", step.text)
        named = [m.group(1) or m.group(2) for m in _VAR_RE.finditer(text)]
        direct = [n for n in dict.fromkeys(named) if n in runtime and n not in provided]
        uses_envsubst = "envsubst" in step.programs()
        if not uses_envsubst:
            if direct:
                out.append(BuildTimeUse(step, direct))
            continue
        fmt = _ENVSUBST_FORMAT_RE.search(step.text)
        only = {m.group(1) or m.group(2) for m in _VAR_RE.finditer(fmt.group(2))} if fmt else None
        template = None
        names: list[str] | None = None   # the template's variables (None: template not read)
        m = _ENVSUBST_INPUT_RE.search(step.text)
        if m:
            written = m.group(1) or m.group(2)
            rel = df.source_of(written, step.stage, step.ins.line)
            if rel is not None:
                template = posixpath.normpath(posixpath.join(image.context, rel)) if image.context else rel
                tf = project.text(template) if project.shipped(template) or project.exists(template) else None
                if tf is not None:
                    names = [v.group(1) or v.group(2) for v in _VAR_RE.finditer(tf.text)]
                else:
                    template = None
        wanted = [n for n in dict.fromkeys((names or []) + direct) if n not in BUILD_SHELL_VARS
                  and (only is None or n in only)]
        empty = [n for n in wanted if n not in provided]
        if wanted and not empty:
            continue  # every variable it fills is an ARG or ENV: a legitimate build-time use
        empty.sort(key=lambda n: (n not in runtime, (names or []).index(n) if n in (names or []) else 0))
        out.append(BuildTimeUse(step, empty, template, envsubst=True))
    return out


# -- the web command's port ---------------------------------------------------------------------------
_LITERAL_PORT_RE = lazy_re(
    r"(?:(?:-b|--bind|--http|--http-socket|--listen|-l)[=\s]+[\w.\[\]-]*:(\d{2,5})\b"
    r"|(?:--port|--server\.port|-p|-Dserver\.port|--listen-port|PORT)[=\s]+(\d{2,5})\b"
    r"|(?<![\w.])(?:0\.0\.0\.0|\[::\]):(\d{2,5})\b"   # a bind address (localhost:5432 is a client's target)
    r"|\blisten\s+(\d{2,5})\b)")
_PORT_REF_RE = lazy_re(r"\$\{?PORT\b|%PORT%|env:PORT|getenv\(\s*['\"]PORT|environ(?:\.get\(|\[)\s*['\"]PORT")


@dataclass
class StartCommand:
    process: str
    source: str                 # "heroku.yml" or the Dockerfile
    line: int
    text: str                   # the command as a shell would run it
    exec_argv: list[str] | None = None   # ENTRYPOINT + CMD as exec-form words (None: a shell form runs it)

    @property
    def literal_vars(self) -> list[str]:
        """The exec-form words holding a ``$VAR`` that nothing expands (see ``unexpanded_words``)."""
        return unexpanded_words(self.exec_argv) if self.exec_argv is not None else []


def start_commands(project, image: Image) -> list[StartCommand]:
    """What the image's process runs: heroku.yml ``run.<process>``, else ENTRYPOINT + CMD."""
    hy = project.heroku_yml
    spec = hy.run.get(image.process) if hy is not None and hy.builds_docker else None
    if spec is not None:
        return [StartCommand(image.process, hy.path, line, text) for text, line in spec.commands]
    df, stage = image.dockerfile, image.stage
    if df is None or stage is None:
        return []
    parts = [i for i in df.start(stage) if i is not None]
    if not parts:
        return []
    argv = [w for i in parts for w in i.exec_form] if all(i.is_exec for i in parts) else None
    return [StartCommand(image.process, df.path, parts[-1].line, " ".join(i.shell_text for i in parts), argv)]


def unexpanded_words(argv: list[str]) -> list[str]:
    """The words of an exec-form ENTRYPOINT + CMD that hold a ``$VAR`` no shell will expand: Docker hands the
    array to the program as it is. The platform runs CMD "by a shell" (Dev Center, "Container Registry &
    Runtime"), but it quotes each word of the array first: a shell-form CMD (``["/bin/sh", "-c", "gunicorn
    ... 0.0.0.0:$PORT"]`` in the image) starts as ``/bin/sh -c gunicorn\\ ...\\ 0.0.0.0:\\6039`` (a dyno log in
    veryacademy/YT-Django-Docker-Deploy-Heroku-Container#1: the log fills in $PORT, the backslash that quoted
    its ``$`` stays), so an exec-form ``"0.0.0.0:$PORT"`` reaches the program as that text. A shell started
    with ``-c`` in the array (``["sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"]``, also after
    ``tini --``) expands its script: only the words before it count."""
    from preflight.project.entrypoints import SHELLS

    for i, word in enumerate(argv):
        if posixpath.basename(word) in SHELLS and argv[i + 1:i + 2] == ["-c"]:
            argv = argv[:i]
            break
    return [w for w in argv if _VAR_RE.search(w)]


def literal_ports(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _LITERAL_PORT_RE.finditer(text)]


def reads_port(text: str) -> bool:
    return bool(_PORT_REF_RE.search(text))


# -- migrations at container start ---------------------------------------------------------------------
@dataclass
class StartMigration:
    step: str                   # "alembic upgrade", "manage.py migrate", "flask db upgrade"
    entry: object               # the EntryPoint (entrypoints.EntryPoint) that runs it: its source and line
    command: str                # the command as written ("alembic upgrade head")


def start_migrations(project) -> list[StartMigration]:
    """Container mode: each migration the web image runs when it starts (in its CMD/ENTRYPOINT, heroku.yml
    ``run.web``, or a script they start, such as seed 004's run.sh), unless a release phase runs the same
    step (heroku.yml ``release``, or a ``Dockerfile.release`` image: process ``release``). The commands come
    from the start-path model (``project.code.entrypoints``), so each has the file and line that runs it."""
    from preflight.project.commands import release_step

    def migrations(process: str):
        for ep in project.code.entrypoints:
            step = release_step(ep.command) if ep.process == process else None
            if step is not None and not step[1] and "collectstatic" not in step[0]:
                yield step[0], ep

    released = {step for step, _ in migrations("release")}
    out, seen = [], set()
    for step, ep in migrations("web"):
        if step not in released and (step, ep.source, ep.line) not in seen:
            seen.add((step, ep.source, ep.line))
            out.append(StartMigration(step, ep, ep.command.text or " ".join(ep.command.argv)))
    return out


def image_tag(image: str) -> tuple[str, str | None, bool]:
    """``python:3.13-slim@sha256:..`` -> ("python", "3.13-slim", True): name, tag (None: none), digest."""
    ref, at, _ = image.partition("@")
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        name, _, tag = ref.rpartition(":")
        return name, tag, bool(at)
    return ref, None, bool(at)


def unpinned_bases(df: Dockerfile) -> list[tuple[Stage, str]]:
    """Stages FROM an external image with no tag or ``:latest`` (hadolint DL3006/DL3007): (stage, "latest"|"")."""
    out = []
    for st in df.stages:
        image = st.image or st.base
        if not st.external or not image or "$" in image or image.lower() == "scratch":
            continue
        _, tag, digest = image_tag(image)
        if tag is None and not digest:
            out.append((st, ""))
        elif tag == "latest":
            out.append((st, "latest"))
    return out


# -- what the build context sends --------------------------------------------------------------------
IGNORED_INSTRUCTIONS = {"EXPOSE": "the router sends traffic to $PORT only", "HEALTHCHECK": "the dyno manager "
                        "checks the process itself", "STOPSIGNAL": "the dyno manager always sends SIGTERM, then "
                        "SIGKILL", "VOLUME": "the filesystem is ephemeral: what is written there is lost at each "
                        "restart and is never shared between dynos"}
_KEY_FILE_RE = lazy_re(r"(^|/)(id_rsa|id_dsa|id_ecdsa|id_ed25519)$|\.(pem|key|p12|pfx)$")
_ENV_FILE_RE = lazy_re(r"^\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?$")


def context_leaks(project, image: Image, ignore) -> list[str]:
    """Files of the build context that should not reach the image and that ``ignore`` (a DockerIgnore or
    None) lets in: ``.git`` (``container:push`` sends the working tree), ``.env`` files, private keys."""
    import os

    context = image.context
    local_tree = image.declared != "heroku.yml"   # heroku.yml builds from the pushed commit
    # a context outside the repository (heroku.yml `docker: ../Dockerfile`, a linked folder) is never listed
    names = project.index.root_names if not context else sorted(os.listdir(project.root / context)) \
        if project.index.is_dir(context) and project.inside(context) else []
    prefix = f"{context}/" if context else ""
    found = []
    for name in names:
        rel = prefix + name
        if name == ".git" and local_tree or _ENV_FILE_RE.match(name) and (local_tree or project.shipped(rel)):
            found.append(name)
    found += [f[len(prefix):] for f in project.files if f.startswith(prefix) and _KEY_FILE_RE.search(f)]
    return [f for f in dict.fromkeys(found) if ignore is None or not ignore.ignores(f)]
