"""PF109 release-in-web: migrations, collectstatic or installs chained into the web start command."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.registry import rule

# What to do instead, per step.
RELEASE_ADVICE = {
    "pip install": "declare the packages in requirements.txt so the build installs them",
    "collectstatic": "the Python buildpack already runs collectstatic during the build for Django apps",
    "makemigrations": "run makemigrations locally and commit the migration files",
    "flask db migrate": "generate migrations locally and commit them; run 'flask db upgrade' in release",
}


@rule("PF109", "release-in-web", "I", "Migrations or installs chained into the web start command",
      fix="Move the migration to a release process ('release: python manage.py migrate') and start only the "
          "server in web.")
def check(project):
    """
    ## What it does
    Finds release and build steps chained into the `web` command: `manage.py migrate`, `alembic
    upgrade`, `flask db upgrade`, `manage.py collectstatic` (severity I), and `pip install`,
    `makemigrations`, `flask db migrate` (W: wrong anywhere on a dyno, not only in `web`).

    In container mode it reads the web image's start path instead: a migration in the `CMD` or
    `ENTRYPOINT`, in heroku.yml `run.web`, or in the entry script they start (`run.sh` running
    `alembic upgrade head` before `python main.py`), reported at that line, as information. It is
    silent when a release phase runs the same migration (heroku.yml `release`, or a
    `Dockerfile.release` image pushed with `heroku container:push web release`).

    ## Why it matters
    The `web` command runs on every dyno start: each restart, each scale-out and the daily cycling.
    Migrations then race each other across dynos, a failed migration crashes the web dyno instead of
    stopping the release, and the extra work counts against the 60-second boot limit (**R10**).
    `pip install` at boot re-installs on every start; `makemigrations` writes migration files onto
    a disk that is wiped on restart.

    ## Example
    ```
    web: python manage.py migrate && gunicorn mysite.wsgi
    ```

    ## How to fix
    ```
    release: python manage.py migrate
    web: gunicorn mysite.wsgi
    ```
    The release phase runs once per release, before the new dynos start, and a failure there stops
    the release. A platform without a release phase gets its own step in the hint: `postdeploy:` on
    Scalingo, the pre-deploy command of Railway or Render, a `PRE_DEPLOY` job on DigitalOcean (the
    profile's `facts.release`).

    In a container app: `release: {image: web, command: [alembic upgrade head]}` in heroku.yml,
    and the entry script only starts the server (`exec python main.py`).

    ## Source
    Heroku Dev Center, "Release Phase" (with heroku.yml, and with Container Registry: a `release`
    process type); research/heroku.md E12, E13, F (R10); research/docker.md §4.3; seed 004; research/platforms.md §1.2,
    §12.0 and the profiles' `facts.release` / `facts.procfile.release_key` (preflight/data/platforms/).
    """

    from preflight.project.commands import release_step, split

    if project.mode == "container":
        yield from _in_the_image(project)
        return
    pf = project.procfile
    web = pf.get("web") if pf is not None else None
    if web is None:
        return
    steps, migrations = [], []   # (step, wrong on any dyno); the release commands to suggest
    for cmd in split(web.command):
        step = release_step(cmd)
        if step and step[0] not in (s[0] for s in steps):
            steps.append(step)
            if not step[1] and "collectstatic" not in step[0]:
                migrations.append(cmd.text)
    if not steps:
        return
    names = ", ".join(f"'{s[0]}'" for s in steps)
    release = pf.get("release")
    also = " (the release process already runs it)" if release and any(
        s[0].split()[-1] in release.command for s in steps) else ""
    parts = [_release_advice(project, " && ".join(migrations))] if migrations and not also else []
    parts.append("start only the server in web")
    parts += [adv for key, adv in RELEASE_ADVICE.items() if any(key in s[0] for s in steps)]
    hint = "; ".join(parts) + "."
    p = project.profile
    yield Violation(pf.path, web.line, f"the web command runs {names} before the server{also}: it repeats on every "
                                       f"{p.dyno} start, races across {p.dynos} and delays the boot "
                                       f"(a slow one ends in {p.boot_timeout})",
                    hint=hint[0].upper() + hint[1:], severity=Severity.WARNING if any(s[1] for s in steps) else None,
                    anchor="web")


def _release_advice(project, command: str) -> str:
    """Where a migration goes on this platform: the Procfile's release phase (Heroku, Fir, Dokku), the line
    that replaces it (Scalingo's postdeploy:), or the platform's own pre-deploy step (facts.release)."""
    p = project.profile
    if p.has("release_phase"):
        return f"add 'release: {command}'"
    key = (p.procfile or {}).get("release_key")
    if key:
        return f"add '{key}: {command}'"
    instead = p.facts.get("release") or (p.procfile or {}).get("release_instead")
    return f"run '{command}' once per deploy with {instead}" if instead else f"run '{command}' once per deploy"


def _in_the_image(project):
    from preflight.project.container import start_migrations

    p = project.profile
    for m in start_migrations(project):
        started = ", ".join(f"{path}:{line}" for path, line in m.entry.via)
        by = f" (started by {started})" if started else ""
        if not p.has("heroku_yml"):
            advice = _release_advice(project, m.command)
            release = advice[0].upper() + advice[1:]
        elif project.heroku_yml is not None:
            release = f"Add a release phase to heroku.yml (release: image: web, command: [{m.command}])"
        else:
            release = (f"Run it in a release phase: a Dockerfile.release whose CMD is '{m.command}', pushed with "
                       "'heroku container:push web release' (or a heroku.yml with a release phase)")
        yield Violation(m.entry.source, m.entry.line,
                        f"the web container runs '{m.step}' every time it starts{by}: it repeats on every {p.dyno} "
                        f"start, races across {p.dynos} and delays the boot (a slow one ends in "
                        f"{p.boot_timeout})",
                        hint=f"{release}, and start only the server in {m.entry.source}.", anchor="web-image")
