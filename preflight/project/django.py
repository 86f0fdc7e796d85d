"""The Django settings a deploy runs with: which settings module each process loads, and what it assigns.

``build_settings(project)``: the settings module ``manage.py collectstatic`` uses at build time;
``runtime_settings(project)``: the settings modules the processes run with (bases folded into the module
that star-imports them). A :class:`Settings` follows star imports in lookup order: ``assigned(name)``,
``modified(name)``, ``text()``. ``settings_statements(mod)``: the module-level statements that run, into
``if``/``try`` bodies. ``manage_py(project)``: the manage.py the project has.

``static_root_missing(project) -> StaticRootMissing | None``: the build's ``collectstatic`` fails for want of
STATIC_ROOT (``path``, ``line``, ``none``: set to None rather than missing, ``manage_py``, ``settings``).
``setting_use(project, path, name) -> SettingUse | None``: whether the settings production runs with take
``name`` from ``path`` (``used``), from another module (``overridden``), or never load ``path`` (``unselected``).
``allowed_hosts_unreachable(project) -> list[AllowedHostsUnreachable]``: settings whose ALLOWED_HOSTS no
request to the deployed app can match (``path``, ``line``, ``hosts`` as written or None when never set,
``star``: a ``*.example.com`` entry, which Django does not treat as a wildcard).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.project.python import dotted, is_main_guard

_SETTINGS_RE = lazy_re(r"""DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]""")
_DJANGO_MARKERS = ("INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE", "DATABASES")
_DYNAMIC_RE = lazy_re(r"\b(django_heroku\.settings|globals\(\)|locals\(\)|vars\(\)|exec\()")


@dataclass
class Settings:
    """A Django settings module and the modules it star-imports (unguarded), in lookup order."""

    path: str
    modules: list = field(default_factory=list)
    complete: bool = True     # False when a star import could not be followed
    dynamic: bool = False     # django-heroku, globals()/locals() tricks: values set at run time

    def assigned(self, name: str) -> list[tuple[object, ast.AST]]:
        """(module, statement) of the assignments that decide ``name``: the first module in lookup order
        that assigns it (the settings module itself, then what it star-imports, last import first)."""
        for mod in self.modules:
            found = [(mod, st) for st in settings_statements(mod)
                     if isinstance(st, (ast.Assign, ast.AnnAssign)) and name in _assigned_names(st)]
            if found:
                return found
        return []

    def modified(self, name: str) -> bool:
        """``NAME += ...``, ``NAME.append(...)``, ``NAME[...] = ...``, ``NAME.update(...)`` anywhere in the view."""
        for mod in self.modules:
            for node in ast.walk(mod.tree):
                if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                    return True
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if any(isinstance(t, ast.Subscript) and dotted(t.value).split(".")[0] == name
                           for t in targets):
                        return True
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                        dotted(node.func.value).split(".")[0] == name and \
                        node.func.attr in ("append", "extend", "insert", "update", "setdefault", "__setitem__"):
                    return True
        return False

    def text(self) -> str:
        return "\n".join(m.text.text for m in self.modules)


def settings_statements(mod):
    """Module-level statements, through if/else/try/with blocks, not inside a dead ``__main__`` block."""
    def walk(stmts):
        for st in stmts:
            if is_main_guard(st):
                continue
            yield st
            if isinstance(st, (ast.If, ast.For, ast.While, ast.With)):
                yield from walk(st.body)
                yield from walk(getattr(st, "orelse", []))
            elif isinstance(st, ast.Try):
                yield from walk(st.body)
                for h in st.handlers:
                    yield from walk(h.body)
                yield from walk(st.orelse)
                yield from walk(st.finalbody)
    return list(walk(mod.tree.body)) if mod.tree is not None else []


def _assigned_names(st) -> list[str]:
    targets = st.targets if isinstance(st, ast.Assign) else [st.target]
    out = []
    for t in targets:
        if isinstance(t, ast.Name):
            out.append(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            out.extend(e.id for e in t.elts if isinstance(e, ast.Name))
    return out


def _load_settings(project, path: str) -> Settings | None:
    from preflight.project.stdlib import is_stdlib

    code = project.code
    mod = code.module(path)
    if mod is None or mod.tree is None:
        return None
    settings = Settings(path)
    seen = set()

    def add(m, depth):
        if m.path in seen or depth > 6:
            return
        seen.add(m.path)
        settings.modules.append(m)
        folders = _ancestors(m.path)
        for imp in reversed(m.imports):  # the last star import wins, so it is looked at first
            if imp.names != ["*"] or imp.guarded or imp.in_function or imp.main_guard:
                continue
            target = code.find_module(imp.module, list(code.roots) + folders)
            sub = code.module(target) if target and target.endswith(".py") else None
            if sub is None or sub.tree is None:
                if not is_stdlib(imp.module):
                    settings.complete = False
                continue
            add(sub, depth + 1)

    add(mod, 0)
    settings.dynamic = bool(_DYNAMIC_RE.search(settings.text()))
    return settings


def _ancestors(path: str) -> list[str]:
    """``a/b/c.py`` -> ["a/b", "a", ""]."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _is_settings(mod) -> bool:
    return mod is not None and mod.tree is not None and any(k in mod.top_names for k in _DJANGO_MARKERS)


def _settings_named_by(project, path: str) -> str | None:
    """The settings file a manage.py / wsgi.py / asgi.py names in ``os.environ.setdefault(...)``."""
    tf = project.text(path)
    m = _SETTINGS_RE.search(tf.text) if tf is not None else None
    if not m:
        return None
    code = project.code
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
    found = code.find_module(m.group(1), [folder, parent] + list(code.roots))
    return found if found and found.endswith(".py") else None


def manage_py(project) -> str | None:
    """The manage.py the build's collectstatic step runs: ``find . -maxdepth 3 -name manage.py``."""
    found = sorted((f for f in project.files if f.rsplit("/", 1)[-1] == "manage.py" and f.count("/") <= 2),
                   key=lambda f: (f.count("/"), f))
    return found[0] if found else None


def build_settings(project) -> Settings | None:
    """The settings collectstatic loads at build time (manage.py's default)."""
    def build():
        mp = manage_py(project)
        path = _settings_named_by(project, mp) if mp else None
        return _load_settings(project, path) if path else None
    return project.memo("django.build_settings", build)


# Settings modules named for a developer's machine, and the names of the one production selects instead.
_DEV_SETTINGS = {"dev", "local", "development", "devel", "settings_dev", "dev_settings", "settings_local",
                 "local_settings"}
_PROD_SETTINGS = ("production", "prod", "heroku", "live", "settings_prod", "settings_production",
                  "prod_settings", "production_settings")


def production_sibling(project, path: str) -> str | None:
    """For a settings module named for development (``settings/dev.py``) that an entry file's setdefault
    names, the production module beside it (``settings/prod.py``): that is what DJANGO_SETTINGS_MODULE
    selects on the platform, the setdefault being only the local fallback. None when there is none."""
    folder, _, name = path.rpartition("/")
    if name.removesuffix(".py") not in _DEV_SETTINGS:
        return None
    for prod in _PROD_SETTINGS:
        candidate = f"{folder}/{prod}.py" if folder else f"{prod}.py"
        mod = project.code.module(candidate) if project.shipped(candidate) else None
        if mod is not None and mod.tree is not None and (
                mod.star_imports or {"ALLOWED_HOSTS", "DEBUG", "SECRET_KEY", *_DJANGO_MARKERS} & set(mod.top_names)):
            return candidate  # a settings module: its own settings, or a base's star-imported and overridden
    return None


def runtime_settings(project) -> list[Settings]:
    """The settings the running processes load: named by their commands, WSGI/ASGI modules or manage.py.
    A development module (``settings/dev.py``) with a production one beside it counts as the production one.

    One DJANGO_SETTINGS_MODULE config var serves every dyno; the ``os.environ.setdefault`` in each entry file
    is only its fallback. When the web process names its settings (``wsgi.py``: production) and a worker's
    Celery module names others (``config.settings.local``, cookiecutter-django's default), the web's are taken
    as the ones the config var sets: the others are development defaults."""
    def build():
        code = project.code
        paths: list[str] = []
        eps = [ep for ep in code.all_entrypoints if ep.process != "release"]
        if any(ep.process == "web" and ep.settings for ep in eps):
            eps = [ep for ep in eps if ep.process == "web" or not ep.settings]
        for ep in eps:
            # the module DJANGO_SETTINGS_MODULE names is the settings, even when it only star-imports a base
            named = [ep.settings] if ep.settings else [p for p in list(ep.also) + ([ep.module] if ep.module else [])
                                                       if _is_settings(code.module(p))]
            for p in named:
                if p not in paths:
                    paths.append(p)
        if not paths:
            for f in project.files:
                if f.rsplit("/", 1)[-1] in ("wsgi.py", "asgi.py", "manage.py") and f.count("/") <= 3:
                    p = _settings_named_by(project, f)
                    if p and p not in paths:
                        paths.append(p)
        paths = list(dict.fromkeys(production_sibling(project, p) or p for p in paths))
        loaded = [s for s in (_load_settings(project, p) for p in paths) if s is not None]
        # a settings module another one star-imports is a base, not what DJANGO_SETTINGS_MODULE names
        bases = {m.path for s in loaded for m in s.modules[1:]}
        return [s for s in loaded if s.path not in bases]
    return project.memo("django.runtime_settings", build)


# -- which settings production reads (the secrets rules ask) -------------------------------------------
@dataclass(frozen=True)
class SettingUse:
    """How the settings the processes run with use one module's assignment of a name: ``overridden``
    (another module the runtime settings load decides it: ``by_path``, ``by_line``), ``unselected`` (a
    settings module no process selects), or ``used``."""

    state: str
    by_path: str = ""
    by_line: int = 0


def setting_use(project, path: str, name: str) -> SettingUse | None:
    """How production uses ``name`` as assigned in ``path``; None when it cannot be known (no runtime
    settings found, a star import not followed, settings filled in at run time, ``path`` not a settings
    module)."""
    loaded = runtime_settings(project)
    if not loaded or any(s.dynamic or not s.complete for s in loaded):
        return None
    views = [s for s in loaded if any(m.path == path for m in s.modules)]
    if not views:
        # a settings module of its own (INSTALLED_APPS...), or one that star-imports the runtime settings
        # (``settings_ci.py``: ``from .settings import *``); a bot's ``config/settings.py`` is neither
        if _is_settings(project.code.module(path)):
            return SettingUse("unselected")
        loaded_paths = {m.path for s in loaded for m in s.modules}
        view = _load_settings(project, path)
        if view is not None and any(m.path in loaded_paths for m in view.modules[1:]):
            return SettingUse("unselected")
        return None
    deciders = []
    for s in views:
        found = s.assigned(name)
        if not found:
            return None
        mod, st = found[0]
        if mod.path == path:
            return SettingUse("used")
        deciders.append((mod.path, st.lineno))
    return SettingUse("overridden", *deciders[0])


# -- STATIC_ROOT (the build's collectstatic) ------------------------------------------------------------
@dataclass(frozen=True)
class StaticRootMissing:
    """collectstatic will fail: staticfiles installed, STATIC_ROOT unset (``none`` False, at the app's entry
    in INSTALLED_APPS) or ``STATIC_ROOT = None`` (``none`` True, at that line)."""

    path: str
    line: int
    none: bool
    manage_py: str
    settings: str


def static_root_missing(project) -> StaticRootMissing | None:
    """The build's collectstatic fails for want of STATIC_ROOT; None when it does not, or cannot be known:
    Django not declared, collectstatic disabled (``DISABLE_COLLECTSTATIC`` in app.json,
    ``.heroku/collectstatic_disabled``), settings filled in at run time, or the settings the web process
    names (the ``DJANGO_SETTINGS_MODULE`` config var collectstatic uses too) set it."""
    settings = build_settings(project)
    if settings is None or settings.dynamic or not settings.complete:
        return None
    deps = project.dependencies
    if not (deps.declares("django") if hasattr(deps, "declares") else "django" in deps.main):
        return None
    if project.exists(".heroku/collectstatic_disabled") or _app_json_env(project, "DISABLE_COLLECTSTATIC"):
        return None
    app = _staticfiles_node(settings)
    if app is None or _static_root_set(settings):
        return None
    # collectstatic runs with the DJANGO_SETTINGS_MODULE config var when it is set: that is the web's settings
    # (a production module) when they differ from manage.py's default; if those set STATIC_ROOT, no verdict
    if any(_static_root_set(s) or s.dynamic or not s.complete for s in runtime_settings(project)
           if s.path != settings.path):
        return None
    records = settings.assigned("STATIC_ROOT")
    if records:
        mod, st = records[-1]
        return StaticRootMissing(mod.path, st.lineno, True, manage_py(project), settings.path)
    mod, node = app
    return StaticRootMissing(mod.path, node.lineno, False, manage_py(project), settings.path)


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


# -- ALLOWED_HOSTS ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AllowedHostsUnreachable:
    """ALLOWED_HOSTS cannot match the deployed host: ``hosts`` as written (None: never set, Django's ``[]``;
    then ``line`` is 0), ``star`` the first ``*.example.com``-style entry (no wildcard in Django)."""

    path: str
    line: int
    hosts: list | None
    star: str | None = None


def allowed_hosts_unreachable(project) -> list[AllowedHostsUnreachable]:
    """Per settings the processes run with: an ALLOWED_HOSTS no request to the app can match (empty,
    local addresses only, another platform's domain, placeholders, ``*.`` patterns). A value read from the
    environment, changed later (``+=``, ``.append``), or set some other way gives no verdict."""
    from preflight.project.urls import foreign_platform, is_local, is_placeholder

    own = tuple(project.profile.app_host_suffixes)

    def reachable(pattern: str) -> bool:
        host = pattern.strip().lower()
        if host in ("*", ".*"):
            return True
        if "*" in host:
            return False  # Django has no '*.example.com' wildcard: the pattern is compared literally
        bare = host.lstrip(".")
        return bool(bare) and not is_placeholder(bare) and not is_local(bare) and not foreign_platform(bare, own)

    out = []
    for found in allowed_hosts_literal(project):
        if found.hosts is None:
            out.append(AllowedHostsUnreachable(found.path, 0, None))
        elif not any(reachable(h) for h in found.every):
            star = next((h for h in found.hosts if "*" in h and h.strip() not in ("*", ".*")), None)
            out.append(AllowedHostsUnreachable(found.path, found.line, found.hosts, star))
    return out


@dataclass(frozen=True)
class AllowedHosts:
    """The ALLOWED_HOSTS of one settings module a process runs with, when every assignment is a literal
    list: ``hosts`` of the last one at ``path:line`` (None: never set, Django's ``[]``, and ``line`` 0), and
    ``every`` host any assignment names."""
    path: str
    line: int
    hosts: list | None
    every: tuple = ()


def allowed_hosts_literal(project) -> list[AllowedHosts]:
    """Per settings the processes run with, its literal ALLOWED_HOSTS; settings whose value is read from
    the environment, changed later (``+=``, ``.append``) or set some other way are left out."""
    def build():
        out = []
        code = project.code
        for settings in runtime_settings(project):
            if settings.dynamic or not settings.complete or settings.modified("ALLOWED_HOSTS"):
                continue
            records = settings.assigned("ALLOWED_HOSTS")
            if not records:
                if "ALLOWED_HOSTS" not in settings.text():  # else set some other way (setattr, a loop)
                    out.append(AllowedHosts(settings.path, 0, None))
                continue
            values = []
            for mod, st in records:
                hosts = _host_list(code, mod, st.value)
                if hosts is None:
                    break
                values.append((mod, st, hosts))
            else:
                mod, st, hosts = values[-1]
                out.append(AllowedHosts(mod.path, st.lineno, hosts, tuple(h for _, _, hs in values for h in hs)))
        return out

    return project.memo("django.allowed_hosts_literal", build)


def _host_list(code, mod, value) -> list[str] | None:
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    out = []
    for elt in value.elts:
        s = code.evaluate(mod, elt, strings=True)
        if s.kind != "literal":
            return None
        out.append(s.value)
    return out
