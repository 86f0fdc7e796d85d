"""Declared distributions, from the file the platform's package manager would install from.

The classic Python buildpack picks the package manager from the root files (``lib/package_manager.sh``):
``Pipfile.lock`` -> Pipenv, ``requirements.txt`` -> pip, ``poetry.lock`` -> Poetry, ``uv.lock`` -> uv
(more than one is an error; the first in that order is the one it used to pick). What it installs:

- pip: ``pip install -r requirements.txt`` (``requirements-test.txt`` only on CI);
- Pipenv: ``pipenv install --deploy`` ([packages]; [dev-packages] only on CI);
- Poetry: ``poetry sync --only main`` (no other group, no optional extras);
- uv: ``uv sync --locked --no-default-groups`` ([project.dependencies]; no group, no extra).

So ``.main`` holds what production gets (and ``.root`` the project itself when the manager installs it:
see rootproject.py), ``.dev`` what is declared only for development (groups,
[dev-packages], requirements-dev.txt; empty when ``.main`` is incomplete, since "only" cannot be
claimed then), ``.optional`` extras nobody asks for. Keys are canonical
distribution names (``packaging.utils.canonicalize_name``). Source: research/heroku.md section C.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from preflight.lazyre import lazy_re
from preflight.project import webservers
from preflight.project.names import canonical
from preflight.project.tomllines import TomlLines, toml_lines  # noqa: F401  (re-exported: entrypoints, tests)

MANAGER_FILES = (("Pipfile.lock", "pipenv"), ("requirements.txt", "pip"), ("poetry.lock", "poetry"),
                 ("uv.lock", "uv"))
DEV_REQUIREMENT_FILES = ("requirements-dev.txt", "requirements_dev.txt", "dev-requirements.txt",
                         "requirements-test.txt", "requirements_test.txt", "test-requirements.txt",
                         "requirements/dev.txt", "requirements/test.txt", "requirements/local.txt")


@dataclass
class Dependency:
    name: str                  # as written
    key: str                   # canonical
    path: str
    line: int
    specifier: str = ""        # PEP 440 for pip/uv/PEP 621; Poetry/Pipenv constraints as written ("^2.0", "*")
    extras: tuple = ()
    marker: str = ""
    url: str = ""              # URL, VCS URL or local path
    group: str = "main"        # "main", "dev" or a group / extra name
    section: str = ""          # where it is declared, for messages ("[tool.poetry.group.dev.dependencies]")
    editable: bool = False


@dataclass
class Dependencies:
    manager: str | None = None                     # 'pip' | 'pipenv' | 'poetry' | 'uv' | None
    main: dict = field(default_factory=dict)       # key -> Dependency: what production installs
    dev: dict = field(default_factory=dict)        # key -> Dependency: declared only for development
    optional: dict = field(default_factory=dict)   # key -> Dependency: extras (installed by nobody)
    sources: list = field(default_factory=list)    # files read for .main
    complete: bool = True     # False when production also installs things this model cannot see
    project: object = None    # the Project, for the lazily read lock files
    _locks: dict = field(default_factory=dict, repr=False)

    def lock(self, path: str) -> dict | None:
        """A lock file's data (poetry.lock, uv.lock), parsed once for every rule that reads it."""
        if path not in self._locks:
            self._locks[path] = read_lock(self.project, path) if self.project is not None else None
        return self._locks[path]

    def declares(self, name: str) -> bool:
        """True when ``name`` is a main dependency."""
        return _canon(name) in self.main

    def find(self, name: str) -> Dependency | None:
        key = _canon(name)
        return self.main.get(key) or self.dev.get(key) or self.optional.get(key)

    @cached_property
    def installed(self) -> set | None:
        """Every distribution production installs (transitive ones too), from the lock; None when unknown."""
        if self.project is None:
            return None
        return locked_main(self.project, self.manager, self.lock)

    @cached_property
    def root(self):
        """The project itself when the package manager installs it (a RootProject), else None."""
        if self.project is None or (self.manager not in ("poetry", "uv") and self.root_line() is None):
            return None  # (a cheap first look: the module is imported only when it may matter)
        from preflight.project.rootproject import load as load_root

        return load_root(self.project, self)

    def root_line(self) -> tuple[str, int] | None:
        """Where pip or Pipenv is told to install the repository root (``-e .``, ``.``, ``{path = "."}``)."""
        if self.manager == "pip":
            reqs = self.project.requirements if self.project is not None else None
            req = next((r for r in reqs.installs if r.kind == "path" and _is_repo_root(r.url)), None) if reqs else None
            return (req.path, req.line) if req is not None else None
        if self.manager == "pipenv":
            dep = next((d for d in self.main.values() if d.path == "Pipfile" and d.url and _is_repo_root(d.url)), None)
            return (dep.path, dep.line) if dep is not None else None
        return None

    def provides(self, name: str) -> bool:
        """Declared as a main dependency, or installed through one according to the lock."""
        key = _canon(name)
        return key in self.main or (self.installed is not None and key in self.installed)


_canon = canonical


# -- which package manager ------------------------------------------------------------------------
def manager_files(project) -> list[str]:
    return [f for f, _ in MANAGER_FILES if project.shipped(f)]


def pick_manager(project) -> str | None:
    found = [m for f, m in MANAGER_FILES if project.shipped(f)]
    if found:
        return found[0]
    if project.shipped("Pipfile"):
        return "pipenv"
    flavour = pyproject_flavour(project)
    return flavour if flavour in ("poetry", "uv") else None


def sole_manager(project) -> tuple[str, str] | None:
    """(manager, the file that shows it) when the project can be installed by one package manager only: Pipenv
    (a Pipfile or Pipfile.lock and no requirements.txt, poetry.lock or uv.lock) or uv (uv.lock and none of the
    others); None otherwise (pip can always install a requirements.txt)."""
    files = manager_files(project)
    if files in ([], ["Pipfile.lock"]) and project.shipped("Pipfile"):
        return "pipenv", "Pipfile"
    if files == ["Pipfile.lock"]:
        return "pipenv", "Pipfile.lock"
    if files == ["uv.lock"]:
        return "uv", "uv.lock"
    return None


def pyproject_flavour(project) -> str | None:
    """'poetry', 'uv', 'pep621' (another tool) or None, from pyproject.toml's tables."""
    data = project.manifests.pyproject if project.shipped("pyproject.toml") else None
    if not isinstance(data, dict):
        return None
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    backend = data.get("build-system", {}).get("build-backend", "") if isinstance(data.get("build-system"),
                                                                                   dict) else ""
    if isinstance(tool.get("poetry"), dict) or str(backend).startswith("poetry"):
        return "poetry"
    if isinstance(tool.get("uv"), dict) or str(backend).startswith("uv_build"):
        return "uv"
    return "pep621"


# -- where the app is not ---------------------------------------------------------------------------
# Folders whose Procfile or requirements.txt belong to documentation, examples or test fixtures (Read the
# Docs' docs/requirements.txt, a library's examples/heroku/Procfile), not to an app moved into a subfolder.
AUXILIARY_DIRS = {"docs", "doc", "examples", "example", "samples", "sample", "tests", "test", "testing",
                  "fixtures", "benchmarks", ".github", ".circleci", ".devcontainer", "ci"}


def auxiliary(path: str) -> bool:
    """True for a file inside a documentation, example or test folder (at any depth)."""
    return any(part.lower() in AUXILIARY_DIRS for part in path.split("/")[:-1])


# -- a package to publish, not an app to deploy ---------------------------------------------------
# Root files that say the repository is deployed somewhere (Heroku and the Heroku-like platforms).
DEPLOY_FILES = ("Procfile", "app.json", "heroku.yml", "runtime.txt", "Dockerfile", "Aptfile", "fly.toml",
                "render.yaml", "railway.json", "railway.toml", "nixpacks.toml")
# Root scripts that belong to the packaging or test tooling, not to a running app.
TOOLING_SCRIPTS = ("setup.py", "conftest.py", "noxfile.py", "fabfile.py", "tasks.py", "dodo.py")
_SETUP_CALL_RE = lazy_re(r"\bsetup\s*\(")


def is_library(project) -> bool:
    """A package meant for an index (a library, a framework extension), not an app to deploy.

    True when the repository declares package metadata (``[project] name`` with a build backend, a
    Poetry package, ``setup(...)`` in setup.py, ``[metadata]`` in setup.cfg) and shows nothing that runs
    it: no deploy file at the root (Procfile in any spelling, app.json, heroku.yml, runtime.txt, a
    Dockerfile...), no entry script at the root, no WSGI/ASGI server among its dependencies. The deploy
    rules that would only restate "this is not set up for the platform" (no Procfile, no
    requirements.txt, no pinned Python) stay quiet for it.
    """
    shipped_root = [f for f in project.files if "/" not in f]
    lowered = {f.lower() for f in project.index.root_names} | {f.lower() for f in shipped_root}
    if any(f.lower() in lowered for f in DEPLOY_FILES) or any(f.startswith("procfile") for f in lowered):
        return False
    if any(f.endswith(".py") and f not in TOOLING_SCRIPTS for f in shipped_root):
        return False
    data = project.manifests.pyproject if project.shipped("pyproject.toml") else None
    packaged = _pyproject_is_package(data) if isinstance(data, dict) else None
    if packaged is False or not (packaged or _setup_is_package(project)):
        return False
    main = project.dependencies.main
    return not any(server in main for server in webservers.server_only())


def _pyproject_is_package(data: dict) -> bool | None:
    """True for a buildable package, False for an explicit application, None when it does not say."""
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    if poetry.get("package-mode") is False or uv.get("package") is False:
        return False
    build = data.get("build-system") if isinstance(data.get("build-system"), dict) else {}
    if not isinstance(build.get("build-backend"), str):
        return None
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    return isinstance(project.get("name"), str) or isinstance(poetry.get("name"), str) or None


def _setup_is_package(project) -> bool:
    if project.shipped("setup.py"):
        tf = project.text("setup.py")
        if tf is not None and _SETUP_CALL_RE.search(tf.text):
            return True
    if project.shipped("setup.cfg"):
        tf = project.text("setup.cfg")
        if tf is not None and any(line.strip() == "[metadata]" for line in tf.lines):
            return True
    return False


# -- readers for each manifest --------------------------------------------------------------------
def _pep508(text: str):
    """(name, specifier, extras, marker, url) of a PEP 508 string, or None when it does not parse."""
    from preflight.project.requirements import parse_simple

    simple = parse_simple(text)
    if simple:
        return simple[0], simple[2], simple[1], "", ""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        req = Requirement(text)
    except (InvalidRequirement, SyntaxError, ValueError):  # packaging lets SyntaxError out of a bad marker string
        return None
    return req.name, str(req.specifier), tuple(sorted(req.extras)), str(req.marker or ""), req.url or ""


def _from_pep508_list(values, path: str, lines: TomlLines, table: str, key: str, group: str,
                      section: str) -> list[Dependency]:
    out = []
    if not isinstance(values, list):
        return out
    for value in values:
        if not isinstance(value, str):
            continue  # {include-group = "..."} and the like
        parsed = _pep508(value)
        if parsed is None:
            continue
        name, spec, extras, marker, url = parsed
        out.append(Dependency(name=name, key=_canon(name), path=path, line=lines.value(table, key, value),
                              specifier=spec, extras=extras, marker=marker, url=url, group=group,
                              section=section))
    return out


def table_entries(table_data, path: str, lines: TomlLines, table: str, group: str, section: str,
                skip=("python",)) -> list[Dependency]:
    """Poetry's and Pipenv's ``name = "constraint"`` / ``name = {version = ..., ...}`` tables."""
    out = []
    if not isinstance(table_data, dict):
        return out
    for name, value in table_data.items():
        if not isinstance(name, str) or name.lower() in skip:
            continue
        spec, extras, marker, url, editable, optional = "", (), "", "", False, False
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, str):
            spec = first
        elif isinstance(first, dict):
            spec = str(first.get("version", "") or "")
            extras = tuple(sorted(e for e in first.get("extras", []) if isinstance(e, str))) \
                if isinstance(first.get("extras"), list) else ()
            marker = _table_marker(first)
            for k in ("path", "git", "url", "file", "hg", "svn"):
                if isinstance(first.get(k), str):
                    url = first[k]
                    break
            editable = bool(first.get("editable") or first.get("develop"))
            optional = bool(first.get("optional"))
        dep = Dependency(name=name, key=_canon(name), path=path, line=lines.entry(table, name),
                         specifier="" if spec.strip() == "*" else spec.strip(), extras=extras, marker=marker,
                         url=url, group="optional" if optional else group, section=section, editable=editable)
        out.append(dep)
    return out


# Pipenv accepts marker variables as keys (`sys_platform = "== 'win32'"`); Poetry has `platform`.
_MARKER_KEYS = ("sys_platform", "platform_system", "os_name", "platform_machine", "platform_python_implementation",
                "implementation_name", "python_version", "python_full_version", "platform_release")


def _table_marker(entry: dict) -> str:
    parts = [str(entry["markers"])] if isinstance(entry.get("markers"), str) and entry["markers"].strip() else []
    for key in _MARKER_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(f"{key} {value.strip()}")
    if isinstance(entry.get("platform"), str) and entry["platform"].strip():
        parts.append(f"sys_platform == '{entry['platform'].strip()}'")
    return " and ".join(f"({p})" if " or " in p else p for p in parts)


def _add(target: dict, deps) -> None:
    for dep in deps:
        target.setdefault(dep.key, dep)


def _pyproject(project):
    if not project.shipped("pyproject.toml"):
        return None, None
    data = project.manifests.pyproject
    if not isinstance(data, dict):
        return None, None
    return data, toml_lines(project, "pyproject.toml")


def _read_project_table(deps: Dependencies, data: dict, lines: TomlLines, dev: bool = True) -> None:
    proj = data.get("project") if isinstance(data.get("project"), dict) else {}
    path = "pyproject.toml"
    _add(deps.main, _from_pep508_list(proj.get("dependencies"), path, lines, "project", "dependencies", "main",
                                      "[project] dependencies"))
    extras = proj.get("optional-dependencies")
    if isinstance(extras, dict):
        for extra, values in extras.items():
            _add(deps.optional, _from_pep508_list(values, path, lines, "project.optional-dependencies", extra,
                                                  str(extra), f"[project.optional-dependencies] {extra}"))
    if not dev:
        return
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group, values in groups.items():
            _add(deps.dev, _from_pep508_list(values, path, lines, "dependency-groups", group, str(group),
                                             f"[dependency-groups] {group}"))


def read_poetry(deps: Dependencies, data: dict, lines: TomlLines) -> None:
    path = "pyproject.toml"
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    table = "tool.poetry.dependencies"
    for dep in table_entries(poetry.get("dependencies"), path, lines, table, "main", f"[{table}]"):
        (deps.optional if dep.group == "optional" else deps.main).setdefault(dep.key, dep)
    _read_project_table(deps, data, lines)
    groups = poetry.get("group")
    if isinstance(groups, dict):
        for group, body in groups.items():
            if isinstance(body, dict):
                table = f"tool.poetry.group.{group}.dependencies"
                _add(deps.dev, table_entries(body.get("dependencies"), path, lines, table, str(group), f"[{table}]"))
    _add(deps.dev, table_entries(poetry.get("dev-dependencies"), path, lines, "tool.poetry.dev-dependencies", "dev",
                               "[tool.poetry.dev-dependencies]"))


def read_uv(deps: Dependencies, data: dict, lines: TomlLines) -> None:
    _read_project_table(deps, data, lines)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    _add(deps.dev, _from_pep508_list(uv.get("dev-dependencies"), "pyproject.toml", lines, "tool.uv",
                                     "dev-dependencies", "dev", "[tool.uv] dev-dependencies"))


def _read_pipfile(deps: Dependencies, project) -> bool:
    data = project.manifests.pipfile if project.shipped("Pipfile") else None
    if not isinstance(data, dict):
        return False
    lines = toml_lines(project, "Pipfile")
    _add(deps.main, table_entries(data.get("packages"), "Pipfile", lines, "packages", "main", "[packages]", skip=()))
    _add(deps.dev, table_entries(data.get("dev-packages"), "Pipfile", lines, "dev-packages", "dev",
                               "[dev-packages]", skip=()))
    deps.sources.append("Pipfile")
    return True


def _json_key_line(lines: list[str], after: str, name: str) -> int:
    """The line of ``"name": {`` after the line holding ``after`` (Pipfile.lock is indented JSON)."""
    start = next((i for i, ln in enumerate(lines) if after in ln), 0)
    probe = f'"{name}"'
    for i in range(start, len(lines)):
        if lines[i].lstrip().startswith(probe):
            return i + 1
    return 0


def _read_pipfile_lock(deps: Dependencies, project) -> None:
    data = project.manifests.pipfile_lock
    if not isinstance(data, dict):
        return
    tf = project.text("Pipfile.lock")
    lines = tf.lines if tf is not None else []
    for section, target, group in (("default", deps.main, "main"), ("develop", deps.dev, "dev")):
        body = data.get(section)
        if not isinstance(body, dict):
            continue
        for name, value in body.items():
            if not isinstance(name, str):
                continue
            spec = value.get("version", "") if isinstance(value, dict) else ""
            target.setdefault(_canon(name), Dependency(
                name=name, key=_canon(name), path="Pipfile.lock", line=_json_key_line(lines, f'"{section}"', name),
                specifier=spec if isinstance(spec, str) else "", group=group, section=f"Pipfile.lock {section}"))
    deps.sources.append("Pipfile.lock")


def _read_requirements(deps: Dependencies, project) -> None:
    from preflight.project.requirements import load_file

    reqs = project.requirements
    if reqs is None:
        return
    deps.sources.extend(reqs.files)
    local_root = False
    for req in reqs.installs:
        if req.kind == "path" and _is_repo_root(req.url):
            local_root = True
        if not req.key:
            if req.kind != "name":
                deps.complete = False  # an unnamed URL or local project: its dependencies are unseen
            continue
        deps.main.setdefault(req.key, _from_requirement(req, "main", req.path))
    if reqs.remote_includes or reqs.problems:
        deps.complete = False  # a line or include pip cannot read may hide a dependency
    if local_root:
        # `-e .` / `.` installs the project itself, and with it its declared dependencies.
        data, lines = _pyproject(project)
        proj = data.get("project") if isinstance(data, dict) else None
        if isinstance(proj, dict) and "dependencies" not in (proj.get("dynamic") or []):
            _add(deps.main, _from_pep508_list(proj.get("dependencies"), "pyproject.toml", lines, "project",
                                              "dependencies", "main", "[project] dependencies"))
            deps.sources.append("pyproject.toml")
        else:
            deps.complete = False  # setup.py install_requires: not read
    seen = set(reqs.files)
    for path in DEV_REQUIREMENT_FILES:
        if path in seen:
            continue
        dev = load_file(project, path)
        if dev is None:
            continue
        for req in dev.installs:
            if req.key and req.key not in deps.main:
                deps.dev.setdefault(req.key, _from_requirement(req, "dev", path))


def _is_repo_root(url: str) -> bool:
    target = re.sub(r"^file:(//)?", "", url).strip().rstrip("/")
    return target in (".", "", "./")


def _from_requirement(req, group: str, path: str) -> Dependency:
    return Dependency(name=req.name, key=req.key, path=req.path, line=req.line, specifier=req.specifier,
                      extras=req.extras, marker=req.marker, url=req.url, group=group, section=path,
                      editable=req.editable)


def load(project) -> Dependencies:
    deps = Dependencies(manager=pick_manager(project), project=project)
    manager = deps.manager
    if manager == "pip":
        _read_requirements(deps, project)
    elif manager == "pipenv":
        if not _read_pipfile(deps, project):
            _read_pipfile_lock(deps, project)
    elif manager in ("poetry", "uv"):
        data, lines = _pyproject(project)
        if data is not None:
            (read_poetry if manager == "poetry" else read_uv)(deps, data, lines)
            deps.sources.append("pyproject.toml")
    else:
        # Nothing the platform would install from: still report what is declared, for the other rules.
        data, lines = _pyproject(project)
        if data is not None:
            _read_project_table(deps, data, lines)
            deps.sources.append("pyproject.toml")
        else:
            _read_pipfile(deps, project)
    for key in list(deps.dev):
        if key in deps.main:
            del deps.dev[key]
    if not deps.complete:
        # Production installs more than this model sees (a -r it cannot read, setup.py's install_requires,
        # an unnamed URL): nothing here may be called "declared only for development".
        deps.dev.clear()
    return deps


# -- lock files -----------------------------------------------------------------------------------
def _slim_lock(text: str) -> str:
    """The lock without its per-file tables (wheel URLs and hashes: most of a uv.lock or poetry.lock,
    and most of its parse time); names, versions, dependencies and metadata stay."""
    out = []
    skipping = in_files_table = False
    for line in text.split("\n"):
        if skipping:
            skipping = not line.startswith("]")
            continue
        if line.startswith("["):
            in_files_table = line.strip() == "[metadata.files]"
        elif in_files_table:
            skipping = line.rstrip().endswith("[")
            continue
        if line.startswith(("wheels = [", "files = [", "sdist = ")):
            skipping = line.rstrip().endswith("[")
            continue
        out.append(line)
    return "\n".join(out)


def read_lock(project, path: str) -> dict | None:
    """poetry.lock / uv.lock data for the rules (file tables left out); None when absent or broken."""
    if not project.shipped(path):
        return None
    tf = project.text(path)
    if tf is None:
        return None
    from preflight.project.manifests import tomllib_module

    tomllib = tomllib_module()
    try:
        data = tomllib.loads(_slim_lock(tf.text))
    except (tomllib.TOMLDecodeError, RecursionError):  # RecursionError: arrays nested thousands deep
        data = project.manifests.toml(path)  # parses the whole file and records why it fails
    return data if isinstance(data, dict) else None


# -- what the lock installs in production ---------------------------------------------------------
def locked_main(project, manager: str | None, lock=None) -> set | None:
    """Canonical names a lock file installs in production (direct and transitive); None when unknown."""
    lock = lock or (lambda path: read_lock(project, path))
    try:
        if manager == "pipenv" and project.shipped("Pipfile.lock"):
            data = project.manifests.pipfile_lock
            body = data.get("default") if isinstance(data, dict) else None
            return {_canon(k) for k in body if isinstance(k, str)} if isinstance(body, dict) else None
        if manager == "poetry":
            data = lock("poetry.lock")
            return _poetry_main(data) if data is not None else None
        if manager == "uv":
            data = lock("uv.lock")
            return _uv_main(project, data) if data is not None else None
    except (TypeError, AttributeError, ValueError):
        return None
    return None


def _poetry_main(data: dict) -> set:
    out = set()
    for pkg in data.get("package") or []:
        if not isinstance(pkg, dict) or not isinstance(pkg.get("name"), str):
            continue
        groups = pkg.get("groups")
        category = pkg.get("category")
        in_main = ("main" in groups) if isinstance(groups, list) else (category in (None, "main"))
        if in_main and not pkg.get("optional", False):
            out.add(_canon(pkg["name"]))
    return out


def _uv_main(project, data: dict) -> set | None:
    packages = [p for p in data.get("package") or [] if isinstance(p, dict) and isinstance(p.get("name"), str)]
    by_name: dict[str, list] = {}
    for p in packages:
        by_name.setdefault(_canon(p["name"]), []).append(p)
    root = uv_root(project, packages)
    if root is None:
        return None
    seen: set = set()
    todo = [(root, ())]
    while todo:
        pkg, extras = todo.pop()
        for dep in _uv_edges(pkg, extras):
            key = _canon(dep.get("name", ""))
            dep_extras = tuple(dep.get("extra") or ())
            if (key, dep_extras) in seen or key not in by_name:
                continue
            seen.add((key, dep_extras))
            for target in by_name[key]:
                todo.append((target, dep_extras))
    return {k for k, _ in seen}


def _uv_edges(pkg: dict, extras: tuple) -> list:
    edges = [d for d in pkg.get("dependencies") or [] if isinstance(d, dict)]
    optional = pkg.get("optional-dependencies")
    if isinstance(optional, dict):
        for extra in extras:
            edges += [d for d in optional.get(extra) or [] if isinstance(d, dict)]
    return edges


def uv_root(project, packages: list) -> dict | None:
    """The uv.lock entry for the project itself (matched by [project] name)."""
    data = project.manifests.pyproject if project.shipped("pyproject.toml") else None
    proj = data.get("project") if isinstance(data, dict) else None
    name = proj.get("name") if isinstance(proj, dict) else None
    if not isinstance(name, str):
        return None
    key = _canon(name)
    for p in packages:
        if isinstance(p, dict) and isinstance(p.get("name"), str) and _canon(p["name"]) == key:
            source = p.get("source")
            if not isinstance(source, dict) or source.get("virtual") or source.get("editable") in (".", "") \
                    or source.get("directory") == ".":
                return p
    return None
