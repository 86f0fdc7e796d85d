"""PF808 web-bind-not-ipv6: the web server binds an IPv4 address where the platform routes over IPv6."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.project.portchain import gunicorn_config
from preflight.registry import rule

_IPV4 = ("0.0.0.0", "127.0.0.1", "localhost", "")   # "" : gunicorn/hypercorn -b :$PORT binds 0.0.0.0
_SERVERS = ("gunicorn", "uvicorn", "hypercorn")
_FIX = {"gunicorn": "--bind '[::]:$PORT'", "hypercorn": "--bind '[::]:$PORT'", "uvicorn": "--host :: --port $PORT"}


@rule("PF808", "web-bind-not-ipv6", "E", "The web server binds IPv4 where the platform routes to the IPv6 "
      "wildcard [::]", fix="Bind [::]:$PORT: gunicorn --bind '[::]:$PORT', uvicorn --host :: --port $PORT "
                           "(only [::], not both it and 0.0.0.0).", needs=("procfile",))
def check(project):
    """
    ## What it does
    On a platform whose web processes must listen on the IPv6 wildcard (the profile's
    `facts.port.bind` is `[::]`: Heroku Fir), reports a web command that binds an IPv4 address
    explicitly (`gunicorn -b 0.0.0.0:$PORT`, `gunicorn -b :$PORT`, `uvicorn --host 0.0.0.0`,
    `hypercorn -b 0.0.0.0:$PORT`, or 127.0.0.1), a gunicorn config file whose `bind` is IPv4
    (`bind = "0.0.0.0:8000"`), and gunicorn with no bind at all, whose default when `PORT` is set
    is `0.0.0.0:$PORT`, IPv4 only. The start commands come from the model's entry points
    (`project.code.entrypoints`: the Procfile and the scripts it runs).

    ## Why it breaks the deploy
    Fir routes requests to the dyno over IPv6: a server listening on `0.0.0.0` only is never
    reached, and the web dyno fails to boot.

    ## Example
    ```
    web: gunicorn -b 0.0.0.0:$PORT app:app
    ```

    ## How to fix
    `web: gunicorn --bind '[::]:$PORT' app:app` (or `bind = ["[::]:" + os.environ["PORT"]]` in
    gunicorn.conf.py), `web: uvicorn main:app --host :: --port $PORT`. Bind `[::]` alone: binding
    both `0.0.0.0` and `[::]` makes gunicorn fail with "Address already in use" on Linux.

    ## Source
    research/platforms.md §2.2 (Dev Center "Dyno Startup Behavior", Fir-generation apps bind
    `[::]:$PORT`; heroku/python-getting-started#241), §13 (bind address), §14 rule 8; the profile's
    `facts.port.bind` (preflight/data/platforms/heroku-fir.json); gunicorn's `bind` setting
    (docs.gunicorn.org: the default is `0.0.0.0:$PORT` when `PORT` is set).
    """
    p = project.profile
    wanted = p.port.get("bind")
    if wanted != "[::]":
        return
    seen = set()
    for ep in project.code.entrypoints:
        if ep.process != "web" or ep.server not in _SERVERS or (ep.source, ep.line) in seen:
            continue
        seen.add((ep.source, ep.line))
        fix = _FIX[ep.server]
        shown = quote(ep.command.text or ep.server)
        # gunicorn -b :$PORT or -b $PORT: the empty host is 0.0.0.0
        host = "" if ep.server == "gunicorn" and ep.host is None and ep.port is not None else ep.host
        if host is not None and host.strip("'\"[]") in _IPV4:
            host = host or f"0.0.0.0 (the host left empty in {quote(ep.command.option('-b', '--bind') or '')})"
            yield Violation(ep.source, ep.line, f"{shown} binds {host}, an IPv4 address: {p.title} routes to "
                                                f"{wanted}:$PORT over IPv6, so the web {p.dyno} is never reached: "
                                                f"{p.boot_timeout}",
                            hint=f"Bind the IPv6 wildcard instead: {fix}.", anchor="ipv4-bind")
        elif ep.server == "gunicorn" and ep.host is None and ep.port is None:
            yield from _gunicorn_default(project, ep, shown, fix)


def _gunicorn_default(project, ep, shown: str, fix: str):
    p = project.profile
    found = gunicorn_config(project, ep)
    entry = found[0].find(("bind",)) if found is not None else None
    if entry is not None:
        value = entry.value or ""
        if "::" in value or not any(v in value for v in ("0.0.0.0", "127.0.0.1", "localhost")):
            return  # IPv6 already, or computed in a way not read here
        yield Violation(found[0].path, entry.line, f"bind = {value!r} is IPv4 ({found[1]}): {p.title} routes to "
                                                   f"[::]:$PORT over IPv6, so the web {p.dyno} is never reached: "
                                                   f"{p.boot_timeout}",
                        hint="Bind the IPv6 wildcard: bind = ['[::]:' + os.environ['PORT']].", anchor="ipv4-config")
        return
    if ep.env.get("GUNICORN_CMD_ARGS") is not None:
        return  # set in the command's environment: its bind is not read here
    yield Violation(ep.source, ep.line, f"{shown} gives gunicorn no bind, so it listens on 0.0.0.0:$PORT, IPv4 "
                                        f"only: {p.title} routes to [::]:$PORT over IPv6, so the web {p.dyno} is "
                                        f"never reached: {p.boot_timeout}",
                    hint=f"Bind the IPv6 wildcard: add {fix}.", anchor="gunicorn-default")
