"""PF101 procfile-missing: a web app with no Procfile at the repository root."""
from __future__ import annotations

from preflight.findings import REPO, Violation
from preflight.messages import code_named
from preflight.project.deploytarget import platform_shape
from preflight.registry import rule


@rule("PF101", "procfile-missing", "E", "A web app with no Procfile at the repository root",
      fix="Add a file named 'Procfile' at the root with a web process, e.g. 'web: gunicorn app:app'.",
      modes=["buildpack"], needs=("procfile_required",))
@platform_shape
def check(project):
    """
    ## What it does
    Reports a web app (a web framework or server among the declared dependencies; aiohttp and
    tornado only when the code imports their server side) deployed with a buildpack that has no
    `Procfile` at the repository root and no `run` section in `heroku.yml`.
    It stays silent when a misnamed Procfile exists (procfile-misnamed reports it), when a
    `Procfile` is on disk but not committed (deploy-file-untracked reports it), in container
    mode, where the image's `CMD` starts the app, and for a package published to an index (a
    Flask or Django extension: package metadata with a build backend, and no deploy file, root
    entry script or WSGI/ASGI server).

    The finding is about the repository (`.`, line 0): the missing file has no line to point at,
    and the message names the dependency that makes it a web app.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest, PythonAnywhere) and has no Procfile, app.json or heroku.yml, the finding is info, with the
    evidence named.

    ## Why it breaks the deploy
    Neither Python buildpack declares a default process, so without a Procfile the build succeeds,
    no web dyno starts, and every request gets **H14 No web processes running**.

    ## Example
    ```
    requirements.txt    flask, gunicorn
    app.py
    (no Procfile)
    ```

    ## How to fix
    Add a `Procfile` at the root: `web: gunicorn app:app` for Flask (module `app.py`, object
    `app`), `web: gunicorn myproject.wsgi` for Django, `web: uvicorn main:app --host 0.0.0.0
    --port $PORT` for FastAPI.

    ## Source
    Heroku Dev Center, "The Procfile"; classic buildpack `bin/release` and the CNB declare no
    process; research/heroku.md E01, F (H14).
    """

    if project.exists("Procfile") or project.misplaced_procfile is not None:
        return  # procfile-misnamed reports a misnamed one
    hy = project.heroku_yml
    if hy is not None and project.exists(hy.path) and hy.run or not project.is_web_app:
        return
    from preflight.project.dependencies import is_library
    from preflight.project.webapp import start_example, web_evidence

    if is_library(project):
        return  # a Flask/Django extension published to PyPI: nothing here is deployed
    evidence, where = web_evidence(project)
    yield Violation(REPO, 0, f"no Procfile at the repository root, and this is a web app ({evidence} {where}): "
                             "the buildpack starts no web process, so every request gets "
                             f"{code_named(project.profile.no_web_process)}",
                    hint=f"Add a file named 'Procfile' at the root with a web process, e.g. "
                         f"'{start_example(project, evidence)}'.", anchor="Procfile")
