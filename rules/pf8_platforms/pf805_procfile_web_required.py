"""PF805 procfile-web-required: a Procfile without a web entry where the build requires one."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.startcommand import builds_root_dockerfile
from preflight.registry import rule


@rule("PF805", "procfile-web-required", "E", "A Procfile without a web entry on a platform whose build "
      "requires one", fix="Add a 'web:' entry with the command that serves the app (e.g. 'web: gunicorn -b "
                          ":$PORT app:app'), or remove the Procfile.", needs=("procfile",))
def check(project):
    """
    ## What it does
    On a platform whose build requires a `web` entry in the Procfile (the profile's
    `facts.procfile.web_required`: Google Cloud Run source deploys), reports a Procfile that has
    none, whatever the app is (a worker or a bot too). It stays silent when a root Dockerfile is
    built instead of the buildpacks (the Procfile is not read then), and when a broken `web` line
    exists (procfile-invalid reports it).

    ## Why it breaks the deploy
    Google's buildpacks read the Procfile for the service's entrypoint and stop the build with
    "web process not found in Procfile" when it has no `web` entry: nothing is deployed. A worker
    or a bot belongs in a worker pool or a job, not in a service's Procfile.

    ## Example
    ```
    worker: python bot.py
    ```

    ## How to fix
    Name the process that serves HTTP `web` (`web: gunicorn -b :$PORT app:app`). For a bot or a
    queue worker, deploy it as a worker pool (`gcloud run worker-pools deploy`) or a job, and
    remove the Procfile (or give it the `web` entry the service runs).

    ## Source
    research/platforms.md §10.2 (GoogleCloudPlatform/buildpacks `pkg/entrypoint/procfile.go`: "web
    process not found in Procfile"), §12.0, §14 rule 5; the profile's `facts.procfile.web_required`
    and `web_missing` (preflight/data/platforms/cloud-run.json).
    """
    p = project.profile
    dialect = p.procfile or {}
    pf = project.procfile
    if not dialect.get("web_required") or pf is None or pf.unreadable or pf.get("web") is not None:
        return
    if "web" in pf.claimed or builds_root_dockerfile(project):
        return
    have = ", ".join(proc.name for proc in pf.processes)
    declared = f"it declares {have}" if have else "it declares no process"
    yield Violation(pf.path, 0, f"{p.title} requires a web entry in the Procfile and {declared}: "
                                f"{dialect.get('web_missing', 'the build fails')}",
                    hint=f"Add 'web: <the command that serves the app>'; deploy a worker or bot as "
                         f"{p.facts.get('worker') or 'a service of its own'}.", anchor="web-required")
