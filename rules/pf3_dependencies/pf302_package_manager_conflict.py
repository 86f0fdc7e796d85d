"""PF302 package-manager-conflict: more than one of requirements.txt, Pipfile.lock, poetry.lock and uv.lock."""
from preflight.findings import REPO, Violation
from preflight.project.dependencies import manager_files
from preflight.registry import rule


MANAGER_LABELS = {"requirements.txt": "requirements.txt (pip)", "Pipfile.lock": "Pipfile.lock (Pipenv)",
                  "poetry.lock": "poetry.lock (Poetry)", "uv.lock": "uv.lock (uv)"}


@rule("PF302", "package-manager-conflict", "E",
      "More than one of requirements.txt, Pipfile.lock, poetry.lock and uv.lock",
      fix="Keep the one package manager the app uses and delete the other files (and their config).",
      modes=["buildpack"], needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Reports a repository with two or more of the package manager files at the root:
    `requirements.txt`, `Pipfile.lock`, `poetry.lock`, `uv.lock`. A bare `Pipfile`, `setup.py` or
    `pyproject.toml` beside one of them is fine.

    ## Why it breaks the deploy
    The build stops with "Multiple Python package manager files were found"
    (`package-manager::multiple-found`; a warning from 2024-11, an error since buildpack v325,
    2025-12-10). It used to pick the first one silently, which left users editing a file the build
    ignored. A third-party Poetry or uv buildpack that writes a `requirements.txt` during the build
    triggers it too.

    ## Example
    ```
    requirements.txt    <- left over from `poetry export`
    poetry.lock
    ```

    ## How to fix
    Decide which package manager the app uses and delete the other files. A `requirements.txt`
    beside `poetry.lock`/`uv.lock` is usually an export: delete it, and remove any third-party
    Poetry/uv buildpack.

    ## Source
    heroku-buildpack-python `lib/package_manager.sh`; fixture `multiple_package_managers`;
    research/heroku.md A09, A10; heroku/heroku-buildpack-python#1691.
    """
    found = manager_files(project)
    if len(found) < 2:
        return
    listed = ", ".join(MANAGER_LABELS[f] for f in found)
    hint = None
    if "requirements.txt" in found and ({"poetry.lock", "uv.lock"} & set(found)):
        hint = ("If requirements.txt is an export of the lock (or written by a third-party Poetry/uv "
                "buildpack), delete it and remove that buildpack: the platform installs from the lock itself.")
    yield Violation(REPO, 0, f"{len(found)} package manager files at the root ({listed}): the build stops "
                             "with \"Multiple Python package manager files were found\"",
                    hint=hint, anchor=",".join(found))
