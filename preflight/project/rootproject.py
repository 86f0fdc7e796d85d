"""The application's own project, when the platform's package manager installs it (the "root package").

Who installs it on the classic buildpack (research/heroku.md C; heroku-buildpack-python lib/pip.sh,
lib/pipenv.sh, lib/poetry.sh, lib/uv.sh):

- pip: a ``-e .`` / ``--editable .`` / ``.`` line in requirements.txt (or in a file it includes);
- Pipenv: ``{path = ".", ...}`` in the Pipfile's [packages];
- Poetry: ``poetry sync --only main`` installs the root package unless ``[tool.poetry] package-mode = false``;
- uv: ``uv sync --locked --no-default-groups`` installs it when pyproject.toml has a [build-system]
  (or ``[tool.uv] package = true``) and ``package = false`` does not say otherwise; without a build
  system the project is "virtual" and only its dependencies are installed.

What the build backend then looks for (each tool's source, read 2025-2026; the messages are theirs):

- Poetry (poetry-core ``masonry/utils/module.py``): ``packages = [{include, from}]``; else a folder or
  ``.py`` named after the project (lowercased, ``-`` and ``.`` -> ``_``) at the root, then under src/;
  else "No file/folder found for package <name>" (an error since Poetry 2.0; the buildpack runs 2.x).
  A folder without any ``.py`` file: "<name> is not a package".
- uv_build: ``<module-root, default src>/<module-name, default the normalized name>/__init__.py``
  (any ``.py`` below it with ``namespace = true``); else "Expected a Python module at: ...".
- hatchling (``builders/wheel.py``): explicit ``packages``/``include``/``only-include``/``force-include``;
  else ``<name>/__init__.py``, ``src/<name>/__init__.py``, ``<name>.py``, ``*/<name>/__init__.py``; else
  "Unable to determine which files to ship inside the wheel".
- setuptools (also pip's fallback for a pyproject.toml without [build-system], and setup.py; the build
  gets the newest setuptools): explicit ``packages``/``py-modules``/``package-dir`` give the layout; else
  a src/ folder is the src-layout; else flat-layout discovery (``discovery.py``) refuses more than one
  top-level package (any folder with an identifier name, ``templates/`` and ``static/`` included, less a
  reserved list) or, with no package, more than one module: "Multiple top-level packages discovered in
  a flat-layout: [...]". Verified with setuptools 84 and pip 26 on such trees.
- pip with neither setup.py nor pyproject.toml: "does not appear to be a Python project: neither
  'setup.py' nor 'pyproject.toml' found".
- other backends (flit, pdm, maturin...): the folders only (src/ when it holds Python), no verdict.

Once installed, the project's package folders import from anywhere: an editable install (uv's and
Poetry's default, pip's ``-e``) puts their parent folder on sys.path through a ``.pth`` file, a regular
install copies them into site-packages. ``RootProject.roots`` are those parent folders ("src", "").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.project.names import canonical

# setuptools discovery.py (v84): names flat-layout discovery never takes as packages / modules.
SETUPTOOLS_FLAT_EXCLUDED_PACKAGES = (
    "ci", "bin", "debian", "doc", "docs", "documentation", "manpages", "news", "newsfragments", "changelog",
    "test", "tests", "unit_test", "unit_tests", "example", "examples", "scripts", "tools", "util", "utils",
    "python", "build", "dist", "venv", "env", "requirements", "tasks", "fabfile", "site_scons", "benchmark",
    "benchmarks", "exercise", "exercises", "htmlcov", "ez_setup", "[._]*", "*__pycache__")
SETUPTOOLS_FLAT_EXCLUDED_MODULES = (
    "setup", "conftest", "test", "tests", "example", "examples", "build", "toxfile", "noxfile", "pavement",
    "dodo", "tasks", "fabfile", "[Ss][Cc]onstruct", "conanfile", "manage", "benchmark", "benchmarks",
    "exercise", "exercises", "[._]*")
_SETUP_EXPLICIT_RE = lazy_re(r"\b(packages|py_modules|ext_modules|package_dir)\s*=")
_SETUP_SRC_RE = lazy_re(r"""package_dir\s*=\s*\{\s*['"]['"]\s*:\s*['"]([\w./-]+)['"]|find(?:_namespace)?_packages"""
                           r"""\(\s*(?:where\s*=\s*)?['"]([\w./-]+)['"]""")


@dataclass
class RootProject:
    manager: str                # who installs it: "pip", "pipenv", "poetry", "uv"
    path: str                   # what makes it installed: requirements.txt (-e .), Pipfile, pyproject.toml
    line: int
    name: str | None            # the project's name, as written
    backend: str                # "poetry-core", "uv_build", "hatchling", "setuptools", "flit", "pdm", or as written
    roots: list = field(default_factory=list)   # folders holding its packages: sys.path entries once installed
    problem: str | None = None  # why building it fails, in the tool's words where it has them
    problem_path: str = ""
    problem_line: int = 0
    hint: str | None = None
    line_text: str = ""         # the line that asks for it, stripped (``-e .``); the path when it cannot be read


def load(project, deps) -> RootProject | None:
    """The root project if the package manager ``deps.manager`` installs it, else None."""
    data = project.manifests.pyproject if project.shipped("pyproject.toml") else None
    if data is None and project.shipped("pyproject.toml"):
        return None  # it does not parse: the build stops there (file-unreadable says why), not at the package
    data = data if isinstance(data, dict) else {}
    tool = _table(data, "tool")
    build = _table(data, "build-system")
    backend_spec = build.get("build-backend") if isinstance(build.get("build-backend"), str) else ""
    name = _table(data, "project").get("name")
    if not isinstance(name, str):
        name = _table(tool, "poetry").get("name")
    name = name if isinstance(name, str) and name.strip() else None
    from preflight.project.tomllines import toml_lines

    manager = deps.manager
    root = None
    if manager in ("pip", "pipenv"):
        where = deps.root_line()
        if where is not None:
            root = RootProject(manager, where[0], where[1], name, _backend(backend_spec, "setuptools"))
    elif manager in ("poetry", "uv") and data:
        lines = toml_lines(project, "pyproject.toml")
        if manager == "poetry":
            poetry = _table(tool, "poetry")
            if poetry.get("package-mode") is not False:
                line = lines.key("project", "name") or lines.key("tool.poetry", "name") or lines.table("tool.poetry")
                root = RootProject("poetry", "pyproject.toml", line, name, _backend(backend_spec, "poetry-core"))
        else:
            package = _table(tool, "uv").get("package")
            if not _table(data, "project"):
                pass  # a workspace root without [project]: uv installs its members, not a root package
            elif package is True or (package is None and build):
                line = lines.key("build-system", "build-backend") or lines.table("build-system") or \
                    lines.key("tool.uv", "package")
                root = RootProject("uv", "pyproject.toml", line, name, _backend(backend_spec, "setuptools"))
    if root is None:
        return None
    tf = project.text(root.path)
    root.line_text = tf.line(root.line).strip() if tf is not None and 0 < root.line <= len(tf.lines) else root.path
    _LAYOUTS.get(root.backend, _other)(_Tree(project), root, data)
    return root


def _table(data: dict, key: str) -> dict:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _backend(spec: str, default: str) -> str:
    if not spec:
        return default
    for prefix, backend in (("poetry.", "poetry-core"), ("uv_build", "uv_build"), ("hatchling", "hatchling"),
                            ("setuptools", "setuptools"), ("flit", "flit"), ("pdm", "pdm")):
        if spec.startswith(prefix):
            return backend
    return spec



class _Tree:
    """The files the build sees (git's, or the walked tree outside git)."""

    def __init__(self, project):
        self.project = project
        self.dirs = project.index.shipped_dirs

    def file(self, path: str) -> bool:
        return self.project.shipped(path)

    def folder(self, path: str) -> bool:
        return path == "" or path in self.dirs

    def has_python(self, folder: str) -> bool:
        prefix = f"{folder}/" if folder else ""
        return any(f.startswith(prefix) and f.endswith(".py") for f in self.project.files)

    def top(self, folder: str = "") -> tuple[list[str], list[str]]:
        """(folders, files) directly inside ``folder``."""
        prefix = f"{folder}/" if folder else ""
        dirs = sorted({d[len(prefix):] for d in self.dirs if d.startswith(prefix) and "/" not in d[len(prefix):]})
        files = sorted(f[len(prefix):] for f in self.project.files
                       if f.startswith(prefix) and "/" not in f[len(prefix):])
        return dirs, files


def _fail(root: RootProject, problem: str, fix: str, path: str = "", line: int = 0) -> None:
    """Record why the build fails; ``fix`` says how to make the package buildable."""
    root.problem = problem
    root.hint = f"If the app is not meant to be a package, {_not_a_package(root)}; otherwise {fix}."
    root.problem_path, root.problem_line = path or root.path, line or root.line


def _not_a_package(root: RootProject) -> str:
    """How to tell this package manager not to install the project itself."""
    if root.manager == "poetry":
        return "add package-mode = false under [tool.poetry]"
    if root.manager == "uv":
        return "set package = false under [tool.uv] (or remove [build-system])"
    return f"delete the line that installs '.' from {root.path}"


# -- Poetry ---------------------------------------------------------------------------------------
def _poetry(tree: _Tree, root: RootProject, data: dict) -> None:
    poetry = _table(_table(data, "tool"), "poetry")
    packages = poetry.get("packages")
    if isinstance(packages, list) and packages:
        from preflight.project.tomllines import toml_lines

        for entry in packages:
            if not isinstance(entry, dict) or not isinstance(entry.get("include"), str):
                continue
            base = str(entry.get("from") or "").strip("/")
            include = entry["include"].strip("/")
            if base not in root.roots:
                root.roots.append(base)
            if any(c in include for c in "*?["):
                continue  # a glob: Poetry expands it; not judged here
            path = f"{base}/{include}" if base else include
            if tree.file(path):
                continue
            line = toml_lines(tree.project, "pyproject.toml").value("tool.poetry", "packages", entry["include"])
            if not tree.folder(path):
                _fail(root, f"{path} does not contain any element (packages names it, and it is not in the "
                            "repository)", "point packages at the folder that holds the code (include = \"<folder>\", "
                            "with from = \"src\" for src/<folder>)", "pyproject.toml", line)
                return
            if not tree.has_python(path):
                _fail(root, f"{include} is not a package (no .py file in {path}/)",
                      "point packages at the folder that holds the code", "pyproject.toml", line)
                return
        return
    if root.name is None:
        return
    module = canonical(root.name).replace("-", "_")
    for base in ("", "src"):
        path = f"{base}/{module}" if base else module
        if path in tree.dirs or tree.file(path + ".py"):
            root.roots.append(base)
            if path in tree.dirs and not tree.has_python(path):
                _fail(root, f"{module} is not a package (no .py file in {path}/)", f"put the code in {path}/")
            return
    _fail(root, f"No file/folder found for package {root.name} (Poetry looks for {module}/, {module}.py, "
                f"src/{module}/ and src/{module}.py)",
          "name the package folder under [tool.poetry]: packages = [{include = \"<folder>\"}]")


# -- uv_build -------------------------------------------------------------------------------------
def _uv_build(tree: _Tree, root: RootProject, data: dict) -> None:
    settings = _table(_table(_table(data, "tool"), "uv"), "build-backend")
    module_root = settings.get("module-root", "src")
    module_root = module_root.strip("/").removeprefix("./") if isinstance(module_root, str) else "src"
    module_root = "" if module_root == "." else module_root
    root.roots.append(module_root)
    names = settings.get("module-name")
    if isinstance(names, str):
        names = [names]
    elif not isinstance(names, list):
        names = [canonical(root.name).replace("-", "_")] if root.name else []
    namespace = settings.get("namespace") is True
    for name in names:
        if not isinstance(name, str) or not name:
            continue
        folder = "/".join(p for p in [module_root] + name.split(".") if p)
        found = tree.has_python(folder) if namespace else tree.file(folder + "/__init__.py")
        if not found:
            what = folder if namespace else folder + "/__init__.py"
            _fail(root, f"Expected a Python module at: {what}",
                  f"put the package at {what} (or name its place with module-name and module-root under "
                  "[tool.uv.build-backend])")
            return


# -- hatchling ------------------------------------------------------------------------------------
_HATCH_SELECTION = ("include", "packages", "only-include", "force-include", "bypass-selection", "sources")


def _hatchling(tree: _Tree, root: RootProject, data: dict) -> None:
    build = _table(_table(_table(data, "tool"), "hatch"), "build")
    wheel = _table(_table(build, "targets"), "wheel")
    chosen = [t for t in (wheel, build) if any(t.get(k) for k in _HATCH_SELECTION)]
    if chosen:
        config = chosen[0]
        for pkg in config.get("packages") or config.get("only-include") or []:
            if isinstance(pkg, str):
                parent = pkg.strip("/").rpartition("/")[0]
                if parent not in root.roots:
                    root.roots.append(parent)
        sources = config.get("sources")
        if isinstance(sources, list):
            root.roots += [s.strip("/") for s in sources if isinstance(s, str) and s.strip("/") not in root.roots]
        elif isinstance(sources, dict):
            root.roots += [s.strip("/") for s in sources if isinstance(s, str) and s.strip("/") not in root.roots]
        return
    if root.name is None:
        return
    names = []
    for n in (root.name, canonical(root.name)):
        n = re.sub(r"[^\w\d.]+", "_", n)
        if n not in names:
            names.append(n)
    for n in names:
        if tree.file(f"{n}/__init__.py") or tree.file(f"{n}.py"):
            root.roots.append("")
            return
        if tree.file(f"src/{n}/__init__.py"):
            root.roots.append("src")
            return
        dirs = [d for d in tree.dirs if d.count("/") == 1 and d.endswith("/" + n) and tree.file(d + "/__init__.py")]
        if len(dirs) == 1:
            root.roots.append("")
            return
    shown = " or ".join(sorted(names))
    _fail(root, "Unable to determine which files to ship inside the wheel: there is no directory that matches the "
                f"name of your project ({shown})",
          "name its folder under [tool.hatch.build.targets.wheel]: packages = [\"src/<folder>\"]")


# -- setuptools -----------------------------------------------------------------------------------
def _setuptools(tree: _Tree, root: RootProject, data: dict) -> None:
    project = tree.project
    if not project.shipped("pyproject.toml") and not project.shipped("setup.py"):
        if root.manager in ("pip", "pipenv"):
            _fail(root, "the repository root does not appear to be a Python project: neither 'setup.py' nor "
                        "'pyproject.toml' found", "add a pyproject.toml that describes the package")
        return
    layout = _setuptools_layout(project, data)
    if layout is None:
        root.roots.append("src" if tree.folder("src") and tree.has_python("src") else "")
        return
    package_root, explicit = layout
    if explicit or tree.folder(package_root):
        root.roots.append(package_root)
        return
    from fnmatch import fnmatchcase

    root.roots.append("")
    dirs, files = tree.top()
    packages = [d for d in dirs if (d.isidentifier() or d.endswith("-stubs")) and
                not any(fnmatchcase(d, p) for p in SETUPTOOLS_FLAT_EXCLUDED_PACKAGES)]
    packages = [d for d in packages if not d.endswith("-stubs")]
    kind, found = "packages", packages
    if not packages:
        kind = "modules"
        found = [f[:-3] for f in files if f.endswith(".py") and f[:-3].replace(".", "_").isidentifier() and
                 not any(fnmatchcase(f[:-3], p) for p in SETUPTOOLS_FLAT_EXCLUDED_MODULES)]
    if len(found) > 1:
        names = ", ".join(repr(n) for n in found[:6]) + (", ..." if len(found) > 6 else "")
        fix = ("list the package under [tool.setuptools]: packages = [\"<package>\"]" if kind == "packages" else
               "list the modules under [tool.setuptools]: py-modules = [...]")
        _fail(root, f"setuptools' automatic discovery finds several top-level {kind} ({names}) and refuses to "
                    f"build: \"Multiple top-level {kind} discovered in a flat-layout\"",
              f"{fix}, or move the code into src/")


def _setuptools_layout(project, data: dict) -> tuple[str, bool] | None:
    """(the folder the packages are found from, whether the packages are listed explicitly); None when
    setup.py configures it in code this model does not run."""
    config = _table(_table(data, "tool"), "setuptools")
    package_dir = config.get("package-dir") if isinstance(config.get("package-dir"), dict) else {}
    base = package_dir.get("") if isinstance(package_dir.get(""), str) else None
    packages = config.get("packages")
    if isinstance(packages, dict) and isinstance(packages.get("find"), dict):
        where = packages["find"].get("where")
        if isinstance(where, list) and where and isinstance(where[0], str):
            return where[0].strip("/").removeprefix("./").strip(".") if where[0] != "." else "", True
        return (base or "").strip("/"), True
    if isinstance(packages, list) or isinstance(config.get("py-modules"), list) or \
            any(k for k in package_dir if k):
        return (base or "").strip("/"), True
    if project.shipped("setup.cfg"):
        tf = project.text("setup.cfg")
        text = tf.text if tf is not None else ""
        m = re.search(r"^package_dir\s*=\s*(?:\n\s+)?=\s*([\w./-]+)", text, re.M)
        if re.search(r"^(packages|py_modules)\s*=", text, re.M):
            where = re.search(r"^\[options\.packages\.find\][^\[]*?^where\s*=\s*([\w./-]+)", text, re.M | re.S)
            folder = (where.group(1) if where else m.group(1) if m else "").strip("/")
            return folder, True
        if m:
            return m.group(1).strip("/"), False
    if project.shipped("setup.py"):
        tf = project.text("setup.py")
        text = tf.text if tf is not None else ""
        if "setup(" not in text.replace(" ", ""):
            return None  # a setup.py that does not call setup() plainly (or an empty one): not judged
        if _SETUP_EXPLICIT_RE.search(text):
            m = _SETUP_SRC_RE.search(text)
            return ((m.group(1) or m.group(2)).strip("/") if m else ""), True
    return (base or "src").strip("/"), False


def _other(tree: _Tree, root: RootProject, data: dict) -> None:
    root.roots.append("src" if tree.folder("src") and tree.has_python("src") else "")


_LAYOUTS = {"poetry-core": _poetry, "uv_build": _uv_build, "hatchling": _hatchling, "setuptools": _setuptools}
