"""PF605 database-localhost: the production configuration points the database at the local machine."""
from preflight.findings import Violation
from preflight.project.dbsettings import database_settings
from preflight.registry import rule


@rule("PF605", "database-localhost", "E",
      "The production config points the database at localhost",
      fix="Read the URL the platform sets ($DATABASE_URL) instead of a localhost address.")
def check(project):
    """
    ## What it does
    Reports a database that production would look for on the local machine: a `localhost`/`127.0.0.1`
    URL or `host:` in the database section of a production config file (named for production, filled by
    `envsubst`, opened by the start-path code or passed by a start command), alembic.ini's
    `sqlalchemy.url` when alembic runs and its env.py does not set the URL itself, a literal URL handed to
    `create_engine()`/`psycopg2.connect()`, and Django `DATABASES` `'HOST': 'localhost'` in the settings
    the processes run with.

    Quiet for a `$DATABASE_URL` placeholder, a literal that is only the fallback of an environment read
    (`os.environ.get("DATABASE_URL", "postgresql://localhost/dev")`), Django settings that read
    `DATABASE_URL` or use dj-database-url, and dev configs that never ship.

    ## Why it matters
    There is no database server inside a dyno: the connection is refused ("could not connect to server:
    Connection refused ... localhost:5432") and the app crashes or every request fails.

    ## How to fix
    Attach the platform's Postgres and read its URL: `database_url: $DATABASE_URL` in a template filled at
    start, or `os.environ["DATABASE_URL"]` in code (`dj_database_url.config()` for Django).

    ## Sources
    Heroku Dev Center "Heroku Postgres" (`DATABASE_URL`), "Dynos" (one process per container);
    research/heroku.md G05, G06.
    """
    p = project.profile
    for s in database_settings(project):
        if s.problem == "localhost":
            yield Violation(s.path, s.line,
                            f"{s.what} points the database at the local machine ({s.where}): there is no database "
                            f"server inside a {p.dyno}, so the connection is refused",
                            hint=f"Attach {p.postgres} and use the DATABASE_URL it sets (database_url: "
                                 "$DATABASE_URL in a template filled at start, or os.environ['DATABASE_URL']).",
                            anchor=s.what)
