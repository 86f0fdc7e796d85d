"""PF813 package-manager-unsupported-on-platform: the only package manager the project allows is one the
platform's build does not run."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.project.dependencies import sole_manager
from preflight.registry import rule

# How sure the failure is, per manager: Pipenv is missing from the builder's code (Cloud Run's buildpacks
# have pip, uv and Poetry only); uv is missing from a platform's documented detection files (Koyeb).
_SEVERITY = {"pipenv": Severity.ERROR, "uv": Severity.WARNING}


@rule("PF813", "package-manager-unsupported-on-platform", "E",
      "The project installs only with a package manager the platform's build does not run",
      fix="Add a requirements.txt (pipenv requirements > requirements.txt, uv export --no-hashes > "
          "requirements.txt) or switch to a package manager the platform supports.",
      needs=("python_buildpack",),
      platforms=("heroku", "dokku", "scalingo", "render", "railway", "koyeb", "do-app-platform", "cloud-run"))
def check(project):
    """
    ## What it does
    Reports a project that only one package manager can install (a Pipfile with no
    requirements.txt, poetry.lock or uv.lock; or only uv.lock) when the target platform's build does
    not run that manager (its profile's `facts.package_managers`): a Pipenv-only project on Cloud
    Run (error: its buildpacks run pip, uv and Poetry), a uv-only project on Koyeb (warning: its
    docs detect Python from `requirements.txt`, `poetry.lock` or `Pipfile.lock`). Heroku Fir, which
    has no Pipenv either, is fir-unsupported-feature's.

    ## Why it breaks the deploy
    The build finds nothing it can install from: it stops, or installs none of the dependencies and
    the app crashes at its first import.

    ## Example
    ```
    Pipfile, Pipfile.lock      <- and no requirements.txt, on Cloud Run
    ```

    ## How to fix
    Export a `requirements.txt` (`pipenv requirements > requirements.txt`, `uv export --no-hashes
    --format requirements-txt > requirements.txt`) and commit it, or move to a manager the platform runs.

    ## Source
    research/platforms.md §8.1, §10.1, §13 ("Package managers" row), §14 rule 13; GoogleCloudPlatform/
    buildpacks `pkg/python/python.go`; preflight/data/platforms/*.json (`facts.package_managers`).
    """
    p = project.profile
    found = sole_manager(project)
    if found is None:
        return
    manager, path = found
    offered = p.facts.get("package_managers") or []
    if manager in offered:
        return
    names = {"pipenv": "Pipenv", "uv": "uv"}
    yield Violation(path, 0,
                    f"only {names[manager]} can install this project ({path}, and no requirements.txt), but "
                    f"{p.title}'s build runs {', '.join(offered)}: it installs none of the dependencies",
                    severity=_SEVERITY.get(manager), anchor=manager,
                    hint=("Export and commit a requirements.txt: " +
                          ("pipenv requirements > requirements.txt" if manager == "pipenv" else
                           "uv export --no-hashes --format requirements-txt > requirements.txt")))
