"""PF825 fir-unsupported-feature: a Heroku classic feature that Heroku Fir does not have."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.project.buildpacks import named
from preflight.project.dependencies import MANAGER_FILES
from preflight.registry import rule


@rule("PF825", "fir-unsupported-feature", "E", "A Heroku classic feature Fir does not support: heroku.yml, "
      "Pipenv, classic buildpack URLs", fix="Deploy with Cloud Native Buildpacks: a Procfile instead of heroku.yml, "
                                           "requirements.txt, poetry.lock or uv.lock instead of Pipenv, no buildpack "
                                           "URLs in app.json.", platforms=("heroku-fir",))
def check(project):
    """
    ## What it does
    On Heroku Fir, reports each classic-platform feature the repository relies on that Fir does not
    have, at its file and line:
    - `heroku.yml`: Fir builds only with Cloud Native Buildpacks, never a Dockerfile (an error when
      the repository has no Procfile, so the container build is the only start command; else a
      warning: the file is ignored);
    - a Pipenv-only project (`Pipfile`/`Pipfile.lock` and no `requirements.txt`, `poetry.lock` or
      `uv.lock`: the profile's `facts.package_managers` has no pipenv);
    - classic buildpack URLs in app.json `buildpacks` (`https://github.com/heroku/heroku-buildpack-python`).

    `runtime.txt` on Fir is runtime-txt-deprecated's.

    ## Why it breaks the deploy
    Fir's builder runs the `heroku/python` and `heroku/procfile` CNBs only: heroku.yml and a
    Dockerfile are not built, the Python CNB accepts exactly one of `requirements.txt`,
    `poetry.lock` or `uv.lock` (Pipenv is not supported, so the build fails to detect a package
    manager), and classic buildpacks cannot run on Fir.

    ## Example
    ```
    Pipfile, Pipfile.lock      <- no requirements.txt, poetry.lock or uv.lock
    app.json                   "buildpacks": [{"url": "https://github.com/heroku/heroku-buildpack-python"}]
    ```

    ## How to fix
    Move the start commands from heroku.yml to a Procfile; export the Pipenv lock to
    `requirements.txt` (`pipenv requirements > requirements.txt`) or move to Poetry or uv; remove
    the classic buildpack URLs from app.json (Fir picks `heroku/python` itself, or name the CNB).

    ## Source
    research/platforms.md §2.1 (Dev Center "Migrating apps from Cedar to Fir": no classic buildpacks,
    no Docker/heroku.yml; heroku/buildpacks-python README: no Pipenv), §2.5, §14 rule 25; the
    profile's `facts.package_managers`, `facts.builder` and `facts.dockerfile`
    (preflight/data/platforms/heroku-fir.json).
    """
    p = project.profile
    if project.shipped("heroku.yml"):
        alone = not project.shipped("Procfile")
        yield Violation("heroku.yml", 0, f"{p.title} builds only with Cloud Native Buildpacks: heroku.yml (a "
                                         "container build) is not supported" + (
                                             ", and without a Procfile nothing starts the app" if alone else
                                             ", so it is ignored and the Procfile starts the app"),
                        hint="Start the processes from a Procfile (the CNB builds the app from its Python files), "
                             "and remove heroku.yml.",
                        severity=Severity.ERROR if alone else Severity.WARNING, anchor="heroku-yml")
    supported = set(p.facts.get("package_managers") or ())
    present = {m for f, m in MANAGER_FILES if project.shipped(f)} | ({"pipenv"} if project.shipped("Pipfile") else set())
    if "pipenv" in present and not present & supported:
        path = "Pipfile.lock" if project.shipped("Pipfile.lock") else "Pipfile"
        yield Violation(path, 0, f"{p.title}'s Python buildpack does not support Pipenv, and this project has no "
                                 "requirements.txt, poetry.lock or uv.lock: the build finds no package manager and "
                                 "fails",
                        hint="Export the lock to requirements.txt ('pipenv requirements > requirements.txt'), or "
                             "move to Poetry or uv.", anchor="pipenv")
    for pack in named(project):
        if pack.path == "app.json" and pack.url:
            yield Violation(pack.path, pack.line, f"app.json names the classic buildpack {pack.value}: {p.title} runs "
                                                  "Cloud Native Buildpacks only, and classic buildpacks are not "
                                                  "supported",
                            hint="Remove the buildpack URL (Fir detects heroku/python itself), or name the CNB, "
                                 "e.g. {\"url\": \"heroku/python\"}.", anchor=f"buildpack:{pack.value}")
