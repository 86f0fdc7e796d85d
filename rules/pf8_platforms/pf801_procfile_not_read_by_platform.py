"""PF801 procfile-not-read-by-platform: a Procfile on a platform that never reads one."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import quote
from preflight.project.startcommand import own_start
from preflight.registry import rule


@rule("PF801", "procfile-not-read-by-platform", "W", "A Procfile on a platform that does not read it",
      fix="Set the start command where the platform reads it (render.yaml startCommand, the Dockerfile's CMD "
          "or fly.toml [processes], the WSGI file), and keep the Procfile only for a platform that reads it.")
def check(project):
    """
    ## What it does
    Reports a `Procfile` when the selected platform does not read one at all (the profile's
    `facts.procfile` is null: Render's native runtime, Fly.io, PythonAnywhere), and says where the
    start command comes from instead (the profile's `facts.start_command`). When the repository
    also sets that start command (a render.yaml service with `startCommand` or a Docker runtime, a
    `[processes]` table in fly.toml, a Dockerfile `CMD` where the Dockerfile is always built), the
    Procfile is merely unused: the finding is info.

    ## Why it breaks the deploy
    The Procfile's `web:` and `worker:` lines never run there. Without a start command of the
    platform's own, nothing starts the app: Render asks for a Start Command, Fly runs whatever the
    image's `CMD` is, PythonAnywhere serves only what its WSGI file imports. A worker declared only
    in the Procfile never starts either.

    ## Example
    ```
    Procfile      web: gunicorn app:app
    render.yaml   services: [{type: web, name: app, runtime: python}]   <- no startCommand
    ```

    ## How to fix
    Put the command where the platform reads it: `startCommand: gunicorn app:app` in render.yaml
    (and `type: worker` services for the other processes), `CMD` in the Dockerfile or
    `[processes]` in fly.toml, the WSGI file on PythonAnywhere's Web tab. Keep the Procfile only if
    another platform deploys the same repository, and keep the two commands in step.

    ## Source
    research/platforms.md §1.1 (who reads the Procfile), §5.1-5.2 (Render native runtime:
    buildCommand/startCommand), §7.1-7.2 (Fly: Dockerfile builds, `[processes]`), §11.1-11.2
    (PythonAnywhere: the WSGI file), §12.0 (Procfile dialects), §14 rule 1; the profiles'
    `facts.procfile` and `facts.start_command` (preflight/data/platforms/render.json, fly.json,
    pythonanywhere.json).
    """
    p = project.profile
    pf = project.procfile
    if p.procfile is not None or pf is None or pf.unreadable or not project.shipped(pf.path):
        return
    instead = p.facts.get("start_command") or "its own settings"
    web = pf.get("web") or (pf.processes[0] if pf.processes else None)
    own = own_start(project)
    if own is not None:
        yield Violation(pf.path, 0, f"{p.title} does not read the Procfile: it starts the app with {own.what} in "
                                    f"{own.path} (line {own.line}), so the Procfile is unused there",
                        hint=f"Keep the Procfile only if another platform deploys this repository, and keep its "
                             f"commands in step with {own.path}; otherwise delete it.",
                        severity=Severity.INFO, anchor="unused")
        return
    lost = f": its {quote(web.command)} ({web.name}) never runs" if web is not None else ""
    yield Violation(pf.path, 0, f"{p.title} does not read the Procfile{lost}; the start command comes from "
                                f"{instead}, and this repository sets none",
                    hint=f"Start the app from {instead}" + (f", instead of the Procfile's {quote(web.command)}"
                                                            if web else "") + ".",
                    anchor="not-read")
