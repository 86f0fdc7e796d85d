"""Database URLs: where the app's code and config files name one, and how each reaches SQLAlchemy.

``database_urls(project) -> list[DatabaseURL]``: every database URL the app hands to SQLAlchemy in code
that runs (``create_engine``/``create_async_engine``, ``SQLALCHEMY_DATABASE_URI``, Alembic's
``set_main_option("sqlalchemy.url", ...)`` and ``context.configure(url=...)``, in the start path and in
Alembic's env.py) when it is a literal or the platform's config var read unconverted, and every literal
``postgres://`` / ``postgresql://`` URL in a config file the app may load (YAML, JSON, INI, TOML, CFG;
not tests, docs, compose files or app.json). ``DatabaseURL``: ``path``, ``line``, ``url`` (the literal; ""
for a config var), ``reaches`` (the sink: "create_engine()", "SQLALCHEMY_DATABASE_URI", "alembic's
sqlalchemy.url", "context.configure(url=...)"; "config file" for a file's literal), ``env`` (the config var
read, e.g. "DATABASE_URL", for code sinks), ``scheme`` (property). A config-file URL with ``$``/``{``
(a template) or no host is not listed.

``converts_scheme(project) -> bool``: some module the app runs (or env.py) rewrites ``postgres://`` (replace,
re.sub, a ``startswith`` branch, ``make_url(...).set(drivername=...)``). ``scheme_strips(project)``:
``(path, line, function, argument)`` of ``.lstrip("postgres://")``-style calls (a character set, not a
prefix). ``installs_sqlalchemy_14(project) -> bool``: the build installs SQLAlchemy 1.4 or later (the lock's
pin, else declared, or brought by a library that uses it; unpinned means the latest). ``alembic_env(project) -> Module | None``.
``config_values(mod, key)``: ``(node, value)`` wherever a module sets a config key (``KEY = v``,
``x.config["KEY"] = v``, ``update(KEY=v)``, ``{"KEY": v}``).
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re
from preflight.project.python import call_arg, dotted, env_read, last_name
from preflight.project.urls import host_of

_SA_SINKS = ("create_engine", "create_async_engine", "set_main_option", "configure")
_SA_PROBES = ("1.4.0", "1.4.54", "2.0.0", "2.0.99", "2.1.0", "3.0.0")
# Distributions that install SQLAlchemy themselves
_SA_USERS = ("sqlalchemy", "flask-sqlalchemy", "sqlmodel", "alembic", "flask-migrate", "sqlalchemy-utils")
_POSTGRES_LITERAL_RE = lazy_re(r"(?<![\w+.-])postgres(?:ql)?(?:\+\w+)?://[^\s'\"`<>]*")
_POSTGRES_BYTES_RE = lazy_re(rb"(?<![\w+.-])postgres(?:ql)?(?:\+\w+)?://")
_CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".ini", ".toml", ".cfg", ".conf")
_CONFIG_SKIP_RE = lazy_re(r"(^|/)(tests?|docs?|examples?|node_modules|\.github|fixtures)/|(^|/)(docker-compose[^/]*|"
                          r"compose\.ya?ml|app\.json|package(-lock)?\.json|[^/]*\.lock)$", re.I)
_CONFIG_MAX_BYTES = 256 * 1024
_REWRITE_RE = lazy_re(r"""\.replace\(\s*(['"])postgres(ql)?:(//)?\1|re\.sub\([^)]*postgres|"""
                      r"""startswith\(\s*['"]postgres:|drivername\s*=|set\(\s*drivername""")
_STRIP_RE = lazy_re(r"\.[lr]?strip\(\s*['\"]postgres")


@dataclass(frozen=True)
class DatabaseURL:
    path: str
    line: int
    url: str          # the literal URL; "" when it is a config var
    reaches: str      # the SQLAlchemy sink, or "config file"
    env: str = ""     # the config var the code reads, unconverted

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower() if "://" in self.url else ""


def config_values(mod, key: str):
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


def alembic_env(project):
    """Alembic's env.py (``script_location`` in alembic.ini): the release phase runs it, by name."""
    tf = project.text("alembic.ini") if project.shipped("alembic.ini") else None
    m = re.search(r"^\s*script_location\s*[=:]\s*(\S+)", tf.text, re.M) if tf is not None else None
    if not m:
        return None
    folder = m.group(1).replace("%(here)s", "").strip("/").strip()
    mod = project.code.module(f"{folder}/env.py" if folder else "env.py")
    return mod if mod is not None and mod.tree is not None else None


def _sqlalchemy_modules(project) -> list:
    """The modules that may hand SQLAlchemy a URL: the start path, and Alembic's env.py."""
    env = alembic_env(project)
    return project.code.live_modules() + ([env] if env is not None else [])


def locked_version(project, key: str) -> str | None:
    """The version of ``key`` (a canonical name) that the lock file the build installs from pins
    (Pipfile.lock, poetry.lock, uv.lock); None without a lock or an entry."""
    from preflight.project.dependencies import read_lock
    from preflight.project.names import canonical

    manager = getattr(project.dependencies, "manager", None)
    if manager == "pipenv" and project.shipped("Pipfile.lock"):
        data = project.manifests.pipfile_lock
        body = data.get("default") if isinstance(data, dict) else None
        for name, entry in body.items() if isinstance(body, dict) else ():
            if isinstance(name, str) and canonical(name) == key and isinstance(entry, dict):
                version = entry.get("version")
                return version.lstrip("=") if isinstance(version, str) else None
    elif manager in ("poetry", "uv"):
        data = read_lock(project, f"{manager}.lock")
        for pkg in data.get("package") or [] if isinstance(data, dict) else ():
            if isinstance(pkg, dict) and isinstance(pkg.get("name"), str) and canonical(pkg["name"]) == key:
                version = pkg.get("version")
                return version if isinstance(version, str) else None
    return None


def installs_sqlalchemy_14(project) -> bool:
    """SQLAlchemy 1.4+ is what the build installs (the lock's pin first; else declared, or brought by a library
    that uses it)."""
    deps = project.dependencies
    main = getattr(deps, "main", {}) or {}
    locked = re.match(r"(\d+)\.(\d+)", locked_version(project, "sqlalchemy") or "")
    if locked:
        return (int(locked.group(1)), int(locked.group(2))) >= (1, 4)
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


def converts_scheme(project) -> bool:
    """One conversion anywhere (often in a config module or alembic's env.py) is taken to cover every use."""
    return project.memo("database.converts_scheme",
                        lambda: any(_REWRITE_RE.search(m.text.text) for m in _sqlalchemy_modules(project)))


def scheme_strips(project) -> list[tuple[str, int, str, str]]:
    """(path, line, "lstrip"|"strip"|"rstrip", argument) of each strip call given a ``postgres...`` string."""
    out = []
    for mod in _sqlalchemy_modules(project):
        text = mod.text.text
        if "postgres" not in text or not _STRIP_RE.search(text):
            continue
        for call in mod.calls("lstrip", "strip", "rstrip"):
            arg = call.args[0] if call.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "postgres" in arg.value:
                out.append((mod.path, call.lineno, last_name(call.func), arg.value))
    return out


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
        for node, value in config_values(mod, "SQLALCHEMY_DATABASE_URI"):
            yield node, value, "SQLALCHEMY_DATABASE_URI"


def _platform_database_var(value, s) -> str:
    """The platform's database config var an "env" value reads ("DATABASE_URL", "HEROKU_POSTGRESQL_..."),
    or "" (another variable, or not known)."""
    first = value.values[0] if isinstance(value, ast.BoolOp) else value
    var = s.env or env_read(first) or ""
    return var if "DATABASE_URL" in var or var.startswith("HEROKU_POSTGRESQL_") else ""


def _code_urls(project) -> list[DatabaseURL]:
    code = project.code
    out = []
    for mod in _sqlalchemy_modules(project):
        for node, value, sink in _sa_urls(mod):
            s = code.evaluate(mod, value, strings=True)
            if s.kind == "literal":
                url = DatabaseURL(mod.path, node.lineno, s.value, sink)
            elif s.kind == "env" and _platform_database_var(value, s):
                url = DatabaseURL(mod.path, node.lineno, "", sink, _platform_database_var(value, s))
            else:
                continue
            if code.live(mod.path, node):
                out.append(url)
    return out


def _config_file_urls(project) -> list[DatabaseURL]:
    """Literal postgres:// and postgresql:// URLs in config files the app may load."""
    out = []
    for path in project.files:
        if not path.lower().endswith(_CONFIG_SUFFIXES) or _CONFIG_SKIP_RE.search(path) or not project.inside(path):
            continue
        try:
            with open(os.path.join(project.root, path), "rb") as fh:
                raw = fh.read(_CONFIG_MAX_BYTES + 1)
        except OSError:
            continue
        if len(raw) > _CONFIG_MAX_BYTES or b"postgres" not in raw or not _POSTGRES_BYTES_RE.search(raw):
            continue  # cheap byte test first: only files that hold such a URL are decoded
        tf = project.text(path)
        if tf is None:
            continue
        for n, line in enumerate(tf.lines, 1):
            if "postgres" not in line or line.lstrip().startswith(("#", ";", "//")):
                continue
            for m in _POSTGRES_LITERAL_RE.finditer(line):
                url = m.group(0)
                if "$" in url or "{" in url or not host_of(re.sub(r"^[\w+]+://", "http://", url)):
                    continue
                out.append(DatabaseURL(path, n, url, "config file"))
    return out


def database_urls(project) -> list[DatabaseURL]:
    return project.memo("database.urls", lambda: _code_urls(project) + _config_file_urls(project))
