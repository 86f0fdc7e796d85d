"""PF401 port-hardcoded: the server in the web process listens on a fixed port instead of $PORT.

Only code that runs in production counts (``preflight.project.servers.server_calls``): with ``web: gunicorn
app:app`` the ``app.run(...)`` under ``if __name__ == "__main__":`` never runs and is never reported.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.servers import server_calls
from preflight.registry import rule


def _port_hint(sc) -> str:
    if sc.kind == "socketserver":
        return "Bind ('0.0.0.0', int(os.environ['PORT'])), or serve the app with gunicorn."
    return f"Pass {sc.spec.port_arg[0]}=int(os.environ.get('PORT', {sc.spec.default_port or 5000})), or serve the " \
           "app with gunicorn (web: gunicorn module:app), which reads $PORT itself."


@rule("PF401", "port-hardcoded", "E", "The server listens on a fixed port instead of $PORT",
      fix="Listen on the port the platform gives: port=int(os.environ.get('PORT', 5000)).", needs=("port_env",))
def check(project):
    """
    ## What it does
    Finds the code that starts the web server (`app.run`, `web.run_app`, `uvicorn.run`,
    `waitress.serve`, `socketio.run`, bottle's `run`, tornado's `listen`, `make_server`, gradio's
    `launch`, a Telegram bot's `run_webhook`/`start_webhook`/`run_webhooks`...) on a literal port: written in the call, through a constant (`PORT = 5000`), another
    module's constant (`config.PORT`), or the server's default when no port is given. Only code that
    runs in the web process counts: a `__main__` block the server never runs is ignored.

    Runs on the platforms that give the web process a port in `$PORT` (the profile's `port_env`):
    not on Fly (no `PORT`: listen-port-mismatch compares with `internal_port`) nor PythonAnywhere
    (WSGI, no port).

    ## Why it breaks the deploy
    The platform picks the port at boot and passes it in `$PORT`; the router only reaches the web
    process there. A server on 5000 or 8080 is never found: **R10 Boot timeout** after 60 seconds,
    then the dyno crashes (H10).

    ## Example
    ```python
    if __name__ == "__main__":          # web: python app.py
        app.run(host="0.0.0.0", port=5000)
    ```

    ## How to fix
    `app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))`, or better, serve the app with
    gunicorn (`web: gunicorn app:app`), which reads `$PORT` itself.

    ## Source
    research/heroku.md E07 and F (R10); help.heroku.com/P1AVPANS; the servers' documented defaults;
    research/platforms.md §1 item 3, §7.2, §11.2, §13 (port row).
    """

    timeout = project.profile.boot_timeout
    for sc in server_calls(project):
        if sc.port is not None and sc.port.kind != "literal":
            continue
        if sc.port is None:
            if sc.spec.default_port is None:
                continue
            msg = (f"{sc.spec.label} is given no port, so it listens on {sc.spec.default_port}, not on $PORT: "
                   f"the router never reaches it ({timeout})")
        else:
            at = sc.set_at(sc.port)
            where = f" (set at {at})" if at else ""
            msg = (f"{sc.spec.label} listens on port {sc.port.value}{where} instead of $PORT: the router never "
                   f"reaches it ({timeout})")
        yield Violation(sc.module.path, sc.line, msg, col=sc.call.col_offset + 1, anchor=f"{sc.kind}-port",
                        hint=_port_hint(sc))
