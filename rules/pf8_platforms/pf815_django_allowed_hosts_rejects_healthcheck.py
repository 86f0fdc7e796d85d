"""PF815 django-allowed-hosts-rejects-healthcheck: the platform's health check comes with a Host header
that the Django settings' ALLOWED_HOSTS refuses."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.django import allowed_hosts_literal
from preflight.registry import rule


@rule("PF815", "django-allowed-hosts-rejects-healthcheck", "W",
      "A health check is configured, and Django's ALLOWED_HOSTS refuses the Host header it comes with",
      fix="Allow the health check's host in ALLOWED_HOSTS, or answer the health path in a middleware placed "
          "before Django's host check.",
      platforms=("railway", "dokku", "fly"))
def check(project):
    """
    ## What it does
    When the platform's manifest configures an HTTP health check (Railway `healthcheckPath`, Fly
    `[[http_service.checks]]`, Dokku `app.json` `healthchecks`) and the Django settings the web
    process runs with set `ALLOWED_HOSTS` to a literal list, it checks that the list accepts the
    Host header the check is sent with: `healthcheck.railway.app` on Railway; the Machine's or
    container's internal address on Fly and Dokku (which no list of domain names matches).
    A list read from the environment, or one containing `"*"`, is not judged.

    ## Why it breaks the deploy
    Django answers a request whose Host is not allowed with 400 Bad Request (DisallowedHost). The
    health check fails although the app runs, and the platform never puts the deploy live (Railway:
    "Healthcheck failed"; Fly: the Machine stays unhealthy; Dokku: the zero-downtime check fails).

    ## Example
    ```python
    ALLOWED_HOSTS = ["myapp.up.railway.app"]      # settings.py
    ```
    ```json
    {"deploy": {"startCommand": "gunicorn site.wsgi", "healthcheckPath": "/health/"}}
    ```

    ## How to fix
    Railway: add `"healthcheck.railway.app"` to ALLOWED_HOSTS. Fly and Dokku: answer the health
    path in a small middleware listed before `CommonMiddleware` (it returns 200 before the host is
    checked), or allow the internal address.

    ## Source
    research/platforms.md §6.2 (Railway: Host healthcheck.railway.app), §7.2 (Fly checks), §3.2 (Dokku
    checks), §14 rule 15; issues railwayapp/docs#616, DadosAbertosDeFeira/maria-quiteria#312; the profiles'
    `facts.health_host` in preflight/data/platforms/.
    """
    checked = [s for s in project.platform_files.services(project.platform) if s.health_path]
    if not checked:
        return
    p = project.profile
    host = p.facts.get("health_host")     # a fixed Host header (Railway), or None: an internal address
    svc = checked[0]
    where = f"{svc.path}:{svc.health_path[1]}"
    for found in allowed_hosts_literal(project):
        if found.hosts is None or not found.line:
            continue  # never set: django-allowed-hosts reports it for every request, not only the check
        allowed = [h.strip().lower() for h in found.every]
        if "*" in allowed or ".*" in allowed:
            continue
        if host is not None:
            if any(host == h or (h.startswith(".") and host.endswith(h)) for h in allowed):
                continue
            what = f"{p.title}'s health check ({where}) is sent with Host: {host}"
            hint = f"Add '{host}' to ALLOWED_HOSTS."
        else:
            what = f"{p.title}'s health check ({where}) is sent to the {p.dyno}'s internal address"
            hint = ("Answer the health path in a middleware placed before CommonMiddleware (return 200 for it), "
                    "or allow the internal address in ALLOWED_HOSTS.")
        yield Violation(found.path, found.line,
                        f"{what}, which ALLOWED_HOSTS = {found.hosts!r} refuses: Django answers 400 "
                        "(DisallowedHost), the check fails and the deploy never goes live", hint=hint,
                        anchor="ALLOWED_HOSTS")
