"""Whether the repository is a Python app the buildpack would build, and the near misses that explain why not:
a misspelt requirements file, requirements only in a subfolder, package manager files left out of the push,
a committed virtualenv.

Sources: the classic buildpack's ``bin/detect`` (its detection names and its list of misspellings seen in
real apps), ``lib/package_manager.sh``, ``lib/checks.sh``; research/heroku.md A01-A03, A12, A13.
"""
from __future__ import annotations

# Misspellings the classic buildpack's bin/detect lists as seen in real apps (research A03); other
# near misses are found by edit distance.
MISSPELT_REQUIREMENTS = ("requirement.txt", "requirments.txt", "requeriments.txt", "Requirements.txt",
                         "requirements.text", "requirements.txt.txt", "requirements")
# Root manifests of the other languages' buildpacks: with one of them, Python in a subfolder is a helper.
OTHER_LANGUAGE_FILES = ("package.json", "Gemfile", "go.mod", "composer.json", "pom.xml", "build.gradle",
                        "Cargo.toml", "mix.exs", "project.clj", "deno.json")
# Root names that make the buildpack take the repository for a Python app (research A01), besides *.py.
PYTHON_ROOT_NAMES = ("pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "runtime.txt", ".python-version",
                     "requirements.in", "pdm.lock")


def manager_files_unshipped(project) -> bool:
    """A package manager file exists (exact name, even on a case-insensitive disk) but is not pushed."""
    from preflight.project.dependencies import MANAGER_FILES

    names = set(project.index.root_names)
    return any(f in names and not project.shipped(f) for f, _ in MANAGER_FILES)


def pythonish(project) -> bool:
    """The root looks like a Python app (the buildpack's detection names, research A01), or a
    requirements file sits where the user may have meant the root one."""
    if misspelt_requirements(project):
        return True
    if any("/" not in f and (f.endswith(".py") or f in PYTHON_ROOT_NAMES) for f in project.files):
        return True
    if not any(f.startswith("requirements/") or nested_requirements(f) for f in project.files):
        return False
    # Requirements only in a subfolder: an app moved there, or a Node/Ruby/Go app's helper scripts.
    return not any(project.shipped(f) for f in OTHER_LANGUAGE_FILES) or procfile_runs_python(project)


def nested_requirements(path: str) -> bool:
    """A requirements.txt one or two folders down that may be the app's (not docs/ or tests/)."""
    from preflight.project.dependencies import auxiliary

    return path.endswith("/requirements.txt") and path.count("/") <= 2 and not auxiliary(path)


def procfile_runs_python(project) -> bool:
    """A Procfile process starts Python or a Python tool."""
    from preflight.project.commands import split
    from preflight.project.programs import runs_python

    pf = project.procfile
    return any(runs_python(cmd) for proc in (pf.processes if pf is not None else ()) for cmd in split(proc.command))


def _edit_distance(a: str, b: str, cap: int = 4) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def misspelt_requirements(project) -> str | None:
    """A root file that is most likely a misspelt requirements.txt (``requirement.txt``, ``Requirements.txt``)."""
    root = sorted({f for f in project.files if "/" not in f})
    for name in MISSPELT_REQUIREMENTS:
        if name in root:
            return name
    for name in root:
        low = name.lower().strip()
        if name != "requirements.txt" and (low == "requirements.txt" or (
                low.startswith("req") and _edit_distance(low, "requirements.txt") <= 2)):
            return name
    return None


def committed_venvs(project) -> tuple[list[str], str | None]:
    """The ``pyvenv.cfg`` files git carries at the root or one folder down (``.venv/pyvenv.cfg``), and the
    first file of a committed ``.heroku/python/`` (an unpacked slug), or None."""
    venvs, heroku_python = [], None
    for path in project.files:
        parts = path.split("/")
        if parts[-1] == "pyvenv.cfg" and len(parts) <= 2:
            venvs.append(path)
        elif heroku_python is None and path.startswith(".heroku/python/"):
            heroku_python = path
    return venvs, heroku_python
