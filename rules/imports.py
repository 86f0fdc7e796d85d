"""PF312 import-undeclared: the start path imports a distribution the build never installs.

The import-name -> distribution map, the namespaces and "what installs what" are data
(preflight/data/import_names.json), read once on first use.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from preflight.findings import Severity, Violation
from preflight.lazyre import lazy_re
from preflight.project.imports import NAME_AFFIXES, NAME_SUFFIXES, ImportData, import_data, module_skipped_ranges
from preflight.project.names import canonical
from preflight.project.stdlib import is_stdlib
from preflight.registry import rule

def imported_names(imp, data: ImportData) -> list[str]:
    """The dotted names an import statement asks for, expanding namespace packages
    (``from google.cloud import storage`` -> ``google.cloud.storage``)."""
    if imp.names and data.is_namespace(imp.module):
        return [f"{imp.module}.{n}" for n in imp.names if n != "*"]
    return [imp.module]


@dataclass
class Use:
    """A third-party import whose distribution is not a main dependency."""

    path: str
    line: int
    name: str              # the import name as written ("aiohttp_jinja2", "google.cloud.storage")
    dists: list            # accepted distributions, preferred first (as spelled in the data)
    keys: set              # their canonical names
    how: str = "imported"  # "imported", or "loaded by Django (INSTALLED_APPS)" for a settings entry


def _accepted(name: str, dists: list[str], data: ImportData) -> set[str]:
    keys = {canonical(d) for d in dists}
    top = name.split(".")[0]
    if not data.is_namespace(top):
        keys.add(canonical(top))  # a distribution named like the import is always taken as providing it
    return keys


def _loosely_declared(top: str, declared: set[str]) -> str | None:
    """An unmapped import matched by common naming habits (``foo`` from ``python-foo``, ``foo-py``)."""
    base = canonical(top)
    flat = base.replace("-", "")
    for key in declared:
        k = key
        for a in NAME_AFFIXES:
            if k.startswith(a) and len(k) > len(a) + 1:
                k = k[len(a):]
                break
        for s in NAME_SUFFIXES:
            if k.endswith(s):
                k = k[: -len(s)]
                break
        if k == base or k.replace("-", "") == flat or key.replace("-", "") == flat:
            return key
    return None


# -- the rule -------------------------------------------------------------------------------------------
@rule("PF312", "import-undeclared", "E",
      "Code on the start path imports a third-party module whose distribution is not declared",
      fix="Add the distribution to requirements.txt (or the project's dependency list) and pin the version "
          "you test with.")
def import_undeclared(project):
    """
    ## What it does
    Follows the code each process runs (Procfile, Dockerfile/heroku.yml commands, crontab lines) through
    its local imports and checks every third-party import against the declared main dependencies.
    Import names are mapped to distributions as data: `yaml` is PyYAML, `telebot` is pyTelegramBotAPI,
    `cv2` is any of opencv-python(-headless), `bs4` is beautifulsoup4, `PIL` is Pillow... (an unmapped
    name is its own distribution). The code includes what Django loads by name: the packages in
    `INSTALLED_APPS` (and their `apps`, `models`, `admin` modules), `MIDDLEWARE`, URLconfs named by
    `include("app.urls")`. The standard library, local modules (also one imported in another letter
    case, which entry-broken reports), `__future__`, optional imports (`try: ... except ImportError:`),
    imports under `if TYPE_CHECKING:`, under interpreter/OS tests or under configuration tests
    (`if os.environ.get("DEBUG"):`, `if DEBUG: INSTALLED_APPS += [...]`), and the `__main__` block of a
    module no process runs as a script are not judged.

    A module that only arrives as another package's dependency is reported with that explanation:
    as a warning when that package is declared (it works today, until the package drops it), as an
    error when that package is itself undeclared.

    ## Why it breaks the deploy
    The build installs exactly what the dependency file lists. A module that works locally because it
    happens to be installed in your environment is missing on the dyno: the process crashes at boot
    with `ModuleNotFoundError` (H10 for a web app).

    ## Example
    ```python
    import aiohttp_jinja2      # aiohttp-jinja2 is not in requirements.txt
    import jinja2              # arrives only through aiohttp-jinja2
    ```

    ## How to fix
    Add each distribution to `requirements.txt` (or `[project.dependencies]`, `[packages]`,
    `[tool.poetry.dependencies]`), pinned to the version you run locally. Declare what you import
    directly even when another package brings it.

    ## Source
    research/heroku.md (d) row 5 and C05/C06 (modules missing at boot); heroku-buildpack-python installs
    only the declared file (`bin/steps/pip-install`); PyPI metadata for the name map
    (preflight/data/import_names.json).
    """
    deps = project.dependencies
    sources = list(getattr(deps, "sources", []) or [])
    extra_names = _container_installs(project)
    if extra_names is None:
        return  # the image installs from a requirements file this model does not read
    if not sources and not getattr(deps, "main", None) and not extra_names:
        return  # no dependency file at all: requirements-missing says so
    manifest = sources[0] if sources else "requirements.txt" if not extra_names else "the Dockerfile's pip install"
    data = import_data()
    declared = set(deps.main) | extra_names
    dev = set(getattr(deps, "dev", {}) or {}) - declared
    unnamed = _unnamed_requirements(project)
    uses = list(_undeclared_uses(project, data, declared, unnamed))
    if not uses:
        return
    through = _through_declared(deps, data, declared)
    installed = _installed(deps)
    imported_keys = {canonical(u.dists[0]) for u in uses}
    reported: set[tuple[str, str]] = set()
    complete = getattr(deps, "complete", True)
    for use in uses:
        key = canonical(use.dists[0])
        if (use.path, key) in reported:
            continue
        reported.add((use.path, key))
        dist = use.dists[0]
        lead = f"'{use.name}' is {use.how} but"
        absent = _absent(use, manifest)
        hint = f"Add {dist} to {manifest}, pinned to the version you run locally."
        if use.keys & dev:
            where = deps.dev[sorted(use.keys & dev)[0]]
            section = getattr(where, "section", "") or where.path
            yield Violation(use.path, use.line,
                            f"{lead} {getattr(where, 'name', None) or dist} is declared only for development "
                            f"({section}), which the platform does not install: ModuleNotFoundError when this code "
                            "runs",
                            hint=f"Move {dist} to the main dependencies in {manifest}.",
                            anchor=key, data={"distribution": dist})
            continue
        parent = next((through[k] for k in sorted(use.keys) if k in through), None)
        if parent is not None:
            yield Violation(use.path, use.line,
                            f"{lead} {absent}: it is installed only because {parent} depends on it, "
                            f"and a {parent} release may drop or change it",
                            hint=hint, severity=Severity.WARNING, anchor=key,
                            data={"distribution": dist, "through": parent})
            continue
        if installed is not None and use.keys & installed:
            yield Violation(use.path, use.line,
                            f"{lead} {absent}: the lock file installs it only as another package's "
                            "dependency, which may change with any update",
                            hint=hint, severity=Severity.WARNING, anchor=key, data={"distribution": dist})
            continue
        carriers = sorted(k for k in imported_keys - {key} if use.keys & data.closure(k))
        if carriers:
            carrier = next(u.dists[0] for u in uses if canonical(u.dists[0]) == carriers[0])
            yield Violation(use.path, use.line,
                            f"{lead} {absent}; it would arrive only through {carrier}, which is itself "
                            "undeclared: ModuleNotFoundError when this code runs",
                            hint=f"Add {dist} and {carrier} to {manifest}.", anchor=key,
                            data={"distribution": dist, "through": carrier})
            continue
        yield Violation(use.path, use.line,
                        f"{lead} {absent}: the build does not install it, so this code fails with "
                        "ModuleNotFoundError" + ("" if complete else
                                                 " (unless a requirement preflight cannot name provides it)"),
                        hint=hint, severity=None if complete else Severity.WARNING, anchor=key,
                        data={"distribution": dist})


def _absent(use: Use, manifest: str) -> str:
    """``aiohttp-jinja2 is not in requirements.txt`` / ``neither A nor B is in ...`` / ``none of A, B, C is in ...``
    (any of the accepted distributions would do)."""
    dists = use.dists
    if len(dists) == 1:
        return f"{dists[0]} is not in {manifest}"
    if len(dists) == 2:
        return f"neither {dists[0]} nor {dists[1]} is in {manifest}"
    return f"none of {', '.join(dists)} is in {manifest}"


def _undeclared_uses(project, data: ImportData, declared: set[str], unnamed: list):
    code = project.code
    seen_paths: set[str] = set()
    local_names = _local_file_names(project)
    ignored_cache: dict[str, bool] = {}

    def local(mod, top) -> bool:
        folder = mod.path.rsplit("/", 1)[0] if "/" in mod.path else ""
        if code.resolve_import(top, mod.path) or code.find_module(top, [folder]):
            return True
        if code.case_variant(top, list(code.roots) + [folder]):
            return True  # config.py imported as Config: entry-broken says so
        # a local module git leaves out (module-gitignored's finding), or one found through sys.path tricks
        return top in local_names or _gitignored(project, top, ignored_cache)

    def judge(mod, line, module, names=(), how="imported"):
        top = module.split(".")[0]
        if is_stdlib(top) or canonical(top) in data.platform:
            return
        wanted = [f"{module}.{n}" for n in names if n != "*"] if names and data.is_namespace(module) else [module]
        for name in wanted:
            dists = data.distributions(name)
            if not dists or any(canonical(d) in data.platform for d in dists):
                continue
            keys = _accepted(name, dists, data)
            if keys & declared:
                continue
            if len(dists) == 1 and canonical(dists[0]) == canonical(top) and _loosely_declared(top, declared):
                continue
            if _from_unnamed(keys, top, unnamed) or local(mod, top):
                continue
            yield Use(mod.path, line, name, dists, keys, how)

    for mod in code.start_path():
        if mod.path in seen_paths or mod.tree is None:
            continue
        seen_paths.add(mod.path)
        for imp in mod.imports:
            if imp.level or not imp.module or imp.guarded:
                continue
            for use in judge(mod, imp.line, imp.module, imp.names):
                if any(a <= imp.line <= b for a, b in module_skipped_ranges(mod)) or \
                        not code.live(mod.path, imp.line):
                    break  # TYPE_CHECKING / version / config branches; a __main__ block or function never run
                yield use
    for mod, line, entry, setting in _django_entries(project):
        yield from judge(mod, line, entry, how=f"loaded by Django ({setting})")


_ENTRY_RE = lazy_re(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _django_entries(project):
    """(module, line, dotted path, setting) for the app and middleware paths the running settings list:
    Django imports each of them at startup."""
    from preflight.project.django import runtime_settings, settings_statements

    seen = set()
    for settings in runtime_settings(project):
        for mod in settings.modules:
            skip = module_skipped_ranges(mod)
            for st in settings_statements(mod):
                if not isinstance(st, (ast.Assign, ast.AugAssign, ast.AnnAssign)) or st.value is None or \
                        any(a <= st.lineno <= b for a, b in skip):
                    continue
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                setting = next((n for n in names if n.endswith("APPS") or n.startswith("MIDDLEWARE")), None)
                if setting is None or not isinstance(st.value, (ast.List, ast.Tuple, ast.BinOp)):
                    continue
                for node in ast.walk(st.value):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                            _ENTRY_RE.match(node.value) and (mod.path, node.value) not in seen:
                        seen.add((mod.path, node.value))
                        yield mod, node.lineno, node.value, "INSTALLED_APPS" if setting.endswith("APPS") \
                            else setting


def _local_file_names(project) -> set[str]:
    """Top-level names of shipped modules and packages anywhere in the tree (``lib/foo.py`` -> foo)."""
    out = set()
    for f in project.files:
        if f.endswith(".py"):
            parts = f.split("/")
            out.add(parts[-1][:-3])
            if parts[-1] == "__init__.py" and len(parts) > 1:
                out.add(parts[-2])
    out.discard("__init__")
    return out


def _gitignored(project, top: str, cache: dict) -> bool:
    """``conf.py`` listed in .gitignore (even when absent here): module-gitignored reports it instead."""
    if top not in cache:
        cache[top] = _listed_in_gitignore(project, (f"{top}.py", top)) or \
            project.index.ignored(f"{top}.py") or project.index.ignored(top)
    return cache[top]


def _listed_in_gitignore(project, names) -> bool:
    """A root .gitignore line naming one of ``names`` (plain names and globs; no pathspec import needed
    for this)."""
    from fnmatch import fnmatchcase

    tf = project.text(".gitignore") if project.exists(".gitignore") else None
    for raw in tf.lines if tf is not None else ():
        pat = raw.strip()
        if not pat or pat.startswith(("#", "!")):
            continue
        pat = pat.lstrip("/").rstrip("/")
        if "/" in pat:
            continue
        if any(fnmatchcase(n, pat) for n in names):
            return True
    return False


def _unnamed_requirements(project) -> list:
    """URL, VCS and path requirements without a distribution name (the dependency model skips them)."""
    if not project.shipped("requirements.txt"):
        return []
    reqs = project.requirements
    return [r for r in (getattr(reqs, "installs", None) or []) if not r.key and getattr(r, "url", "")]


def _from_unnamed(keys: set[str], top: str, unnamed: list) -> bool:
    """A URL/VCS/path requirement whose text names the distribution (``git+https://.../pyTelegramBotAPI``)."""
    for dep in unnamed:
        url = canonical(getattr(dep, "url", "") or "")
        if any(k and k in url for k in keys) or canonical(top) in url:
            return True
    return False


def _through_declared(deps, data: ImportData, declared: set[str]) -> dict[str, str]:
    """canonical dist -> the declared distribution (as written) that installs it."""
    out: dict[str, str] = {}
    for key in sorted(declared):
        dep = deps.main.get(key)
        name = getattr(dep, "name", None) or key
        for d in data.closure_with_extras(key, getattr(dep, "extras", ()) if dep is not None else ()):
            out.setdefault(d, name)
    return out


def _installed(deps) -> set | None:
    try:
        installed = deps.installed
    except Exception:  # a lock file that does not parse is another rule's finding
        return None
    return {canonical(x) for x in installed} if installed else None


_PIP_RE = lazy_re(r"^(pip3?|python3?(\.\d+)?\s+-m\s+pip|uv\s+pip)$")


def _copied_from(df, stage, line: int, path: str) -> str | None:
    """The repo file a ``pip install -r PATH`` in the image reads (``COPY ./requirements.txt /code/``)."""
    path = path.strip("'\"")
    if "$" in path:
        return None
    source = df.source_of(path, stage, line)
    if source is None and path.lstrip("./") == "requirements.txt":
        return "requirements.txt"  # no COPY explains it (a bind mount, a context we cannot see): the usual name
    return source


def _container_installs(project) -> set[str] | None:
    """Distributions a container image installs by name (``RUN pip install flask gunicorn``); None when it
    installs from a requirements file other than the root one (not modelled here)."""
    if project.mode != "container":
        return set()
    df = getattr(project, "dockerfile", None)
    if df is None:
        return set()
    from preflight.project.commands import split

    names: set[str] = set()
    for stage in getattr(df, "stages", []) or []:
        for ins in stage.all("RUN"):
            for cmd in split(ins.shell_text):
                argv = cmd.argv
                if len(argv) >= 2 and argv[0].rsplit("/", 1)[-1] in ("python", "python3") and argv[1:3] == \
                        ["-m", "pip"]:
                    argv = ["pip"] + argv[3:]
                if argv[:2] == ["uv", "pip"]:
                    argv = ["pip"] + argv[2:]
                if not argv or argv[0].rsplit("/", 1)[-1] not in ("pip", "pip3") or "install" not in argv:
                    continue
                args = argv[argv.index("install") + 1:]
                i = 0
                while i < len(args):
                    a = args[i]
                    if a in ("-r", "--requirement", "-c", "--constraint"):
                        if i + 1 < len(args) and a in ("-r", "--requirement") and \
                                _copied_from(df, stage, ins.line, args[i + 1]) != "requirements.txt":
                            return None  # another requirements file: not modelled here
                        i += 2
                        continue
                    if a.startswith("-"):
                        i += 2 if a in ("-i", "--index-url", "--extra-index-url", "-f", "--find-links") else 1
                        continue
                    m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)", a)
                    if m and not a.startswith((".", "/")):
                        names.add(canonical(m.group(1)))
                    i += 1
    return names
