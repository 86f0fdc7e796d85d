"""PF822 railway-config-as-code-deprecated: railway.json / railway.toml are no longer read."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.registry import rule


@rule("PF822", "railway-config-as-code-deprecated", "W", "railway.json or railway.toml (config-as-code) is no "
      "longer read by Railway", fix="Run 'railway config migrate' to move the settings to .railway/railway.ts.",
      platforms=("railway",))
def check(project):
    """
    ## What it does
    With `--platform railway`, reports a `railway.json` or `railway.toml` (config-as-code).

    ## Why it breaks the deploy
    Railway deprecated config-as-code on 2026-08-21 and stopped reading these files on 2026-12-01:
    the start command, pre-deploy command, health check path and cron schedule written there no
    longer apply, so the service runs with the builder's defaults (Railpack's guessed start command,
    no health check, no migrations, no schedule).

    ## Example
    ```
    {"deploy": {"startCommand": "gunicorn app:app", "preDeployCommand": "python manage.py migrate"}}
    ```

    ## How to fix
    Run `railway config migrate`: it writes the same settings as infrastructure as code in
    `.railway/railway.ts` (managed with `railway config plan` / `apply`); then delete the old file.

    ## Source
    research/platforms.md §6.1 (railwayapp/docs infrastructure-as-code.md, config-as-code/reference.md);
    dates in preflight/data/manifest_limits.json.
    """
    if project.platform != "railway":
        return
    from preflight.project.platformfiles import limits

    lim = limits()["railway"]
    for pf in project.platform_files.for_platform("railway"):
        if not pf.deprecated:
            continue
        what = [s.command for s in pf.services if s.command] + [c for c, _ in pf.release]
        lost = f" (its settings, such as {what[0]!r}, no longer apply)" if what else ""
        yield Violation(pf.path, 0, f"{pf.path} is Railway config-as-code, deprecated since "
                                    f"{lim['config_as_code_deprecated']} and no longer read since "
                                    f"{lim['config_as_code_ignored_from']}{lost}",
                        hint=f"Run '{lim['config_as_code_migrate']}' to move it to "
                             f"{lim['config_as_code_replacement']}, then delete {pf.path}.", anchor=pf.path)
