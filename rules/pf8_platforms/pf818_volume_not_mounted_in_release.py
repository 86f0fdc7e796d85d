"""PF818 volume-not-mounted-in-release: Fly's release_command migrates a SQLite database that lives on a volume,
which the release Machine does not mount."""
from __future__ import annotations

import re

from preflight.findings import Violation
from preflight.messages import quote
from preflight.registry import rule

# Commands that change the database's schema (Django, Alembic, Flask-Migrate, Tortoise's aerich, yoyo).
_MIGRATES = re.compile(r"\bmigrate\b|alembic\s+upgrade|\bdb\s+upgrade|\baerich\s+upgrade|\byoyo\s+apply")
_SQLITE_FILE = re.compile(r"sqlite|\.db$|\.sqlite3?$", re.I)


def _on_volume(project, pf, destination: str) -> tuple[str, str] | None:
    """(the database as written, where) when it is a SQLite file under ``destination``: fly.toml's [env]
    DATABASE_URL, or a path literal in the code the processes run."""
    prefix = destination.rstrip("/") + "/"
    for svc in pf.services:
        value = (svc.env.get("DATABASE_URL") or (None, 0))[0]
        if isinstance(value, str) and value.lower().startswith("sqlite") and prefix in value:
            return value, f"{pf.path}:{svc.env['DATABASE_URL'][1]}"
    for mod in project.code.live_modules():
        for node in mod.strings(prefix):
            if prefix in node.value and _SQLITE_FILE.search(node.value):
                return node.value, f"{mod.path}:{node.lineno}"
    return None


@rule("PF818", "volume-not-mounted-in-release", "W",
      "Fly's release_command migrates a SQLite database on a volume, which the release Machine does not mount",
      fix="Run the migration when the app starts (before the server, in the CMD or [processes] command), or use "
          "Fly Postgres.", platforms=("fly",))
def check(project):
    """
    ## What it does
    On Fly, when fly.toml's `[deploy] release_command` runs a migration (`manage.py migrate`,
    `alembic upgrade`, `flask db upgrade`...) and the app's SQLite database lives under a `[[mounts]]`
    destination (fly.toml `[env] DATABASE_URL = "sqlite:////data/db.sqlite3"`, or such a path in the
    code), it reports the release command.

    ## Why it breaks the deploy
    Fly runs `release_command` on a temporary Machine built from the new image, without the app's
    volumes. The migration creates and migrates a throwaway SQLite file there; the database on the
    volume is never migrated, and the app fails on the first query that needs the new tables or
    columns ("no such table").

    ## Example
    ```toml
    [deploy]
      release_command = "python manage.py migrate"
    [[mounts]]
      source = "data"
      destination = "/data"
    [env]
      DATABASE_URL = "sqlite:////data/db.sqlite3"
    ```

    ## How to fix
    Migrate when the Machine starts, where the volume is mounted: `python manage.py migrate && gunicorn
    ...` in the CMD or the `[processes]` command (one Machine per volume, so no race), or move the
    database to Fly Postgres and keep the release command.

    ## Source
    research/platforms.md §7.4 (release_command runs on a temporary Machine, volumes are not mounted),
    §12.2, §14 rule 18; fly.io/docs/reference/configuration (`[deploy] release_command`, `[mounts]`).
    """
    for pf in project.platform_files.for_platform("fly"):
        mounts = [m for m in (pf.extra.get("mounts") or ()) if m.get("destination")]
        if not mounts:
            continue
        for command, line in pf.release:
            if not _MIGRATES.search(command):
                continue
            for mount in mounts:
                found = _on_volume(project, pf, mount["destination"])
                if found is None:
                    continue
                db, where = found
                yield Violation(pf.path, line,
                                f"release_command {quote(command)} runs on a temporary Machine without the volume "
                                f"mounted at {mount['destination']} (line {mount['line']}), where the database "
                                f"{quote(db)} ({where}) lives: it migrates a throwaway copy, and the app's database "
                                "is never migrated", anchor=f"release:{mount['destination']}")
                break
