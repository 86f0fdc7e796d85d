"""PF603 database-url-scheme: a postgres:// URL reaches SQLAlchemy 1.4+, which rejects the scheme.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project import fixes
from preflight.project.database import converts_scheme, database_urls, installs_sqlalchemy_14, scheme_strips
from preflight.project.urls import mask_url
from preflight.registry import rule

_REJECTED = "SQLAlchemy 1.4+ rejects the postgres:// scheme (NoSuchModuleError: sqlalchemy.dialects:postgres)"


@rule("PF603", "database-url-scheme", "E",
      "A postgres:// database URL reaches SQLAlchemy 1.4 or later unconverted",
      fix="url = os.environ['DATABASE_URL'].replace('postgres://', 'postgresql://', 1) before create_engine / "
          "SQLALCHEMY_DATABASE_URI.", fixable="unsafe")
def check(project):
    """
    ## What it does
    Reports `DATABASE_URL` handed to SQLAlchemy as it comes from the environment (`create_engine`,
    `create_async_engine`, `SQLALCHEMY_DATABASE_URI`, Alembic's `set_main_option("sqlalchemy.url", ...)`,
    `context.configure(url=...)`) when SQLAlchemy 1.4 or later is what gets installed (an unpinned or
    absent pin means the latest), and the code never rewrites the scheme
    (`.replace("postgres://", "postgresql://", 1)`). A `.lstrip("postgres://")` is reported too: it
    strips a set of characters, not a prefix, and eats the start of the user name. It also reports literal
    `postgres://` URLs in YAML/JSON/INI/TOML config files and in code that feeds SQLAlchemy; the password is
    never shown.

    ## Why it breaks the deploy
    Heroku (and Render) set `DATABASE_URL=postgres://...`. SQLAlchemy 1.4 removed the `postgres` alias:
    `create_engine` raises `NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres` and the
    process crashes at boot. The URL cannot be changed on the platform side: the add-on owns the config
    var and rotates it.

    ## Example
    ```python
    engine = create_engine(os.environ["DATABASE_URL"])
    ```

    ## How to fix
    `create_engine(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1))` (or
    `postgresql+psycopg://` for psycopg 3), and keep literal credentials out of config files.
    `preflight check --fix --unsafe-fixes` rewrites a literal `postgres://` URL to `postgresql://`
    on its line (unsafe: whatever else reads that URL sees the new scheme too).

    ## Source
    research/heroku.md G03 and (d) row 6; help.heroku.com/ZKNTJQSK; pallets-eco/flask-sqlalchemy#929.
    """
    if not installs_sqlalchemy_14(project):
        return
    for path, line, func, arg in scheme_strips(project):
        yield Violation(path, line,
                        f".{func}({arg!r}) removes any of the characters {''.join(sorted(set(arg)))!r} from the URL, "
                        "not the 'postgres://' prefix: user names starting with one of them are cut and the URL breaks",
                        hint="Use url.replace('postgres://', 'postgresql://', 1).", anchor="strip")
    if converts_scheme(project):
        return
    reported_lines = set()
    for url in database_urls(project):
        if url.env:
            yield Violation(url.path, url.line,
                            f"{url.reaches} gets {url.env} unchanged: the platform sets it as postgres://..., which "
                            "SQLAlchemy 1.4+ rejects at boot (NoSuchModuleError: Can't load plugin: "
                            "sqlalchemy.dialects:postgres)", anchor=url.reaches)
        elif url.url.startswith("postgres://") and url.reaches != "config file":
            yield Violation(url.path, url.line, f"{url.reaches} gets the literal URL {mask_url(url.url)}: {_REJECTED}",
                            hint="Read DATABASE_URL from the environment and rewrite it with "
                                 ".replace('postgres://', 'postgresql://', 1).", anchor=url.reaches,
                            fix=fixes.postgres_scheme(project, url.path, url.line))
        elif url.reaches == "config file" and url.scheme == "postgres" and (url.path, url.line) not in reported_lines:
            reported_lines.add((url.path, url.line))
            shown = mask_url(url.url)
            yield Violation(url.path, url.line,
                            f"{url.path} sets the database URL {shown}: {_REJECTED}, and a copied URL breaks when the "
                            "platform rotates the credentials",
                            hint="Put $DATABASE_URL in the file (filled in at run time, not build time) and convert "
                                 "it in code with .replace('postgres://', 'postgresql://', 1).", anchor=shown,
                            fix=fixes.postgres_scheme(project, url.path, url.line))
