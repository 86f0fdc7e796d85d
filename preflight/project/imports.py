"""Which distribution provides an import name, and which imports count: the import-name data and its use.

``import_data() -> ImportData`` reads ``preflight/data/import_names.json`` (import name or dotted prefix ->
distributions; namespace packages; what each distribution requires, with extras; what the platform
installs itself) once per process. ``module_skipped_ranges(mod)``: line ranges of a module whose imports
are not judged (``TYPE_CHECKING`` bodies, interpreter/OS and configuration tests). ``undeclared_imports(project)``:
the imports on the start path whose distribution the build does not install, classified (import-undeclared).
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from preflight.lazyre import lazy_re
from preflight.project.python import catches_import_error
from preflight.project.names import canonical
from preflight.project.stdlib import is_stdlib

DATA = Path(__file__).resolve().parents[1] / "data" / "import_names.json"
_API_VERSION_RE = lazy_re(r"_v\d+\w*$")  # google.cloud.pubsub_v1 -> pubsub
# If-tests whose branches depend on the interpreter or OS: imports under them are not judged.
_CONDITIONAL = ("sys.version_info", "sys.platform", "platform.system", "os.name", "sys.implementation")
# ... or on the configuration (``if os.environ.get("DEBUG"): from flask_debugtoolbar import ...``,
# ``if DEBUG: INSTALLED_APPS += ["debug_toolbar"]``, ``if os.path.exists("local.py"):``): which branch runs on
# the dyno is not known here.
_CONFIG_TESTS = ("environ", "getenv", "DEBUG", "TESTING", "config(", "exists(", "isfile(")
NAME_AFFIXES = ("python-", "py-", "py", "django-", "flask-", "pytest-", "aio")
NAME_SUFFIXES = ("-python", "-py", "-api", "-sdk", "-client", "-lib", "-binary", "-headless")



@dataclass
class ImportData:
    modules: dict            # import name or dotted prefix -> [distribution, ...] (preferred first)
    namespaces: dict         # dotted prefix -> pattern or None
    requires: dict           # canonical dist -> [canonical dist, ...]
    extras: dict             # "dist[extra]" -> [canonical dist, ...]
    platform: frozenset      # installed by the platform itself
    foundations: dict = field(default_factory=dict)  # canonical framework -> the canonical dists it is built on
    _closure: dict = field(default_factory=dict)
    _known: set = field(default_factory=set)

    def knows(self, dist: str) -> bool:
        """Whether the import names of ``dist`` (canonical) are known: it is in the wheel-read requirements or
        named by an import-name entry. An unknown distribution may provide any module (``registration`` from
        django-registration-redux)."""
        if not self._known:
            self._known.update(self.requires)
            self._known.update(canonical(d) for dists in self.modules.values() for d in dists)
        return dist in self._known

    def distributions(self, module: str) -> list[str] | None:
        """Distributions that provide ``module`` (preferred first); None when it cannot be told."""
        parts = module.split(".")
        for i in range(len(parts), 0, -1):
            hit = self.modules.get(".".join(parts[:i]))
            if hit:
                return list(hit)
        for i in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:i])
            if prefix in self.namespaces:
                pattern = self.namespaces[prefix]
                if pattern is None:
                    return None
                return [pattern.format(_API_VERSION_RE.sub("", parts[i]))]
        if module in self.namespaces:
            return None
        return [parts[0].replace("_", "-")]

    def is_namespace(self, module: str) -> bool:
        return module in self.namespaces

    def closure(self, dist: str) -> set[str]:
        """Every distribution ``dist`` installs, transitively (canonical names, itself excluded)."""
        if dist in self._closure:
            return self._closure[dist]
        seen: set[str] = set()
        stack = list(self.requires.get(dist, ()))
        while stack:
            d = stack.pop()
            if d not in seen and d != dist:
                seen.add(d)
                stack.extend(self.requires.get(d, ()))
        self._closure[dist] = seen
        return seen

    def closure_with_extras(self, dist: str, extras) -> set[str]:
        out = set(self.closure(dist))
        for extra in extras or ():
            for d in self.extras.get(f"{dist}[{canonical(extra)}]", ()):
                out.add(d)
                out |= self.closure(d)
        return out


@lru_cache(maxsize=1)
def import_data() -> ImportData:
    with open(DATA, encoding="utf-8") as fh:
        raw = json.load(fh)
    return ImportData(modules=raw["modules"], namespaces=raw["namespaces"], requires=raw["requires"],
                      extras=raw.get("extras", {}), platform=frozenset(raw.get("platform", ())),
                      foundations=raw.get("foundations", {}))


# -- which imports count ------------------------------------------------------------------------------
def module_skipped_ranges(mod) -> list[tuple[int, int]]:
    """``skipped_ranges`` of a parsed Module plus the bodies of its CLI commands no process runs, computed once
    per module (several rules ask)."""
    def build():
        out = skipped_ranges(mod.tree, mod.text.text)
        if _CLI_RE.search(mod.text.text):
            project = mod.model.project
            out += cli_command_ranges(mod.tree, _command_words(project), _added_commands(project))
        return out
    return mod.model.project.memo(("imports.skipped_ranges", mod.path), build)


_ANY_TEST = _CONDITIONAL + _CONFIG_TESTS
_ANY_TEST_RE = lazy_re("|".join(re.escape(t) for t in _ANY_TEST + ("TYPE_CHECKING",)))  # one pass over the text
# A module-level flag read from the configuration (``ENABLE_X = get_bool_from_env("ENABLE_X", False)``,
# ``USE_S3 = os.environ.get("USE_S3") == "1"``, ``SENTRY = config("SENTRY_DSN", default="")``): an ``if`` on it
# is a configuration test like ``if os.environ.get(...)``.
# (Each alternative starts with one of "egcs_": the lookahead lets the engine skip other positions at once,
# five times faster on a large module than the same alternation behind word boundaries.)
_FLAG_SOURCE_RE = lazy_re(r"(?=[egcs_])(?:environ|getenv|_env\(|(?<!\w)(?:env\b|config[(\[]|settings\.))")
_CLI_RE = lazy_re(r"\.command\b|\.group\b")


def skipped_ranges(tree: ast.Module, text: str) -> list[tuple[int, int]]:
    """Line ranges whose imports are not judged: ``if TYPE_CHECKING:`` bodies (never run) and both
    branches of interpreter/OS tests (``if sys.version_info >= (3, 11): import tomllib else: import tomli``)
    and of configuration tests (``if os.environ.get("DEBUG"):``, ``if settings.DEBUG:``)."""
    if tree is None:
        return []
    flags = _config_flags(tree, text) if _FLAG_SOURCE_RE.search(text) else set()
    if not flags and not _ANY_TEST_RE.search(text):
        return []
    out = []
    stack = [tree.body]
    while stack:  # statements only: imports are statements, expressions need no visit
        for st in stack.pop():
            if isinstance(st, ast.If):
                test = ast.unparse(st.test)
                if "TYPE_CHECKING" in test:
                    out.append((st.body[0].lineno, _end(st.body[-1])))
                    stack.append(st.orelse)
                    continue
                if any(c in test for c in _ANY_TEST) or \
                        flags and any(isinstance(n, ast.Name) and n.id in flags for n in ast.walk(st.test)):
                    out.append((st.lineno, _end(st)))
                    continue
            for name in ("body", "orelse", "finalbody", "handlers"):
                sub = getattr(st, name, None)
                if isinstance(sub, list) and sub and isinstance(sub[0], (ast.stmt, ast.excepthandler)):
                    stack.append(sub)
    return out


def _end(node) -> int:
    return getattr(node, "end_lineno", None) or node.lineno


def optional_ranges(tree: ast.Module) -> list[tuple[int, int]]:
    """Bodies of ``try:`` blocks that give up on an ImportError (``try: import debug_toolbar;
    INSTALLED_APPS += ["debug_toolbar"] except ImportError: pass``): what they add to the settings exists
    only where the import works. Imports themselves are ``Import.guarded`` already."""
    out = []
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Try) and node.body and any(catches_import_error(h.type) for h in node.handlers):
            out.append((node.body[0].lineno, _end(node.body[-1])))
    return out




def _config_flags(tree: ast.Module, text: str) -> set[str]:
    """Module-level names whose value is read from the configuration (see ``_FLAG_SOURCE_RE``)."""
    out = set()
    lines = text.splitlines()
    for st in tree.body:
        if isinstance(st, (ast.Assign, ast.AnnAssign)) and st.value is not None and \
                _FLAG_SOURCE_RE.search("\n".join(lines[st.value.lineno - 1: _end(st.value)])):
            out.update(t.id for t in (st.targets if isinstance(st, ast.Assign) else [st.target])
                       if isinstance(t, ast.Name))
    return out


def cli_command_ranges(tree: ast.Module, run_words: set[str], added: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Bodies of CLI subcommands no process runs: functions decorated with ``@app.cli.command()`` (Flask),
    ``@<group>.command()`` where the group is a click group or Flask ``AppGroup`` of this module,
    ``@manager.command`` (Flask-Script), or ``@click.command()`` when some start-path module registers the
    function by name (``app.cli.add_command(commands.test)``: ``added``). Such a body runs only when someone
    types ``flask <name>``; the web process never calls it. A command whose name is a word of some process's
    command line (``release: flask seed-db``) stays judged. A standalone ``@click.command()`` nothing
    registers is what its script calls, and stays judged too."""
    groups = {"cli"}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                any(_decorator_path(d).endswith(".group") for d in node.decorator_list):
            groups.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                _decorator_path(node.value).rsplit(".", 1)[-1] in ("AppGroup", "Group", "Manager"):
            groups.update(t.id for t in node.targets if isinstance(t, ast.Name))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.body:
            continue
        for d in node.decorator_list:
            path = _decorator_path(d)
            owner, _, verb = path.rpartition(".")
            if verb != "command" or owner.rsplit(".", 1)[-1] not in groups and \
                    not (owner in ("click", "typer") and node.name in added):
                continue
            named = d.args[0].value if isinstance(d, ast.Call) and d.args and isinstance(d.args[0], ast.Constant) \
                and isinstance(d.args[0].value, str) else None
            names = {named} if named else {node.name, node.name.replace("_", "-")}
            if not names & run_words:
                out.append((node.body[0].lineno, _end(node)))
            break
    return out


def _decorator_path(node) -> str:
    """``app.cli.command`` for ``@app.cli.command("x")`` or ``@app.cli.command``; "" for other shapes."""
    from preflight.project.python import dotted

    return dotted(node.func if isinstance(node, ast.Call) else node)


_ADD_COMMAND_RE = lazy_re(r"\.add_command\(\s*([A-Za-z_][\w.]*)")


def _added_commands(project) -> frozenset:
    """Function names start-path code registers as CLI commands (``app.cli.add_command(commands.test)``)."""
    def build():
        names = set()
        for mod in project.code.start_path():
            if "add_command" in mod.text.text:
                names.update(m.rsplit(".", 1)[-1] for m in _ADD_COMMAND_RE.findall(mod.text.text))
        return frozenset(names)
    return project.memo("imports.added_commands", build)


def _command_words(project) -> set[str]:
    """Every word of every process's command line (entry points, after scripts are followed)."""
    def build():
        words = set()
        for ep in project.code.entrypoints:
            words.update(getattr(ep.command, "argv", ()) or ())
        return words
    return project.memo("imports.command_words", build)


# -- imports the build does not install (import-undeclared) -----------------------------------------------
@dataclass
class Use:
    """A third-party import whose distribution is not a main dependency."""

    path: str
    line: int
    name: str              # the import name as written ("aiohttp_jinja2", "google.cloud.storage")
    dists: list            # accepted distributions, preferred first (as spelled in the data)
    keys: set              # their canonical names
    how: str = "imported"  # "imported", or "loaded by Django (INSTALLED_APPS)" for a settings entry
    maybe: str = ""        # a declared distribution whose import names are unknown that may provide it


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


@dataclass
class Undeclared:
    """A third-party import on the start path, classified by why the build does or does not install it."""

    use: Use
    kind: str            # dev (declared only for development) | through (a declared package brings it) |
                         # installed (the lock installs it transitively) | carrier (only an undeclared import
                         # would bring it) | unverified (a declared distribution with unknown import names may
                         # provide it) | missing
    dev: object = None   # kind dev: the development Dependency
    via: str = ""        # kind through: the declared distribution; carrier: the undeclared one; unverified: the
                         # declared distribution that may provide it
    likely: bool = False  # kind unverified: no known distribution is named like the module, so that one likely is


@dataclass
class ImportReport:
    manifest: str        # where the dependencies are declared, for messages ("requirements.txt")
    complete: bool       # False when production installs things the dependency model cannot see
    findings: list


def undeclared_imports(project) -> ImportReport | None:
    """Every third-party import on the start path whose distribution is not a main dependency, one per
    (module, distribution); None when there is nothing to judge against (no dependency file, or an image
    installing from a requirements file this model does not read). Computed once per run."""
    return project.memo("imports.undeclared", lambda: _undeclared_report(project))


def _undeclared_report(project) -> ImportReport | None:
    deps = project.dependencies
    sources = list(getattr(deps, "sources", []) or [])
    extra_names = _container_installs(project)
    if extra_names is None:
        return None  # the image installs from a requirements file this model does not read
    if not sources and not getattr(deps, "main", None) and not extra_names:
        return None  # no dependency file at all: requirements-missing says so
    manifest = sources[0] if sources else "requirements.txt" if not extra_names else "the Dockerfile's pip install"
    report = ImportReport(manifest, getattr(deps, "complete", True), [])
    data = import_data()
    declared = set(deps.main) | extra_names
    dev = set(getattr(deps, "dev", {}) or {}) - declared
    uses = list(_undeclared_uses(project, data, declared | _asked_for(deps, data, declared),
                                 _unnamed_requirements(project)))
    if not uses:
        return report
    through = _through_declared(deps, data, declared)
    installed = _installed(deps)
    imported_keys = {canonical(u.dists[0]) for u in uses}
    reported: set[tuple[str, str]] = set()
    for use in uses:
        key = canonical(use.dists[0])
        if (use.path, key) in reported:
            continue
        reported.add((use.path, key))
        if use.keys & dev:
            report.findings.append(Undeclared(use, "dev", dev=deps.dev[sorted(use.keys & dev)[0]]))
            continue
        parent = next((through[k] for k in sorted(use.keys) if k in through), None)
        if parent is not None:
            report.findings.append(Undeclared(use, "through", via=parent))
            continue
        if installed is not None and use.keys & installed:
            report.findings.append(Undeclared(use, "installed"))
            continue
        carriers = sorted(k for k in imported_keys - {key} if use.keys & data.closure(k))
        if carriers:
            carrier = next(u.dists[0] for u in uses if canonical(u.dists[0]) == carriers[0])
            report.findings.append(Undeclared(use, "carrier", via=carrier))
            continue
        if use.maybe:
            # the module is a known distribution's own name (``redis``): the unknown one would have to bring it
            report.findings.append(Undeclared(use, "unverified", via=use.maybe,
                                              likely=not any(data.knows(k) for k in use.keys)))
            continue
        report.findings.append(Undeclared(use, "missing"))
    return report


def _asked_for(deps, data: ImportData, declared: set[str]) -> set[str]:
    """Distributions the project asked for without naming them: what a declared extra exists to add
    (``passlib[bcrypt]`` -> bcrypt) and what a declared framework is built on and documents importing
    (fastapi -> starlette, pydantic). Neither can disappear in a release without the project noticing."""
    out: set[str] = set()
    for key in declared:
        dep = deps.main.get(key)
        for extra in getattr(dep, "extras", ()) or ():
            out.update(data.extras.get(f"{key}[{canonical(extra)}]", ()))
        out.update(data.foundations.get(key, ()))
    return out


# Name parts that say what a distribution plugs into rather than what it provides.
_GENERIC_TOKENS = frozenset({"django", "flask", "fastapi", "python", "py", "pytest", "sphinx", "aio", "api", "sdk",
                             "client", "lib", "core", "redux", "plus", "extra", "extras", "utils", "tools", "app",
                             "apps", "framework", "rest", "async", "binary", "headless", "google", "azure", "aws"})


def _spelled_like_declared(name: str, declared: set[str]) -> bool:
    """``fluent.syntax`` from fluent-syntax, ``moz.l10n.formats`` from moz-l10n: a dotted import whose leading
    parts, joined, are a declared distribution's name (the usual shape of a namespace package)."""
    parts = name.split(".")
    return any(canonical("-".join(parts[:i])) in declared for i in range(2, len(parts) + 1))


def _maybe_provider(name: str, declared: set[str], data: ImportData) -> str:
    """A declared distribution whose import names the data does not know and whose name shares a word with
    the module (``registration`` / django-registration-redux, ``actstream`` / django-activity-stream): it may
    well provide the module, so the rule cannot claim the build lacks it. "" when there is none."""
    flat = name.split(".")[0].lower().replace("_", "")
    if len(flat) < 4:
        return ""
    for key in sorted(declared):
        if data.knows(key):
            continue
        words = [w for w in re.split(r"[-_.]", key) if len(w) >= 4 and w not in _GENERIC_TOKENS]
        if flat in key.replace("-", "") or any(w in flat for w in words):
            return key
    return ""


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
            if _spelled_like_declared(name, declared) or _from_unnamed(keys, top, unnamed) or local(mod, top):
                continue
            yield Use(mod.path, line, name, dists, keys, how, maybe=_maybe_provider(name, declared, data))

    unloaded = _development_settings(project)
    for mod in code.start_path():
        if mod.path in seen_paths or mod.tree is None or mod.path in unloaded:
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


def _development_settings(project) -> set[str]:
    """Settings modules a command names only as its development default (manage.py -> ``settings.local``)
    while the web process names the ones the dynos load (``runtime_settings``: one DJANGO_SETTINGS_MODULE
    config var serves every dyno). Their imports run on a laptop, not on the platform."""
    from preflight.project.django import runtime_settings

    loaded = {m.path for s in runtime_settings(project) for m in s.modules}
    if not loaded:
        return set()
    return {ep.settings for ep in project.code.all_entrypoints if ep.settings and ep.settings not in loaded}


_ENTRY_RE = lazy_re(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _django_entries(project):
    """(module, line, dotted path, setting) for the app and middleware paths the running settings list:
    Django imports each of them at startup."""
    from preflight.project.django import runtime_settings, settings_statements

    seen = set()
    for settings in runtime_settings(project):
        for mod in settings.modules:
            skip = module_skipped_ranges(mod) + optional_ranges(mod.tree)
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


def _squashed(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _from_unnamed(keys: set[str], top: str, unnamed: list) -> bool:
    """A URL/VCS/path requirement whose text names the distribution (``git+https://.../pyTelegramBotAPI``),
    or the module with its separators dropped (``.../Telethon-Patch/archive/main.zip`` for ``telethonpatch``)."""
    for dep in unnamed:
        raw = getattr(dep, "url", "") or ""
        url = canonical(raw)
        if any(k and k in url for k in keys) or canonical(top) in url:
            return True
        if len(top) >= 4 and _squashed(top) in _squashed(raw):
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


def _container_installs(project) -> set[str] | None:
    """Distributions a container image installs by name (``RUN pip install flask gunicorn``); None when it
    installs from a requirements file other than the root one (not modelled here)."""
    if project.mode != "container":
        return set()
    from preflight.project.image import image

    img = image(project)
    if img is None:
        return set()
    return None if img.other_requirements else img.named
