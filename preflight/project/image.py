"""What the container image installs, and the heroku.yml facts the dependency, runtime and repository models use.

``image(project)`` reads the Dockerfile the deploy builds (heroku.yml ``build.docker.web``, else ``./Dockerfile``)
through the Dockerfile model (preflight/project/dockerfile.py) and answers, once per run, what its ``RUN``
instructions pip-install: the distributions named on the command line and the requirement files (``-r``),
traced back through ``COPY`` to the repository file, with the Dockerfile line of each install.
server-undeclared and import-undeclared both read it.

heroku.yml is read in one function, ``heroku_yml``; everything here that needs it goes through that function
(so the one heroku.yml model can replace it without touching the callers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.project.names import canonical

# Base images that ship no Python packages of their own: an install the Dockerfile does not show is not there.
PLAIN_BASES = ("python", "debian", "ubuntu", "alpine")
_DIST_RE = lazy_re(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
# pip options that take a value (the value is not a requirement)
_VALUE_OPTIONS = ("-i", "--index-url", "--extra-index-url", "-f", "--find-links")


# -- heroku.yml ------------------------------------------------------------------------------------
def heroku_yml(project, shipped: bool = True):
    """heroku.yml as parsed data (None when absent, unreadable or not pushed). ``shipped=False`` also reads a
    heroku.yml that is only on disk (deploy-file-untracked asks about files git does not carry)."""
    present = project.shipped("heroku.yml") if shipped else project.exists("heroku.yml")
    return project.manifests.heroku_yml if present else None


def _relative(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def heroku_yml_dockerfiles(project) -> list[str]:
    """Every Dockerfile heroku.yml ``build.docker`` names (also when heroku.yml is only on disk)."""
    yml = heroku_yml(project, shipped=False)
    build = yml.get("build") if isinstance(yml, dict) else None
    docker = build.get("docker") if isinstance(build, dict) else None
    paths = []
    for value in (docker or {}).values() if isinstance(docker, dict) else ():
        if isinstance(value, dict):
            value = value.get("dockerfile")
        if isinstance(value, str) and value.strip():
            value = value.strip()
            paths.append(value[2:] if value.startswith("./") else value)
    return paths


def build_dockerfile(project) -> tuple[str, str | None]:
    """The Dockerfile the deploy builds and its target stage (heroku.yml build.docker.web), else the root one."""
    yml = heroku_yml(project)
    build = yml.get("build") if isinstance(yml, dict) else None
    docker = build.get("docker") if isinstance(build, dict) else None
    web = docker.get("web") if isinstance(docker, dict) else None
    if isinstance(web, str):
        return _relative(web), None
    if isinstance(web, dict) and isinstance(web.get("dockerfile"), str):
        target = web.get("target")
        return _relative(web["dockerfile"]), target if isinstance(target, str) else None
    return "Dockerfile", None


def heroku_yml_commands(project) -> list[tuple[str, str]]:
    """(process name, command) of heroku.yml ``run`` entries and the ``release`` command, as written."""
    yml = heroku_yml(project)
    if not isinstance(yml, dict):
        return []
    entries = []
    run = yml.get("run")
    if isinstance(run, dict):
        for name, value in run.items():
            entries.append((str(name), value.get("command") if isinstance(value, dict) else value))
    release = yml.get("release")
    if isinstance(release, dict):
        entries.append(("release", release.get("command")))
    out = []
    for name, command in entries:
        for cmd in command if isinstance(command, list) else [command]:
            if isinstance(cmd, str) and cmd.strip():
                out.append((name, cmd))
    return out


def dockerfile_at(project, path: str):
    """The Dockerfile model of ``path`` (None when there is no such file), parsed once per run."""
    if path == "Dockerfile":
        return project.dockerfile
    from preflight.project.dockerfile import load

    return project.memo(("dockerfile", path), lambda: load(project, path))


# -- what the image pip-installs ---------------------------------------------------------------------
@dataclass
class PipInstall:
    """One ``pip install`` (``python -m pip``, ``uv pip``) in a RUN instruction."""

    line: int                     # the RUN instruction's first line
    stage: int
    names: list[str] = field(default_factory=list)       # canonical distributions named on the command line
    requirement_files: list[tuple[str, str | None]] = field(default_factory=list)  # (-r argument, repo file)


@dataclass
class Image:
    path: str                     # the Dockerfile
    installs: list[PipInstall]
    plain_bases: bool             # every FROM is a plain OS/Python image or an earlier stage: nothing preinstalled
    run_text: str                 # every RUN instruction's command, lower-cased

    @property
    def named(self) -> set[str]:
        """Distributions the image installs by name (``RUN pip install flask gunicorn``)."""
        return {n for pip in self.installs for n in pip.names}

    @property
    def other_requirements(self) -> bool:
        """A ``pip install -r`` of something other than the root requirements.txt (not modelled)."""
        return any(source != "requirements.txt" for pip in self.installs for _, source in pip.requirement_files)

    def mentions(self, names) -> bool:
        """A RUN instruction names one of ``names`` as a word (pip, apt, conda, a script: any installer)."""
        return any(re.search(rf"(^|[\s\"'=]){re.escape(n.lower())}([\s\"'=<>\[]|$)", self.run_text) for n in names)


def image(project) -> Image | None:
    """What the Dockerfile the deploy builds installs; None when there is no Dockerfile."""
    def build():
        path = build_dockerfile(project)[0]
        df = dockerfile_at(project, path)
        return None if df is None else _read_image(path, df)

    return project.memo("image", build)


def _read_image(path: str, df) -> Image:
    from preflight.project.commands import split

    stage_names = {s.name.lower() for s in df.stages if s.name}
    plain = True
    for stage in df.stages:
        base = stage.base.split("@", 1)[0].rsplit(":", 1)[0].lower()
        if base.rsplit("/", 1)[-1] not in PLAIN_BASES and "$" not in base and base not in stage_names:
            plain = False  # another base image may well ship the package
    installs, runs = [], []
    for stage in df.stages:
        for ins in stage.all("RUN"):
            runs.append(ins.value)
            for cmd in split(ins.shell_text):
                pip = _pip_install(df, stage, ins.line, cmd.argv)
                if pip is not None:
                    installs.append(pip)
    return Image(path, installs, plain, " ".join(runs).lower())


def _pip_install(df, stage, line: int, argv: list[str]) -> PipInstall | None:
    if len(argv) >= 2 and argv[0].rsplit("/", 1)[-1] in ("python", "python3") and argv[1:3] == ["-m", "pip"]:
        argv = ["pip"] + argv[3:]
    if argv[:2] == ["uv", "pip"]:
        argv = ["pip"] + argv[2:]
    if not argv or argv[0].rsplit("/", 1)[-1] not in ("pip", "pip3") or "install" not in argv:
        return None
    pip = PipInstall(line, stage.index)
    args = argv[argv.index("install") + 1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-r", "--requirement", "-c", "--constraint"):
            if i + 1 < len(args) and a in ("-r", "--requirement"):
                pip.requirement_files.append((args[i + 1], _copied_from(df, stage, line, args[i + 1])))
            i += 2
            continue
        if a.startswith("-"):
            i += 2 if a in _VALUE_OPTIONS else 1
            continue
        m = _DIST_RE.match(a)
        if m and not a.startswith((".", "/")):
            pip.names.append(canonical(m.group(1)))
        i += 1
    return pip


def _copied_from(df, stage, line: int, path: str) -> str | None:
    """The repo file a ``pip install -r PATH`` in the image reads (``COPY ./requirements.txt /code/``)."""
    path = path.strip("'\"")
    if "$" in path:
        return None
    source = df.source_of(path, stage, line)
    if source is None and path.lstrip("./") == "requirements.txt":
        return "requirements.txt"  # no COPY explains it (a bind mount, a context we cannot see): the usual name
    return source


def installs_any(project, names) -> bool | None:
    """Whether the image the deploy builds installs one of ``names`` (a RUN instruction names it); None when it
    cannot be told: no shipped Dockerfile, or a base image that may ship packages of its own."""
    img = image(project)
    if img is None or not project.shipped(img.path) or not img.plain_bases:
        return None
    return img.mentions(names)
