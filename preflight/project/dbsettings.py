"""Database connection settings production uses (SSL, host), wherever they are written.

(The URLs that reach SQLAlchemy, for the postgres:// scheme, are ``preflight.project.database``'s.)
``database_settings(project)`` -> :class:`DbSetting` for each place that turns SSL off for the database or
points it at the local machine, in:

* production config files (``project.configs.deployed``): database URLs (``postgres://u:p@localhost/db``,
  ``?sslmode=disable``), SSL flags in a database section (``postgres: {require_ssl: false}``,
  ``DB_SSLMODE=disable``) and ``host: localhost`` in a database section;
* ``alembic.ini`` ``sqlalchemy.url`` when alembic runs, unless its ``env.py`` sets the URL itself
  (``config.set_main_option("sqlalchemy.url", os.environ[...])``);
* live code: literal URLs handed to ``create_engine``/``create_async_engine``/``psycopg2.connect``/asyncpg,
  ``connect_args={"sslmode": "disable"}``, ``sslmode="disable"``, asyncpg's ``ssl=False``;
* Django ``DATABASES`` of the settings the processes run with (``'HOST': 'localhost'``,
  ``'OPTIONS': {'sslmode': 'disable'}``).

What already makes them safe, and so stays silent: a ``$DATABASE_URL`` placeholder (filled by the add-on),
``sslmode=require`` (or ``verify-ca``/``verify-full``) in the URL next to an SSL flag, an environment read
first (``os.environ.get("DATABASE_URL", "postgresql://localhost/dev")``: the literal is a local fallback),
Django settings that read ``DATABASE_URL`` or use dj-database-url, and dev-named files that do not ship.
Sources: research/heroku.md G04 (Heroku Postgres requires SSL), G05, G06; devcenter connecting-heroku-postgres.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from preflight.lazyre import lazy_re

DB_URL_RE = lazy_re(r"^(postgres(ql)?|pgsql|mysql|mariadb|mssql|cockroachdb|mongodb(\+srv)?|redis|rediss)"
                    r"(\+[\w-]+)?://", re.I)
_DB_WORD_RE = lazy_re(r"(^|[^a-z])(db|database|databases|postgres|postgresql|pg|psql|mysql|mariadb|sql|sqlalchemy|"
                      r"redis|mongo|mongodb|datasource|dsn)([^a-z]|$)|^(db|pg)_|_(db|pg)$", re.I)
SSL_KEYS = {"require_ssl", "ssl_require", "ssl", "use_ssl", "sslmode", "ssl_mode", "ssl_required", "requiressl",
            "db_ssl", "db_sslmode", "database_ssl", "pg_ssl", "pgsslmode", "postgres_ssl", "ssl_enabled"}
HOST_KEYS = {"host", "hostname", "server", "db_host", "database_host", "pg_host", "postgres_host", "pghost",
             "mysql_host", "redis_host"}
_OFF = {"false", "no", "off", "0", "disable", "disabled"}
_SAFE_SSLMODES = {"require", "verify-ca", "verify-full"}
_CONNECTORS = ("create_engine", "create_async_engine", "connect", "create_pool", "AsyncConnectionPool",
               "ConnectionPool", "SimpleConnectionPool", "ThreadedConnectionPool", "Database")


@dataclass
class DbSetting:
    problem: str       # "ssl-disabled" or "localhost"
    path: str
    line: int
    what: str          # the setting as the user should recognise it: "require_ssl: false", "postgresql://u:****@localhost"
    where: str         # why this is what production uses: "its name says production", "create_engine() in app.py"


def _url_facts(url: str) -> tuple[str | None, str | None]:
    """(host, sslmode) of a database URL; host None when it has none."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        query = parse_qs(parts.query)
        mode = (query.get("sslmode") or query.get("ssl_mode") or [None])[-1]
    except ValueError:
        return None, None
    return host, mode


def is_db_url(value: str) -> bool:
    return bool(value) and bool(DB_URL_RE.match(value.strip()))


def check_url(url: str, path: str, line: int, where: str) -> list[DbSetting]:
    """The problems of one literal database URL."""
    from preflight.project.configs import is_local_host
    from preflight.project.urls import mask_url

    if "$" in url or "{" in url:
        return []
    host, mode = _url_facts(url)
    out = []
    shown = mask_url(url)
    if host and is_local_host(host):
        out.append(DbSetting("localhost", path, line, shown, where))
    if mode and mode.lower() == "disable":
        out.append(DbSetting("ssl-disabled", path, line, f"{shown} with sslmode=disable", where))
    return out


def _db_context(entry) -> bool:
    return any(_DB_WORD_RE.search(k) for k in entry.keys[:-1] if not k.startswith("[")) or \
        bool(_DB_WORD_RE.search(entry.key))


def _config_settings(project) -> list[DbSetting]:
    from preflight.project.configs import is_local_host

    out: list[DbSetting] = []
    # code that reads the platform's URL itself uses a config file's localhost value only as a local fallback
    env_first = _code_reads_database_url(project)
    for cfg, e, where in config_entries(project):
        value = (e.value or "").strip()
        if is_db_url(value):
            out.extend(d for d in check_url(value, cfg.path, e.line, where)
                       if d.problem != "localhost" or not env_first)
            continue
        key = e.key.lower()
        if key in SSL_KEYS and value.lower() in _OFF and (_db_context(e) or key.startswith(("db", "pg"))):
            if not _ssl_made_safe(cfg, e):
                out.append(DbSetting("ssl-disabled", cfg.path, e.line, f"{e.key}: {value}", where))
        elif key in HOST_KEYS and is_local_host(value) and _db_context(e) and not env_first:
            out.append(DbSetting("localhost", cfg.path, e.line, f"{e.key}: {value}", where))
    return out


def config_entries(project):
    """(config file, entry, why production reads it) for every setting of the production config files that
    can hold a database URL (gunicorn modules aside; alembic.ini only when its env.py leaves the URL to it)."""
    configs = project.configs
    for cfg in configs.deployed:
        if cfg.format == "gunicorn":
            continue
        if cfg.path.rsplit("/", 1)[-1] == "alembic.ini" and alembic_env_sets_url(project):
            continue
        where = configs.production(cfg.path) or ""
        for e in cfg.entries:
            yield cfg, e, where


def config_database_urls(project) -> list[tuple[str, int, str, str]]:
    """(path, line, URL, why production reads the file) of each literal database URL in production config
    files (placeholders such as $DATABASE_URL left out): what database-url-scheme can check for postgres://."""
    return [(cfg.path, e.line, e.value.strip(), where) for cfg, e, where in config_entries(project)
            if is_db_url(e.value or "") and "$" not in (e.value or "")]


def _code_reads_database_url(project) -> bool:
    """A live module reads DATABASE_URL (or a HEROKU_POSTGRESQL_* URL) from the environment."""
    from preflight.project.python import env_read

    for mod in project.code.live_modules():
        text = mod.text.text
        if "DATABASE_URL" not in text and "HEROKU_POSTGRESQL_" not in text:
            continue
        for node in ast.walk(mod.tree):
            name = env_read(node)
            if name and (name.endswith("DATABASE_URL") or name.startswith("HEROKU_POSTGRESQL_")):
                return True
    return False


def _ssl_made_safe(cfg, entry) -> bool:
    """A URL next to the flag that requires SSL itself, or points at the local machine (a dev database:
    database-localhost speaks for it)."""
    from preflight.project.configs import is_local_host

    for sib in cfg.siblings(entry):
        value = (sib.value or "").strip()
        if is_db_url(value):
            host, mode = _url_facts(value)
            if mode and mode.lower() in _SAFE_SSLMODES or host and is_local_host(host):
                return True
    return False


def alembic_env_sets_url(project) -> bool:
    """alembic's env.py (``script_location``) sets the URL from code, so alembic.ini's is never used."""
    from preflight.project.database import alembic_env

    env = alembic_env(project)
    text = env.text.text if env is not None else ""
    return "set_main_option" in text or "DATABASE_URL" in text or "url=" in text


def _code_settings(project) -> list[DbSetting]:
    from preflight.project.python import call_arg, last_name
    from preflight.project.servers import full_name

    code = project.code
    out: list[DbSetting] = []
    for mod in code.live_modules():
        text = mod.text.text
        if not any(w in text for w in ("://", "ssl", "host")):
            continue
        for call in mod.calls(*_CONNECTORS):
            if not code.live(mod.path, call):
                continue
            name = last_name(call.func)
            where = f"{name}() in {mod.path}"
            arg = call_arg(call, 0, "url", "dsn")
            if arg is not None:
                s = code.evaluate(mod, arg, strings=True)
                if s.kind == "literal" and isinstance(s.value, str) and is_db_url(s.value):
                    out.extend(check_url(s.value, mod.path, call.lineno, where))
            for kw in call.keywords:
                if kw.arg == "sslmode" and _const(kw.value) == "disable":
                    out.append(DbSetting("ssl-disabled", mod.path, call.lineno, "sslmode='disable'", where))
                elif kw.arg == "ssl" and _const(kw.value) is False and "asyncpg" in full_name(mod, call.func):
                    out.append(DbSetting("ssl-disabled", mod.path, call.lineno, "ssl=False", where))
                elif kw.arg == "connect_args" and isinstance(kw.value, ast.Dict):
                    for k, v in zip(kw.value.keys, kw.value.values):
                        if _const(k) == "sslmode" and _const(v) == "disable" or _const(k) == "ssl" and _const(v) is False:
                            out.append(DbSetting("ssl-disabled", mod.path, call.lineno,
                                                 f"connect_args {{{_const(k)!r}: {_const(v)!r}}}", where))
                elif kw.arg == "host" and isinstance(_const(kw.value), str):
                    from preflight.project.configs import is_local_host

                    if is_local_host(_const(kw.value)) and name in ("connect", "create_pool"):
                        out.append(DbSetting("localhost", mod.path, call.lineno, f"host={_const(kw.value)!r}", where))
    return out


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


def _django_settings(project) -> list[DbSetting]:
    from preflight.project.configs import is_local_host
    from preflight.project.django import runtime_settings

    out: list[DbSetting] = []
    for settings in runtime_settings(project):
        text = settings.text()
        reads_env = "DATABASE_URL" in text or "dj_database_url" in text or "db_url(" in text
        for mod, st in settings.assigned("DATABASES"):
            value = st.value
            if not isinstance(value, ast.Dict):
                continue
            for alias in value.values:
                if not isinstance(alias, ast.Dict):
                    continue
                where = f"DATABASES in {mod.path}"
                for k, v in zip(alias.keys, alias.values):
                    key = _const(k)
                    if key == "HOST" and isinstance(_const(v), str) and _const(v) and is_local_host(_const(v)) \
                            and not reads_env and not settings.modified("DATABASES"):
                        out.append(DbSetting("localhost", mod.path, v.lineno, f"'HOST': {_const(v)!r}", where))
                    if key == "OPTIONS" and isinstance(v, ast.Dict):
                        for ok, ov in zip(v.keys, v.values):
                            if _const(ok) == "sslmode" and _const(ov) == "disable":
                                out.append(DbSetting("ssl-disabled", mod.path, ov.lineno, "'sslmode': 'disable'",
                                                     where))
    return out


def database_settings(project) -> list[DbSetting]:
    def build():
        found = _config_settings(project) + _code_settings(project) + _django_settings(project)
        unique, seen = [], set()
        for s in found:
            key = (s.problem, s.path, s.line)
            if key not in seen:
                seen.add(key)
                unique.append(s)
        return unique
    return project.memo("configs.database_settings", build)
