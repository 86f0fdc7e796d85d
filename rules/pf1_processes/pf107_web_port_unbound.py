"""PF107 web-port-unbound: the web process never listens on $PORT (a server without the port
argument, a fixed or foreign port, a polling bot or a task worker run as web)."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import clip, quote
from preflight.project.deploytarget import platform_shape
from preflight.project.platform import routed_port
from preflight.project.servers import web_polling_bot, web_serves_http
from preflight.project.webservers import command_specs, task_workers
from preflight.registry import BY_NAME, rule


def _port_argument(ep, p, routed=None) -> Violation | None:
    """The finding for a server command line that does not listen on $PORT (``p``: the platform profile;
    ``routed``: ``platform.routed_port``, a fixed port the platform sends traffic to)."""
    spec = command_specs().get(ep.server or "")
    if spec is None or ep.server == "uwsgi":
        return None
    port = ep.port
    if port in ("socket", "endpoint"):
        return None
    hint = f"Use {spec.fix}."
    where = ""
    if ep.port_source is not None:  # Streamlit: the port (or the attempt at one) is in a config file
        src = ep.port_source[0]
        where = f" ({src}:{ep.port_source[1]})" if ep.port_source[1] else f" ({src})"
        instead = f"set port = \"env:PORT\" under [server] in {src}." if src.endswith(".toml") else \
            f"let the shell expand $PORT where {src} writes the config (double quotes or an unquoted heredoc)."
        hint = f"Add --server.port $PORT to the command (it outranks every config file), or {instead}"
    shown = quote(ep.command.text)
    if port is None and ep.port_note:
        return Violation(ep.source, ep.line, f"{shown} never listens on $PORT: {ep.port_note}: {p.boot_timeout}",
                         anchor="web-port", hint=hint)
    if port is None:
        if spec.default_port in (None, "$PORT"):
            if ep.server == "gunicorn" and ep.host is not None:
                # --bind with a host but no port: gunicorn's default port 8000
                return Violation(ep.source, ep.line, f"{shown} binds {ep.host} without a port, so gunicorn "
                                                     f"listens on 8000, not $PORT: {p.boot_timeout}",
                                 anchor="web-port", hint=f"Use {spec.fix}.")
            return None
        return Violation(ep.source, ep.line, f"{shown} gives {ep.server} no port, so it listens on "
                                             f"{spec.default_port}, not $PORT: {p.boot_timeout}",
                         anchor="web-port", hint=f"Add {spec.fix}.")
    if "PORT" in port and ("$PORT" in port or "${PORT" in port or "%PORT" in port):
        return None
    if "$" in port:
        return Violation(ep.source, ep.line, f"{shown} listens on {port}{where}, but the platform only sets "
                                             f"$PORT: {p.boot_timeout}", anchor="web-port", hint=hint)
    if routed is not None and port == routed[0]:  # the port the platform sends traffic to: it works
        if routed[2] == "declared":
            return None
        return Violation(ep.source, ep.line, f"{shown} listens on the fixed port {port}{where}, {routed[1]}: it "
                                             "works while that stays so, but not if the port is changed",
                         anchor="web-port", hint=hint,
                         severity=Severity.INFO if routed[2] == "fixed" else Severity.WARNING)
    return Violation(ep.source, ep.line, f"{shown} listens on the fixed port {port}{where}, not $PORT: "
                                         f"{p.boot_timeout}", anchor="web-port", hint=hint)


@rule("PF107", "web-port-unbound", "E", "The web process never listens on $PORT",
      fix="Make the web command listen on $PORT, or run a non-HTTP process (bot, worker) as 'worker:' and "
          "scale web to 0.", needs=("port_env",))
@platform_shape
def check(project):
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
    In container mode the web command is the image's `CMD`/`ENTRYPOINT` (or heroku.yml `run.web`),
    reported at its line, or at the line of the entry script that runs the server; `$PORT` inside
    an exec-form `CMD` is left to `dockerfile-port`.

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

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest) and has no Procfile, app.json or heroku.yml, the findings are info: the port is then
    that platform's business.

    Runs on the platforms that give the web process a port in `$PORT` (the profile's `port_env`):
    not on Fly (no `PORT`: listen-port-mismatch compares with `internal_port`) nor PythonAnywhere
    (WSGI, no port). On the platforms where bot-deployed-as-web-service runs (Render, Railway,
    Koyeb, DigitalOcean, Cloud Run), a polling bot run as web is left to it, with that platform's
    way to declare a worker. Where the port is known before the deploy, a server bound to exactly
    that port works: the port a Dockerfile EXPOSEs on Dokku (nothing to report), Dokku's 5000 for
    buildpack apps (info), and the defaults Render (10000), Koyeb (8000), DigitalOcean and Cloud
    Run (8080) use unless their settings change it (a warning).

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
    `web/cli.py` (every option reads `STREAMLIT_<SECTION>_<NAME>`), read at 1.67; Heroku's HOME=/app;
    research/platforms.md §1 item 3, §7.2, §11.2, §13 (port row).
    """

    web = [ep for ep in project.code.entrypoints if ep.process == "web"]
    p = project.profile
    routed = routed_port(project)
    for ep in web:
        v = _port_argument(ep, p, routed)
        if v is not None:
            yield v
    if not web:
        return
    workers = task_workers()
    serves = web_serves_http(project)
    for ep in web:
        if ep.server in workers and not serves:
            yield Violation(ep.source, ep.line, f"web runs {quote(ep.command.text)}, {workers[ep.server]} that never "
                                                f"listens on $PORT: {p.boot_timeout}, and the {p.dyno} restarts in a "
                                                "loop", anchor="web-worker",
                            hint=f"Declare it as a worker process: 'worker: {clip(ep.command.text)}'.")
    bot = web_polling_bot(project)
    if bot is not None and not BY_NAME["bot-deployed-as-web-service"].applies_to(p):  # that rule says it there
        ep = bot.entry
        # where nothing checks the port (Dokku without an app.json health check) the deploy goes through
        unbound = p.port.get("unbound") if not any(
            s.health_path for s in project.platform_files.services(project.platform)) else None
        effect = unbound["effect"] if unbound else f"{p.boot_timeout}, and the {p.dyno} restarts in a loop"
        yield Violation(ep.source, ep.line,
                        f"web runs {quote(ep.command.text)}, a bot that polls ({bot.label} at {bot.module.path}:"
                        f"{bot.call.lineno}) and never listens on $PORT: {effect}", anchor="web-polling",
                        hint=f"Run the bot as a worker: 'worker: {clip(ep.command.text)}', then "
                             f"{p.scale_worker_only} (or switch the bot to webhooks served by the web app).",
                        severity=Severity.parse(unbound["severity"]) if unbound else None)
