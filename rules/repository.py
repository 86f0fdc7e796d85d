"""PF7xx, the repository half: deploy files git does not carry, and cron on a platform without cron.

Sources: the classic buildpack's detection checklists (a needed file must be at the root, spelled right, not
in .gitignore and committed), Heroku Dev Center "Scheduler" and "Scheduled Jobs and Custom Clock Processes",
research/heroku.md A05 and E18.
"""
from __future__ import annotations

import re

from preflight.findings import REPO, Severity, Violation
from preflight.lazyre import lazy_re
from preflight.registry import rule

# --------------------------------------------------------------------------------------------------
# deploy-file-untracked

# What the build loses without each file (research/heroku.md A02, A05, B, E01, I).
PACKAGE_FILES = ("requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock")
RUNTIME_FILES = (".python-version", "runtime.txt")
CONSEQUENCE = {
    "Procfile": "no process types are declared and requests get H14 (No web processes running)",
    "requirements.txt": "the build finds no package manager file (\"Couldn't find any supported Python package "
                        "manager files\") and fails",
    "Pipfile.lock": "the build finds no package manager file and fails",
    "poetry.lock": "the build finds no package manager file and fails",
    "uv.lock": "the build finds no package manager file and fails",
    "Pipfile": "Pipenv installs from Pipfile.lock without its Pipfile and the build fails",
    "pyproject.toml": "the locked install has no project file and the build fails",
    ".python-version": "the build uses the platform's default Python, not the version this file names",
    "runtime.txt": "the build uses the platform's default Python, not the version this file names",
    "heroku.yml": "the container build is not used and the push falls back to buildpack detection",
    "Dockerfile": "heroku.yml names a Dockerfile the build cannot find, so the build fails",
    "app.json": "review apps, the Heroku Button and Heroku CI do not see its settings",
}
# uv will not guess a Python version (research/heroku.md B16).
UV_PIN_CONSEQUENCE = "uv needs it and the build fails ('No Python version was specified')"


def _heroku_yml_dockerfiles(project) -> list[str]:
    yml = project.manifests.heroku_yml if project.exists("heroku.yml") else None
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


def needed_files(project) -> list[str]:
    """The root deploy files the push must carry, given which of them exist on disk.

    A package manager or runtime file that is left out while another one ships is usually deliberate (a
    local poetry.lock next to a committed requirements.txt), so it only counts when nothing else does the job.
    """
    on_disk = lambda p: project.exists(p) and not project.index.is_dir(p)  # noqa: E731
    needed = ["Procfile", "heroku.yml", "app.json"]
    if not any(project.shipped(p) for p in PACKAGE_FILES):
        needed += PACKAGE_FILES
        if on_disk("Pipfile.lock"):
            needed.append("Pipfile")
        if on_disk("poetry.lock") or on_disk("uv.lock"):
            needed.append("pyproject.toml")
    if not any(project.shipped(p) for p in RUNTIME_FILES):
        needed += RUNTIME_FILES
    needed += _heroku_yml_dockerfiles(project)
    seen = []
    for p in needed:
        if p not in seen and on_disk(p) and not project.shipped(p):
            seen.append(p)
    return seen


def _ignore_source(project, path: str) -> str:
    """`.gitignore:3 ('*.txt')`; only asked once a finding is known."""
    return project.index.ignore_sources([path]).get(path, "")


@rule("PF705", "deploy-file-untracked", "E", "A file the deploy needs is on disk but git ignores or lacks it",
      fix="Commit the file: git add <file> && git commit (remove its pattern from .gitignore first if it is "
          "ignored).")
def deploy_file_untracked(project):
    """
    ## What it does
    Checks the root files the build reads (`Procfile`, `requirements.txt`, `Pipfile`/`Pipfile.lock`,
    `poetry.lock`, `uv.lock`, `pyproject.toml` for Poetry/uv, `.python-version`, `runtime.txt`,
    `heroku.yml` and the Dockerfiles it names, `app.json`): one that exists on disk but that
    `.gitignore` excludes, or that was never `git add`-ed. It names the ignore pattern and where it
    is written.

    Severity: an error, except a warning for `app.json` and for a runtime file of an app that does
    not use uv (the build then uses the default Python, as runtime-missing says for a repository
    with no pin at all; with uv the build fails).

    A package manager or runtime file left out while another one is committed is taken as
    deliberate (a local `poetry.lock` beside a committed `requirements.txt`) and not reported.
    Outside git only the `.gitignore` half applies. Local modules the processes import are checked
    by module-gitignored. `heroku container:push` builds from the working directory, not from git,
    so a Dockerfile app without `heroku.yml` is not checked.

    ## Why it breaks the deploy
    `git push heroku main` sends commits, not the working directory. A file that works locally but
    is not committed does not exist in the build: no Procfile means H14, no package manager file
    fails the build, no `.python-version` gets the default Python.

    ## Example
    ```
    # .gitignore
    *.txt            <- also hides requirements.txt
    ```

    ## How to fix
    Remove or narrow the pattern (`!requirements.txt` after it, or `git add -f requirements.txt`),
    then commit the file.

    ## Source
    heroku/heroku-buildpack-python `bin/detect` and `lib/package_manager.sh` (their error text
    asks whether the file is in `.gitignore` and committed); research/heroku.md A05.
    """
    index = project.index
    if project.exists("Dockerfile") and not project.exists("Procfile") and not project.exists("heroku.yml"):
        return  # heroku container:push: the image is built from the working directory
    needed = needed_files(project)
    if index.in_git and not project.files and needed:  # nothing staged or committed yet: one finding, not ten
        yield Violation(REPO, 0, f"nothing is committed yet ({', '.join(needed)} only on disk), so a push carries "
                                 "none of it", hint="git add -A && git commit -m 'first deploy'", anchor="empty")
        return
    uv = project.shipped("uv.lock")
    for path in needed:
        severity = Severity.WARNING if path == "app.json" or (path in RUNTIME_FILES and not uv) else None
        consequence = UV_PIN_CONSEQUENCE if uv and path == ".python-version" else \
            CONSEQUENCE.get(path, "the build cannot read it")
        if index.ignored(path):
            source = _ignore_source(project, path) if index.in_git else ""
            by = f"ignored by {source}" if source else "ignored by .gitignore"
            fix = (f"Remove or narrow that pattern (or add '!{path}' after it), then: git add {path} && "
                   "git commit" if source else f"Stop ignoring it (git add -f {path}), then commit it.")
            yield Violation(path, 0, f"{path} is on disk but {by}, so the push does not carry it: {consequence}",
                            hint=fix, severity=severity, anchor=path)
        elif index.in_git and index.untracked(path):
            yield Violation(path, 0, f"{path} is on disk but was never committed, so the push does not carry "
                                     f"it: {consequence}",
                            hint=f"git add {path} && git commit", severity=severity, anchor=path)


# --------------------------------------------------------------------------------------------------
# cron-unsupported

_FIELD = r"[0-9*?/,\-]+"
_NAMED_FIELD = r"[0-9A-Za-z*?/,\-#LW]+"
SCHEDULE_RE = lazy_re(
    rf"^\s*(@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+\S"
    rf"|{_FIELD}\s+{_FIELD}\s+{_NAMED_FIELD}\s+{_NAMED_FIELD}\s+{_NAMED_FIELD}\s+\S)")
# Distributions that drive the system crontab (python-crontab writes it; django-crontab installs jobs into it).
CRON_PACKAGES = ("python-crontab", "django-crontab")
CRON_DAEMONS = {"cron", "crond", "anacron"}
CRON_PACKAGE_NAMES = {"cron", "cronie", "dcron", "anacron"}
SCHEDULER_HINT = ("Use the Heroku Scheduler add-on (every 10 minutes, hourly or daily, as a one-off dyno) or a "
                  "clock process ('clock: python clock.py' with APScheduler).")


def is_cron_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return (name in ("crontab", "crontab.txt") or name.endswith((".cron", ".crontab"))
            or path.startswith("cron.d/") or "/cron.d/" in path)


def _first_schedule_line(tf) -> int:
    for n, line in enumerate(tf.lines, 1):
        if not line.lstrip().startswith("#") and SCHEDULE_RE.match(line):
            return n
    return 0


def cron_command(cmd) -> str | None:
    """What in a simple command relies on a cron daemon, or None."""
    argv, prog = cmd.argv, cmd.program
    if prog in CRON_DAEMONS:
        return f"starts the {prog} daemon"
    if prog == "crontab" and len(argv) > 1 and argv[1] not in ("-l",):
        return "installs a crontab"
    if prog in ("service", "rc-service") and len(argv) > 2 and argv[1] in CRON_DAEMONS:
        return f"starts the {argv[1]} service"
    if prog in ("apt-get", "apt", "apk", "yum", "dnf", "microdnf") and (
            "install" in argv or "add" in argv) and CRON_PACKAGE_NAMES & set(argv[2:]):
        return "installs a cron daemon"
    if re.fullmatch(r"/etc/init\.d/(cron|crond)", argv[0]):
        return "starts the cron daemon"
    return None


def _dockerfile_cron(project, path: str):
    """Each RUN/CMD/ENTRYPOINT of a Dockerfile that starts or installs cron, at its first line."""
    import json

    from preflight.project.commands import split

    tf = project.text(path)
    if tf is None:
        return
    start, parts = 0, []
    for n, line in enumerate(tf.lines + [""], 1):
        stripped = line.strip()
        if not parts and (not stripped or stripped.startswith("#")):
            continue
        if parts and stripped.startswith("#"):
            continue  # comment lines inside a continued instruction are dropped by Docker
        if not parts:
            start = n
        parts.append(stripped[:-1] if stripped.endswith("\\") else stripped)
        if stripped.endswith("\\") and n <= len(tf.lines):
            continue
        instruction = " ".join(parts)
        parts = []
        keyword, _, rest = instruction.partition(" ")
        if keyword.upper() not in ("RUN", "CMD", "ENTRYPOINT"):
            continue
        rest = rest.strip()
        if rest.startswith("["):
            try:
                rest = " ".join(str(a) for a in json.loads(rest))
            except ValueError:
                pass
        for cmd in split(rest):
            what = cron_command(cmd)
            if what:
                yield start, f"{keyword.upper()} {what}"
                break


@rule("PF706", "cron-unsupported", "W", "A crontab file or a cron daemon: dynos have no cron",
      fix="Use the Heroku Scheduler add-on or a clock process (APScheduler) instead of cron.")
def cron_unsupported(project):
    """
    ## What it does
    Finds reliance on system cron: a committed `crontab`, `*.cron` or `cron.d/*` file with a
    schedule line (the finding points at the first one); a Procfile process that starts `cron`,
    `crond` or `service cron start`, or installs a crontab; a Dockerfile `RUN`/`CMD` that installs
    or starts cron or runs `crontab`; `python-crontab` or `django-crontab` among the dependencies.

    ## Why it matters
    A dyno runs only the processes the Procfile (or the image's command) declares; there is no cron
    daemon, the container does not run as root, and each dyno's filesystem is reset on every restart
    and at least daily. The schedule never fires, silently.

    ## Example
    ```
    # crontab
    0 8 * * * python3 refresh.py
    ```

    ## How to fix
    Add the Heroku Scheduler add-on (`heroku addons:create scheduler:standard`) and schedule
    `python3 refresh.py` there (every 10 minutes, hourly or daily; best effort), or run a clock
    process (`clock: python clock.py` with APScheduler's `BlockingScheduler`) when jobs must not be
    missed.

    ## Source
    Heroku Dev Center, "Heroku Scheduler" and "Scheduled Jobs and Custom Clock Processes";
    research/heroku.md E17, E18.
    """
    from preflight.project.commands import split

    for path in project.files:
        if not is_cron_file(path):
            continue
        tf = project.text(path)
        line = _first_schedule_line(tf) if tf is not None else 0
        if line:
            job = tf.line(line).strip()
            yield Violation(path, line, f"{path} schedules '{job}' with cron, but a dyno runs no cron daemon: "
                                        "the job never runs", hint=SCHEDULER_HINT, anchor=path)
    if project.mode == "buildpack":
        pf = project.procfile
        for proc in pf.processes if pf is not None else ():
            for cmd in split(proc.command):
                what = cron_command(cmd)
                if what:
                    yield Violation(pf.path, proc.line, f"process '{proc.name}' {what}, but dynos have no cron: "
                                                        "the schedule never runs", hint=SCHEDULER_HINT,
                                    anchor=proc.name)
                    break
    else:
        dockerfiles = [p for p in _heroku_yml_dockerfiles(project) or ["Dockerfile"] if project.shipped(p)]
        for path in dict.fromkeys(dockerfiles):
            for line, what in _dockerfile_cron(project, path):
                yield Violation(path, line, f"{what}, but the platform runs only the image's command, not as "
                                            "root and with no cron: the schedule never runs",
                                hint=SCHEDULER_HINT, anchor=f"{path}:{what}")
    main = project.dependencies.main
    for name in CRON_PACKAGES:
        dep = main.get(name)
        if dep is not None:
            path, line = getattr(dep, "path", "") or REPO, getattr(dep, "line", 0) or 0
            yield Violation(path, line, f"{name} is declared: it schedules jobs through the system crontab, which "
                                        "no dyno runs", hint=SCHEDULER_HINT, anchor=name)
