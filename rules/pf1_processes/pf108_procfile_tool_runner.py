"""PF108 procfile-tool-runner: a process runs its command through poetry/uv/pdm/hatch/pipenv run."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import code_of
from preflight.registry import rule


@rule("PF108", "procfile-tool-runner", "E", "A process runs its command through poetry/uv/pipenv run",
      fix="Run the command directly (e.g. 'web: gunicorn app:app'): the platform installs the dependencies "
          "into the environment the process runs in.", modes=["buildpack"])
def check(project):
    """
    ## What it does
    Finds `poetry run`, `uv run`, `uvx`, `pdm run`, `hatch run` and `pipenv run` in any Procfile
    process, `release` included, and points at the process line.

    Severity: **E** for Poetry, uv, PDM and Hatch, and for `pipenv run` in an app that does not use
    Pipenv as its package manager; **W** for `pipenv run` in a Pipenv app (`Pipfile.lock`): the
    classic buildpack keeps Pipenv in the slug for exactly this use, so it works there, but the
    next-generation platform (CNB, Heroku Fir) does not support Pipenv at all, and the wrapper only
    adds start-up time.

    ## Why it breaks the deploy
    The buildpack installs the dependencies into the environment the process runs in, and installs
    Poetry and uv only into the build cache: at run time `poetry` and `uv` do not exist. The
    process fails with `command not found` and the dyno crashes (**H10**); a failing `release`
    command stops the release.

    ## Example
    ```
    web: poetry run gunicorn app:app
    ```

    ## How to fix
    Drop the runner: `web: gunicorn app:app`, `release: alembic upgrade head`.

    ## Source
    heroku/heroku-buildpack-python `lib/poetry.sh`, `lib/uv.sh`, `lib/pipenv.sh` (comments on what
    stays in the slug); heroku/buildpacks-python `src/package_manager.rs` (pip, Poetry, uv only);
    research/heroku.md C06, A06, A11.
    """

    from preflight.project.commands import RUNNERS, runners_of, without_runner

    pf = project.procfile
    if pf is None:
        return
    p = project.profile
    pipenv_app = project.exists("Pipfile.lock")
    for proc in pf.processes:
        runners = runners_of(proc.command)
        if not runners:
            continue
        tool = runners[0]
        shown = "uvx" if tool == "uvx" else f"{tool} run"
        effect = ("the release phase fails and the release is not deployed" if proc.name == "release" else
                  f"the process fails with 'command not found' and the {p.dyno} crashes ({code_of(p.app_crashed)})")
        severity = None
        if runners == ["pipenv"] and pipenv_app:
            severity = Severity.WARNING
            message = (f"process '{proc.name}' runs through 'pipenv run': it works on the classic stack, which keeps "
                       "Pipenv for this, but the CNB (Heroku Fir) supports no Pipenv, and the wrapper slows start-up")
        else:
            message = f"process '{proc.name}' runs through '{shown}': {RUNNERS[tool]}, so {effect}"
        direct = without_runner(proc.command)
        hint = f"Run the command directly: '{proc.name}: {direct}'." if direct and direct != proc.command else None
        yield Violation(pf.path, proc.line, message, hint=hint, severity=severity, anchor=proc.name)
