"""PF516 entry-script-no-exec: the entry script starts the server without exec."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF516", "entry-script-no-exec", "I", "The entry script starts the server without exec",
      fix="Start the server with exec as the script's last command: exec gunicorn app:app")
def check(project):
    """
    ## What it does
    Reports an entry script (see `entry-script-not-executable`) whose last command starts the app's
    long-running program (python, gunicorn, uvicorn, celery, node...) without `exec`. Release-phase
    scripts are not reported: they are meant to finish.

    ## Why it matters
    Without `exec` the shell stays the container's main process and the server runs as its child. The
    platform sends SIGTERM to every process of the dyno, so the app is told to stop, but a shell that
    exits first cuts its shutdown short, and under plain `docker stop` the signal never reaches the
    app (killed after 10 s). With `exec` the server replaces the shell and receives signals itself.

    ## How to fix
    `exec python main.py` as the last line.

    ## Source
    Dev Center "Dynos" (shutdown: SIGTERM to all processes, SIGKILL after 30 s); docs.docker.com
    (ENTRYPOINT, "exec" in shell scripts); research/docker.md §4.4.
    """
    p = project.profile
    seen = set()
    for s in project.entry_scripts:
        if s.process == "release" or s.path in seen:
            continue
        found = s.starts_server_without_exec()
        if found is None:
            continue
        seen.add(s.path)
        line, program = found
        yield Violation(s.path, line, f"{s.path} starts {program} without exec: the shell stays the main process, "
                                      f"so the {p.dyno}'s shutdown signal may not reach the app in time",
                        hint=f"Prefix it with exec: 'exec {s.lines[line - 1].strip()}'", anchor="no-exec")
