"""What the app's code and configuration do with data, files, URLs and Django settings on the platform.

PF406 sqlite-ephemeral, PF407 local-file-writes, PF408 webhook-host-mismatch, PF409 django-static-root-missing,
PF410 django-allowed-hosts (Application code), PF603 database-url-scheme (Configuration and databases).
Only code that runs in production counts: the start path of every process (cron lines included), without
the ``__main__`` block of a module no process runs as a script (``project.code.live``).

Sources: research/heroku.md G01-G07 (ephemeral disk, postgres:// scheme), H04 (ALLOWED_HOSTS), D04
(collectstatic and STATIC_ROOT), (d) rows 6, 12, 13, 16.
"""
from __future__ import annotations

import ast
import os
import re

from preflight.findings import Violation
from preflight.lazyre import lazy_re
from preflight.project.django import Settings, build_settings, manage_py, runtime_settings, settings_statements
from preflight.project.python import call_arg, dotted, last_name
from preflight.project.strings import Str, env_read, host_of, live_modules, mask_url, single_assignment, string_of, suffix_in
from preflight.registry import rule

# -- platform hosts (data) ----------------------------------------------------------------------------
# Host suffixes of other hosting platforms and tunnels, for webhook URLs and ALLOWED_HOSTS. Source: each
# platform's default app domain in research/platforms.md (contract matrix), checked 2025-11.
PLATFORM_HOSTS = {
    "herokuapp.com": "Heroku", "pythonanywhere.com": "PythonAnywhere", "glitch.me": "Glitch",
    "repl.co": "Replit", "repl.it": "Replit", "replit.dev": "Replit", "replit.app": "Replit",
    "vercel.app": "Vercel", "netlify.app": "Netlify", "onrender.com": "Render", "railway.app": "Railway",
    "fly.dev": "Fly.io", "koyeb.app": "Koyeb", "ondigitalocean.app": "DigitalOcean App Platform",
    "run.app": "Cloud Run", "appspot.com": "App Engine", "azurewebsites.net": "Azure App Service",
    "scalingo.io": "Scalingo", "amvera.io": "Amvera", "alwaysdata.net": "alwaysdata",
    "workers.dev": "Cloudflare Workers", "pages.dev": "Cloudflare Pages", "deta.dev": "Deta",
    "deta.app": "Deta", "cyclic.app": "Cyclic", "zeabur.app": "Zeabur",
}
OWN_HOSTS = {"heroku": ("herokuapp.com", "herokudns.com")}
TUNNEL_HOSTS = ("ngrok.io", "ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "loca.lt",
                "localtunnel.me", "serveo.net", "trycloudflare.com", "localhost.run", "lhr.life", "pagekite.me",
                "localhost.direct", "tunnelmole.net", "pinggy.link")
_PLACEHOLDER_RE = lazy_re(
    r"<[^>]*>|\{[^}]*\}|\byour[-_. ]?(app|domain|site|host|server|project|url|name|bot|heroku)|\bapp[-_ ]?name\b|"
    r"\byourdomain|\bmy[-_]?domain\b|\bx{3,}\b|(^|\.)example\.(com|org|net)$|\.example$|^example$|\.invalid$",
    re.I)
_LOCAL_RE = lazy_re(r"^(localhost|.*\.localhost|.*\.local|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1?\]?|"
                       r"10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$", re.I)

_TMP_PREFIXES = ("/tmp", "/var/tmp", "/dev/", "/proc/")
_SQLITE_RE = lazy_re(r"^sqlite(\+\w+)?://", re.I)
_POSTGRES_LITERAL_RE = lazy_re(r"(?<![\w+.-])postgres://[^\s'\"`<>]*")
_CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".ini", ".toml", ".cfg", ".conf")
_CONFIG_SKIP_RE = lazy_re(r"(^|/)(tests?|docs?|examples?|node_modules|\.github|fixtures)/|(^|/)(docker-compose[^/]*|"
                             r"compose\.ya?ml|app\.json|package(-lock)?\.json|[^/]*\.lock)$", re.I)
_CONFIG_MAX_BYTES = 256 * 1024


# -- PF406 sqlite-ephemeral ---------------------------------------------------------------------------
@rule("PF406", "sqlite-ephemeral", "W", "The app keeps its data in SQLite on the dyno's disk",
      fix="Use the platform's Postgres: read DATABASE_URL (dj-database-url for Django; "
          "os.environ['DATABASE_URL'] for SQLAlchemy) and keep SQLite only as a local fallback.")
def sqlite_ephemeral(project):
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
    filesystem).
    """
    code = project.code
    for settings in runtime_settings(project):
        yield from _django_sqlite(settings)
    django_paths = {m.path for s in runtime_settings(project) for m in s.modules}
    for mod in live_modules(project):
        text = mod.text.text
        if "sqlite" not in text.lower() and "SqliteDatabase" not in text:
            continue
        if "DATABASE_URL" in text or mod.path in django_paths:
            continue  # switches on the platform's database (or is judged as Django settings above)
        for node, what in _sqlite_sites(code, mod):
            if code.live(mod.path, node):
                yield Violation(mod.path, node.lineno,
                                f"{what} keeps the data in a SQLite file on the dyno's disk, which is wiped on "
                                "every restart and deploy and is not shared between dynos",
                                anchor=what)


def _sqlite_sites(code, mod):
    """(node, description) of each SQLite file the module opens."""
    for call in mod.calls("create_engine", "create_async_engine", "Database", "register_tortoise", "init",
                          "SqliteDatabase", "connect"):
        name = last_name(call.func)
        full = dotted(call.func)
        if name == "connect":
            if not full.endswith(("sqlite3.connect", "aiosqlite.connect")) and full not in ("connect",):
                continue
            if full == "connect" and "sqlite3" not in mod.text.text:
                continue
            arg = call_arg(call, 0, "database")
            s = string_of(code, mod, arg)
            path = s.known
            if path and s.kind == "literal" and path != ":memory:" and not path.startswith(_TMP_PREFIXES) \
                    and not path.startswith("file::memory:"):
                yield call, f"{full}({path!r})"
            continue
        if name == "SqliteDatabase":
            s = string_of(code, mod, call_arg(call, 0, "database"))
            if s.kind == "literal" and s.value not in (":memory:", "") and not s.value.startswith(_TMP_PREFIXES):
                yield call, f"SqliteDatabase({s.value!r})"
            continue
        arg = call_arg(call, 0, "url", "db_url", "database_url") if name in (
            "create_engine", "create_async_engine", "Database") else call_arg(call, None, "db_url")
        url = _sqlite_url(code, mod, arg)
        if url:
            yield call, f"{name}({url!r})" if len(url) < 60 else f"{name}(sqlite URL)"
    if "SQLALCHEMY_DATABASE_URI" in mod.text.text:
        for node, value in _config_values(mod, "SQLALCHEMY_DATABASE_URI"):
            url = _sqlite_url(code, mod, value)
            if url:
                yield node, f"SQLALCHEMY_DATABASE_URI = {url!r}"


def _sqlite_url(code, mod, expr) -> str | None:
    """The sqlite URL an expression starts with, unless it is in memory or under /tmp."""
    s = string_of(code, mod, expr)
    url = s.known
    if not url or not _SQLITE_RE.match(url):
        return None
    rest = _SQLITE_RE.sub("", url)             # sqlite:///app.db -> "/app.db"; sqlite:////tmp/x -> "//tmp/x"
    path = rest[1:] if rest.startswith("/") else rest
    if s.kind == "literal" and not path or ":memory:" in path or "mode=memory" in path or \
            path.startswith(_TMP_PREFIXES):
        return None
    return url if s.kind == "literal" else url + "..."


def _config_values(mod, key: str):
    """(statement or call, value) for every place ``key`` is set: ``KEY = v`` (module or class body),
    ``x.config["KEY"] = v``, ``config.update(KEY=v)`` / ``dict(KEY=v)``, ``{"KEY": v}``."""
    for node in ast.walk(mod.tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and t.id == key or isinstance(t, ast.Subscript) and \
                        isinstance(t.slice, ast.Constant) and t.slice.value == key:
                    if node.value is not None:
                        yield node, node.value
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == key:
                    yield node, kw.value
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value == key:
                    yield node, v


def _django_sqlite(settings: Settings):
    if settings.dynamic or not settings.complete:
        return
    text = settings.text()
    if "DATABASE_URL" in text or "dj_database_url" in text or re.search(r"\benv\.db(_url)?\(|\.db_url\(", text):
        return
    if settings.modified("DATABASES"):
        return
    records = settings.assigned("DATABASES")
    if not records:
        return
    engines = []
    for mod, st in records:
        engine = _default_engine(st.value)
        if engine is None:
            return
        engines.append((mod, engine))
    if all(isinstance(e.value, str) and "sqlite3" in e.value for _, e in engines):
        mod, node = engines[-1]
        yield Violation(mod.path, node.lineno,
                        "DATABASES uses django.db.backends.sqlite3 and nothing switches to DATABASE_URL: the "
                        "database file lives on the dyno's disk, wiped on every restart and deploy",
                        hint="DATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3', "
                             "conn_max_age=600)} with dj-database-url in requirements.txt, and add Heroku Postgres.",
                        anchor="DATABASES")


def _default_engine(value):
    """The ENGINE constant node of ``{"default": {"ENGINE": "..."}}``, or None when not that shape."""
    if not isinstance(value, ast.Dict):
        return None
    for k, v in zip(value.keys, value.values):
        if isinstance(k, ast.Constant) and k.value == "default" and isinstance(v, ast.Dict):
            for k2, v2 in zip(v.keys, v.values):
                if isinstance(k2, ast.Constant) and k2.value == "ENGINE":
                    return v2 if isinstance(v2, ast.Constant) else None
    return None


# -- PF407 local-file-writes --------------------------------------------------------------------------
_OPENERS = {"open", "io.open", "codecs.open", "aiofiles.open", "gzip.open", "bz2.open", "lzma.open"}
_FRAME_WRITERS = {"to_csv": 0, "to_excel": 0, "to_pickle": 0, "to_parquet": 0, "to_feather": 0, "to_hdf": 0,
                  "to_json": 0, "write_text": None, "write_bytes": None}
_DUMPERS = {"np.save": 0, "numpy.save": 0, "np.savetxt": 0, "numpy.savetxt": 0, "np.savez": 0, "joblib.dump": 1,
            "torch.save": 1, "pickle.dump": None, "shelve.open": 0, "dbm.open": 0}
_DATA_SUFFIX_RE = lazy_re(r"\.(json|csv|tsv|txt|db|sqlite3?|pkl|pickle|ya?ml|xlsx?|npy|npz|h5|hdf5|parquet|"
                             r"feather|dat|jsonl|xml|ini|cfg|toml|shelve|log)$", re.I)
_LOG_HANDLERS = ("FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler")


@rule("PF407", "local-file-writes", "I", "The app writes data it means to keep to local files",
      fix="Keep data that must survive in a database (Heroku Postgres, Redis) or object storage (S3); write "
          "scratch files under /tmp (tempfile).")
def local_file_writes(project):
    """
    ## What it does
    Reports code on the start path (cron entry points included) that writes files at relative or
    app-folder paths: `open(path, "w"/"a"/"x")`, `Path(...).write_text()`, pandas `.to_csv()` and
    friends, `np.save`, `joblib.dump`, `shelve.open`, `.save("data.json")`, and log files
    (`logging.FileHandler`, `basicConfig(filename=...)`). Paths under `/tmp`, `tempfile` paths and paths
    read from the environment are not reported; neither are paths it cannot work out.

    ## Why it matters
    Each dyno has its own ephemeral disk: files written there vanish on every restart and deploy (dynos
    restart at least daily), and a file one process writes (a cron job, a worker) is never seen by another
    (the web dyno). Log files are not collected: only stdout and stderr reach `heroku logs`.

    ## Example
    ```python
    with open("news.json", "w") as f:      # refresh.py, run from crontab
        f.write(requests.get(URL).text)
    ```

    ## How to fix
    Store the data in Heroku Postgres, Redis or S3; write temporary files with `tempfile` or under
    `/tmp`; log to stdout.

    ## Source
    research/heroku.md G02 (local file persistence), G07 (logs to files), G08; Heroku Dev Center
    "Dynos and the Dyno Manager" (ephemeral filesystem).
    """
    code = project.code
    for mod in live_modules(project):
        runs = code.processes_of(mod.path)
        where = f" (run by {', '.join(sorted(runs))})" if runs and runs != {"web"} else ""
        seen = set()
        for node, target, kind in _writes(code, mod):
            if target in seen or not code.live(mod.path, node):
                continue
            seen.add(target)
            if kind == "log":
                msg = (f"logs are written to {target!r}{where}: only stdout/stderr reach `heroku logs`, and the "
                       "file is lost with the dyno's disk on every restart")
                hint = "Log to stdout (logging.StreamHandler(sys.stdout)); use a log drain add-on to keep logs."
            else:
                msg = (f"{target!r} is written to the dyno's local disk{where}: it is wiped on every restart and "
                       "deploy, and other dynos never see it")
                hint = None
            yield Violation(mod.path, node.lineno, msg, hint=hint, anchor=target)


def _writes(code, mod):
    """(node, path shown, "data"|"log") for each local write the module makes."""
    text = mod.text.text
    for call in mod.calls("open", "to_csv", "to_excel", "to_pickle", "to_parquet", "to_feather", "to_hdf",
                          "to_json", "write_text", "write_bytes", "save", "savetxt", "savez", "dump",
                          "savefig", "basicConfig", *_LOG_HANDLERS):
        name = last_name(call.func)
        full = dotted(call.func)
        if name == "open":
            if full in _OPENERS:
                path_arg, mode = call_arg(call, 0, "file"), call_arg(call, 1, "mode")
            elif full in ("shelve.open", "dbm.open"):
                path_arg, mode = call_arg(call, 0, "filename", "file"), ast.Constant("c")
            elif isinstance(call.func, ast.Attribute) and _path_call(call.func.value):
                path_arg, mode = call.func.value, call_arg(call, 0, "mode")
            else:
                continue  # Image.open, webbrowser.open, os.open...
            m = string_of(code, mod, mode) if mode is not None else Str("literal", "r")
            if m.kind != "literal" or not set(m.value) & set("waxc+"):
                continue
            target = _local_path(code, mod, path_arg)
            if target:
                yield call, target, "data"
            continue
        if name in ("write_text", "write_bytes"):
            if isinstance(call.func, ast.Attribute):
                target = _local_path(code, mod, call.func.value)
                if target:
                    yield call, target, "data"
            continue
        if name in _FRAME_WRITERS:
            target = _local_path(code, mod, call_arg(call, 0, "path_or_buf", "excel_writer", "path", "fname"))
            if target:
                yield call, target, "data"
            continue
        if name == "basicConfig":
            target = _local_path(code, mod, call_arg(call, None, "filename"))
            if target and "logging" in text:
                yield call, target, "log"
            continue
        if name in _LOG_HANDLERS:
            target = _local_path(code, mod, call_arg(call, 0, "filename"))
            if target:
                yield call, target, "log"
            continue
        if full in _DUMPERS:
            pos = _DUMPERS[full]
            if pos is None:
                continue  # pickle.dump(obj, open(...)): the open() is the write
            target = _local_path(code, mod, call_arg(call, pos, "file", "filename", "f", "fname"))
            if target:
                yield call, target, "data"
            continue
        if name in ("save", "savefig"):
            target = _local_path(code, mod, call_arg(call, 0, "fp", "filename", "path"))
            if target and _DATA_SUFFIX_RE.search(target):
                yield call, target, "data"


def _path_call(node) -> bool:
    return isinstance(node, ast.Call) and last_name(node.func) in ("Path", "PurePath", "PosixPath")


def _local_path(code, mod, expr, depth: int = 0) -> str | None:
    """The path shown for a write to the dyno's app disk, or None (temporary, read from the environment, or
    not worked out)."""
    if expr is None or depth > 5 or _is_temp(expr):
        return None
    parts = None
    if isinstance(expr, ast.Call) and last_name(expr.func) in ("Path", "PurePath", "PosixPath", "join") \
            and expr.args and not any(isinstance(a, ast.Starred) for a in expr.args):
        parts = list(expr.args)                      # os.path.join(base, "x.json"), Path(base, "x.json")
    elif isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        parts = [expr.left, expr.right]              # Path(__file__).parent / "x.json"
    if parts is not None:
        base = parts[0]
        if len(parts) > 1 and _is_app_dir(base):
            head = "."
        else:
            head = _local_path(code, mod, base, depth + 1)
        if head is None:
            return None
        tail = [string_of(code, mod, p) for p in parts[1:]]
        shown = [t.value for t in tail if t.kind == "literal"]
        return shown[-1] if shown else (head if head != "." else None)
    s = string_of(code, mod, expr)
    if s.kind == "unknown" and isinstance(expr, ast.Name):
        value = single_assignment(mod, expr)
        return _local_path(code, mod, value, depth + 1) if value is not None else None
    if s.kind == "env" or s.known is None:
        return None
    path = s.known
    if not path.strip("./") or path.startswith(_TMP_PREFIXES) or path in ("-", "/dev/null"):
        return None
    return path


_TEMP_RE = lazy_re(r"tempfile|gettempdir|mkdtemp|mkstemp|\b\w*tmp\w*\b|\btemp(_?dir|_?path|_?file|_?folder)?\b",
                      re.I)


def _is_temp(node) -> bool:
    return bool(_TEMP_RE.search(ast.unparse(node))) if hasattr(ast, "unparse") else False


def _is_app_dir(node) -> bool:
    """``BASE_DIR``, ``os.path.dirname(__file__)``, ``Path(__file__).parent``: the app's own folder."""
    src = ast.unparse(node) if hasattr(ast, "unparse") else ""
    return "__file__" in src or bool(re.search(r"\b(BASE_DIR|BASEDIR|basedir|ROOT_DIR|APP_DIR|PROJECT_DIR|HERE)\b",
                                               src))


# -- PF408 webhook-host-mismatch ----------------------------------------------------------------------
_WEBHOOK_CALLS = {"set_webhook": (0, "url", "webhook_url"), "setWebhook": (0, "url", "webhook_url"),
                  "set_webhook_url": (0, "url"), "start_webhook": (None, "webhook_url"),
                  "run_webhook": (None, "webhook_url"), "setWebHook": (0, "url")}
_TELEGRAM_URL_RE = lazy_re(r"/setWebhook\?url=([^&\s'\"]+)", re.I)


@rule("PF408", "webhook-host-mismatch", "W",
      "A webhook URL points at another platform's host, a tunnel, localhost or a placeholder",
      fix="Build the webhook URL from a config var: bot.set_webhook(url=f\"{os.environ['APP_URL']}/bot\") and "
          "heroku config:set APP_URL=https://<app>.herokuapp.com")
def webhook_host_mismatch(project):
    """
    ## What it does
    Reads the URL given to `set_webhook` / `setWebhook` (pyTelegramBotAPI, aiogram, python-telegram-bot
    `run_webhook(webhook_url=...)`, raw `api.telegram.org/bot.../setWebhook?url=...` calls) and reports
    one written for another hosting platform (`pythonanywhere.com`, `glitch.me`, `repl.co`,
    `onrender.com`...), a tunnel (`ngrok`), a local address, or a placeholder (`example.com`,
    `<your app_name>`). A URL built from a config var (`f"{APP_URL}/bot"`) is what it should be.

    ## Why it breaks the deploy
    The bot registers a webhook that points somewhere else: the messenger delivers every update to the
    old host (or nowhere), so the deployed bot never answers, and there is no error in `heroku logs`.

    ## Example
    ```python
    bot.set_webhook(url="https://student.pythonanywhere.com/bot")
    ```

    ## How to fix
    Read the public URL from a config var (`APP_URL`) set to the app's own host; on Heroku that is
    `https://<app>.herokuapp.com` or your custom domain.

    ## Source
    research/heroku.md (d) row 2 (bots moved between platforms); the seed tutorial
    (shared/seeds/000_*) moving a Telegram bot from PythonAnywhere; research/platforms.md default domains.
    """
    code = project.code
    own = OWN_HOSTS.get(project.platform, ())
    for mod in live_modules(project):
        text = mod.text.text
        if "ebhook" not in text and "ebHook" not in text:
            continue
        seen_lines = set()
        for call in mod.calls(*_WEBHOOK_CALLS):
            pos, *names = _WEBHOOK_CALLS[last_name(call.func)]
            s = string_of(code, mod, call_arg(call, pos, *names))
            problem = _bad_url(s.known, own, complete=s.kind == "literal") if s.known else None
            if problem and code.live(mod.path, call):
                seen_lines.add(call.lineno)
                yield Violation(mod.path, call.lineno, f"the webhook URL {s.known!r} {problem}", anchor=s.known)
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "setwebhook" in node.value.lower():
                m = _TELEGRAM_URL_RE.search(node.value)
                problem = _bad_url(m.group(1), own) if m else None  # noqa: E501
                if problem and node.lineno not in seen_lines and code.live(mod.path, node):
                    yield Violation(mod.path, node.lineno, f"the webhook URL {m.group(1)!r} {problem}",
                                    anchor=m.group(1))


def _bad_url(url: str | None, own, complete: bool = True) -> str | None:
    """Why a webhook URL cannot reach this deploy, or None. ``complete`` is False for a known prefix."""
    if not url or "://" not in url:
        return None
    authority = url.split("://", 1)[1]
    if not complete and "/" not in authority:
        return None  # the host may continue in the unknown part
    if _PLACEHOLDER_RE.search(authority.split("/", 1)[0]):
        return "is a placeholder: the messenger cannot deliver updates to it"
    host = host_of(url)
    if not host:
        return None
    if _LOCAL_RE.match(host):
        return "points at a local address the messenger cannot reach"
    tunnel = suffix_in(host, TUNNEL_HOSTS)
    if tunnel:
        return f"points at a {tunnel} tunnel from a development machine, not at this app"
    other = suffix_in(host, PLATFORM_HOSTS)
    if other and not suffix_in(host, own):
        return (f"points at {PLATFORM_HOSTS[other]} ({other}), not at this app: updates keep going to the old "
                "host and the deployed bot never receives them")
    return None


# -- PF409 django-static-root-missing -----------------------------------------------------------------
@rule("PF409", "django-static-root-missing", "E",
      "Django settings enable staticfiles without STATIC_ROOT, so collectstatic fails the build",
      fix="Set STATIC_ROOT = BASE_DIR / 'staticfiles' in the settings (and serve it with WhiteNoise).",
      modes=["buildpack"])
def django_static_root_missing(project):
    """
    ## What it does
    Finds the settings module the build's `manage.py` names (`DJANGO_SETTINGS_MODULE`; the buildpack
    looks for `manage.py` at most three levels deep) and reports `django.contrib.staticfiles` in
    `INSTALLED_APPS` with no `STATIC_ROOT`, or `STATIC_ROOT = None`, following `from .base import *`.
    Silent when Django is not a dependency, when collectstatic is disabled (`DISABLE_COLLECTSTATIC` in
    `app.json`, `.heroku/collectstatic_disabled`), when settings are filled in at run time
    (`django_heroku.settings(locals())`), and when the settings the web process names (`wsgi.py` ->
    `production.py`, which the `DJANGO_SETTINGS_MODULE` config var selects at build time too) set it.

    ## Why it breaks the deploy
    The Python buildpack runs `python manage.py collectstatic --noinput` on every build of a Django app.
    Without `STATIC_ROOT` Django raises ImproperlyConfigured ("You're using the staticfiles app without
    having set the STATIC_ROOT setting") and the build is rejected ("Unable to generate Django static
    files").

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.staticfiles", "blog"]
    STATIC_URL = "/static/"          # no STATIC_ROOT
    ```

    ## How to fix
    `STATIC_ROOT = BASE_DIR / "staticfiles"`, and serve the files with WhiteNoise. Setting
    `DISABLE_COLLECTSTATIC=1` only hides the problem.

    ## Source
    research/heroku.md D04 and (d) row 12; heroku-buildpack-python `bin/steps/collectstatic`, fixture
    `django_staticfiles_misconfigured`.
    """
    settings = build_settings(project)
    if settings is None or settings.dynamic or not settings.complete:
        return
    deps = project.dependencies
    if not (deps.declares("django") if hasattr(deps, "declares") else "django" in deps.main):
        return
    if project.exists(".heroku/collectstatic_disabled") or _app_json_env(project, "DISABLE_COLLECTSTATIC"):
        return
    app = _staticfiles_node(settings)
    if app is None or _static_root_set(settings):
        return
    # collectstatic runs with the DJANGO_SETTINGS_MODULE config var when it is set: that is the web's settings
    # (a production module) when they differ from manage.py's default; if those set STATIC_ROOT, no verdict
    if any(_static_root_set(s) or s.dynamic or not s.complete for s in runtime_settings(project)
           if s.path != settings.path):
        return
    mod_app, node_app = app
    records = settings.assigned("STATIC_ROOT")
    where = f" ({manage_py(project)} names {settings.path})"
    if records:
        mod, st = records[-1]
        yield Violation(mod.path, st.lineno,
                        f"STATIC_ROOT = None with django.contrib.staticfiles installed{where}: the build's "
                        "`manage.py collectstatic` fails and the push is rejected", anchor="STATIC_ROOT")
    else:
        yield Violation(mod_app.path, node_app.lineno,
                        f"django.contrib.staticfiles is installed but STATIC_ROOT is not set{where}: the build's "
                        "`manage.py collectstatic` fails and the push is rejected", anchor="STATIC_ROOT")


def _static_root_set(settings: Settings) -> bool:
    return any(not (isinstance(st.value, ast.Constant) and st.value.value is None)
               for _, st in settings.assigned("STATIC_ROOT"))


def _staticfiles_node(settings: Settings):
    for mod in settings.modules:
        for st in settings_statements(mod):
            if not isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)) or st.value is None:
                continue
            for node in ast.walk(st.value):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                        node.value.startswith("django.contrib.staticfiles"):
                    return mod, node
    return None


def _app_json_env(project, name: str) -> bool:
    data = project.manifests.app_json if project.shipped("app.json") else None
    env = data.get("env") if isinstance(data, dict) else None
    return isinstance(env, dict) and name in env


# -- PF410 django-allowed-hosts -----------------------------------------------------------------------
@rule("PF410", "django-allowed-hosts", "E",
      "Django ALLOWED_HOSTS cannot match the app's host, so every request gets 400 Bad Request",
      fix="ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(','), then heroku config:set "
          "ALLOWED_HOSTS=<app>.herokuapp.com,<your domain>")
def django_allowed_hosts(project):
    """
    ## What it does
    Reads `ALLOWED_HOSTS` in the settings the running app loads (following `from .base import *`) and
    reports a value that cannot match the deployed host: an empty list (also Django's default when the
    setting is missing), only `localhost`/`127.0.0.1`/private addresses, only another platform's domain
    (`*.pythonanywhere.com`), a placeholder (`example.com`), or `*.herokuapp.com` (Django has no such
    wildcard; `.herokuapp.com` is the form it understands). A value read from the environment, one
    changed later (`+=`, `.append`) and `['*']` are not reported. When the web process and a worker name
    different settings (cookiecutter-django's `production.py` and `local.py`), the web's are judged.

    ## Why it breaks the deploy
    With `DEBUG = False` Django answers every request whose `Host` is not in `ALLOWED_HOSTS` with
    400 Bad Request (DisallowedHost). With `DEBUG = True` and an empty list it still only accepts
    `localhost`, `127.0.0.1` and `[::1]`. The app boots, the router reaches it, and every page is a 400.

    ## Example
    ```python
    DEBUG = False
    ALLOWED_HOSTS = []
    ```

    ## How to fix
    `ALLOWED_HOSTS = ["<app>.herokuapp.com", "www.example.org"]`, or read them from a config var.

    ## Source
    research/heroku.md H04 and (d) row 16; Django documentation, settings `ALLOWED_HOSTS`.
    """
    for settings in runtime_settings(project):
        if settings.dynamic or not settings.complete or settings.modified("ALLOWED_HOSTS"):
            continue
        records = settings.assigned("ALLOWED_HOSTS")
        code = project.code
        if not records:
            if "ALLOWED_HOSTS" in settings.text():
                continue  # set some other way (setattr, a loop): not judged
            yield Violation(settings.path, 0,
                            "ALLOWED_HOSTS is never set, so Django uses [] and accepts only localhost: every request "
                            "to the app's host gets 400 Bad Request (DisallowedHost)", anchor="ALLOWED_HOSTS")
            continue
        values = []
        for mod, st in records:
            hosts = _host_list(code, mod, st.value)
            if hosts is None:
                break
            values.append((mod, st, hosts))
        else:
            own = OWN_HOSTS.get(project.platform, ())
            if not any(_host_reachable(h, own) for _, _, hosts in values for h in hosts):
                mod, st, hosts = values[-1]
                shown = "[]" if not hosts else "[" + ", ".join(repr(h) for h in hosts) + "]"
                star = next((h for h in hosts if "*" in h and h.strip() not in ("*", ".*")), None)
                why = f" ({star!r} is not a wildcard in Django: write {'.' + star.split('*', 1)[1].lstrip('.')!r})" \
                    if star else ""
                yield Violation(mod.path, st.lineno,
                                f"ALLOWED_HOSTS = {shown} cannot match the app's host (<app>.herokuapp.com or "
                                f"your domain){why}: every request gets 400 Bad Request (DisallowedHost)",
                                anchor="ALLOWED_HOSTS")


def _host_list(code, mod, value) -> list[str] | None:
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    out = []
    for elt in value.elts:
        s = string_of(code, mod, elt)
        if s.kind != "literal":
            return None
        out.append(s.value)
    return out


def _host_reachable(pattern: str, own) -> bool:
    """An ALLOWED_HOSTS entry that can match the deployed app's host ("*", its domain, a custom domain)."""
    host = pattern.strip().lower()
    if host in ("*", ".*"):
        return True
    if "*" in host:
        return False  # Django has no '*.example.com' wildcard: the pattern is compared literally
    bare = host.lstrip(".")
    if not bare or _PLACEHOLDER_RE.search(bare) or _LOCAL_RE.match(bare):
        return False
    return not (suffix_in(bare, PLATFORM_HOSTS) and not suffix_in(bare, own))


# -- PF603 database-url-scheme ------------------------------------------------------------------------
_SA_SINKS = ("create_engine", "create_async_engine", "set_main_option", "configure")
_SA_PROBES = ("1.4.0", "1.4.54", "2.0.0", "2.0.99", "2.1.0", "3.0.0")
_SA_USERS = ("sqlalchemy", "flask-sqlalchemy", "sqlmodel", "alembic", "flask-migrate", "sqlalchemy-utils")


@rule("PF603", "database-url-scheme", "E",
      "A postgres:// database URL reaches SQLAlchemy 1.4 or later unconverted",
      fix="url = os.environ['DATABASE_URL'].replace('postgres://', 'postgresql://', 1) before create_engine / "
          "SQLALCHEMY_DATABASE_URI.")
def database_url_scheme(project):
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

    ## Source
    research/heroku.md G03 and (d) row 6; help.heroku.com/ZKNTJQSK; pallets-eco/flask-sqlalchemy#929.
    """
    if not _sqlalchemy_14(project):
        return
    code = project.code
    modules = list(live_modules(project)) + _alembic_env(project)
    # one conversion anywhere (often in a config module or alembic's env.py) is taken to cover every use
    rewritten = any(_rewrites_scheme(m.text.text) for m in modules)
    for mod in modules:
        text = mod.text.text
        if "postgres" in text and re.search(r"\.[lr]?strip\(\s*['\"]postgres", text):
            for call in mod.calls("lstrip", "strip", "rstrip"):
                arg = call.args[0] if call.args else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "postgres" in arg.value:
                    yield Violation(mod.path, call.lineno,
                                    f".{last_name(call.func)}({arg.value!r}) removes any of the characters "
                                    f"{''.join(sorted(set(arg.value)))!r} from the URL, not the 'postgres://' "
                                    "prefix: user names starting with one of them are cut and the URL breaks",
                                    hint="Use url.replace('postgres://', 'postgresql://', 1).",
                                    anchor="strip")
        if rewritten:
            continue
        for node, value, sink in _sa_urls(mod):
            s = string_of(code, mod, value)
            raw = _raw_database_url(code, mod, value, s)
            if raw and code.live(mod.path, node):
                if raw == "literal":
                    yield Violation(mod.path, node.lineno,
                                    f"{sink} gets the literal URL {mask_url(s.value)}: SQLAlchemy 1.4+ rejects the "
                                    "postgres:// scheme (NoSuchModuleError: sqlalchemy.dialects:postgres)",
                                    hint="Read DATABASE_URL from the environment and rewrite it with "
                                         ".replace('postgres://', 'postgresql://', 1).", anchor=sink)
                else:
                    yield Violation(mod.path, node.lineno,
                                    f"{sink} gets {raw} unchanged: the platform sets it as postgres://..., which "
                                    "SQLAlchemy 1.4+ rejects at boot (NoSuchModuleError: Can't load plugin: "
                                    "sqlalchemy.dialects:postgres)", anchor=sink)
    if not rewritten:
        yield from _config_file_urls(project)


def _alembic_env(project) -> list:
    """Alembic's env.py (``script_location`` in alembic.ini): the release phase runs it, by name."""
    tf = project.text("alembic.ini") if project.shipped("alembic.ini") else None
    m = re.search(r"^\s*script_location\s*[=:]\s*(\S+)", tf.text, re.M) if tf is not None else None
    if not m:
        return []
    folder = m.group(1).replace("%(here)s", "").strip("/").strip()
    mod = project.code.module(f"{folder}/env.py" if folder else "env.py")
    return [mod] if mod is not None and mod.tree is not None else []


def _sqlalchemy_14(project) -> bool:
    """SQLAlchemy 1.4+ is what the build installs (declared, or brought by a library that uses it)."""
    deps = project.dependencies
    main = getattr(deps, "main", {}) or {}
    dep = main.get("sqlalchemy")
    if dep is None:
        return any(k in main for k in _SA_USERS)
    spec = (getattr(dep, "specifier", "") or "").strip()
    if not spec or spec == "*":
        return True
    pin = re.match(r"^===?\s*(\d+)\.(\d+)[\w.*+!-]*$", spec)
    if pin:  # the common exact pin, without importing packaging.specifiers
        return (int(pin.group(1)), int(pin.group(2))) >= (1, 4)
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        specs = SpecifierSet(spec)
    except (InvalidSpecifier, ValueError):
        return True  # Poetry "^1.3" and other non-PEP 440 constraints: assume a current release
    probes = list(_SA_PROBES) + [s.version.replace(".*", "") for s in specs]  # "==1.4.46" probes 1.4.46
    for v in probes:
        try:
            if Version(v) >= Version("1.4") and specs.contains(v, prereleases=True):
                return True
        except InvalidVersion:
            continue
    return False


def _rewrites_scheme(text: str) -> bool:
    """The module converts the scheme somewhere (replace / re.sub / startswith-branch / make_url)."""
    return bool(re.search(r"""\.replace\(\s*(['"])postgres(ql)?:(//)?\1|re\.sub\([^)]*postgres|"""
                          r"""startswith\(\s*['"]postgres:|drivername\s*=|set\(\s*drivername""", text))


def _sa_urls(mod):
    """(node, value, sink name) for each URL handed to SQLAlchemy in the module."""
    for call in mod.calls(*_SA_SINKS):
        name = last_name(call.func)
        if name in ("create_engine", "create_async_engine"):
            arg = call_arg(call, 0, "url")
            if arg is not None:
                yield call, arg, f"{name}()"
        elif name == "set_main_option":
            key = call.args[0] if call.args else None
            if isinstance(key, ast.Constant) and key.value == "sqlalchemy.url" and len(call.args) > 1:
                yield call, call.args[1], "alembic's sqlalchemy.url"
        elif name == "configure" and dotted(call.func).endswith("context.configure"):
            arg = call_arg(call, None, "url")
            if arg is not None:
                yield call, arg, "context.configure(url=...)"
    if "SQLALCHEMY_DATABASE_URI" in mod.text.text:
        for node, value in _config_values(mod, "SQLALCHEMY_DATABASE_URI"):
            yield node, value, "SQLALCHEMY_DATABASE_URI"


def _raw_database_url(code, mod, value, s: Str) -> str | None:
    """'DATABASE_URL' when the value is the platform's variable unconverted; 'literal' for a literal
    postgres:// URL; None otherwise."""
    if s.kind == "literal":
        return "literal" if s.value.startswith("postgres://") else None
    if s.kind != "env":
        return None
    var = s.env or _env_name(value)
    if var and "DATABASE_URL" in var or var and var.startswith("HEROKU_POSTGRESQL_"):
        return var
    return None


def _env_name(value) -> str:
    if isinstance(value, ast.BoolOp):
        value = value.values[0]
    var = env_read(value)
    return var or ""


def _config_file_urls(project):
    """Literal postgres:// URLs in config files the app may load (YAML, JSON, INI, TOML)."""
    for path in project.files:
        if not path.lower().endswith(_CONFIG_SUFFIXES) or _CONFIG_SKIP_RE.search(path) or not project.inside(path):
            continue
        try:
            with open(os.path.join(project.root, path), "rb") as fh:
                raw = fh.read(_CONFIG_MAX_BYTES + 1)
        except OSError:
            continue
        if len(raw) > _CONFIG_MAX_BYTES or b"postgres://" not in raw:
            continue  # cheap byte test first: only files that hold such a URL are decoded
        tf = project.text(path)
        if tf is None:
            continue
        for n, line in enumerate(tf.lines, 1):
            m = _POSTGRES_LITERAL_RE.search(line)
            if not m or line.lstrip().startswith(("#", ";", "//")):
                continue
            url = m.group(0)
            if "$" in url or "{" in url or not host_of(url.replace("postgres://", "http://", 1)):
                continue
            shown = mask_url(url)
            yield Violation(path, n,
                            f"{path} sets the database URL {shown}: SQLAlchemy 1.4+ rejects the postgres:// scheme "
                            "(NoSuchModuleError: sqlalchemy.dialects:postgres), and a copied URL breaks when the "
                            "platform rotates the credentials",
                            hint="Put $DATABASE_URL in the file (filled in at run time, not build time) and convert "
                                 "it in code with .replace('postgres://', 'postgresql://', 1).",
                            anchor=shown)
