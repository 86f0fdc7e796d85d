"""Where the app keeps data on the local disk: SQLite databases and files it writes.

On the platform the disk is ephemeral and private to each process: these are the facts the storage rules
judge.

``sqlite_uses(project) -> list[SqliteUse]``: SQLite files the running code opens with nothing that switches
production to another database: Django ``DATABASES`` with the sqlite3 engine in settings that never read
``DATABASE_URL`` (``django=True``, at the ENGINE), and in other modules that never mention ``DATABASE_URL``:
``create_engine("sqlite:///...")``, ``SQLALCHEMY_DATABASE_URI``, ``sqlite3.connect("x.db")``, peewee
``SqliteDatabase``, databases/tortoise URLs. In-memory databases and files under /tmp are not listed.
``SqliteUse``: ``path``, ``line``, ``what`` (the call as shown: ``sqlite3.connect('bot.db')``), ``django``.

``local_writes(project) -> list[LocalWrite]``: writes to files at relative or app-folder paths in code that
runs: ``open(..., "w"/"a"/"x")``, ``Path.write_text``, pandas ``to_csv`` and friends, ``np.save``,
``joblib.dump``, ``shelve.open``, ``.save("data.json")``, log files (``FileHandler``, ``basicConfig(filename=)``).
Temporary paths (tempfile, /tmp), paths read from the environment and paths not worked out are left out;
each target once per module. ``LocalWrite``: ``path``, ``line``, ``target`` (the file as written),
``kind`` ("data" or "log"), ``processes`` (the processes whose start path has the module).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re
from preflight.project.database import config_values
from preflight.project.django import runtime_settings
from preflight.project.python import Value, call_arg, dotted, last_name

_TMP_PREFIXES = ("/tmp", "/var/tmp", "/dev/", "/proc/")
_SQLITE_RE = lazy_re(r"^sqlite(\+\w+)?://", re.I)


@dataclass(frozen=True)
class SqliteUse:
    path: str
    line: int
    what: str
    django: bool = False


@dataclass(frozen=True)
class LocalWrite:
    path: str
    line: int
    target: str
    kind: str                 # "data" | "log"
    processes: frozenset


# -- SQLite -------------------------------------------------------------------------------------------
def sqlite_uses(project) -> list[SqliteUse]:
    def build():
        code = project.code
        settings_list = runtime_settings(project)
        out = [use for settings in settings_list for use in _django_sqlite(settings)]
        django_paths = {m.path for s in settings_list for m in s.modules}
        for mod in code.live_modules():
            text = mod.text.text
            if "sqlite" not in text.lower() and "SqliteDatabase" not in text:
                continue
            if "DATABASE_URL" in text or mod.path in django_paths:
                continue  # switches on the platform's database (or is judged as Django settings above)
            for node, what in _sqlite_sites(code, mod):
                if code.live(mod.path, node):
                    out.append(SqliteUse(mod.path, node.lineno, what))
        return out
    return project.memo("storage.sqlite_uses", build)


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
            s = code.evaluate(mod, call_arg(call, 0, "database"), strings=True)
            path = s.known
            if path and s.kind == "literal" and path != ":memory:" and not path.startswith(_TMP_PREFIXES) \
                    and not path.startswith("file::memory:"):
                yield call, f"{full}({path!r})"
            continue
        if name == "SqliteDatabase":
            s = code.evaluate(mod, call_arg(call, 0, "database"), strings=True)
            if s.kind == "literal" and s.value not in (":memory:", "") and not s.value.startswith(_TMP_PREFIXES):
                yield call, f"SqliteDatabase({s.value!r})"
            continue
        arg = call_arg(call, 0, "url", "db_url", "database_url") if name in (
            "create_engine", "create_async_engine", "Database") else call_arg(call, None, "db_url")
        url = _sqlite_url(code, mod, arg)
        if url:
            yield call, f"{name}({url!r})" if len(url) < 60 else f"{name}(sqlite URL)"
    if "SQLALCHEMY_DATABASE_URI" in mod.text.text:
        for node, value in config_values(mod, "SQLALCHEMY_DATABASE_URI"):
            url = _sqlite_url(code, mod, value)
            if url:
                yield node, f"SQLALCHEMY_DATABASE_URI = {url!r}"


def _sqlite_url(code, mod, expr) -> str | None:
    """The sqlite URL an expression starts with, unless it is in memory or under /tmp."""
    s = code.evaluate(mod, expr, strings=True)
    url = s.known
    if not url or not _SQLITE_RE.match(url):
        return None
    rest = _SQLITE_RE.sub("", url)             # sqlite:///app.db -> "/app.db"; sqlite:////tmp/x -> "//tmp/x"
    path = rest[1:] if rest.startswith("/") else rest
    if s.kind == "literal" and not path or ":memory:" in path or "mode=memory" in path or \
            path.startswith(_TMP_PREFIXES):
        return None
    return url if s.kind == "literal" else url + "..."


def _django_sqlite(settings):
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
        yield SqliteUse(mod.path, node.lineno, "DATABASES", django=True)


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


# -- local file writes --------------------------------------------------------------------------------
_OPENERS = {"open", "io.open", "codecs.open", "aiofiles.open", "gzip.open", "bz2.open", "lzma.open"}
# Writers whose path is an argument: last name -> its position (None: the object is the path)
_FRAME_WRITERS = {"to_csv": 0, "to_excel": 0, "to_pickle": 0, "to_parquet": 0, "to_feather": 0, "to_hdf": 0,
                  "to_json": 0, "write_text": None, "write_bytes": None}
_DUMPERS = {"np.save": 0, "numpy.save": 0, "np.savetxt": 0, "numpy.savetxt": 0, "np.savez": 0, "joblib.dump": 1,
            "torch.save": 1, "pickle.dump": None, "shelve.open": 0, "dbm.open": 0}
_DATA_SUFFIX_RE = lazy_re(r"\.(json|csv|tsv|txt|db|sqlite3?|pkl|pickle|ya?ml|xlsx?|npy|npz|h5|hdf5|parquet|"
                          r"feather|dat|jsonl|xml|ini|cfg|toml|shelve|log)$", re.I)
_LOG_HANDLERS = ("FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler")
_TEMP_RE = lazy_re(r"tempfile|gettempdir|mkdtemp|mkstemp|\b\w*tmp\w*\b|\btemp(_?dir|_?path|_?file|_?folder)?\b",
                   re.I)
_APP_DIR_RE = lazy_re(r"\b(BASE_DIR|BASEDIR|basedir|ROOT_DIR|APP_DIR|PROJECT_DIR|HERE)\b")


def local_writes(project) -> list[LocalWrite]:
    def build():
        code = project.code
        out = []
        for mod in code.live_modules():
            runs = frozenset(code.processes_of(mod.path))
            seen = set()
            for node, target, kind in _writes(code, mod):
                if target in seen or not code.live(mod.path, node):
                    continue
                seen.add(target)
                out.append(LocalWrite(mod.path, node.lineno, target, kind, runs))
        return out
    return project.memo("storage.local_writes", build)


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
            m = code.evaluate(mod, mode, strings=True) if mode is not None else Value("literal", "r")
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
    """The path shown for a write to the app's local disk, or None (temporary, read from the environment, or
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
        tail = [code.evaluate(mod, p, strings=True) for p in parts[1:]]
        shown = [t.value for t in tail if t.kind == "literal"]
        return shown[-1] if shown else (head if head != "." else None)
    s = code.evaluate(mod, expr, strings=True)
    if s.kind == "unknown" and isinstance(expr, ast.Name):
        value = code.assigned_value(mod, expr)
        return _local_path(code, mod, value, depth + 1) if value is not None else None
    if s.kind == "env" or s.known is None:
        return None
    path = s.known
    if not path.strip("./") or path.startswith(_TMP_PREFIXES) or path in ("-", "/dev/null"):
        return None
    return path


def _is_temp(node) -> bool:
    return bool(_TEMP_RE.search(ast.unparse(node))) if hasattr(ast, "unparse") else False


def _is_app_dir(node) -> bool:
    """``BASE_DIR``, ``os.path.dirname(__file__)``, ``Path(__file__).parent``: the app's own folder."""
    src = ast.unparse(node) if hasattr(ast, "unparse") else ""
    return "__file__" in src or bool(_APP_DIR_RE.search(src))
