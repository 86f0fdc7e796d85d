"""PF406 sqlite-ephemeral: the app keeps its data in a SQLite file on the platform's ephemeral disk.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.storage import sqlite_uses
from preflight.registry import rule


@rule("PF406", "sqlite-ephemeral", "W", "The app keeps its data in SQLite on the dyno's disk",
      fix="Use the platform's Postgres: read DATABASE_URL (dj-database-url for Django; "
          "os.environ['DATABASE_URL'] for SQLAlchemy) and keep SQLite only as a local fallback.",
      needs=("ephemeral_fs",))
def check(project):
    """
    ## What it does
    Finds a database kept in a SQLite file with nothing that switches production to another database:
    Django `DATABASES` whose `ENGINE` is `django.db.backends.sqlite3` in settings that never read
    `DATABASE_URL` (dj-database-url, django-environ `env.db()`, django-heroku), a SQLAlchemy or
    Flask-SQLAlchemy URL `sqlite:///...` written as the only URL, `sqlite3.connect("file.db")`,
    peewee `SqliteDatabase("file.db")`.

    A fallback is fine: `os.environ.get("DATABASE_URL", "sqlite:///app.db")` (or `... or "sqlite://..."`)
    uses Postgres once the add-on sets `DATABASE_URL`, and a module that reads `DATABASE_URL` anywhere is
    taken as switching on it. In-memory databases and files under `/tmp` are not reported.

    Runs on the platforms whose disk is ephemeral (the profile's `ephemeral_fs`): not on
    PythonAnywhere, whose home directory persists.

    ## Why it breaks the deploy
    A dyno's filesystem is ephemeral and private: every write is lost on restart, on deploy and on the
    daily cycling, and each dyno (web, worker, one-off `heroku run`) sees its own copy. The symptoms are
    "no such table" after a restart and data that vanishes.

    ## Example
    ```python
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///site.db"
    ```

    ## How to fix
    Add Heroku Postgres and read `DATABASE_URL`; for Django,
    `DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}`.

    ## Source
    research/heroku.md G01 and (d) row 13; Heroku Dev Center "Dynos and the Dyno Manager" (ephemeral
    filesystem); research/platforms.md §11.4, §13 (filesystem row).
    """
    p = project.profile
    for use in sqlite_uses(project):
        if use.django:
            yield Violation(use.path, use.line,
                            f"DATABASES uses django.db.backends.sqlite3 and nothing switches to DATABASE_URL: the "
                            f"database file lives on the {p.dyno}'s disk, wiped on every restart and deploy",
                            hint="DATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3', "
                                 f"conn_max_age=600)}} with dj-database-url in requirements.txt, and add {p.postgres}.",
                            anchor="DATABASES")
        else:
            yield Violation(use.path, use.line,
                            f"{use.what} keeps the data in a SQLite file on the {p.dyno}'s disk, which is wiped on "
                            f"every restart and deploy and is not shared between {p.dynos}",
                            anchor=use.what)
