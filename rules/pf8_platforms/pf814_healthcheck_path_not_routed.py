"""PF814 healthcheck-path-not-routed: the platform's health check asks for a path no route of the app serves."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.project.routes import app_routes
from preflight.registry import rule

# The profiles whose manifests configure an HTTP health check path (research/platforms.md §14 rule 14).
PLATFORMS = ("render", "railway", "fly", "do-app-platform", "dokku")


@rule("PF814", "healthcheck-path-not-routed", "E",
      "The health check path in the platform's manifest matches no route of the app",
      fix="Point the health check at a path the app serves, or add a route that answers it with 200.",
      platforms=PLATFORMS)
def check(project):
    """
    ## What it does
    Compares each health check path of the platform's manifest with the URL routes the app's code
    declares: Render `healthCheckPath`, Railway `deploy.healthcheckPath`, Fly
    `[[http_service.checks]] path`, DigitalOcean `health_check.http_path`, Dokku `app.json`
    `healthchecks`. Routes are read from the code the start command runs (Flask `@app.route`,
    FastAPI `@app.get`, aiohttp `add_get`, Django `path()` in the URLconf). It reports only when
    that set of routes is complete: a Blueprint or router with a prefix, `include()`, a mounted
    sub-app or a route built at run time make it stay silent.

    ## Why it breaks the deploy
    The platform sends the health check to that path before it routes traffic to a new deploy (and
    keeps checking it). A 404 there fails the check: Render and Railway never switch to the new
    deploy, Fly marks the Machine unhealthy, DigitalOcean and Dokku roll the deploy back.

    ## Example
    ```yaml
    services:
      - type: web
        name: api
        startCommand: gunicorn app:app
        healthCheckPath: /healthz      # the app only has / and /api/items
    ```

    ## How to fix
    Use a path the app answers with 200 (`/` often is), or add a cheap route:
    `@app.get("/healthz")` returning `"ok"`.

    ## Source
    research/platforms.md §12.1 (render.yaml), §12.2 (fly.toml), §12.3 (railway), §12.5 (.do/app.yaml),
    §3.2 (Dokku checks), §14 rule 14; the profiles' `facts.health` in preflight/data/platforms/.
    """
    checked = [s for s in project.platform_files.services(project.platform) if s.health_path]
    if not checked:
        return
    routes = app_routes(project)
    if not routes.complete:
        return  # a prefix, an include or a dynamic route may serve it: say nothing rather than cry wolf
    shown = ", ".join(sorted({r[0] for r in routes.paths})[:6]) + (", ..." if len(routes.paths) > 6 else "")
    for svc in checked:
        path, line = svc.health_path
        if not isinstance(path, str) or not path.startswith("/") or routes.serves(path):
            continue
        yield Violation(svc.path, line,
                        f"the health check asks for {quote(path)}, which no route of the app serves (its routes: "
                        f"{shown}): the check gets 404 Not Found, so {project.profile.title} never puts the new "
                        "deploy live", hint=f"Point the health check at a served path (such as "
                                           f"{quote(routes.paths[0][0])}, {routes.paths[0][1]}:{routes.paths[0][2]}) "
                                           f"or add a route for {quote(path)} that returns 200.",
                        anchor=path)
