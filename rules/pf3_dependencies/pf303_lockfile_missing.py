"""PF303 lockfile-missing: a Pipfile, Poetry or uv project without its lock file."""
from preflight.findings import Violation
from preflight.project.dependencies import is_library, manager_files, pyproject_flavour, toml_lines
from preflight.project.detection import manager_files_unshipped
from preflight.registry import rule


@rule("PF303", "lockfile-missing", "E", "A Pipfile, Poetry or uv project without its lock file",
      fix="Generate the lock file (pipenv lock, poetry lock or uv lock) and commit it.", modes=["buildpack"],
      needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Reports a `Pipfile` without `Pipfile.lock`, and a `pyproject.toml` configured for Poetry
    (`[tool.poetry]` or the poetry-core backend) or uv (`[tool.uv]` or the uv_build backend) without
    its `poetry.lock` / `uv.lock`, when no other package manager file does the job. A Poetry or uv
    package published to an index (no deploy file, no root entry script; `package-mode = false`
    marks an application) is not reported.

    ## Why it breaks the deploy
    The platform installs only from lock files. For a Pipfile it stops with "No 'Pipfile.lock'
    found!" (`package-manager::pipenv-missing-lockfile`; an error since buildpack v292, 2025-07-23,
    whatever else is at the root: the Pipfile check comes first). A Poetry or uv project without a
    lock has no package manager file at all: "Couldn't find any supported Python package manager
    files".

    ## Example
    ```
    Pipfile             <- no Pipfile.lock next to it
    app.py
    ```

    ## How to fix
    Run `pipenv lock`, `poetry lock` or `uv lock` and commit the lock file (check that
    `.gitignore` does not exclude it). If the `Pipfile` is a leftover, delete it.

    ## Source
    heroku-buildpack-python `lib/package_manager.sh`; fixture `pipenv_no_lockfile`;
    research/heroku.md A06, A08.
    """
    if project.shipped("Pipfile") and not project.shipped("Pipfile.lock") and \
            "Pipfile.lock" not in project.index.root_names:
        yield Violation("Pipfile", 0, "Pipfile has no Pipfile.lock beside it: the build stops with \"No "
                                      "'Pipfile.lock' found!\"",
                        hint="Run 'pipenv lock' and commit Pipfile.lock, or delete the Pipfile if pip "
                             "(requirements.txt) is what the app uses.")
        return
    if manager_files(project) or manager_files_unshipped(project):
        return
    flavour = pyproject_flavour(project)
    if flavour not in ("poetry", "uv") or is_library(project):
        return  # libraries often leave their lock uncommitted, and are not deployed
    lines = toml_lines(project, "pyproject.toml")
    line = lines.table("tool.poetry" if flavour == "poetry" else "tool.uv") or lines.table("build-system")
    lock = f"{flavour}.lock"
    tool = "Poetry" if flavour == "poetry" else "uv"
    yield Violation("pyproject.toml", line, f"pyproject.toml is a {tool} project but {lock} is not committed: "
                                            "the platform installs only from the lock, so the build stops "
                                            "with \"Couldn't find any supported Python package manager files\"",
                    hint=f"Run '{flavour} lock' and commit {lock}.")
