"""PF407 local-file-writes: code that runs writes data it means to keep to the local disk.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.storage import local_writes
from preflight.registry import rule


@rule("PF407", "local-file-writes", "I", "The app writes data it means to keep to local files",
      fix="Keep data that must survive in a database (Heroku Postgres, Redis) or object storage (S3); write "
          "scratch files under /tmp (tempfile).", needs=("ephemeral_fs",))
def check(project):
    """
    ## What it does
    Reports code on the start path (cron entry points included) that writes files at relative or
    app-folder paths: `open(path, "w"/"a"/"x")`, `Path(...).write_text()`, pandas `.to_csv()` and
    friends, `np.save`, `joblib.dump`, `shelve.open`, `.save("data.json")`, and log files
    (`logging.FileHandler`, `basicConfig(filename=...)`). Paths under `/tmp`, `tempfile` paths and paths
    read from the environment are not reported; neither are paths it cannot work out.

    Runs on the platforms whose disk is ephemeral (the profile's `ephemeral_fs`): not on
    PythonAnywhere, whose home directory persists.

    ## Why it matters
    Each dyno has its own ephemeral disk: files written there vanish on every restart and deploy (dynos
    restart at least daily), and a file one process writes (a cron job, a worker) is never seen by another
    (the web dyno). Log files are not collected: only stdout and stderr reach `heroku logs`.

    ## Example
    ```python
    with open("news.json", "w") as f:      # refresh.py, run from crontab
        f.write(requests.get(URL).text)
    ```

    ## How to fix
    Store the data in Heroku Postgres, Redis or S3; write temporary files with `tempfile` or under
    `/tmp`; log to stdout.

    ## Source
    research/heroku.md G02 (local file persistence), G07 (logs to files), G08; Heroku Dev Center
    "Dynos and the Dyno Manager" (ephemeral filesystem); research/platforms.md §11.4, §13 (filesystem row).
    """
    p = project.profile
    for w in local_writes(project):
        where = f" (run by {', '.join(sorted(w.processes))})" if w.processes and w.processes != {"web"} else ""
        if w.kind == "log":
            yield Violation(w.path, w.line,
                            f"logs are written to {w.target!r}{where}: only stdout/stderr reach `{p.logs_command}`, "
                            f"and the file is lost with the {p.dyno}'s disk on every restart",
                            hint="Log to stdout (logging.StreamHandler(sys.stdout)); use a log drain add-on to keep "
                                 "logs.", anchor=w.target)
        else:
            yield Violation(w.path, w.line,
                            f"{w.target!r} is written to the {p.dyno}'s local disk{where}: it is wiped on every "
                            f"restart and deploy, and other {p.dynos} never see it", anchor=w.target)
