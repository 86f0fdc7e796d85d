"""PF313 venv-committed: a virtualenv or .heroku/python committed to the repository."""
from preflight.findings import Violation
from preflight.project.detection import committed_venvs
from preflight.registry import rule


@rule("PF313", "venv-committed", "E", "A virtualenv or .heroku/python committed to the repository",
      fix="Remove it from git (git rm -r --cached .venv), and add it to .gitignore.", modes=["buildpack"])
def check(project):
    """
    ## What it does
    Reports a virtual environment tracked by git: a `pyvenv.cfg` at the root or one folder down
    (`.venv/`, `venv/`, `env/`...), and a committed `.heroku/python/` (usually from unpacking a
    downloaded slug).

    ## Why it breaks the deploy
    The buildpack refuses both: "Existing '.venv/' directory found" (`checks::existing-venv-dir`,
    an error since v324, 2025-12-09) and "Existing '.heroku/python/' directory found"
    (`checks::existing-python-dir`, since v291). Any committed venv also ships your machine's
    interpreter and compiled packages (Windows or macOS binaries that cannot run on a dyno) and
    bloats the slug.

    ## Example
    ```
    .venv/pyvenv.cfg
    .venv/lib/python3.12/site-packages/...
    ```

    ## How to fix
    `git rm -r --cached .venv` (or `venv`, `.heroku`), add the folder to `.gitignore`, commit.

    ## Source
    heroku-buildpack-python `lib/checks.sh`; fixtures `venv_in_app_source`, `python_in_app_source`;
    research/heroku.md A12, A13.
    """
    venvs, heroku_python = committed_venvs(project)
    for path in venvs:
        folder = path.split("/")[0] if "/" in path else None
        where = f"{folder}/" if folder else "the repository root"
        yield Violation(path, 0, f"{where} is a virtualenv committed to git: the buildpack refuses it "
                                 "(\"Existing '.venv/' directory found\") and it ships your machine's binaries",
                        hint=f"git rm -r --cached {folder or 'pyvenv.cfg bin lib'} and add it to .gitignore.",
                        anchor=path)
    if heroku_python:
        yield Violation(heroku_python, 0, ".heroku/python/ is committed (from an unpacked slug?): the buildpack stops "
                                          "with \"Existing '.heroku/python/' directory found\"",
                        hint="git rm -r --cached .heroku/python and add .heroku/ to .gitignore.", anchor=".heroku/python")
