"""PF601 config-port-hardcoded: a config file the web server reads sets a fixed port instead of $PORT."""
from preflight.findings import Violation
from preflight.project.portchain import hardcoded_ports
from preflight.project.platform import routed_port
from preflight.registry import rule


@rule("PF601", "config-port-hardcoded", "E",
      "A config file the web process loads sets a fixed listen port where $PORT is needed",
      fix="Write the platform's port into the file at start time (port: $PORT in an envsubst template), or "
          "read os.environ['PORT'] in code before the config value.", needs=("port_env",))
def check(project):
    """
    ## What it does
    Follows the web process's port across files: the start command, the code it runs, the config key
    that code reads, the template `envsubst` makes that config from, and reports the line that sets a
    fixed number where `$PORT` is needed. It also reads the `bind` of a gunicorn config file
    (`gunicorn -c gunicorn_config.py`, or `gunicorn.conf.py`, gunicorn's default file) and the
    `http-socket`/`http` of a `uwsgi --ini` file.

    A port read from the environment first (`os.environ.get("PORT", config["port"])`), a command-line
    `--bind`/`--port` (the server's own rules say that one wins), `$(PORT)` in uwsgi.ini, and a dev config
    the web process does not read are all fine.

    Runs on the platforms that give the web process a port in `$PORT` (the profile's `port_env`):
    not on Fly (no `PORT`: listen-port-mismatch compares with `internal_port`) nor PythonAnywhere
    (WSGI, no port).

    ## Why it matters
    The platform assigns each web dyno a port in `$PORT` and routes requests there. A server that
    listens on 8080 instead is never reached: the dyno is stopped after 60 seconds with R10 boot timeout.
    gunicorn listens on `0.0.0.0:$PORT` by itself when `PORT` is set, unless a config file's `bind`
    says otherwise. Nothing in the log points at the YAML line.

    ## Example
    ```yaml
    # config/heroku_config.yaml, filled by run.sh: envsubst < config/heroku_config.yaml > config/config.yaml
    common:
      port: 8080        # must be $PORT
    ```

    ## How to fix
    Put `port: $PORT` in the template `envsubst` fills at run time; in a gunicorn config,
    `bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"`; in uwsgi.ini, `http-socket = :$(PORT)`.

    ## Sources
    Heroku Dev Center, "Runtime principles" / "Dynos" (web dynos must bind to `$PORT`) and "Error codes"
    (R10); docs.gunicorn.org settings, `bind` (the `$PORT` default); seed 004 (`port: $PORT` in
    heroku_config.yaml); research/docker.md §5.3;
    research/platforms.md §1 item 3, §7.2, §11.2, §13 (port row).
    """
    p = project.profile
    routed = routed_port(project)
    for s in hardcoded_ports(project):
        if s.literal_var:
            yield Violation(s.path, s.line,
                            f"{s.chain}; line {s.line} sets {s.written}, but nothing expands that text (the "
                            f"file is read as written), so the server gets the string \"{s.value}\", not a port",
                            hint="Fill the file with envsubst at start (envsubst < template > file) or read "
                                 f"os.environ['{p.port_var}'] in code.", anchor=f"{s.key}:{s.value}")
            continue
        if routed is not None and str(s.value).rsplit(":", 1)[-1] == routed[0] and routed[2] == "declared":
            continue  # the port the platform's manifest routes to (.do/app.yaml http_port, or its 8080 default)
        yield Violation(s.path, s.line,
                        f"{s.chain}; line {s.line} sets {s.written}, not ${p.port_var}: the {p.dyno} "
                        f"listens where the platform never sends requests ({p.boot_timeout})",
                        hint=_hint(s).format(var=p.port_var), anchor=f"{s.key}:{s.value}")


def _hint(s) -> str:
    if s.key in _HINTS:
        return _HINTS[s.key]
    return _HINTS["template" if s.templated else "code"]


_HINTS = {
    "bind": "Remove bind (gunicorn then listens on 0.0.0.0:${var}) or write "
            "bind = f\"0.0.0.0:{{os.environ.get('{var}', '8000')}}\".",
    "http-socket": "Write http-socket = :$({var}) (uWSGI expands $(NAME) from the environment).",
    "http": "Write http = :$({var}) (uWSGI expands $(NAME) from the environment).",
    "template": "Write ${var} on that line (envsubst fills it when the process starts), or read "
                "os.environ['{var}'] in code before the config value.",
    "code": "Read the port from the environment first: port=int(os.environ.get('{var}', <the config value>)), "
            "or make the file from a template with envsubst when the process starts (port: ${var}).",
}
