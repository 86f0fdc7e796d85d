"""PF804 procfile-extra-processes-ignored: Procfile entries a one-process-per-service platform never runs."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.project.procfile import picked
from preflight.registry import rule


@rule("PF804", "procfile-extra-processes-ignored", "W", "Procfile entries that never run: the platform runs one "
      "entry per service", fix="Deploy each extra process as its own service (Railway: a second service with "
                               "its start command; Cloud Run: a worker pool or a job).", needs=("procfile",))
def check(project):
    """
    ## What it does
    On a platform that runs one Procfile entry per service (the profile's `facts.procfile.picks`:
    Railway takes `web`, else `worker`, else any other entry; Google Cloud Run takes `web`),
    reports every other entry (`release:` aside: procfile-release-not-executed is about it), and
    says which one runs. When Railpack's choice is arbitrary (no `web` and no `worker`), one
    finding at the top of the Procfile lists the entries.

    ## Why it breaks the deploy
    The extra processes never start: a `worker:` running Celery or a bot beside `web:` is silently
    ignored, jobs pile up in the queue, the bot never answers. Each process needs a service of its
    own on these platforms.

    ## Example
    ```
    web: gunicorn app:app
    worker: celery -A app worker     <- never started on Railway
    ```

    ## How to fix
    Keep the one entry the service runs, and create another service for each other process with its
    command as the start command (Railway: a second service from the same repository, no public
    domain; Cloud Run: `gcloud run worker-pools deploy` or a job).

    ## Source
    research/platforms.md §6.2 (Railpack's procfile provider: one command, web > worker > any;
    iss Koed00/django-q#731, railwayapp/docs#49), §10.2 (Google buildpacks: the web entry), §12.0,
    §13 ("several process types in one app"), §14 rule 4; the profiles' `facts.procfile.picks`,
    `facts.processes` and `facts.worker` (preflight/data/platforms/railway.json, cloud-run.json).
    """
    p = project.profile
    pf = project.procfile
    if not (p.procfile or {}).get("picks") or pf is None or pf.unreadable:
        return
    entries = [proc for proc in pf.processes if proc.name != "release"]
    if len(entries) < 2:
        return
    chosen, sure = picked(pf, p)
    elsewhere = p.facts.get("worker") or "a service of its own"
    if chosen is None:
        return  # no entry runs at all (Cloud Run without web: procfile-web-required)
    if not sure:
        names = ", ".join(proc.name for proc in entries)
        yield Violation(pf.path, 0, f"{p.title} runs one Procfile entry per service and, with no web or worker "
                                    f"entry, picks one of {names} (not a stable choice): the others never run",
                        hint=f"Name the one this service runs 'web' (or set the start command), and deploy each "
                             f"other process as {elsewhere}.", anchor="extra:*")
        return
    for proc in entries:
        if proc is chosen:
            continue
        yield Violation(pf.path, proc.line, f"{p.title} runs one Procfile entry per service ({chosen.name}, line "
                                            f"{chosen.line}): '{proc.name}' ({quote(proc.command)}) never runs",
                        hint=f"Deploy '{proc.name}' as {elsewhere}, with {quote(proc.command)} as its start "
                             "command.", anchor=f"extra:{proc.name}")
