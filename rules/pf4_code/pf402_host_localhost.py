"""PF402 host-localhost: the web server binds localhost or an address that is not the machine's."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import code_of, quote
from preflight.project.servers import host_problem, server_calls
from preflight.project.webservers import command_specs
from preflight.registry import rule


def _why(problem: str | None, p) -> str | None:
    """What binding a loopback or foreign address does, in the platform profile's words."""
    if problem == "loopback":
        return f"the loopback interface, which the router cannot reach ({p.boot_timeout})"
    if problem == "foreign":
        return (f"not an address of the {p.dyno}, so binding fails and the process crashes at boot "
                f"({code_of(p.app_crashed)})")
    return None


@rule("PF402", "host-localhost", "E", "The server binds localhost or an invalid address instead of 0.0.0.0",
      fix="Bind all interfaces: host='0.0.0.0' (on the command line: --host 0.0.0.0).")
def check(project):
    """
    ## What it does
    Finds a web server bound to `127.0.0.1`, `localhost`, `::1`, or an address that is not one of the
    machine's (`'0,0,0,0'`, a host name, a LAN address), in code that runs in the web process or on
    the web command line (`uvicorn --host 127.0.0.1`, `gunicorn -b 127.0.0.1:$PORT`). A missing host
    counts when the server's default is localhost: Flask's `app.run()`, `uvicorn.run()`, bottle, Sanic,
    `flask run`, `uvicorn`/`hypercorn`/`daphne` without `--host`, `manage.py runserver` without an
    address. On Heroku Fir, which routes over IPv6, the hint binds `::`, and the command line is left
    to web-bind-not-ipv6 (every IPv4 bind is wrong there).

    ## Why it breaks the deploy
    The router connects to the dyno from outside; a socket on the loopback interface cannot be
    reached, so the web process never answers: **R10 Boot timeout**, then H10. An address that does not
    belong to the dyno fails to bind at all and the process crashes at boot.

    ## Example
    ```python
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
    ```

    ## How to fix
    Use `host="0.0.0.0"` (or `--host 0.0.0.0`, `-b 0.0.0.0:$PORT`).

    ## Source
    research/heroku.md E08; help.heroku.com/P1AVPANS; the servers' documented defaults.
    """

    p = project.profile
    # the address to bind: "0.0.0.0", or "::" where the platform routes over IPv6 (Fir: port.bind "[::]"),
    # whose web-bind-not-ipv6 reports every IPv4 bind on the command line
    everywhere = (p.port.get("bind") or "0.0.0.0").strip("[]")
    for sc in server_calls(project):
        if sc.host is not None and sc.host.kind != "literal":
            continue
        if sc.host is None:
            if sc.spec.default_host in (None, "0.0.0.0"):
                continue
            msg = (f"{sc.spec.label} is given no host, so it binds {sc.spec.default_host}, which the router "
                   f"cannot reach ({p.boot_timeout})")
        else:
            why = _why(host_problem(str(sc.host.value)), p)
            if why is None:
                continue
            at = sc.set_at(sc.host)
            msg = f"{sc.spec.label} binds {sc.host.value!r}{f' (set at {at})' if at else ''}: {why}"
        yield Violation(sc.module.path, sc.line, msg, col=sc.call.col_offset + 1, anchor=f"{sc.kind}-host",
                        hint=f"Pass {sc.spec.host_arg[0]}='{everywhere}'.")
    if everywhere != "0.0.0.0":
        return  # commands: web-bind-not-ipv6
    for ep in project.code.entrypoints:
        spec = command_specs().get(ep.server or "")
        if ep.process != "web" or spec is None or ep.server == "uwsgi" or ep.port in ("socket", "endpoint"):
            continue
        if ep.host is None:
            if spec.default_host in (None, "0.0.0.0") or ep.server == "gunicorn":
                continue
            msg = (f"{quote(ep.command.text)} gives {ep.server} no host, so it binds {spec.default_host}, which the "
                   f"router cannot reach ({p.boot_timeout})")
        else:
            why = None if "$" in ep.host else _why(host_problem(ep.host), p)
            if why is None:
                continue
            msg = f"{quote(ep.command.text)} binds {ep.host!r}: {why}"
        yield Violation(ep.source, ep.line, msg, anchor=f"{ep.process}-host",
                        hint=f"Listen on all interfaces: {spec.host_fix}.")
