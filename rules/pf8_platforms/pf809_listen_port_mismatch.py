"""PF809 listen-port-mismatch: on Fly, the web server listens on another port (or address) than internal_port."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import quote
from preflight.project.platform import fly_internal_port
from preflight.project.servers import host_problem, listening_without_port_env
from preflight.registry import rule


@rule("PF809", "listen-port-mismatch", "E",
      "The web server listens on another port than the one the platform's proxy sends requests to",
      fix="Listen on 0.0.0.0 at the internal_port of fly.toml (8080 by default), or set [env] PORT to it.",
      platforms=("fly",))
def check(project):
    """
    ## What it does
    On a platform that sets no `PORT` variable (Fly.io: its profile's `facts.port.var` is null)
    reports a web server that does not end up on `0.0.0.0:<internal_port>` (8080, the profile's
    `facts.port.default`): a command that reads `$PORT` (gunicorn without `--bind` reads it and,
    without it, binds `127.0.0.1:8000`; `--bind 0.0.0.0:$PORT` gets an empty port;
    `${PORT:-8000}` falls back to 8000), a literal port other than 8080 (`--port 8000`), a server's
    own default (uvicorn's 8000), and a server started in code (`app.run(port=int(os.environ.get(
    "PORT", 5000)))` on the web start path listens on 5000). The message says that Fly does not set
    `PORT`, where the app listens instead, and which `internal_port` to use.

    A server started under `if __name__ == "__main__":` while gunicorn imports the module is not
    counted (that block never runs). The port compared with is fly.toml's `internal_port` of the
    service that serves the web group (`[http_service]` or `[[services]]`), else Fly's default 8080;
    an `[env] PORT` there is what a server reading `$PORT` gets. With no fly.toml yet, it is what
    `fly launch` will write: 8000 and `PORT=8000` for a Django project, else the Dockerfile's first
    EXPOSE, else 8080.

    ## Why it breaks the deploy
    Fly's proxy sends requests to `internal_port` and `fly deploy` warns "The app is not listening
    on the expected address and will not be reachable by fly-proxy"; every request fails. Fly's
    runtime environment lists `FLY_APP_NAME`, `FLY_REGION`... and no `PORT`, so code and commands
    written for Heroku fall back to their defaults.

    ## Example
    ```
    web: gunicorn flask_app:app      # no PORT on Fly: gunicorn binds 127.0.0.1:8000
    ```

    ## How to fix
    `gunicorn --bind 0.0.0.0:8080 flask_app:app` with `internal_port = 8080` in fly.toml's
    `[http_service]`, or keep `$PORT` and set `[env] PORT = "8080"` in fly.toml.

    ## Source
    research/platforms.md §1 item 3, §7.2 (no `PORT`; "not listening on the expected address"),
    §12.2, §13 (port row), §14 rule 9; preflight/data/platforms/fly.json (`facts.port`,
    `words.boot_timeout`); gunicorn's `bind` setting (127.0.0.1:8000 without `PORT`).
    """
    p = project.profile
    if p.port.get("var") is not None or not p.port.get("default"):
        return
    internal, origin, env_port = fly_internal_port(project)  # env_port: [env] PORT, the variable exists then
    bind = p.port.get("bind") or "0.0.0.0"
    # Only commands Fly runs are sure: a Procfile is run only by a buildpack builder (EntryPoint.read), so
    # its command, and a server call reached only through it, are info that says "if it is used"
    # (procfile-not-read-by-platform warns that it is not).
    run = [ep for ep in project.code.entrypoints if ep.process == "web"]
    for ls in listening_without_port_env(project):
        unsure = (not ls.entry.read) if ls.entry is not None else not run
        port, host = ls.port, ls.host
        if ls.reads_port and env_port is not None:  # the server reads the PORT fly.toml sets
            port = env_port
            if ls.entry is not None and ls.entry.host is None:
                host = bind  # a server given no address binds all of them when PORT is set (gunicorn)
        wrong_host = host_problem(host) is not None
        if port == internal and not wrong_host:
            continue
        shown = quote(ls.what) if ls.entry is not None else ls.what
        if port:
            where = f"{host or bind}:{port}" if host not in ("", "*") else f"port {port}"
            listens = f"it listens on {where}"
        else:
            listens = "it is given an empty port"
        reads = f" reads $PORT, which {p.title} does not set:" if ls.reads_port and env_port is None else ""
        message = (f"{shown}{reads}{'' if reads else ':'} {listens}, and {p.title}'s proxy sends requests to "
                   f"internal_port {internal} ({origin}) on {bind}: {p.boot_timeout}")
        if ls.entry is not None:
            name = f"{ls.entry.process}: " if ls.path.split("/")[-1].startswith("Procfile") else ""
            first, _, rest = ls.what.partition(" ")
            fixed = f"{first} {ls.option.format(port=internal)} {rest}".strip() if ls.entry.port is None and \
                ls.entry.host is None else f"{ls.what} with {ls.option.format(port=internal)}"
            hint = (f"{name}{fixed}, and internal_port = {internal} in fly.toml [http_service] (or keep $PORT and "
                    f"set [env] PORT = \"{internal}\")")
        else:
            hint = (f"Listen on {bind}:{internal} (port=int(os.environ.get('PORT', {internal})), host='{bind}'), with "
                    f"internal_port = {internal} in fly.toml [http_service]; or set internal_port to the port the "
                    "app uses")
        if unsure:
            message = (f"if {ls.path if ls.entry is not None else 'the Procfile'} is used (Fly runs a Procfile only "
                       f"with a buildpack builder in fly.toml [build]): {message}")
        yield Violation(ls.path, ls.line, message, col=ls.col, hint=hint, anchor=f"{ls.host}:{ls.port}",
                        severity=Severity.INFO if unsure else None)
