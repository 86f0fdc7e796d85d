"""PF502 dockerfile-no-cmd: the image has no CMD and heroku.yml gives the process no run command."""
from preflight.findings import Severity, Violation
from preflight.registry import rule

# Images whose own CMD is a shell or an interpreter's prompt, never an app (Docker Hub's official images).
_GENERIC = ("python", "debian", "ubuntu", "alpine", "busybox", "node", "buildpack-deps", "fedora", "centos",
            "amazonlinux", "rockylinux", "almalinux", "ghcr.io/astral-sh/uv")


@rule("PF502", "dockerfile-no-cmd", "E", "The image has no CMD, and heroku.yml gives its process no command",
      fix="End the Dockerfile with the start command: CMD gunicorn app:app (shell form, so $PORT expands), "
          "or give the process a command under run: in heroku.yml.",
      modes=("container",))
def check(project):
    """
    ## What it does
    Checks that each image the platform runs (the final stage, or the heroku.yml `target`) has a
    `CMD` (its own or one inherited from an earlier stage), an `ENTRYPOINT`, or a heroku.yml `run`
    command for that process type.

    ## Why it matters
    The container registry requires a `CMD`; without one the release fails, or the image's base
    command runs (`python:*` starts the Python prompt, which exits at once: the dyno crashes in a loop).
    An image built `FROM` your own base image may inherit a CMD preflight cannot see: then this is a
    warning.

    ## Example
    ```
    FROM python:3.13-slim
    COPY . .
    RUN pip install -r requirements.txt
    ```

    ## How to fix
    Add `CMD gunicorn app:app --bind 0.0.0.0:$PORT` (or your start command) as the last line, or a
    `run:` entry in heroku.yml.

    ## Source
    Dev Center "Container Registry & Runtime (Docker Deploys)": "CMD: required"; research/docker.md §4.1.
    """
    from preflight.project.procfile import procfile_commands

    hy = project.heroku_yml
    run = {**(hy.run if hy is not None else {}), **procfile_commands(project)}
    p = project.profile
    for image in project.container.images:
        df, stage = image.dockerfile, image.stage
        if df is None or stage is None or df.errors or image.process in run:
            continue
        if df.instruction("CMD", stage) is not None or df.instruction("ENTRYPOINT", stage) is not None:
            continue
        base = project.container.facts(df).base(stage)
        name = base.split("@", 1)[0].rsplit(":", 1)[0] if ":" in base.rsplit("/", 1)[-1] else base.split("@", 1)[0]
        generic = base == "scratch" or name in _GENERIC or name.rsplit("/", 1)[-1] in _GENERIC
        where = f" for the {image.process} process" if image.process != "web" else ""
        other = "heroku.yml has no run command for it" if p.has("heroku_yml") else \
            f"the Procfile has no {image.process} line" if p.facts.get("procfile_in_container") else \
            f"nothing else starts it on {p.title}"
        msg = (f"{df.path} sets no CMD{where} (stage at line {stage.line}) and {other}: the release is refused, "
               f"or the {p.dyno} runs {base}'s own command and crashes ({p.app_crashed})")
        if not generic:
            msg += f"; unless {base} itself sets a CMD that starts this app"
        yield Violation(df.path, stage.line, msg, severity=None if generic else Severity.WARNING,
                        anchor=f"no-cmd:{image.process}")
