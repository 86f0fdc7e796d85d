"""PF105 procfile-target-missing: a start command runs a file, module or app object that is not there.

Every start command is resolved by the project model (``project.code.entrypoints``: the Procfile or a
misnamed one, the Dockerfile's CMD/ENTRYPOINT and the scripts they run, heroku.yml, crontab).
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.registry import rule


def _consequence(process: str, p) -> str:
    """What the failing start does to the process, in the platform profile's words."""
    if process == "web":
        return f"the web {p.dyno} crashes at boot ({p.app_crashed})"
    if process == "release":
        return "the release phase fails, so the release is not deployed"
    if process == "cron":
        return "the scheduled job fails every time it runs"
    return f"the {process} {p.dyno} crashes at boot and restarts in a loop"


@rule("PF105", "procfile-target-missing", "E", "A start command runs a file, module or app object that is not there",
      fix="Point the command at a file or module:attribute that exists in the repository (names are "
          "case-sensitive on the platform).")
def check(project):
    """
    ## What it does
    Resolves what each start command loads, as the platform will: `python flask_app.py`,
    `python -m pkg`, gunicorn/uvicorn/hypercorn/daphne/waitress `module:attr` (with `--chdir`,
    `--pythonpath`, `--app-dir`, factories like `app:create_app()`), `flask --app`/`FLASK_APP`
    (from the command, `.flaskenv`, or a committed env template such as `.env.example` that documents
    the config var), `manage.py`, `streamlit run`, `celery -A`, in the Procfile, the Dockerfile's CMD/ENTRYPOINT, the
    scripts they run, heroku.yml and crontab. It reports a file or module that does not exist, an app
    object the module does not define (or defines only under `if __name__ == "__main__":`), and a
    target written as a file name where the server wants a module name. Modules are looked up where
    the process's Python looks: the working folder, `--chdir`/`--pythonpath`/`PYTHONPATH`, and, when
    the buildpack's package manager installs the project itself (uv with a `[build-system]`, Poetry in
    package mode, `-e .` in requirements.txt), its package folders (`src/<name>/`, Poetry's
    `packages = [{include, from}]`, setuptools' `package-dir`), which then import from anywhere.

    ## Why it breaks the deploy
    The build succeeds; the process then fails at once with `can't open file`, `ModuleNotFoundError`
    or `Failed to find attribute 'app'`, and the web dyno crashes (**H10 App crashed**). A stale
    tutorial name (`app:app` for a file called `main.py`) or an app in a subfolder without `--chdir`
    are the usual causes.

    ## Example
    ```
    web: gunicorn app:app        # the file is main.py
    ```

    ## How to fix
    Use the real module and object (`gunicorn main:app`), add `--chdir src` for an app in a subfolder,
    and keep the file name's case exactly. (A repository without any Python file is not judged.)

    ## Source
    research/heroku.md E10 and F (H10).
    """

    if not any(f.endswith(".py") for f in project.files):
        return  # no Python code at all: nothing to compare the names with (the app is not here)
    seen = set()
    for ep in project.code.entrypoints:
        if not ep.missing or (ep.source, ep.line, ep.missing) in seen:
            continue
        seen.add((ep.source, ep.line, ep.missing))
        yield Violation(ep.source, ep.line, f"{ep.process} runs {quote(ep.command.text)}, but {ep.missing}: "
                                            f"{_consequence(ep.process, project.profile)}",
                        anchor=f"{ep.process}-target")
