"""PF106 procfile-dev-server: the web process runs a development server (``flask run``, ``runserver``,
``--reload``, or a script that ends in ``app.run()``)."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.project.servers import server_calls
from preflight.project.webservers import command_specs
from preflight.registry import rule


@rule("PF106", "procfile-dev-server", "W", "The web process runs a development server",
      fix="Serve the app with a production server: web: gunicorn module:app (uvicorn module:app --host 0.0.0.0 "
          "--port $PORT for ASGI).")
def check(project):
    """
    ## What it does
    Finds a web process that runs a development server: `flask run`, `python manage.py runserver`,
    `adev runserver`, a server started with `--reload`, or `python app.py` where the code that runs
    ends in Flask's `app.run()` (also Quart, Dash, bottle's default server, wsgiref's `make_server`).
    aiohttp's `web.run_app`, `uvicorn.run`, waitress and Sanic are production servers and are not
    reported. In container mode the web process is the image's `CMD`/`ENTRYPOINT` (or heroku.yml
    `run.web`), and the finding is at that line (`CMD ["python", "app.py"]`, `CMD flask run`).

    ## Why it matters
    Development servers handle one request at a time or restart on file changes, are not hardened,
    and often bind `127.0.0.1:5000` by default (then the dyno never boots: R10). Flask prints "WARNING:
    This is a development server. Do not use it in a production deployment."

    ## Example
    ```
    web: python flask_app.py      # ends in app.run(...)
    ```

    ## How to fix
    `web: gunicorn flask_app:app` (add gunicorn to requirements.txt); for Django
    `web: gunicorn project.wsgi`; for ASGI apps `uvicorn main:app --host 0.0.0.0 --port $PORT`.

    ## Source
    research/heroku.md E11; heroku/heroku-buildpack-python#719; Flask and Django deployment docs.
    """

    specs = command_specs()
    dev_calls = [sc for sc in server_calls(project) if sc.dev_server]
    for ep in project.code.entrypoints:
        if ep.process != "web":
            continue
        spec = specs.get(ep.server or "")
        if spec is not None and spec.dev:
            yield Violation(ep.source, ep.line, f"web runs {quote(ep.command.text)}: {spec.dev} serves production "
                                                "traffic", anchor="web-dev", hint=spec.dev_hint)
        elif spec is not None and spec.reload_flag and ep.command.has(spec.reload_flag):
            yield Violation(ep.source, ep.line, f"web runs {quote(ep.command.text)}: {spec.reload_flag} is a "
                                                "development mode that watches files and restarts the server",
                            anchor="web-reload", hint=f"Remove {spec.reload_flag} from the web command.")
        elif ep.runs_as_main and ep.module and dev_calls:
            sc = next((c for c in dev_calls if c.module.path == ep.module), dev_calls[0])
            yield Violation(ep.source, ep.line, f"web runs {quote(ep.command.text)}, and {sc.module.path}:{sc.line} "
                                                f"starts {sc.dev_server}, which is not meant for production",
                            anchor="web-dev")
