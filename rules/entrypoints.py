"""PF105-PF107 Processes, followed into the code: the target of each start command, development servers,
and web processes that never listen on $PORT.

Every start command is resolved by project.code.entrypoints (Procfile or a misnamed one, Dockerfile
CMD/ENTRYPOINT and the scripts they run, heroku.yml, crontab). Findings point at the command line the user
must change, and name the code line that shows the problem.

Sources: research/heroku.md E04 (non-HTTP process as web -> R10), E07 (web ignores $PORT -> R10), E10
(target unresolvable -> H10), E11 (development server in web), F (error codes); docker.md §4.1 (a container's
CMD is its web process).
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.entrypoints import SERVERS
from preflight.registry import rule
from preflight.project.servers import polling_calls, server_calls

CONSEQUENCE = {
    "web": "the web dyno crashes at boot (H10 App crashed)",
    "release": "the release phase fails, so the release is not deployed",
    "cron": "the scheduled job fails every time it runs",
}
WORKERS = {"celery": "a Celery worker", "rq": "an RQ worker", "dramatiq": "a Dramatiq worker",
           "huey": "a Huey consumer", "huey_consumer": "a Huey consumer", "arq": "an arq worker"}


def _consequence(process: str) -> str:
    return CONSEQUENCE.get(process, f"the {process} dyno crashes at boot and restarts in a loop")


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _where(ep) -> str:
    return f"'{_clip(ep.command.text)}'"


@rule("PF105", "procfile-target-missing", "E", "A start command runs a file, module or app object that is not there",
      fix="Point the command at a file or module:attribute that exists in the repository (names are "
          "case-sensitive on the platform).")
def procfile_target_missing(project):
    """
    ## What it does
    Resolves what each start command loads, as the platform will: `python flask_app.py`,
    `python -m pkg`, gunicorn/uvicorn/hypercorn/daphne/waitress `module:attr` (with `--chdir`,
    `--pythonpath`, `--app-dir`, factories like `app:create_app()`), `flask --app`/`FLASK_APP`,
    `manage.py`, `streamlit run`, `celery -A`, in the Procfile, the Dockerfile's CMD/ENTRYPOINT, the
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
        yield Violation(ep.source, ep.line, f"{ep.process} runs {_where(ep)}, but {ep.missing}: "
                                            f"{_consequence(ep.process)}", anchor=f"{ep.process}-target")


DEV_FLAGS = {"gunicorn": "--reload", "uvicorn": "--reload", "hypercorn": "--reload"}


@rule("PF106", "procfile-dev-server", "W", "The web process runs a development server",
      fix="Serve the app with a production server: web: gunicorn module:app (uvicorn module:app --host 0.0.0.0 "
          "--port $PORT for ASGI).")
def procfile_dev_server(project):
    """
    ## What it does
    Finds a web process that runs a development server: `flask run`, `python manage.py runserver`,
    `adev runserver`, a server started with `--reload`, or `python app.py` where the code that runs
    ends in Flask's `app.run()` (also Quart, Dash, bottle's default server, wsgiref's `make_server`).
    aiohttp's `web.run_app`, `uvicorn.run`, waitress and Sanic are production servers and are not
    reported.

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
    web = [ep for ep in project.code.entrypoints if ep.process == "web"]
    dev_calls = [sc for sc in server_calls(project) if sc.spec.dev and not _server_arg(sc)]
    for ep in web:
        if ep.server == "flask":
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}: Flask's development server serves "
                                                "production traffic", anchor="web-dev")
        elif ep.server == "django-runserver":
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}: Django's development server serves "
                                                "production traffic", anchor="web-dev",
                            hint="web: gunicorn <project>.wsgi (and add gunicorn to requirements.txt).")
        elif ep.server == "adev":
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}: aiohttp-devtools' development server "
                                                "serves production traffic", anchor="web-dev",
                            hint="Start the app with web.run_app(app, port=int(os.environ['PORT'])) or gunicorn "
                                 "with the aiohttp worker.")
        elif ep.server in DEV_FLAGS and ep.command.has(DEV_FLAGS[ep.server]):
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}: {DEV_FLAGS[ep.server]} is a development "
                                                "mode that watches files and restarts the server",
                            anchor="web-reload", hint=f"Remove {DEV_FLAGS[ep.server]} from the web command.")
        elif ep.runs_as_main and ep.module and dev_calls:
            sc = next((c for c in dev_calls if c.module.path == ep.module), dev_calls[0])
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}, and {sc.module.path}:{sc.line} starts "
                                                f"{sc.spec.dev}, which is not meant for production",
                            anchor="web-dev")


def _server_arg(sc) -> bool:
    """bottle's run(server='gunicorn') picks a production server."""
    return any(kw.arg == "server" for kw in sc.call.keywords)


@rule("PF107", "web-port-unbound", "E", "The web process never listens on $PORT",
      fix="Make the web command listen on $PORT, or run a non-HTTP process (bot, worker) as 'worker:' and "
          "scale web to 0.")
def web_port_unbound(project):
    """
    ## What it does
    Checks that the `web` process can listen on the port the platform assigns:
    `uvicorn`/`hypercorn`/`daphne`/`waitress-serve`/`streamlit run`/`flask run`/`manage.py runserver`
    without the port argument (they do not read `$PORT`), `gunicorn --bind` to a fixed port, a port
    taken from another variable (`--port $APP_PORT`), and a web process that is not an HTTP server at
    all: a long-polling bot (pyTelegramBotAPI `polling`/`infinity_polling`, aiogram `start_polling`,
    python-telegram-bot `run_polling`, Telethon, Pyrogram, discord.py `client.run`/`client.start`, also
    on a `discord.Client` subclass, vk_api long poll; in a Django management command too) or a task
    worker (Celery, RQ, Dramatiq, Huey, arq). A bot or worker declared as `worker:` is right and is not
    reported, nor is a bot that polls beside a server it starts (`Thread(target=app.run, ...)`).

    Streamlit also takes its port from `STREAMLIT_SERVER_PORT` and from config files, in this order
    (the first that sets it wins): `--server.port`, `STREAMLIT_SERVER_PORT` (on the command or
    `export`ed by a script), `.streamlit/config.toml` beside the script, in the working folder, then
    `~/.streamlit/config.toml`; HOME is /app on a dyno, so the Heroku tutorial's `sh setup.sh &&
    streamlit run app.py`, whose setup.sh writes `port = $PORT` into `~/.streamlit/config.toml` with the
    shell expanding it, is right (and replaces a committed root config). A committed config.toml cannot
    hold `$PORT` (TOML is not expanded; `port = $PORT` does not even parse, and Streamlit ignores the
    file), but `port = "env:PORT"` reads the variable. Reported: a fixed port in any of these files,
    `"$PORT"` as text, a file that does not parse, `$PORT` written through a quoted heredoc or single
    quotes (the file gets the text `$PORT`), and the tutorial's `echo "[server]\\n..."` run by bash
    (`bash setup.sh`, a `#!/bin/bash` script, or inline in the Procfile, which bash runs): bash's echo
    keeps `\\n` as two characters, so the file is one line; `sh` (dash on Heroku's stacks), `echo -e`
    and `printf` turn them into new lines.

    ## Why it breaks the deploy
    The web dyno must bind `$PORT` within 60 seconds of starting. A server on its default port
    (8000, 8501, 5000) or a process that never opens a socket gets **R10 Boot timeout** and is
    restarted in a loop; the bot may even answer for a minute each time before it is killed.

    ## Example
    ```
    web: python bot.py            # bot.infinity_polling()
    web: uvicorn main:app         # listens on 127.0.0.1:8000
    ```

    ## How to fix
    `worker: python bot.py` (and `heroku ps:scale web=0 worker=1`); `uvicorn main:app --host 0.0.0.0
    --port $PORT`; `gunicorn app:app` with no `--bind`, or `--bind 0.0.0.0:$PORT`.

    ## Source
    research/heroku.md E04, E07 and F (R10); python-telegram-bot#1340, mullwar/telebot#96; Streamlit
    `config.py` (`get_config_files`, `get_config_options`, `_maybe_read_env_variable`: "env:" values) and
    `web/cli.py` (every option reads `STREAMLIT_<SECTION>_<NAME>`), read at 1.67; Heroku's HOME=/app.
    """
    web = [ep for ep in project.code.entrypoints if ep.process == "web"]
    for ep in web:
        v = _port_argument(ep)
        if v is not None:
            yield v
    if not web:
        return
    serves = any(ep.server in SERVERS or ep.server in ("gunicorn",) for ep in web) or bool(server_calls(project))
    for ep in web:
        if ep.server in WORKERS and not serves:
            yield Violation(ep.source, ep.line, f"web runs {_where(ep)}, {WORKERS[ep.server]} that never listens "
                                                "on $PORT: R10 boot timeout, and the dyno restarts in a loop",
                            anchor="web-worker", hint=f"Declare it as a worker process: "
                                                      f"'worker: {_clip(ep.command.text)}'.")
    polls = polling_calls(project)
    blocking = [p for p in polls if not serves or (p[3] and not project.code.main_runs(p[0].path))]
    if blocking:
        mod, call, label, _ = blocking[0]
        ep = _entry_for(web, mod.path, project) or web[0]
        yield Violation(ep.source, ep.line,
                        f"web runs {_where(ep)}, a bot that polls ({label} at {mod.path}:{call.lineno}) and "
                        "never listens on $PORT: R10 boot timeout, and the dyno restarts in a loop",
                        anchor="web-polling",
                        hint=f"Run the bot as a worker: 'worker: {_clip(ep.command.text)}', then "
                             "heroku ps:scale web=0 worker=1 (or switch the bot to webhooks served by the web app).")


def _entry_for(web, path: str, project):
    for ep in web:
        if ep.module == path:
            return ep
    for ep in web:
        if ep.module and path in {m.path for m in project.code.start_path("web")}:
            return ep
    return None


def _port_argument(ep) -> Violation | None:
    spec = SERVERS.get(ep.server or "")
    if spec is None or ep.server == "uwsgi":
        return None
    port = ep.port
    if port in ("socket", "endpoint"):
        return None
    hint = f"Use {spec['fix']}."
    where = ""
    if ep.port_source is not None:  # Streamlit: the port (or the attempt at one) is in a config file
        src = ep.port_source[0]
        where = f" ({src}:{ep.port_source[1]})" if ep.port_source[1] else f" ({src})"
        instead = f"set port = \"env:PORT\" under [server] in {src}." if src.endswith(".toml") else \
            f"let the shell expand $PORT where {src} writes the config (double quotes or an unquoted heredoc)."
        hint = f"Add --server.port $PORT to the command (it outranks every config file), or {instead}"
    if port is None and ep.port_note:
        return Violation(ep.source, ep.line, f"{_where(ep)} never listens on $PORT: {ep.port_note}: R10 boot timeout",
                         anchor="web-port", hint=hint)
    if port is None:
        if spec["default_port"] in (None, "$PORT"):
            if ep.server == "gunicorn" and ep.host is not None:
                # --bind with a host but no port: gunicorn's default port 8000
                return Violation(ep.source, ep.line, f"{_where(ep)} binds {ep.host} without a port, so gunicorn "
                                                     "listens on 8000, not $PORT: R10 boot timeout",
                                 anchor="web-port", hint=f"Use {spec['fix']}.")
            return None
        return Violation(ep.source, ep.line, f"{_where(ep)} gives {ep.server} no port, so it listens on "
                                             f"{spec['default_port']}, not $PORT: R10 boot timeout",
                         anchor="web-port", hint=f"Add {spec['fix']}.")
    if "PORT" in port and ("$PORT" in port or "${PORT" in port or "%PORT" in port):
        return None
    if "$" in port:
        return Violation(ep.source, ep.line, f"{_where(ep)} listens on {port}{where}, but the platform only sets "
                                             "$PORT: R10 boot timeout", anchor="web-port", hint=hint)
    return Violation(ep.source, ep.line, f"{_where(ep)} listens on the fixed port {port}{where}, not $PORT: R10 boot "
                                         "timeout", anchor="web-port", hint=hint)
