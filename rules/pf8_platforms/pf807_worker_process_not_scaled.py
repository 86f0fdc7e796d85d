"""PF807 worker-process-not-scaled: a Procfile process other than web that the platform starts at zero."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.procfile import scaled_processes
from preflight.registry import rule

# Process types that are not scaled: the one the platform scales itself and the release-phase steps.
_NOT_SCALED = {"web", "release", "postdeploy", "first-deploy"}


@rule("PF807", "worker-process-not-scaled", "I",
      "A worker process type starts at zero: the platform scales only web on the first deploy",
      fix="Scale it once after the first deploy (heroku ps:scale worker=1, dokku ps:scale, scalingo scale).",
      platforms=("heroku", "heroku-fir", "dokku", "scalingo"), needs=("procfile",))
def check(project):
    """
    ## What it does
    Lists the Procfile's process types other than `web` (and the release steps) that no committed
    manifest scales (`app.json` or `scalingo.json` `formation`), with the command that starts them.
    It is information, not a warning: scaling is done once, from the command line or the dashboard,
    where no file shows it.

    ## Why it breaks the deploy
    On Heroku, Fir, Dokku and Scalingo a new process type starts with zero instances: only `web` is
    scaled to one on the first deploy. A bot declared as `worker: python bot.py` builds, deploys,
    and never runs until someone scales it; "my bot does not answer" is the symptom.

    ## Example
    ```
    worker: python bot.py
    ```

    ## How to fix
    `heroku ps:scale worker=1` (and `web=0` when there is no web process), `dokku ps:scale <app>
    worker=1`, `scalingo --app <app> scale worker:1`, once; or declare the `formation` in app.json
    (read when an app is created from it, and by Dokku on every deploy).

    ## Source
    research/platforms.md §3.2 (Dokku: non-web types start at 0), §4.2 (Scalingo), §13 ("Bot / worker
    model"), §14 rule 7; devcenter.heroku.com/articles/procfile ("process types other than web start
    at 0"); the profiles' `facts.procfile.scale`.
    """
    pf = project.procfile
    if pf is None:
        return
    p = project.profile
    scale = (p.procfile or {}).get("scale") or ""
    scaled = scaled_processes(project)
    has_web = any(proc.name == "web" for proc in pf.processes)
    for proc in pf.processes:
        if proc.name.lower() in _NOT_SCALED or proc.name in scaled:
            continue
        command = scale.format(process=proc.name, count=1)
        also = "" if has_web else f" (with no web process, also {scale.format(process='web', count=0)})"
        yield Violation(pf.path, proc.line, f"'{proc.name}' starts with no {p.dynos} on {p.title}: only web is scaled "
                                            "on the first deploy, so this process runs only once it is scaled",
                        hint=f"Scale it once: {command}{also}.", anchor=proc.name)
