"""What the container image installs.

``image(project)`` reads the Dockerfile the deploy builds (``container.deploy_dockerfile``: heroku.yml
``build.docker.web`` when git ships heroku.yml, else ``./Dockerfile``) and answers, once per run, what its
``RUN`` steps pip-install: the distributions named on the command line and the requirement files (``-r``),
traced back through ``COPY`` to the repository file, with the Dockerfile line of each install. The steps
and their simple commands come from the container model (``project.container.facts(df).steps``,
``container.pip_argv``); nothing here reads the Dockerfile's text. server-undeclared and import-undeclared
both read it.
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
        from preflight.project.container import deploy_dockerfile
        from preflight.project.dockerfile import at

        path = deploy_dockerfile(project)[0]
        df = at(project, path)
        return None if df is None else _read_image(path, df, project.container.facts(df))

    return project.memo("image", build)


def _read_image(path: str, df, facts) -> Image:
    from preflight.project.container import image_tag

    stage_names = {s.name.lower() for s in df.stages if s.name}
    plain = True
    for stage in df.stages:
        base = image_tag(stage.base)[0].lower()
        if base.rsplit("/", 1)[-1] not in PLAIN_BASES and "$" not in base and base not in stage_names:
            plain = False  # another base image may well ship the package
    installs = []
    for step in facts.steps:
        for cmd in step.commands:
            pip = _pip_install(df, step.stage, step.ins.line, cmd)
            if pip is not None:
                installs.append(pip)
    return Image(path, installs, plain, " ".join(step.text for step in facts.steps).lower())


def _pip_install(df, stage, line: int, cmd) -> PipInstall | None:
    from preflight.project.container import pip_argv

    argv = pip_argv(cmd)
    if argv is None or "install" not in argv:
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
