"""PF819 cron-schedule-invalid-for-platform: a scheduled job the platform will not run as written."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.registry import rule


@rule("PF819", "cron-schedule-invalid-for-platform", "E", "A cron job the selected platform rejects or will not "
      "run as scheduled", fix="Write the schedule as the platform's scheduler takes it (5 fields, within its "
                              "limits).",
      platforms=("scalingo", "railway", "render", "do-app-platform", "dokku"))
def check(project):
    """
    ## What it does
    Checks the scheduled jobs of the selected platform's manifests:

    - Scalingo `cron.json`: more than 5 jobs, a schedule that runs more often than every 10 minutes,
      `@daily`-style macros, a job without a `command` or whose command is not a 5-field schedule
      followed by the command, a file without `jobs`;
    - Railway `cronSchedule` (railway.json / railway.toml) more often than every 5 minutes;
    - Render: a `type: cron` service without `schedule` (a schedule that is not 5 fields is a warning);
    - DigitalOcean: a `kind: SCHEDULED` job without `schedule.cron`;
    - Dokku `app.json` `cron`: an entry without `command` or `schedule`, a command with a bare `;`,
      `&&`, `|` or `>` (Dokku runs it without a shell).

    The interval is read from the minute field (`*/2`, `0,3`, `*`); a schedule whose gap cannot be told
    is left alone. A `cron.json` that is not valid JSON is reported by `file-unreadable`.

    ## Why it breaks the deploy
    The platform rejects the manifest (Render's Blueprint, the DigitalOcean app spec, Dokku's app.json
    validation fail the deploy) or its scheduler refuses the job: the task never runs.

    ## Example
    ```
    {"jobs": [{"command": "*/5 * * * * python manage.py sync"}]}
    ```

    ## How to fix
    `{"jobs": [{"command": "*/10 * * * * python manage.py sync"}]}`; or run a worker process that
    loops when the job must run more often than the scheduler allows.

    ## Source
    research/platforms.md §4.4 and §12.8 (Scalingo task-scheduling/scalingo-scheduler.md), §6.4
    (Railway cron-jobs.md), §5.4 (Render cron jobs), §9.4 and §12.5 (godo AppJobSpec), §3.4 (Dokku
    scheduled-cron-tasks.md). Limits in preflight/data/manifest_limits.json.
    """
    for path, line, message, hint, warning in project.platform_files.problems(project.platform, "cron"):
        yield Violation(path, line, message, hint=hint, anchor=message, severity=Severity.WARNING if warning else None)
