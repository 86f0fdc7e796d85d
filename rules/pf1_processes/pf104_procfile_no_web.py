"""PF104 procfile-no-web: a web app whose Procfile declares no web process."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import code_named
from preflight.registry import rule


@rule("PF104", "procfile-no-web", "E", "A web app whose Procfile has no web process",
      fix="Declare the server as the 'web' process, e.g. 'web: gunicorn app:app'.", modes=["buildpack"], needs=("procfile",))
def check(project):
    """
    ## What it does
    Reports a Procfile with no `web` process in a web app (a web framework or server among the
    declared dependencies). A bot or worker-only app (`worker: python bot.py`, and no web framework
    declared) is fine; aiohttp and tornado, which are HTTP clients too (every aiogram bot depends on
    aiohttp), make a web app only when the code imports `aiohttp.web` or `tornado.web`. When
    another process starts an HTTP server (`worker: gunicorn app:app`), the finding points at that
    line. It stays silent when a `web` line exists but is broken (procfile-
    invalid reports it: `Web:`, `web gunicorn ...`, `web:` with no command) and when the Procfile
    is misnamed (procfile-misnamed reports it).

    On a platform that runs one Procfile entry per service (Railway: `web`, else `worker`, else
    another), the entry it runs gets the traffic whatever its name, so a `worker: gunicorn app:app`
    alone is fine there; where the build requires a `web` entry (Google Cloud Run),
    procfile-web-required reports it instead.

    ## Why it breaks the deploy
    Only the `web` process type receives HTTP traffic from the router. Without one the app builds
    and the other processes run, but every request gets **H14 No web processes running**.

    ## Example
    ```
    worker: gunicorn app:app
    ```

    ## How to fix
    Rename the serving process to `web` (`web: gunicorn app:app`). If the app really serves no HTTP
    (a bot), remove the unused web framework from the dependencies.

    ## Source
    Heroku Dev Center, "The Procfile" (the web process type is the only one that receives
    external HTTP traffic); research/heroku.md E03, F (H14); research/platforms.md §6.2, §10.2, §12.0
    (the profiles' `facts.procfile.picks` and `web_required`).
    """

    pf = project.procfile
    if pf is None or pf.unreadable or pf.declares("web") or not project.is_web_app:
        return
    if project.misplaced_procfile is not None:  # a case-insensitive disk can show `procfile` as `Procfile`
        return
    if (project.profile.procfile or {}).get("web_required"):
        return  # procfile-web-required: the build itself fails there
    from preflight.project.procfile import picked, serving_process
    from preflight.project.webapp import start_example, web_evidence

    h14 = code_named(project.profile.no_web_process)
    proc, server = serving_process(pf)
    if proc is not None and picked(pf, project.profile)[0] is proc:
        return  # the platform runs this one entry and routes to it, whatever its name (Railway)
    if proc is not None:
        yield Violation(pf.path, proc.line, f"process '{proc.name}' starts {server}, but only the 'web' process "
                                            f"receives HTTP traffic: every request gets {h14}",
                        hint=f"Rename the process to web: 'web: {proc.command}'.", anchor=proc.name)
        return
    evidence, where = web_evidence(project)
    have = ", ".join(p.name for p in pf.processes)
    declared = f"it declares only {have}" if have else "it declares no processes"
    yield Violation(pf.path, 0, f"{pf.path} has no 'web' process ({declared}), but this is a web app "
                                f"({evidence} {where}): every request gets {h14}",
                    hint=f"Add the server as the web process, e.g. '{start_example(project, evidence)}'.",
                    anchor="web")
