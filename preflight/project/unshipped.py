"""Local modules the start path imports that git does not ship (ignored, or never committed).

``unshipped_imports(project)`` follows the imports of the code each process runs and lists, per import,
the files it may load that the deploy will not have: present but ignored or untracked, or absent and named
by an ignore pattern (``from conf import *`` with ``conf.py`` in .gitignore, the classic home of a bot
token). Optional imports (``try: ... except ImportError:``) and imports under a test of the configuration
(``if os.path.exists("local.py"):``, ``if os.environ.get("DEBUG"):``) are left out: they may never run on
the platform. Sources: research/heroku.md E10 and A05.
"""
from __future__ import annotations

from dataclasses import dataclass

from preflight.project.stdlib import is_stdlib


@dataclass(frozen=True)
class UnshippedImport:
    module: object       # the Module that imports
    imp: object          # the import
    path: str            # the file it would load
    state: str           # "ignored by .gitignore:3 ('conf.py')", "ignored by git", "not committed (git add it)"
    absent: bool         # not on disk here either


def unshipped_imports(project) -> list[UnshippedImport]:
    """One entry per import (the first unshipped file it may load), in start-path order; computed once."""
    return project.memo("code.unshipped_imports", lambda: _find(project))


def _find(project) -> list[UnshippedImport]:
    from preflight.project.imports import module_skipped_ranges

    code = project.code
    found: list[tuple[object, object, list[str]]] = []   # (module, import, paths it may load that git lacks)
    for mod in code.start_path():
        main = code.main_runs(mod.path)
        skip = None
        for imp in mod.imports:
            if imp.guarded or not imp.module or (imp.main_guard and (imp.main_guard > 0) != main):
                continue
            unshipped = [p for p in code.imported_paths(mod, imp) if not project.shipped(p)]
            candidates = unshipped or _absent_candidates(code, mod, imp)
            if not candidates:
                continue
            if skip is None:
                skip = module_skipped_ranges(mod)
            if any(a <= imp.line <= b for a, b in skip):
                continue  # under 'if os.path.exists("conf.py"):', 'if DEBUG:': may never run on the dyno
            found.append((mod, imp, candidates))
    paths = [p for _, _, ps in found for p in ps]
    if not paths:
        return []
    ignored = project.index.explain_ignored(paths)
    out, reported = [], set()
    for mod, imp, ps in found:
        for path in ps:
            exists = code.is_file(path)
            if not exists and path not in ignored or (mod.path, imp.line) in reported:
                continue
            reported.add((mod.path, imp.line))
            if path in ignored:
                state = f"ignored by {ignored[path]}"
            else:
                state = "ignored by git" if project.index.ignored(path) else "not committed (git add it)"
            out.append(UnshippedImport(mod, imp, path, state, absent=not exists))
            break
    return out


def _absent_candidates(code, mod, imp) -> list[str]:
    """Files that would provide an import nothing here provides: ``conf.py`` for ``import conf``, and
    ``pkg/conf.py`` for ``from pkg import conf`` when the package has no such name."""
    parts = imp.module.split(".")
    base = code.find_module(imp.module, code.roots)
    if base is None:
        if imp.level or is_stdlib(parts[0]) or len(parts) > 1 and code.find_module(parts[0], code.roots):
            return []
        out = []
        for root in code.roots:
            stem = f"{root}/{parts[0]}" if root else parts[0]
            out += [stem + ".py", stem + "/__init__.py"]
        return out
    if not imp.names or not (base.endswith("/__init__.py") or not base.endswith(".py")):
        return []
    folder = base[: -len("/__init__.py")] if base.endswith("/__init__.py") else base
    package = code.module(base) if base.endswith(".py") else None
    out = []
    for name in imp.names:
        if name == "*" or (package is not None and name in package.top_names):
            continue
        if code.find_module(f"{imp.module}.{name}", code.roots) is None:
            out += [f"{folder}/{name}.py", f"{folder}/{name}/__init__.py"]
    return out
