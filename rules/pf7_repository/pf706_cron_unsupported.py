"""PF706 cron-unsupported: a crontab file or a cron daemon: dynos have no cron."""
from preflight.findings import REPO, Violation
from preflight.project import cron
from preflight.project.deploytarget import platform_shape
from preflight.registry import rule


@rule("PF706", "cron-unsupported", "W", "A crontab file or a cron daemon: dynos have no cron",
      fix="Use the Heroku Scheduler add-on or a clock process (APScheduler) instead of cron.")
@platform_shape
def check(project):
    """
    ## What it does
    Finds reliance on system cron: a committed `crontab`, `*.cron` or `cron.d/*` file with a
    schedule line (the finding points at the first one); a Procfile process that starts `cron`,
    `crond` or `service cron start`, or installs a crontab; a Dockerfile `RUN`/`CMD` that installs
    or starts cron or runs `crontab`; `python-crontab` or `django-crontab` among the dependencies.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest) and has no Procfile, app.json or heroku.yml, the findings are info: cron then runs
    where the image runs.

    ## Why it matters
    A dyno runs only the processes the Procfile (or the image's command) declares; there is no cron
    daemon, the container does not run as root, and each dyno's filesystem is reset on every restart
    and at least daily. The schedule never fires, silently.

    ## Example
    ```
    # crontab
    0 8 * * * python3 refresh.py
    ```

    ## How to fix
    Add the Heroku Scheduler add-on (`heroku addons:create scheduler:standard`) and schedule
    `python3 refresh.py` there (every 10 minutes, hourly or daily; best effort), or run a clock
    process (`clock: python clock.py` with APScheduler's `BlockingScheduler`) when jobs must not be
    missed.

    ## Source
    Heroku Dev Center, "Heroku Scheduler" and "Scheduled Jobs and Custom Clock Processes";
    research/heroku.md E17, E18.
    """
    p = project.profile
    hint = (f"Use {p.scheduler} (every 10 minutes, hourly or daily, as a one-off {p.dyno}) or a clock process "
            "('clock: python clock.py' with APScheduler).")
    for path, line, job in cron.crontab_jobs(project):
        yield Violation(path, line, f"{path} schedules '{job}' with cron, but a {p.dyno} runs no cron daemon: "
                                    "the job never runs", hint=hint, anchor=path)
    if project.mode == "buildpack":
        pf = project.procfile
        for proc in pf.processes if pf is not None else ():
            what = cron.command_cron(proc.command)
            if what:
                yield Violation(pf.path, proc.line, f"process '{proc.name}' {what}, but {p.dynos} have no cron: "
                                                    "the schedule never runs", hint=hint, anchor=proc.name)
    else:
        hy = project.heroku_yml
        dockerfiles = [path for path in (hy.dockerfiles if hy is not None else []) or ["Dockerfile"]
                       if project.shipped(path)]
        for path in dict.fromkeys(dockerfiles):
            for line, what in cron.dockerfile_cron(project, path):
                yield Violation(path, line, f"{what}, but the platform runs only the image's command, not as "
                                            "root and with no cron: the schedule never runs",
                                hint=hint, anchor=f"{path}:{what}")
    for dep in cron.cron_dependencies(project):
        path, line = getattr(dep, "path", "") or REPO, getattr(dep, "line", 0) or 0
        yield Violation(path, line, f"{dep.key} is declared: it schedules jobs through the system crontab, which "
                                    f"no {p.dyno} runs", hint=hint, anchor=dep.key)
