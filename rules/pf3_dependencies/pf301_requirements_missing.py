"""PF301 requirements-missing: no requirements.txt, Pipfile.lock, poetry.lock or uv.lock at the repository root."""
import re

from preflight.findings import REPO, Severity, Violation
from preflight.project import detection
from preflight.project.dependencies import is_library, manager_files, pyproject_flavour
from preflight.project.deploytarget import platform_shape, sibling_apps
from preflight.registry import rule


@rule("PF301", "requirements-missing", "E",
      "No requirements.txt, Pipfile.lock, poetry.lock or uv.lock at the repository root",
      fix="Add a requirements.txt at the root listing the app's dependencies (an empty file is valid for an "
          "app with none), and commit it.", modes=["buildpack"], needs=("python_buildpack",))
@platform_shape
def check(project):
    """
    ## What it does
    Reports a Python app with none of the four package manager files the platform installs from
    (`requirements.txt`, `Pipfile.lock`, `poetry.lock`, `uv.lock`) at the root of the pushed tree, and
    says why when it can: a misspelt `requirement.txt` / `Requirements.txt` / `requirements.txt.txt`,
    a pip-tools `requirements.in` that was never compiled, a `requirements/` folder with no root
    file, a `requirements.txt` only in a subfolder, a `setup.py` alone, or a `pyproject.toml` alone
    (setuptools, Hatch, PDM, Flit: the platform never installs straight from it).

    A `Pipfile` without its lock, and a Poetry or uv project without its lock, are
    `lockfile-missing` instead.

    A package published to an index (package metadata with a build backend, and no deploy file such
    as a Procfile, no entry script at the root, no WSGI/ASGI server among its dependencies) is not
    deployed, and is left alone. So is a Node (Ruby, Go...) app whose Python lives in a helper
    folder: with `package.json` (or another language's manifest) at the root, a `requirements.txt`
    in a subfolder counts only when a Procfile process runs Python.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest) and has no Procfile, app.json or heroku.yml, the finding is info; so it is when three or
    more sibling folders have their own `requirements.txt` (a collection of demos or services, whose
    root nobody pushes).

    ## Why it breaks the deploy
    The build stops with "Couldn't find any supported Python package manager files"
    (`package-manager::none-found`). File names are case-sensitive. The implicit `setup.py`
    fallback was sunset in buildpack v325 (2025-12-10): "Implicit setup.py file support has been
    sunset".

    ## Example
    ```
    app.py
    requirement.txt     <- not read
    ```

    ## How to fix
    Rename the file to exactly `requirements.txt` at the root (`git mv requirement.txt
    requirements.txt`). With only `setup.py`, add a `requirements.txt` containing `--editable .`.
    With only `pyproject.toml`, lock it (`uv lock`, `poetry lock`) or add a `requirements.txt`.
    An app with no dependencies can commit an empty `requirements.txt`.

    ## Source
    heroku-buildpack-python `lib/package_manager.sh` and `bin/detect` (misspellings list);
    fixtures `pyproject_toml_only`, `setup_py_only`; research/heroku.md A02, A03, A04, A06, A07.
    """
    if manager_files(project) or project.shipped("Pipfile"):
        return
    if detection.manager_files_unshipped(project):
        return  # on disk but not pushed: deploy-file-untracked says so
    if pyproject_flavour(project) in ("poetry", "uv"):
        return  # lockfile-missing
    if not detection.pythonish(project) or is_library(project):
        return  # not a Python app, or a package for an index that nothing installs on the platform
    consequence = "the build stops with \"Couldn't find any supported Python package manager files\""
    if project.shipped("requirements.in"):
        yield Violation("requirements.in", 0, f"only the pip-tools input requirements.in is committed; {consequence}",
                        hint="Compile it and commit the result: pip-compile requirements.in "
                             "(writes requirements.txt).")
        return
    wrong = detection.misspelt_requirements(project)
    if wrong:
        yield Violation(wrong, 0, f"the requirements file is named '{wrong}'; the platform only reads "
                                  f"'requirements.txt' (case-sensitive), so {consequence}",
                        hint=f"Rename it: git mv '{wrong}' requirements.txt")
        return
    folder = sorted(f for f in project.files if f.startswith("requirements/") and f.endswith(".txt"))
    if folder:
        prod = next((f for f in folder if re.search(r"/(prod|production|heroku|deploy)\.txt$", f)), folder[0])
        yield Violation(folder[0], 0, f"requirements live in the requirements/ folder but there is no root "
                                      f"requirements.txt; {consequence}",
                        hint=f"Add a root requirements.txt containing '-r {prod}'.")
        return
    nested = sorted((f for f in project.files if detection.nested_requirements(f)), key=lambda f: (f.count("/"), f))
    apps = sibling_apps(project)
    if apps:  # a collection of demos or services: nobody pushes its root
        shown = ", ".join(apps[:3]) + (", ..." if len(apps) > 3 else "")
        yield Violation(nested[0], 0, f"{len(apps)} folders ({shown}) each have their own requirements.txt and the "
                                      "root has none: this repository holds several apps, and pushing its root "
                                      f"would fail ({consequence})", severity=Severity.INFO,
                        hint="Deploy each app from its own folder (a monorepo buildpack with APP_BASE, or git "
                             "subtree push).")
        return
    if nested:
        yield Violation(nested[0], 0, f"'{nested[0]}' is in a subfolder; the platform only reads "
                                      f"requirements.txt at the root, so {consequence}",
                        hint="Move the app to the repository root, or deploy that folder on its own "
                             "(a monorepo buildpack with APP_BASE).")
        return
    if project.shipped("setup.py"):
        yield Violation("setup.py", 0, "only setup.py declares the dependencies: implicit setup.py support was "
                                       "sunset (buildpack v325, 2025-12-10), so the build stops",
                        hint="Add a requirements.txt containing the line '--editable .' (or list the "
                             "dependencies in it).")
        return
    if project.shipped("pyproject.toml"):
        lock = "pdm.lock is not supported either; " if project.shipped("pdm.lock") else ""
        yield Violation("pyproject.toml", 0, f"only pyproject.toml declares the dependencies; the platform never "
                                             f"installs from it directly ({lock}no requirements.txt, poetry.lock "
                                             "or uv.lock), so the build stops",
                        hint="Lock it with uv ('uv lock') or Poetry ('poetry lock') and commit the lock file, or "
                             "add a requirements.txt (it may contain '--editable .').")
        return
    yield Violation(REPO, 0, f"no requirements.txt, Pipfile.lock, poetry.lock or uv.lock at the root: {consequence}")
