"""PF821 platform-manifest-invalid: a manifest of the selected platform breaks its schema."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.registry import rule


@rule("PF821", "platform-manifest-invalid", "E", "A manifest of the selected platform breaks its schema "
      "(render.yaml, fly.toml, .do/app.yaml, railway.json, nixpacks.toml, scalingo.json, project.toml)",
      fix="Fix the key as the platform's manifest reference gives it.",
      platforms=("render", "fly", "railway", "dokku", "scalingo", "do-app-platform", "heroku-fir"))
def check(project):
    """
    ## What it does
    Checks the manifests the selected platform (`--platform`) reads against their documented schemas,
    at the line of each problem:

    - `render.yaml`: a service without `name` or `type`, a `type` Render does not know, a Python `web`
      service without `startCommand`, a `worker` or `cron` on `plan: free` (not offered), a `disk` with
      `numInstances` above 1 or `scaling`; deprecated keys (`env`, `autoDeploy`, `redis`,
      `previewsEnabled`) are warnings;
    - `fly.toml`: a `[[mounts]]` destination of `/`, `auto_stop_machines` other than `"off"`, `"stop"`,
      `"suspend"` (or the older booleans), `[processes]` values that are not command strings; `[env]`
      names starting with `FLY_` (reserved, a warning);
    - `.do/app.yaml` wrapped in `spec:` (the deploy-template format), `.do/deploy.template.yaml`
      without it; components that are not lists of mappings;
    - `nixpacks.toml` `[start] cmd` written as a list;
    - `project.toml` with both `include` and `exclude`; without `_.schema-version` (a warning: pack
      reads it as schema 0.1 and ignores the 0.2 keys);
    - `scalingo.json` `scripts.postdeploy` (deprecated, a warning); wrong value types in any of them.

    Only the manifests the selected platform reads are checked (`fly.toml` with `--platform fly`...).
    A file that does not parse is reported by `file-unreadable`; schedules by
    `cron-schedule-invalid-for-platform`.

    ## Why it breaks the deploy
    The platform rejects the manifest (the Blueprint sync, `fly deploy`, `doctl apps create` stop
    with a validation error), or silently ignores the part that is wrong: the deploy button finds no
    spec, pack skips the buildpack group, the volume never mounts.

    ## Example
    ```
    services:
      - type: worker
        name: bot
        runtime: python
        plan: free          # workers start at the starter plan
        startCommand: python bot.py
    ```

    ## How to fix
    `plan: starter`; for the others, the hint names the key and the value the platform takes.

    ## Source
    research/platforms.md §12.1 (render.yaml; render-oss/skills field reference, common mistakes),
    §12.2 (fly.toml; superfly/docs reference/configuration), §12.4 (nixpacks configuration file),
    §12.5 (.do/app.yaml; digitalocean/godo apps.gen.go), §12.6 (scalingo.json), §12.7 (project.toml;
    buildpacks/spec project-descriptor, buildpacks/pack#1922). Limits in
    preflight/data/manifest_limits.json.
    """
    for path, line, message, hint, warning in project.platform_files.problems(project.platform, "schema"):
        yield Violation(path, line, message, hint=hint, anchor=message, severity=Severity.WARNING if warning else None)
