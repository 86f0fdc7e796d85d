"""The Django settings a deploy runs with: which settings module each process loads, and what it assigns.

``build_settings(project)``: the settings module ``manage.py collectstatic`` uses at build time;
``runtime_settings(project)``: the settings modules the processes run with (bases folded into the module
that star-imports them). A :class:`Settings` follows star imports in lookup order: ``assigned(name)``,
``modified(name)``, ``text()``. ``settings_statements(mod)``: the module-level statements that run, into
``if``/``try`` bodies. ``manage_py(project)``: the manage.py the project has.
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


def runtime_settings(project) -> list[Settings]:
    """The settings the running processes load: named by their commands, WSGI/ASGI modules or manage.py.

    One DJANGO_SETTINGS_MODULE config var serves every dyno; the ``os.environ.setdefault`` in each entry file
    is only its fallback. When the web process names its settings (``wsgi.py``: production) and a worker's
    Celery module names others (``config.settings.local``, cookiecutter-django's default), the web's are taken
    as the ones the config var sets: the others are development defaults."""
    def build():
        code = project.code
        paths: list[str] = []
        eps = [ep for ep in code.entrypoints if ep.process != "release"]
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
        loaded = [s for s in (_load_settings(project, p) for p in paths) if s is not None]
        # a settings module another one star-imports is a base, not what DJANGO_SETTINGS_MODULE names
        bases = {m.path for s in loaded for m in s.modules[1:]}
        return [s for s in loaded if s.path not in bases]
    return project.memo("django.runtime_settings", build)
