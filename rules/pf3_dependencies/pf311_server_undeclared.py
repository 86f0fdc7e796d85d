"""PF311 server-undeclared: a process runs a server or tool that is not a production dependency."""
from preflight.findings import Severity, Violation
from preflight.project.commands import split
from preflight.project.image import installs_any
from preflight.project.names import canonical
from preflight.project.programs import INSTALL_AS, command_distributions, linux_excluded, process_commands, provided
from preflight.registry import rule


@rule("PF311", "server-undeclared", "E",
      "A process runs a server or tool that is not a production dependency",
      fix="Add the server (gunicorn, uvicorn...) to the production dependencies.")
def check(project):
    """
    ## What it does
    Reads every process command (the `Procfile`, or `heroku.yml` `run`/`release` in container mode)
    and maps the program it starts to its distribution: `gunicorn`, `uvicorn`, `hypercorn`,
    `daphne`, `waitress-serve` (waitress), `celery`, `streamlit`, `flask`, `alembic`, `granian`,
    `rq`, `dramatiq`, `fastapi run` (fastapi-cli, which only `fastapi[standard]` brings: plain
    `fastapi`'s script just asks for it), `python -m gunicorn`..., through wrappers such as
    `newrelic-admin run-program`, `ddtrace-run`, and the nginx and PgBouncer buildpacks'
    `bin/start-nginx` and `bin/start-pgbouncer`. It reports the program when its distribution is
    not a production dependency: missing altogether, or declared only in a development group
    (`[dependency-groups] dev`, `[tool.poetry.group.dev]`, `Pipfile [dev-packages]`,
    `requirements-dev.txt`), which the build does not install, or declared with an environment
    marker no dyno matches (`waitress; sys_platform == "win32"`). A distribution that comes with another one (`uvicorn` through
    `fastapi[standard]`, `flask` through a Flask extension) or that the lock file installs
    transitively counts as declared. In container mode a server the Dockerfile installs itself
    counts too.

    ## Why it breaks the deploy
    The build succeeds, then the process fails at start: `bash: gunicorn: command not found`
    (exit 127), and the router answers **H10 App crashed**.

    ## Example
    ```
    # Procfile
    web: gunicorn app:app
    # requirements.txt
    flask==3.1.2          <- no gunicorn
    ```

    ## How to fix
    Add it to the production dependencies (`gunicorn==23.0.0` in requirements.txt, `uv add
    gunicorn`, `poetry add gunicorn`), or move it out of the dev group.

    ## Source
    heroku-buildpack-python `lib/pip.sh`, `lib/pipenv.sh`, `lib/poetry.sh` (`--only main`),
    `lib/uv.sh` (`--no-default-groups`); Heroku Dev Center "Error codes" (H10);
    research/heroku.md E09, C05; heroku/cli#1932, realpython/flask-boilerplate#53.
    """
    deps = project.dependencies
    if not deps.sources and project.mode == "buildpack":
        return  # nothing declares anything: requirements-missing / lockfile-missing say so
    p = project.profile
    crashed = p.app_crashed.split(" ", 1)[0]  # "H10 App crashed" -> "H10"
    reported = set()
    for path, line, name, command in process_commands(project):
        for cmd in split(command):
            for program, dists, crash in command_distributions(cmd.argv):
                dist = dists[0]
                if (path, line, dist) in reported or any(provided(deps, d) for d in dists):
                    continue
                dev = next((deps.dev[canonical(d)] for d in dists if canonical(d) in deps.dev), None)
                if project.mode == "container":
                    installs = installs_any(project, dists + (program.split()[-1],))
                    if installs is None or installs or (dev is None and not deps.complete):
                        continue
                elif dev is None and not deps.complete:
                    continue  # something installs dependencies this model cannot see
                reported.add((path, line, dist))
                outcome = "the release phase fails and the new release is not deployed" if name == "release" \
                    else f"the app crashes ({crashed})"
                marked = linux_excluded(deps, dist)
                if marked is not None:
                    msg = (f"process '{name}' runs {program}, but {marked.name} ({marked.path}:{marked.line}) has the "
                           f"marker '{marked.marker}', which no {p.dyno} (Linux) matches, so the build skips it: it "
                           f"fails with {crash}, so {outcome}")
                    yield Violation(path, line, msg, hint=f"Remove the marker from {marked.name}, or start the process "
                                                          "with a server that is installed on Linux.",
                                    anchor=f"{name}:{dist}")
                    continue
                extra = next((deps.optional[canonical(d)] for d in dists if canonical(d) in deps.optional), None)
                if dev is None and extra is not None:
                    # an optional extra: the buildpack installs none, but another deploy path may ask for it
                    msg = (f"process '{name}' runs {program}, but {extra.name} is declared only in {extra.section} "
                           f"({extra.path}:{extra.line}), an optional extra the buildpack does not install: unless "
                           f"your build asks for that extra, it fails with {crash}, so {outcome}")
                    yield Violation(path, line, msg, hint=_install_hint(deps, dist, None), anchor=f"{name}:{dist}",
                                    severity=Severity.WARNING)
                    continue
                if dev is not None:
                    msg = (f"process '{name}' runs {program}, but {dev.name} is declared only in {dev.section} "
                           f"({dev.path}:{dev.line}), which the build does not install: it fails with {crash}, so "
                           f"{outcome}")
                else:
                    where = _declared_where(deps) if deps.sources else "any dependency file the image installs"
                    wanted = f"{dist} (from {INSTALL_AS[dist]})" if dist in INSTALL_AS else dist
                    msg = f"process '{name}' runs {program}, but {wanted} is not in {where}: it fails with {crash}, " \
                          f"so {outcome}"
                yield Violation(path, line, msg, hint=_install_hint(deps, dist, dev), anchor=f"{name}:{dist}")


def _declared_where(deps) -> str:
    return {"pip": "requirements.txt", "pipenv": "Pipfile [packages]", "poetry": "pyproject.toml (main group)",
            "uv": "pyproject.toml [project] dependencies"}.get(deps.manager or "", "the dependencies")


def _install_hint(deps, dist: str, dev) -> str:
    dist = INSTALL_AS.get(dist, dist)
    arg = f'"{dist}"' if "[" in dist else dist  # zsh globs unquoted brackets
    if deps.manager == "poetry":
        base = f"Run 'poetry add {arg}' (main group)" + (f" and 'poetry remove --group {dev.group} {dist}'"
                                                          if dev else "")
        return base + ", then commit pyproject.toml and poetry.lock."
    if deps.manager == "uv":
        base = f"Run 'uv add {arg}'" + (f" and 'uv remove --group {dev.group} {dist}'" if dev else "")
        return base + ", then commit pyproject.toml and uv.lock."
    if deps.manager == "pipenv":
        return f"Run 'pipenv install {arg}' (not --dev) and commit Pipfile and Pipfile.lock."
    return f"Add '{dist}' (pinned, e.g. {dist}==<version>) to requirements.txt."
