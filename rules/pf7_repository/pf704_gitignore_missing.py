"""PF704 gitignore-missing: no .gitignore at the repository root."""
from preflight.findings import REPO, Violation
from preflight.registry import rule


@rule("PF704", "gitignore-missing", "W", "No .gitignore at the repository root",
      fix="Add a .gitignore with at least: .env, venv/, .venv/, __pycache__/, *.pyc.")
def check(project):
    """
    ## What it does
    Reports a repository with no `.gitignore` at its root.

    ## Why it matters
    Without one, `git add .` commits `.env` files with their secrets, the local virtualenv (which
    breaks the platform's build) and `__pycache__`, and every push sends them to the platform.

    ## Example
    ```
    $ ls -a
    .env  app.py  requirements.txt  venv/        <- no .gitignore
    ```

    ## How to fix
    Create `.gitignore` with at least `.env`, `venv/`, `.venv/`, `__pycache__/` and `*.pyc`
    (GitHub's Python template covers more), then `git rm -r --cached` what was already committed.

    ## Source
    research/secrets.md 7.1 (tracked files are what the platform receives); Heroku Dev Center
    "Deploying with Git".
    """
    if not project.exists(".gitignore"):
        yield Violation(REPO, 0, "the repository has no .gitignore: 'git add .' commits .env files, "
                                 "virtualenvs and __pycache__, and every push sends them to the platform")
