"""PF817 fly-autostop-stops-worker: a bot or worker group sits behind a Fly service that stops idle machines."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.registry import rule


@rule("PF817", "fly-autostop-stops-worker", "W", "A bot or worker process group is served by a Fly service that "
      "stops idle machines", fix="Leave the worker group out of the service's processes (or set "
                                 "auto_stop_machines = \"off\" / min_machines_running = 1).",
      platforms=("fly",))
def check(project):
    """
    ## What it does
    With `--platform fly`, reports a process group that runs a background process — a task worker
    (`celery`, `rq`, `dramatiq`, `huey`, `arq`), or a command or group named `bot`/`worker` that starts
    no HTTP server — and that an `[http_service]` or `[[services]]` entry serves (it lists the group,
    or lists none) with `auto_stop_machines` set to `"stop"` or `"suspend"` (or `true`) and
    `min_machines_running` 0 or absent: what `fly launch` writes.

    ## Why it breaks the deploy
    The Fly proxy stops (or suspends) the machines of a service that receives no requests, and starts
    them again only when a request arrives. A polling bot or a queue worker receives no HTTP requests:
    minutes after the deploy its machine is stopped and the bot goes silent, the queue stops draining.

    ## Example
    ```
    [processes]
      web = "gunicorn app:app"
      worker = "celery -A app worker"

    [http_service]
      internal_port = 8080
      auto_stop_machines = "stop"
      min_machines_running = 0
      processes = ["web", "worker"]
    ```

    ## How to fix
    `processes = ["web"]` (a group with no service is never auto-stopped); or, for a single-group bot,
    delete `[http_service]`, or set `auto_stop_machines = "off"` / `min_machines_running = 1`.

    ## Source
    research/platforms.md §7.2 and §12.2 cross-file check 5, §14 rule 17 (superfly/docs
    fly-proxy-autostop-autostart; lubien/fly-uptime-kuma#3).
    """
    if project.platform != "fly":
        return
    from preflight.project.platformfiles import limits, worker_reason

    lim = limits()["fly"]
    for svc in project.platform_files.services("fly"):
        auto = svc.extra.get("auto_stop_machines")
        if not svc.extra.get("served_by") or auto is None or auto[0] not in lim["stopping_values"]:
            continue
        minimum = svc.extra.get("min_machines_running")
        if minimum is not None and (minimum[0] is None or minimum[0] > lim["default_min_machines_running"]):
            continue
        reason = worker_reason(svc)
        if reason is None:
            continue
        where = svc.extra["served_by"][0][0]
        value = "true" if auto[0] is True else f'"{auto[0]}"'
        yield Violation(svc.path, svc.line, f"process group '{svc.name}' runs {reason} ({svc.command or 'no command'}) "
                                            f"but {where} serves it with auto_stop_machines = {value} and "
                                            f"min_machines_running = {minimum[0] if minimum else 0}: the proxy stops "
                                            "its machine when no HTTP request comes, and the worker stops with it",
                        hint=(f"Leave '{svc.name}' out of {where} processes" if svc.processes else
                              f"List only the web group in {where} (processes = [\"web\"])") +
                        " (a group without a service keeps running), or set auto_stop_machines = \"off\".",
                        anchor=f"autostop:{svc.name}")
