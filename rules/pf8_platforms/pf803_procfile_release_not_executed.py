"""PF803 procfile-release-not-executed: a Procfile release: line on a platform that does not run it."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import quote
from preflight.project.procfile import picked
from preflight.registry import rule


@rule("PF803", "procfile-release-not-executed", "W", "A Procfile release: line the platform never runs as a "
      "release phase", fix="Run the release command with the platform's own pre-deploy step (Scalingo: "
                           "postdeploy:, Railway: preDeployCommand, DigitalOcean: a PRE_DEPLOY job).",
      needs=("procfile",))
def check(project):
    """
    ## What it does
    Reports a `release:` entry in the Procfile on a platform that reads the Procfile but has no
    release phase there (the profile's `facts.procfile.release`: "ignored" on Scalingo, Koyeb,
    DigitalOcean App Platform and Google Cloud Run; "may-start" on Railway), and says what to use
    instead (`facts.procfile.release_instead`). On Railway, a Procfile whose only entry is
    `release:` is an error: Railpack takes it as the start command. Beside a `postdeploy:` line
    (Scalingo's own hook) the finding is info.

    ## Why it breaks the deploy
    The release command (usually the migrations) never runs: the new code boots against the old
    schema. Scalingo documents that `release:` does not exist there (its hook is `postdeploy:`);
    Google's buildpacks and App Platform read only the web entry; Railpack runs one Procfile entry
    per service (`web`, else `worker`, else any other, `release` included).

    ## Example
    ```
    web: gunicorn mysite.wsgi
    release: python manage.py migrate     <- never run on Scalingo
    ```

    ## How to fix
    Scalingo: rename the line to `postdeploy: python manage.py migrate`. Railway: set the
    service's pre-deploy command (`preDeployCommand`). App Platform: a `PRE_DEPLOY` job in the app
    spec. Cloud Run: a Cloud Run job run before the deploy. Koyeb: a one-off command before the
    deploy.

    ## Source
    research/platforms.md §1.2, §4.2 and §4.4 (Scalingo: release: is not executed, postdeploy
    hook), §6.2 (Railpack's Procfile provider picks one entry, release not excluded), §9, §10.2,
    §12.0, §14 rule 3; the profiles' `facts.procfile.release`, `release_instead` and `release_key`
    (preflight/data/platforms/scalingo.json, railway.json, koyeb.json, do-app-platform.json,
    cloud-run.json).
    """
    p = project.profile
    dialect = p.procfile or {}
    how = dialect.get("release")
    pf = project.procfile
    if how not in ("ignored", "may-start") or pf is None or pf.unreadable:
        return
    release = pf.get("release")
    if release is None:
        return
    cmd = quote(release.command)
    key = dialect.get("release_key")
    instead = dialect.get("release_instead") or p.facts.get("release") or "a pre-deploy step"
    hint = (f"Rename the line to '{key}: {release.command}' ({instead})." if key else
            f"Remove the release: line and run {cmd} with {instead}.")
    chosen, sure = picked(pf, p)
    if how == "may-start" and chosen is release and sure:
        yield Violation(pf.path, release.line, f"{p.title} runs one Procfile entry per service, and release is the "
                                               f"only one: {cmd} is taken as the start command, so the service runs "
                                               "the release step instead of the app",
                        hint=hint, severity=Severity.ERROR, anchor="release")
        return
    if how == "may-start":
        runs = (f"it runs {chosen.name}" if sure else "it picks an arbitrary entry, maybe release") if chosen else ""
        message = (f"{p.title} has no release phase in the Procfile and runs one entry per service ({runs}): "
                   f"{cmd} never runs before a deploy")
    else:
        message = f"{p.title} does not run the Procfile's release: line: {cmd} never runs before a deploy"
    own = pf.get(key) if key else None
    if own is not None:
        yield Violation(pf.path, release.line, f"{message} ({key}: on line {own.line} is the one that runs)",
                        hint=f"Delete the release: line; {key}: already runs a command after each deploy.",
                        severity=Severity.INFO, anchor="release")
        return
    yield Violation(pf.path, release.line, message, hint=hint, anchor="release")
