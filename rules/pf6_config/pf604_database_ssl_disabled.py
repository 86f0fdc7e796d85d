"""PF604 database-ssl-disabled: production turns SSL off for its database connection."""
from preflight.findings import Violation
from preflight.project.dbsettings import database_settings
from preflight.registry import rule


@rule("PF604", "database-ssl-disabled", "W",
      "SSL is turned off for the database (require_ssl: false, sslmode=disable)",
      fix="Keep SSL on: sslmode=require (or remove the setting that disables it).")
def check(project):
    """
    ## What it does
    Reports settings that turn SSL off for the database connection production uses: an SSL flag in the
    database section of a production config file (`require_ssl: false`, `sslmode: disable`,
    `DB_SSLMODE=disable`), `?sslmode=disable` in a database URL (config files, alembic.ini,
    `create_engine("...")`), `connect_args={"sslmode": "disable"}`, asyncpg's `ssl=False`, and Django
    `DATABASES` `OPTIONS` with `'sslmode': 'disable'`.

    Quiet when the URL next to the flag asks for `sslmode=require` (or `verify-ca`/`verify-full`), when
    that URL points at the local machine (a development database; database-localhost speaks for it),
    and for config files that do not ship to production (dev-named, or never read by the start path).

    ## Why it matters
    Heroku Postgres accepts only TLS connections: a client that does not offer SSL is refused
    ("no pg_hba.conf entry ... SSL off") and every request that needs the database fails.

    ## How to fix
    Remove the setting or turn it on (`require_ssl: true`, `sslmode=require`); for SQLAlchemy,
    `create_engine(url, connect_args={"sslmode": "require"})`; for dj-database-url,
    `dj_database_url.config(ssl_require=True)`.

    ## Sources
    Heroku Dev Center "Connecting to Heroku Postgres" (SSL required); research/heroku.md G04; seed 004
    (`require_ssl` in heroku_config.yaml).
    """
    pg = project.profile.postgres
    for s in database_settings(project):
        if s.problem == "ssl-disabled":
            yield Violation(s.path, s.line,
                            f"{s.what} turns SSL off for the database ({s.where}): {pg} and most hosted databases "
                            "refuse connections without SSL", anchor=s.what)
