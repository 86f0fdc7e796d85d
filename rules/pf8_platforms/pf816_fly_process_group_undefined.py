"""PF816 fly-process-group-undefined: fly.toml names a process group that [processes] does not define."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.registry import rule


@rule("PF816", "fly-process-group-undefined", "E", "fly.toml names a process group that [processes] does not "
      "define", fix="Use a group name from [processes] (or 'app' when there is no [processes] table).",
      platforms=("fly",))
def check(project):
    """
    ## What it does
    With `--platform fly`, checks every process group that `fly.toml` names — in
    `[http_service] processes`, `[[services]] processes`, `[[mounts]] processes`, `[[vm]] processes`
    and `[checks.<name>] processes` — against the groups it defines: the keys of `[processes]`, or the
    one implicit group `app` when there is no `[processes]` table.

    ## Why it breaks the deploy
    Once `[processes]` exists it is the complete list: there is no implicit `app` group any more. `fly
    launch` writes `processes = ["app"]` under `[http_service]`; adding `[processes] web = "..."`
    without `app` leaves the HTTP service attached to no machine, so the app gets no traffic (and a
    mount or VM size for an unknown group applies to nothing).

    ## Example
    ```
    [processes]
      web = "gunicorn app:app"
      worker = "python bot.py"

    [http_service]
      internal_port = 8080
      processes = ["app"]
    ```

    ## How to fix
    `processes = ["web"]` (a name from `[processes]`), or rename the group to `app`.

    ## Source
    research/platforms.md §12.2 cross-file check 2, §14 rule 16 (superfly/docs launch/processes,
    reference/configuration).
    """
    if project.platform != "fly":
        return
    for pf in project.platform_files.for_platform("fly"):
        if not pf.parsed or pf.path != "fly.toml":
            continue
        groups = pf.extra.get("groups")
        defined = list(groups) if groups is not None else ["app"]
        for name, line, where in pf.extra.get("process_refs", ()):
            if name in defined:
                continue
            if groups is None:
                message = (f"{where} names the process group '{name}', but fly.toml has no [processes] table, so "
                           "the only group is 'app': nothing runs it")
                hint = f"Write processes = [\"app\"], or add [processes] with {name} = \"<command>\"."
            elif name == "app":
                message = (f"{where} names 'app', but once [processes] exists there is no implicit 'app' group "
                           f"(defined: {', '.join(defined) or 'none'}): no machine serves it")
                hint = f"Write processes = [\"{defined[0]}\"]" + (" (the group that runs the web server)."
                                                                    if defined else ".")
            else:
                message = (f"{where} names the process group '{name}', which [processes] does not define "
                           f"({', '.join(defined) or 'none'}): no machine serves it")
                hint = f"Use one of {', '.join(defined)}, or add {name} = \"<command>\" to [processes]."
            yield Violation(pf.path, line, message, hint=hint, anchor=f"{where}:{name}")
