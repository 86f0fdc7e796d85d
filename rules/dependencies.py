"""PF3xx Dependencies: what the build installs, and whether it can.

Sources: the classic Python buildpack (`lib/package_manager.sh`, `lib/pip.sh`, `lib/pipenv.sh`,
`lib/poetry.sh`, `lib/uv.sh`, `lib/checks.sh`) and research/heroku.md sections A and C. The model is
preflight/project/requirements.py (requirements.txt as pip reads it) and dependencies.py (what each
package manager installs in production). import-undeclared lives with the code rules.
"""
from __future__ import annotations

import posixpath
import re

from preflight.findings import REPO, Violation
from preflight.lazyre import lazy_re
from preflight.project.names import canonical
from preflight.registry import rule

MANAGER_LABELS = {"requirements.txt": "requirements.txt (pip)", "Pipfile.lock": "Pipfile.lock (Pipenv)",
                  "poetry.lock": "poetry.lock (Poetry)", "uv.lock": "uv.lock (uv)"}

# Misspellings the classic buildpack's bin/detect lists as seen in real apps (research A03); other
# near misses are found by edit distance.
MISSPELT_REQUIREMENTS = ("requirement.txt", "requirments.txt", "requeriments.txt", "Requirements.txt",
                         "requirements.text", "requirements.txt.txt", "requirements")

# Windows-only distributions: no Linux wheel and no sdist that builds on Linux, or (comtypes) one
# that installs and fails on import. Checked 2026-11 with `pip download --platform manylinux2014_x86_64`
# and the packages' metadata (twisted-iocpsupport: its sdist fails on Linux, missing io.h);
# research/heroku.md C08 (mhammond/pywin32#1197, #1698, #1739, #1767).
# Not listed: pyreadline/pyreadline3 and pywin32-ctypes, which install and import on Linux.
WINDOWS_ONLY = {
    "pywin32": "has no Linux build",
    "pypiwin32": "is a wrapper that requires pywin32, which has no Linux build",
    "pywinpty": "only builds on Windows",
    "windows-curses": "has only Windows wheels",
    "wmi": "requires pywin32, which has no Linux build",
    "requests-negotiate-sspi": "requires pypiwin32 (pywin32), which has no Linux build",
    "comtypes": "installs, but imports only on Windows",
    "twisted-iocpsupport": "only builds on Windows (Twisted asks for it with a Windows marker, which "
                           "'pip freeze' drops)",
    "msvc-runtime": "has only Windows wheels",
}

# Process executables and `python -m` modules -> the distributions that provide them.
EXECUTABLES = {
    "gunicorn": ("gunicorn",), "uvicorn": ("uvicorn",), "hypercorn": ("hypercorn",), "daphne": ("daphne",),
    "waitress-serve": ("waitress",), "celery": ("celery",), "streamlit": ("streamlit",), "flask": ("flask",),
    "alembic": ("alembic",), "granian": ("granian",), "dramatiq": ("dramatiq",), "rq": ("rq",),
    "rqworker": ("rq",), "huey_consumer": ("huey",), "huey_consumer.py": ("huey",), "arq": ("arq",),
    "panel": ("panel",), "gradio": ("gradio",), "chainlit": ("chainlit",), "fastapi": ("fastapi-cli",),
    "django-admin": ("django",), "scrapy": ("scrapy",), "bokeh": ("bokeh",), "voila": ("voila",),
    "sanic": ("sanic",), "litestar": ("litestar",), "taskiq": ("taskiq",), "faust": ("faust", "faust-streaming"),
    "newrelic-admin": ("newrelic",), "ddtrace-run": ("ddtrace",),
    "opentelemetry-instrument": ("opentelemetry-instrumentation", "opentelemetry-distro"),
}
MODULES = {
    "gunicorn": ("gunicorn",), "uvicorn": ("uvicorn",), "hypercorn": ("hypercorn",), "daphne": ("daphne",),
    "waitress": ("waitress",), "celery": ("celery",), "streamlit": ("streamlit",), "flask": ("flask",),
    "alembic": ("alembic",), "granian": ("granian",), "dramatiq": ("dramatiq",), "rq": ("rq",), "arq": ("arq",),
    "sanic": ("sanic",), "chainlit": ("chainlit",), "fastapi": ("fastapi-cli",), "scrapy": ("scrapy",),
    "django": ("django",), "taskiq": ("taskiq",), "panel": ("panel",),
}
# gunicorn --worker-class values (short names and module paths) -> the distributions they import.
WORKER_CLASSES = {"uvicorn": ("uvicorn",), "uvicorn_worker": ("uvicorn-worker",), "gevent": ("gevent",),
                  "eventlet": ("eventlet",), "tornado": ("tornado",), "aiohttp": ("aiohttp",)}
# Wrappers that run another command: (argv index where the wrapped command starts, or None to skip options).
# bin/start-nginx (heroku-buildpack-nginx) and bin/start-pgbouncer (heroku-buildpack-pgbouncer) start
# their daemon, then run the rest of the line as the app; bin/start-nginx-solo runs nginx alone.
WRAPPERS = {"newrelic-admin": 2, "ddtrace-run": None, "opentelemetry-instrument": None, "start-nginx": 1,
            "start-nginx-debug": 1, "start-pgbouncer": 1, "start-pgbouncer-stunnel": 1, "start-stunnel": 1}
# Distributions that bring another one with them (pip resolves them; requirements.txt does not show it).
PROVIDED_BY = {
    "uvicorn": ("fastapi[standard]", "fastapi[all]", "fastapi-cli[standard]", "chainlit", "gradio"),
    "flask": ("flask-*", "dash", "connexion[flask]"),
    "alembic": ("flask-migrate",),
    "celery": ("django-celery-beat", "django-celery-results", "flower"),
    "daphne": ("channels[daphne]",),
    "hypercorn": ("quart",),
    "fastapi-cli": ("fastapi[standard]", "fastapi[all]"),
}
# Distributions to suggest instead of the bare one, and how the program fails without them: plain `fastapi`
# ships a `fastapi` script that only raises 'To use the fastapi command, please install "fastapi[standard]"'.
INSTALL_AS = {"fastapi-cli": "fastapi[standard]"}
STUB_CRASH = {"fastapi": "'To use the fastapi command, please install \"fastapi[standard]\"'"}
TOOLING = ("pip", "setuptools", "wheel")
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1", "0.0.0.0")
PLACEHOLDER_RE = lazy_re(r"<[^>/]*>|\b(?:your[-_]?(?:user(?:name)?|org(?:anization)?|repo(?:sitory)?|token|"
                            r"package|project|name)|username/repo(?:sitory)?|user/repo)\b", re.IGNORECASE)
# The classic buildpack passes only this config var to pip (lib/pip.sh, lib/pipenv.sh).
PASSED_TO_PIP = {"PIP_EXTRA_INDEX_URL"}


_canon = canonical


def _requirements(project):
    return project.requirements


# -- PF301 -----------------------------------------------------------------------------------------
def _on_disk_only(project) -> bool:
    """A package manager file exists (exact name, even on a case-insensitive disk) but is not pushed."""
    names = set(project.index.root_names)
    return any(f in names and not project.shipped(f) for f in MANAGER_LABELS)


# Root manifests of the other languages' buildpacks: with one of them, Python in a subfolder is a helper.
OTHER_LANGUAGE_FILES = ("package.json", "Gemfile", "go.mod", "composer.json", "pom.xml", "build.gradle",
                        "Cargo.toml", "mix.exs", "project.clj", "deno.json")


def _pythonish(project) -> bool:
    """The root looks like a Python app (the buildpack's detection names, research A01), or a
    requirements file sits where the user may have meant the root one."""
    if misspelt_requirements(project):
        return True
    names = {"pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "runtime.txt", ".python-version",
             "requirements.in", "pdm.lock"}
    if any("/" not in f and (f.endswith(".py") or f in names) for f in project.files):
        return True
    if not any(f.startswith("requirements/") or _nested_requirements(f) for f in project.files):
        return False
    # Requirements only in a subfolder: an app moved there, or a Node/Ruby/Go app's helper scripts.
    return not any(project.shipped(f) for f in OTHER_LANGUAGE_FILES) or _procfile_runs_python(project)


def _nested_requirements(path: str) -> bool:
    """A requirements.txt one or two folders down that may be the app's (not docs/ or tests/)."""
    from preflight.project.dependencies import auxiliary

    return path.endswith("/requirements.txt") and path.count("/") <= 2 and not auxiliary(path)


def _procfile_runs_python(project) -> bool:
    from preflight.project.commands import split

    pf = project.procfile
    for proc in pf.processes if pf is not None else ():
        for cmd in split(proc.command):
            if cmd.program in EXECUTABLES or re.match(r"^python(\d(\.\d+)?)?$", cmd.program):
                return True
    return False


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


@rule("PF301", "requirements-missing", "E",
      "No requirements.txt, Pipfile.lock, poetry.lock or uv.lock at the repository root",
      fix="Add a requirements.txt at the root listing the app's dependencies (an empty file is valid for an "
          "app with none), and commit it.", modes=["buildpack"])
def requirements_missing(project):
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
    from preflight.project.dependencies import manager_files, pyproject_flavour

    if manager_files(project) or project.shipped("Pipfile"):
        return
    if _on_disk_only(project):
        return  # on disk but not pushed: deploy-file-untracked says so
    if pyproject_flavour(project) in ("poetry", "uv"):
        return  # lockfile-missing
    if not _pythonish(project):
        return
    from preflight.project.dependencies import is_library

    if is_library(project):
        return  # a package for an index, not an app: nothing installs it on the platform
    consequence = "the build stops with \"Couldn't find any supported Python package manager files\""
    if project.shipped("requirements.in"):
        yield Violation("requirements.in", 0, f"only the pip-tools input requirements.in is committed; {consequence}",
                        hint="Compile it and commit the result: pip-compile requirements.in "
                             "(writes requirements.txt).")
        return
    wrong = misspelt_requirements(project)
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
    nested = sorted((f for f in project.files if _nested_requirements(f)), key=lambda f: (f.count("/"), f))
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


# -- PF302 -----------------------------------------------------------------------------------------
@rule("PF302", "package-manager-conflict", "E",
      "More than one of requirements.txt, Pipfile.lock, poetry.lock and uv.lock",
      fix="Keep the one package manager the app uses and delete the other files (and their config).",
      modes=["buildpack"])
def package_manager_conflict(project):
    """
    ## What it does
    Reports a repository with two or more of the package manager files at the root:
    `requirements.txt`, `Pipfile.lock`, `poetry.lock`, `uv.lock`. A bare `Pipfile`, `setup.py` or
    `pyproject.toml` beside one of them is fine.

    ## Why it breaks the deploy
    The build stops with "Multiple Python package manager files were found"
    (`package-manager::multiple-found`; a warning from 2024-11, an error since buildpack v325,
    2025-12-10). It used to pick the first one silently, which left users editing a file the build
    ignored. A third-party Poetry or uv buildpack that writes a `requirements.txt` during the build
    triggers it too.

    ## Example
    ```
    requirements.txt    <- left over from `poetry export`
    poetry.lock
    ```

    ## How to fix
    Decide which package manager the app uses and delete the other files. A `requirements.txt`
    beside `poetry.lock`/`uv.lock` is usually an export: delete it, and remove any third-party
    Poetry/uv buildpack.

    ## Source
    heroku-buildpack-python `lib/package_manager.sh`; fixture `multiple_package_managers`;
    research/heroku.md A09, A10; heroku/heroku-buildpack-python#1691.
    """
    from preflight.project.dependencies import manager_files

    found = manager_files(project)
    if len(found) < 2:
        return
    listed = ", ".join(MANAGER_LABELS[f] for f in found)
    hint = None
    if "requirements.txt" in found and ({"poetry.lock", "uv.lock"} & set(found)):
        hint = ("If requirements.txt is an export of the lock (or written by a third-party Poetry/uv "
                "buildpack), delete it and remove that buildpack: the platform installs from the lock itself.")
    yield Violation(REPO, 0, f"{len(found)} package manager files at the root ({listed}): the build stops "
                             "with \"Multiple Python package manager files were found\"",
                    hint=hint, anchor=",".join(found))


# -- PF303 -----------------------------------------------------------------------------------------
@rule("PF303", "lockfile-missing", "E", "A Pipfile, Poetry or uv project without its lock file",
      fix="Generate the lock file (pipenv lock, poetry lock or uv lock) and commit it.", modes=["buildpack"])
def lockfile_missing(project):
    """
    ## What it does
    Reports a `Pipfile` without `Pipfile.lock`, and a `pyproject.toml` configured for Poetry
    (`[tool.poetry]` or the poetry-core backend) or uv (`[tool.uv]` or the uv_build backend) without
    its `poetry.lock` / `uv.lock`, when no other package manager file does the job. A Poetry or uv
    package published to an index (no deploy file, no root entry script; `package-mode = false`
    marks an application) is not reported.

    ## Why it breaks the deploy
    The platform installs only from lock files. For a Pipfile it stops with "No 'Pipfile.lock'
    found!" (`package-manager::pipenv-missing-lockfile`; an error since buildpack v292, 2025-07-23,
    whatever else is at the root: the Pipfile check comes first). A Poetry or uv project without a
    lock has no package manager file at all: "Couldn't find any supported Python package manager
    files".

    ## Example
    ```
    Pipfile             <- no Pipfile.lock next to it
    app.py
    ```

    ## How to fix
    Run `pipenv lock`, `poetry lock` or `uv lock` and commit the lock file (check that
    `.gitignore` does not exclude it). If the `Pipfile` is a leftover, delete it.

    ## Source
    heroku-buildpack-python `lib/package_manager.sh`; fixture `pipenv_no_lockfile`;
    research/heroku.md A06, A08.
    """
    from preflight.project.dependencies import manager_files, pyproject_flavour

    if project.shipped("Pipfile") and not project.shipped("Pipfile.lock") and \
            "Pipfile.lock" not in project.index.root_names:
        yield Violation("Pipfile", 0, "Pipfile has no Pipfile.lock beside it: the build stops with \"No "
                                      "'Pipfile.lock' found!\"",
                        hint="Run 'pipenv lock' and commit Pipfile.lock, or delete the Pipfile if pip "
                             "(requirements.txt) is what the app uses.")
        return
    if manager_files(project) or _on_disk_only(project):
        return
    flavour = pyproject_flavour(project)
    if flavour not in ("poetry", "uv"):
        return
    from preflight.project.dependencies import is_library, toml_lines

    if is_library(project):
        return  # libraries often leave their lock uncommitted, and are not deployed

    lines = toml_lines(project, "pyproject.toml")
    table = "tool.poetry" if flavour == "poetry" else "tool.uv"
    line = lines.table(table) or lines.table("build-system")
    lock = f"{flavour}.lock"
    tool = "Poetry" if flavour == "poetry" else "uv"
    yield Violation("pyproject.toml", line, f"pyproject.toml is a {tool} project but {lock} is not committed: "
                                            "the platform installs only from the lock, so the build stops "
                                            "with \"Couldn't find any supported Python package manager files\"",
                    hint=f"Run '{flavour} lock' and commit {lock}.")


# -- PF304 -----------------------------------------------------------------------------------------
def pipfile_hashes(data: dict) -> set:
    """Pipfile.lock `_meta.hash.sha256` as the Pipenv versions in use compute it.

    Pipenv hashes ``json.dumps({"_meta": {"sources": ..., "requires": ...}, "default": [packages],
    "develop": [dev-packages], <custom categories>}, sort_keys=True, separators=(",", ":"))``
    (plette ``Pipfile.get_hash``; a Pipfile without [[source]] gets the PyPI default). Pipenv 2026
    canonicalizes package names first (pypa/pipenv project.calculate_pipfile_hash); older releases
    do not, and older plette leaves out custom categories. Any of these counts as in sync. (Pipenv 2026
    also hashes the indexes of the developer's pip.conf into a Pipfile without [[source]]; the build
    has no pip.conf, so such a lock fails there too and is rightly reported.)
    """
    import hashlib
    import json

    default_source = [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]
    sections = {"source", "packages", "dev-packages", "requires", "scripts", "pipfile", "pipenv", "default",
                "develop"}
    sources = data.get("source", default_source)
    out = set()
    for canon in (False, True):
        def norm(section, canon=canon):
            if not isinstance(section, dict):
                return section
            return {(_canon(k) if canon else k): v for k, v in section.items()}

        for custom in (False, True):
            body = {"_meta": {"sources": sources, "requires": data.get("requires", {})},
                    "default": norm(data.get("packages", {})), "develop": norm(data.get("dev-packages", {}))}
            if custom:
                for key, value in data.items():
                    if key not in sections:
                        body[key] = norm(value)
            try:
                text = json.dumps(body, sort_keys=True, separators=(",", ":"))
            except (TypeError, ValueError):
                continue
            out.add(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return out


def poetry_hashes(data: dict) -> set:
    """poetry.lock `metadata.content-hash` as Poetry 1.x and 2.x compute it (Locker._get_content_hash)."""
    import hashlib
    import json

    legacy = ("dependencies", "source", "extras", "dev-dependencies")
    relevant = legacy + ("group",)
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    project_part = {k: project[k] for k in ("requires-python", "dependencies", "optional-dependencies")
                    if project.get(k) is not None}
    out = set()
    for use_project, groups in ((True, data.get("dependency-groups") or {}), (True, {}), (False, {})):
        proj = project_part if use_project else {}
        poetry_part = {}
        for key in relevant:
            value = poetry.get(key)
            if value is None and (key not in legacy or proj or groups):
                continue
            poetry_part[key] = value
        content: dict = {}
        if proj:
            content["project"] = proj
        if groups:
            content["dependency-groups"] = groups
        if content:
            content["tool"] = {"poetry": poetry_part}
        else:
            content = poetry_part
        try:
            out.add(hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest())
        except (TypeError, ValueError):
            continue
    return out


def _line_containing(project, path: str, needle: str) -> int:
    tf = project.text(path)
    if tf is None:
        return 0
    return next((n for n, ln in enumerate(tf.lines, 1) if needle in ln), 0)


def _pipenv_stale(project):
    pipfile, lock = project.manifests.pipfile, project.manifests.pipfile_lock
    if not isinstance(pipfile, dict) or not isinstance(lock, dict):
        return
    meta = lock.get("_meta") if isinstance(lock.get("_meta"), dict) else {}
    digest = meta.get("hash", {}).get("sha256") if isinstance(meta.get("hash"), dict) else None
    if isinstance(digest, str) and digest in pipfile_hashes(pipfile):
        return
    from preflight.project.dependencies import table_entries, toml_lines

    lines = toml_lines(project, "Pipfile")
    consequence = "'pipenv install --deploy' aborts the build (\"Pipfile.lock is out of date\")"
    hint = "Run 'pipenv lock' with a current Pipenv and commit Pipfile.lock."
    missing = 0
    for section, locked in (("packages", "default"), ("dev-packages", "develop")):
        body = lock.get(locked) if isinstance(lock.get(locked), dict) else {}
        have = {_canon(k) for k in body if isinstance(k, str)}
        for dep in table_entries(pipfile.get(section), "Pipfile", lines, section, section, f"[{section}]", skip=()):
            if dep.key not in have:
                missing += 1
                yield Violation("Pipfile", dep.line, f"'{dep.name}' is in Pipfile [{section}] but not in "
                                                     f"Pipfile.lock: {consequence}", hint=hint, anchor=dep.key)
    if not missing:
        line = _line_containing(project, "Pipfile.lock", '"sha256"')
        what = "has no _meta.hash" if not isinstance(digest, str) else "was generated from another Pipfile (its " \
                                                                      "_meta.hash does not match)"
        yield Violation("Pipfile.lock", line, f"Pipfile.lock {what}: {consequence}", hint=hint, anchor="hash")


def _poetry_stale(project):
    data = project.manifests.pyproject
    lock = project.dependencies.lock("poetry.lock")
    if not isinstance(data, dict) or not isinstance(lock, dict):
        return
    metadata = lock.get("metadata") if isinstance(lock.get("metadata"), dict) else {}
    digest = metadata.get("content-hash")
    if isinstance(digest, str) and digest in poetry_hashes(data):
        return
    from preflight.project.dependencies import Dependencies, read_poetry, toml_lines

    declared = Dependencies()
    read_poetry(declared, data, toml_lines(project, "pyproject.toml"))
    locked = {_canon(p["name"]) for p in lock.get("package") or []
              if isinstance(p, dict) and isinstance(p.get("name"), str)}
    consequence = "'poetry sync' stops the build (\"pyproject.toml changed significantly since poetry.lock was " \
                  "last generated\")"
    hint = "Run 'poetry lock' and commit poetry.lock."
    missing = 0
    for dep in list(declared.main.values()) + list(declared.dev.values()) + list(declared.optional.values()):
        if dep.key not in locked:
            missing += 1
            yield Violation("pyproject.toml", dep.line, f"'{dep.name}' is in pyproject.toml {dep.section} but not in "
                                                        f"poetry.lock: {consequence}", hint=hint, anchor=dep.key)
    if not missing:
        line = _line_containing(project, "poetry.lock", "content-hash")
        yield Violation("poetry.lock", line, f"poetry.lock's content-hash does not match pyproject.toml (a "
                                             "dependency, a source or the Python constraint changed since 'poetry "
                                             f"lock'): {consequence}",
                        hint=hint, anchor="hash")


def same_versions(a: str, b: str) -> bool:
    """Two specifier sets that admit the same versions (on a grid fine enough for Python versions)."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        sa, sb = SpecifierSet(a), SpecifierSet(b)
    except InvalidSpecifier:
        return True
    if sa == sb:
        return True
    grid = [f"{major}.{minor}.{patch}" for major in (2, 3, 4) for minor in range(0, 21)
            for patch in (0, 1, 5, 99)]
    return all(sa.contains(v, prereleases=True) == sb.contains(v, prereleases=True) for v in grid)


def _uv_stale(project):
    from preflight.project.dependencies import Dependencies, read_uv, toml_lines, uv_root

    data = project.manifests.pyproject
    lock = project.dependencies.lock("uv.lock")
    if not isinstance(data, dict) or not isinstance(lock, dict):
        return
    proj = data.get("project") if isinstance(data.get("project"), dict) else None
    if proj is None or not isinstance(proj.get("name"), str):
        return
    lines = toml_lines(project, "pyproject.toml")
    consequence = "'uv sync --locked' stops the build (the lockfile needs to be updated)"
    hint = "Run 'uv lock' and commit uv.lock."
    packages = [p for p in lock.get("package") or [] if isinstance(p, dict)]
    root = uv_root(project, packages)
    if root is None:
        yield Violation("pyproject.toml", lines.key("project", "name"),
                        f"uv.lock has no entry for the project '{proj['name']}' (renamed, or locked elsewhere): "
                        f"{consequence}", hint=hint, anchor="root")
        return
    want = proj.get("requires-python")
    have = lock.get("requires-python")
    if isinstance(want, str) and isinstance(have, str) and not same_versions(want, have):
        yield Violation("pyproject.toml", lines.key("project", "requires-python"),
                        f"requires-python is '{want}' but uv.lock was made for '{have}': {consequence}",
                        hint=hint, anchor="requires-python")
    declared = Dependencies()
    read_uv(declared, data, lines)
    metadata = root.get("metadata") if isinstance(root.get("metadata"), dict) else {}
    locked = {}
    for entry in metadata.get("requires-dist") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            locked.setdefault(_canon(entry["name"]), []).append(entry)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    sourced = {_canon(k) for k in (uv.get("sources") or {}) if isinstance(k, str)} \
        if isinstance(uv.get("sources"), dict) else set()
    wanted = {}
    for dep in list(declared.main.values()) + list(declared.optional.values()):
        wanted.setdefault(dep.key, dep)
    for key, dep in wanted.items():
        if key not in locked:
            yield Violation("pyproject.toml", dep.line, f"'{dep.name}' is in pyproject.toml {dep.section} but not "
                                                        f"in uv.lock: {consequence}", hint=hint, anchor=key)
            continue
        entries = locked[key]
        plain = [e for e in entries if not ({"git", "url", "path", "directory", "editable", "index"} & set(e))]
        if dep.url or key in sourced or len(entries) != 1 or not plain:
            continue
        lock_spec = plain[0].get("specifier", "") or ""
        if not same_versions(dep.specifier, lock_spec) and _count_decl(data, key) == 1:
            yield Violation("pyproject.toml", dep.line, f"'{dep.name}{dep.specifier}' in pyproject.toml but uv.lock "
                                                        f"was made for '{dep.name}{lock_spec}': {consequence}",
                            hint=hint, anchor=key)
    for key in sorted(set(locked) - set(wanted)):
        yield Violation("pyproject.toml", lines.key("project", "dependencies") or lines.table("project"),
                        f"'{locked[key][0]['name']}' was removed from pyproject.toml but uv.lock still requires it: "
                        f"{consequence}", hint=hint, anchor=key)
    locked_dev = metadata.get("requires-dev") if isinstance(metadata.get("requires-dev"), dict) else {}
    have_dev = {}
    for group, entries in locked_dev.items():
        have_dev[_canon(group)] = {_canon(e["name"]) for e in entries or []
                                   if isinstance(e, dict) and isinstance(e.get("name"), str)}
    for dep in declared.dev.values():
        group = _canon(dep.group)
        if dep.key not in have_dev.get(group, set()):
            yield Violation("pyproject.toml", dep.line, f"'{dep.name}' is in pyproject.toml {dep.section} but not in "
                                                        f"uv.lock: {consequence}", hint=hint, anchor=f"{group}:{dep.key}")


def _count_decl(data: dict, key: str) -> int:
    """How often [project] dependencies name ``key`` (several entries with markers: not compared)."""
    proj = data.get("project") if isinstance(data.get("project"), dict) else {}
    count = 0
    for value in proj.get("dependencies") or []:
        if isinstance(value, str):
            name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", value)
            count += bool(name and _canon(name.group(1)) == key)
    return count


@rule("PF304", "lockfile-stale", "E", "A lock file out of sync with pyproject.toml or the Pipfile",
      fix="Re-lock (uv lock, poetry lock or pipenv lock) and commit the lock file with the manifest.",
      modes=["buildpack"])
def lockfile_stale(project):
    """
    ## What it does
    Compares each lock file with the manifest it was generated from:
    - `Pipfile.lock`: its `_meta.hash.sha256` against the hash of the `Pipfile` (Pipenv's own
      algorithm: a SHA-256 of the Pipfile's sources, requires and package sections as sorted JSON),
      then names each `[packages]`/`[dev-packages]` entry missing from the lock;
    - `poetry.lock`: its `metadata.content-hash` against Poetry's hash of the relevant
      `pyproject.toml` sections, then names each dependency missing from the lock's packages;
    - `uv.lock`: the project's own entry (`requires-dist`, `requires-dev`) and `requires-python`
      against `[project]`, `[project.optional-dependencies]`, `[dependency-groups]`.

    ## Why it breaks the deploy
    The platform installs with the lock-checking commands: `pipenv install --deploy` ("Pipfile.lock
    is out of date ... Aborting deploy"), `poetry sync` ("pyproject.toml changed significantly since
    poetry.lock was last generated"), `uv sync --locked` ("The lockfile needs to be updated, but
    --locked was provided"). A dependency added to the manifest and not re-locked stops the build.

    ## Example
    ```
    # pyproject.toml
    dependencies = ["flask>=3", "httpx"]     <- httpx added after `uv lock`
    ```

    ## How to fix
    Run `uv lock`, `poetry lock` or `pipenv lock` and commit the lock file together with the
    manifest (a pre-commit hook such as `uv lock --check` keeps them in step).

    ## Source
    heroku-buildpack-python `lib/pipenv.sh`, `lib/poetry.sh`, `lib/uv.sh`; fixtures
    `pipenv_lockfile_out_of_sync`, `poetry_lockfile_out_of_sync`, `uv_lockfile_out_of_sync`;
    pypa/pipenv `project.calculate_pipfile_hash`, python-poetry `Locker._get_content_hash`;
    research/heroku.md C01, C02, C03.
    """
    if project.shipped("Pipfile") and project.shipped("Pipfile.lock"):
        yield from _pipenv_stale(project)
    if project.shipped("pyproject.toml") and project.shipped("poetry.lock"):
        yield from _poetry_stale(project)
    if project.shipped("pyproject.toml") and project.shipped("uv.lock"):
        yield from _uv_stale(project)


# -- PF305 -----------------------------------------------------------------------------------------
@rule("PF305", "requirements-invalid", "E", "A requirements.txt line pip cannot parse or follow",
      fix="Write one PEP 508 requirement per line (name, optional [extras], version specifier, '; marker'), "
          "and check that every -r/-c file exists in the repository.")
def requirements_invalid(project):
    """
    ## What it does
    Reads `requirements.txt` the way pip does (continuation lines joined, comments removed after
    the join, `-r`/`-c` includes followed relative to the including file, options such as
    `--hash`, `-e`, `-i`, `--extra-index-url` understood, environment markers parsed) and reports:
    - a requirement `packaging` cannot parse (the message says what it expected);
    - an unknown or malformed option (`--install-option` was removed in pip 23.1);
    - an `-r`/`-c` file that does not exist, is not committed, or lies outside the repository;
    - an include cycle, or includes nested more than 10 levels deep;
    - a logical line over 10,000 characters, not counting its `--hash` options (not parsed);
    - hash-checking mode (any `--hash`, or `--require-hashes`) with a requirement that has no hash,
      is not pinned with `==`, or is editable.

    A UTF-16 `requirements.txt` with a byte-order mark is not reported: pip detects the BOM and
    reads it.

    ## Why it breaks the deploy
    pip stops at the first line it cannot parse ("Invalid requirement") or file it cannot open
    ("Could not open requirements file"), and the build fails with "Unable to install dependencies
    using pip".

    ## Example
    ```
    flask=2.0            <- '=' is not an operator
    -r base.txt          <- base.txt was never committed
    ```

    ## How to fix
    Fix the line as the message says (`flask==2.0`), commit the included file, or delete the line.

    ## Source
    pip `req/req_file.py` and `req/constructors.py`; fixture `pip_invalid_requirement`;
    research/heroku.md C07.
    """
    reqs = _requirements(project)
    if reqs is None:
        return
    for problem in reqs.problems:
        hint = None
        if problem.kind == "too-long":
            hint = "Split the line: one requirement per line (a minified or generated file?)."
        elif problem.kind in ("include", "cycle", "depth"):
            hint = "Commit the included file inside the repository, or remove the -r/-c line."
        yield Violation(problem.path, problem.line, f"pip cannot read this line: {problem.message}"
                        if problem.kind in ("invalid", "option") else problem.message,
                        hint=hint, anchor=f"{problem.kind}:{problem.message[:60]}")
    yield from _hash_mode(reqs)


def _hash_mode(reqs):
    installs = reqs.installs
    hashed = [r for r in installs if r.hashes]
    required = any(o.name == "--require-hashes" for o in reqs.options)
    if not hashed and not required:
        return
    why = "--hash is used on another line" if hashed else "--require-hashes is set"
    for req in installs:
        if req.editable:
            yield Violation(req.path, req.line, f"'-e {req.text}' is editable, which pip refuses in hash-checking "
                                                f"mode ({why})", hint="pip can check no hash for a local project, with "
                                                "or without -e: leave it out (uv export --no-emit-project) or drop "
                                                "every hash (uv export --no-hashes, pip-compile without "
                                                "--generate-hashes).",
                            anchor=f"hash:{req.key or req.text}")
        elif not req.hashes:
            yield Violation(req.path, req.line, f"'{req.text}' has no --hash while pip is in hash-checking mode "
                                                f"({why}): pip refuses to install it",
                            hint="Regenerate the file with hashes for every line (pip-compile --generate-hashes).",
                            anchor=f"hash:{req.key or req.text}")
        elif req.kind == "name" and not re.match(r"^===?[^,]*$", req.specifier):
            yield Violation(req.path, req.line, f"'{req.text}' is not pinned with '==', which hash-checking mode "
                                                "requires", hint="Pin it: name==version with its hashes.",
                            anchor=f"hash:{req.key}")


# -- PF306 -----------------------------------------------------------------------------------------
@rule("PF306", "requirements-pip-listed", "W", "pip, setuptools or wheel pinned in requirements.txt",
      fix="Delete the pip/setuptools/wheel pin: the platform installs and updates them itself.",
      modes=["buildpack"])
def requirements_pip_listed(project):
    """
    ## What it does
    Reports `pip`, `setuptools` or `wheel` pinned to a version, or capped (`==`, `<`, `<=`, `~=`),
    in `requirements.txt` (or a file it includes). An unpinned line or a lower bound
    (`setuptools>=70`) is left alone: pip sees it satisfied and changes nothing.

    ## Why it matters
    The buildpack installs its own pip (and, up to Python 3.12, setuptools and wheel) before
    installing the app. A pin makes pip replace itself partway through the install: an old pin
    such as `pip==9.0.1` or `setuptools==28.8.0` (`pip freeze` output from years ago) downgrades
    the tools to versions that cannot build packages for current Python, or breaks the build
    outright.

    ## Example
    ```
    pip==9.0.1
    setuptools==28.8.0
    ```

    ## How to fix
    Delete those lines. If a package really needs a newer setuptools to build, write a lower bound
    (`setuptools>=70`).

    ## Source
    heroku-buildpack-python `lib/pip.sh` (`pip::install_pip_setuptools_wheel`), `requirements/*.txt`;
    research/heroku.md C17.
    """
    reqs = _requirements(project)
    if reqs is None:
        return
    for req in reqs.installs:
        if req.key in TOOLING and re.search(r"(^|,)\s*(===?|<=?|~=)", req.specifier):
            what = "pip replaces itself partway through the build" if req.key == "pip" else \
                f"the build reinstalls {req.key} mid-install, and an old one cannot build packages for current Python"
            yield Violation(req.path, req.line, f"{req.name}{req.specifier} pins {req.key}, which the platform "
                                                f"installs and manages itself: {what}",
                            hint=f"Delete the {req.key} line from {req.path}.", anchor=req.key)


# -- PF307 -----------------------------------------------------------------------------------------
def linux_environments() -> list[dict]:
    """Marker environments of the platform: Linux x86_64 CPython 3.9-3.14."""
    envs = []
    for minor, patch in ((9, 25), (10, 19), (11, 14), (12, 12), (13, 9), (14, 0)):
        envs.append({"python_version": f"3.{minor}", "python_full_version": f"3.{minor}.{patch}",
                     "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                     "platform_machine": "x86_64", "implementation_name": "cpython",
                     "platform_python_implementation": "CPython", "platform_release": "", "platform_version": "",
                     "implementation_version": f"3.{minor}.{patch}", "extra": ""})
    return envs


def marker_active(marker: str, env: dict) -> bool:
    if not marker:
        return True
    from packaging.markers import Marker

    try:
        return bool(Marker(marker).evaluate(env))
    except Exception:  # an unknown variable: assume it applies
        return True


@rule("PF307", "requirements-conflict", "E", "One distribution required twice with incompatible versions",
      fix="Keep one requirement per distribution, with a version range that works for the whole app.")
def requirements_conflict(project):
    """
    ## What it does
    Collects every requirement pip sees (`requirements.txt`, its `-r` includes and `-c`
    constraints) and reports a distribution required more than once with version specifiers no
    single version satisfies (`flask==2.0` and `flask>=3`; `django~=4.2` and `django>=5`).
    Requirements whose environment markers never hold together on the platform (Linux, CPython
    3.9-3.14) are not a conflict: `numpy==1.26; python_version < "3.12"` and `numpy==2.1;
    python_version >= "3.12"` are fine.

    ## Why it breaks the deploy
    pip's resolver stops with "Cannot install ... because these package versions have conflicting
    dependencies" (ResolutionImpossible) and the build fails.

    ## Example
    ```
    # requirements.txt
    -r base.txt          # base.txt: flask==2.0
    flask>=3
    ```

    ## How to fix
    Keep one line per distribution; with split files, pin in one place (a constraints file) and
    leave the others unpinned.

    ## Source
    pip resolver (ResolutionImpossible); `packaging.specifiers`.
    """
    from preflight.project.requirements import satisfiable

    reqs = _requirements(project)
    if reqs is None:
        return
    groups: dict[str, list] = {}
    for req in reqs.requirements:
        if req.key and req.specifier and req.kind == "name":
            groups.setdefault(req.key, []).append(req)
    for key, group in groups.items():
        if len(group) < 2:
            continue
        for env in linux_environments():
            active = [r for r in group if marker_active(r.marker, env)]
            if len(active) < 2 or satisfiable([r.specifier for r in active]):
                continue
            last = active[-1]
            others = "; ".join(f"{r.name}{r.specifier} ({r.path}:{r.line})" for r in active[:-1])
            yield Violation(last.path, last.line, f"{last.name}{last.specifier} conflicts with {others}: no version "
                                                  "satisfies both, so pip stops with ResolutionImpossible",
                            anchor=key)
            break


# -- PF308 -----------------------------------------------------------------------------------------
def _local_target(url: str) -> str:
    """The filesystem path a path requirement or file: URL points at."""
    if url.lower().startswith("file:"):
        rest = url[5:]
        if rest.startswith("//"):
            rest = rest[2:]
            host, _, tail = rest.partition("/")
            rest = "/" + tail if host in ("", "localhost") else "//" + rest
        return rest.split("#", 1)[0]
    return url.split("#", 1)[0]


# Where conda and Anaconda build their packages: `pip freeze` in a conda environment writes these paths.
CONDA_BUILD_RE = lazy_re(r"/(croot|feedstock_root|conda-bld)/|^/tmp/build/[0-9a-f]{8}/|^/?[A-Za-z]:/(ci|b)/")


def _path_problem(project, target: str) -> str | None:
    """Why the build cannot install from ``target`` (relative to the repository root), or None."""
    if CONDA_BUILD_RE.search(target.replace("\\", "/")) or target.startswith("/") and "/work/" in target \
            and "conda" in target:
        return "is a conda build path (pip freeze inside a conda environment)"
    if re.match(r"^/?[A-Za-z]:[\\/]", target) or target.startswith("\\\\"):
        return "is a Windows path from the machine the file was written on"
    if target.startswith("~"):
        return "is in a home folder on the machine the file was written on"
    if target.startswith("/"):
        if re.match(r"^/tmp/build_[0-9a-f]+", target):
            return "is the build folder of an old Heroku build (pip freeze on a dyno)"
        return "is an absolute path on the machine the file was written on"
    rel = posixpath.normpath(target.replace("\\", "/"))
    if rel == ".." or rel.startswith("../"):
        return "is outside the repository"
    if rel == ".":
        return None  # the project itself: project-not-installable judges whether it builds
    if rel and project.shipped(rel):
        return None
    prefix = rel + "/" if rel else ""
    inside = [f for f in project.files if f.startswith(prefix)]
    if not inside:
        return "is not in the repository (not committed)" if project.exists(rel or ".") else "does not exist"
    if not any(f"{prefix}{name}" in inside for name in ("setup.py", "pyproject.toml")):
        where = rel or "the repository root"
        return f"has no setup.py or pyproject.toml ({where} is not an installable project)"
    return None


def _placeholder(url: str) -> str | None:
    host = re.sub(r"^[a-z0-9+.-]+://", "", url, flags=re.I).split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if host.lower() in PLACEHOLDER_HOSTS or host.lower().endswith((".example.com", ".example.org")):
        return f"points at the placeholder host '{host}'"
    m = PLACEHOLDER_RE.search(url)
    if m:
        return f"still holds the placeholder '{m.group(0)}'"
    return None


@rule("PF308", "requirements-local-path", "E",
      "A requirement on a local path, file: URL or placeholder the build cannot reach",
      fix="Replace the path with the package's name and version (or a public VCS URL), or commit the package "
          "inside the repository and refer to it relative to the root.")
def requirements_local_path(project):
    """
    ## What it does
    Reports requirements the build cannot fetch:
    - a local path, `file:` URL or `-e` target that is absolute (`/Users/...`, `C:\\...`,
      conda's `@ file:///croot/...`, an old Heroku `/tmp/build_<hash>`), outside the repository
      (`-e ../lib`), not committed, or a folder with no `setup.py`/`pyproject.toml` (the repository
      root itself, `-e .`, is project-not-installable's);
    - `pkg-resources==0.0.0`, the artefact `pip freeze` writes in Ubuntu/Debian virtualenvs
      (a pip-freeze leftover of the local machine, like the conda paths, hence this rule);
    - a URL still holding a placeholder (`example.com`, `<user>`, `your-username`);
    - in buildpack mode, a `${VAR}` reference other than `${PIP_EXTRA_INDEX_URL}`: the classic
      buildpack passes no other config var to pip, so it stays literal.

    ## Why it breaks the deploy
    The build runs in a clean directory on another machine: the path does not exist there
    (pip: "does not exist" / "is not a valid editable requirement"), `pkg-resources==0.0.0` is not
    on PyPI ("No matching distribution found"), and a placeholder or unexpanded URL fails to
    download.

    ## Example
    ```
    numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_1700000000/work
    pkg-resources==0.0.0
    -e ../shared-lib
    ```

    ## How to fix
    Regenerate the file with `pip list --format=freeze` (no `@ file://`), delete
    `pkg-resources==0.0.0`, pin the real version (`numpy==1.26.4`), and vendor a local package
    into the repository (`-e ./libs/shared`).

    ## Source
    pip `req/constructors.py` (path and editable handling; paths are relative to the build
    directory); heroku-buildpack-python `lib/pip.sh` (only PIP_EXTRA_INDEX_URL is passed);
    research/heroku.md C09, C10, C11, C20; MicroPyramid/django-mfa#58.
    """
    reqs = _requirements(project)
    if reqs is None:
        return
    for req in reqs.requirements:
        if req.key == "pkg-resources" and req.specifier.replace(" ", "") == "==0.0.0":
            yield Violation(req.path, req.line, "pkg-resources==0.0.0 is an artefact of 'pip freeze' in an "
                                                "Ubuntu/Debian virtualenv, not a real release: pip finds no such "
                                                "version and the build fails",
                            hint="Delete the line (regenerate with 'pip list --format=freeze' to avoid it).",
                            anchor="pkg-resources")
            continue
        if req.kind == "path":
            target = _local_target(req.url)
            why = _path_problem(project, target)
            if why:
                prefix = "-e " if req.editable else ""
                hint = None
                if req.name and re.match(r"^(/|~|[A-Za-z]:|file:/)", req.url):
                    hint = (f"Replace it with {req.name}==<version> ('pip list --format=freeze' prints versions "
                            "where 'pip freeze' prints local paths).")
                yield Violation(req.path, req.line, f"'{prefix}{req.text}' {why}: the build cannot install it",
                                hint=hint, anchor=f"path:{req.url}")
        elif req.kind in ("url", "vcs"):
            why = _placeholder(req.url)
            if why:
                yield Violation(req.path, req.line, f"'{req.text}' {why}: the download fails",
                                hint="Put the real URL (or the package's name and version) in its place.",
                                anchor=f"url:{req.url}")
    for opt in reqs.options:
        if opt.name in ("--index-url", "--extra-index-url", "--find-links") and "://" in opt.value:
            why = _placeholder(opt.value)
            if why:
                yield Violation(opt.path, opt.line, f"'{opt.name} {opt.value}' {why}: pip cannot reach that index",
                                hint="Put the real index URL in its place, or delete the line.",
                                anchor=f"index:{opt.value}")
    if project.mode == "buildpack":
        for ref in reqs.env_refs:
            if ref.name in PASSED_TO_PIP:
                continue
            yield Violation(ref.path, ref.line, f"'${{{ref.name}}}' is not expanded: the classic buildpack passes "
                                                "only PIP_EXTRA_INDEX_URL to pip, so the line keeps the literal "
                                                "text and the install fails",
                            hint="Use PIP_EXTRA_INDEX_URL for a private index, or a public URL; never write the "
                                 "token into the file.", anchor=f"env:{ref.name}")


# -- PF309 -----------------------------------------------------------------------------------------
@rule("PF309", "requirements-platform-specific", "E",
      "A Windows-only distribution without a marker limiting it to Windows",
      fix="Add the marker '; sys_platform == \"win32\"' to the requirement, or delete it.")
def requirements_platform_specific(project):
    """
    ## What it does
    Reports a Windows-only distribution among the production dependencies (`requirements.txt`,
    `Pipfile` [packages], `pyproject.toml` dependencies) whose environment marker does not exclude
    Linux: `pywin32`, `pypiwin32`, `pywinpty`, `windows-curses`, `wmi`, `requests-negotiate-sspi`,
    `msvc-runtime`, `twisted-iocpsupport` (no Linux build, or they require pywin32; Twisted, and so
    Channels/Daphne and Scrapy, pull in the last one on Windows), and `comtypes` (installs, fails on
    import).

    ## Why it breaks the deploy
    Dynos run Linux. pip finds no version of these for Linux ("No matching distribution found for
    pywin32") and the build fails; comtypes installs and then crashes the app on import.
    `pip freeze` on a Windows machine is the usual source.

    ## Example
    ```
    pywin32==306
    ```

    ## How to fix
    Delete the line, or keep it for Windows development only with a marker:
    `pywin32==306; sys_platform == "win32"`.

    ## Source
    research/heroku.md C08 (mhammond/pywin32#1197, #1698, #1739, #1767; zakird/pyad#130;
    moneymeets/python-poetry-buildpack#49); the packages' PyPI files (checked 2026-11).
    """
    deps = project.dependencies
    for key, dep in deps.main.items():
        if key not in WINDOWS_ONLY:
            continue
        if dep.marker and not any(marker_active(dep.marker, env) for env in linux_environments()):
            continue
        yield Violation(dep.path, dep.line, f"{dep.name} {WINDOWS_ONLY[key]}: it is Windows-only and dynos run "
                                            "Linux, so the install fails" if key != "comtypes" else
                        f"{dep.name} {WINDOWS_ONLY[key]}: dynos run Linux, so the app fails when it imports it",
                        anchor=key)


# -- PF310 -----------------------------------------------------------------------------------------
@rule("PF310", "requirements-unpinned", "I", "A requirement without a version",
      fix="Pin the version you test with (name==version; `pip freeze` shows it).")
def requirements_unpinned(project):
    """
    ## What it does
    Reports each requirement in `requirements.txt` (and its includes) with no version specifier at
    all (`requests`), unless a `-c` constraints file pins it. Ranges (`requests>=2.31`) count as a
    choice and are not reported; URL, VCS and path requirements, and pip/setuptools/wheel, are
    left alone.

    ## Why it matters
    Every build installs whatever release is newest that day. A new major version can break the app
    between two deploys of the same code, and a rollback does not bring the old version back.

    ## Example
    ```
    requests
    ```

    ## How to fix
    Pin the version you test with (`requests==2.32.3`), or move to a lock file (uv, Poetry).

    ## Source
    Heroku Dev Center, "Python Dependencies via Pip" (pin versions for repeatable builds).
    """
    reqs = _requirements(project)
    if reqs is None:
        return
    constrained = {r.key for r in reqs.requirements if r.constraint and r.specifier}
    for req in reqs.installs:
        if req.kind != "name" or req.specifier or not req.key or req.key in TOOLING or req.key in constrained:
            continue
        yield Violation(req.path, req.line, f"'{req.name}' has no version: each build installs the newest release",
                        hint=f"Pin it: {req.name}==<the version you test with>.", anchor=req.key)


# -- PF311 -----------------------------------------------------------------------------------------
def _process_commands(project) -> list[tuple[str, int, str, str]]:
    """(path, line, process name, command) for every command the platform runs."""
    out = []
    if project.mode == "buildpack":
        pf = project.procfile
        for proc in pf.processes if pf is not None else ():
            out.append((pf.path, proc.line, proc.name, proc.command))
        return out
    yml = project.manifests.heroku_yml if project.shipped("heroku.yml") else None
    if not isinstance(yml, dict):
        return out
    entries = []
    run = yml.get("run")
    if isinstance(run, dict):
        for name, value in run.items():
            entries.append((str(name), value.get("command") if isinstance(value, dict) else value))
    release = yml.get("release")
    if isinstance(release, dict):
        entries.append(("release", release.get("command")))
    for name, command in entries:
        commands = command if isinstance(command, list) else [command]
        for cmd in commands:
            if isinstance(cmd, str) and cmd.strip():
                out.append(("heroku.yml", _line_containing(project, "heroku.yml", cmd.strip()), name, cmd))
    return out


def _after_options(argv: list[str], start: int) -> list[str]:
    i = start
    while i < len(argv) and argv[i].startswith("-"):
        i += 1 if "=" in argv[i] else 2
    return argv[i:]


def command_distributions(argv: list[str], depth: int = 0) -> list[tuple[str, tuple, str]]:
    """(what runs, the distributions that provide it, how it fails without them) for a command's argv."""
    if not argv or depth > 3:
        return []
    program = argv[0].rsplit("/", 1)[-1]
    out = []
    if re.match(r"^python(\d(\.\d+)?)?$", program):
        if "-m" not in argv[1:]:
            return []
        i = argv.index("-m", 1)
        module = argv[i + 1].split(".", 1)[0] if i + 1 < len(argv) else ""
        if module not in MODULES:
            return []
        out.append((f"python -m {argv[i + 1]}", MODULES[module],
                    STUB_CRASH.get(module, f"'No module named {module}'")))
        program = module
    elif program in EXECUTABLES:
        out.append((program, EXECUTABLES[program], STUB_CRASH.get(program, f"'{program}: command not found' "
                                                                            "(exit 127)")))
    if program == "gunicorn":
        from preflight.project.commands import SimpleCommand

        worker = SimpleCommand(argv).option("-k", "--worker-class") or ""
        for prefix, dists in WORKER_CLASSES.items():
            if worker == prefix or worker.startswith(prefix + "."):
                out.append((f"gunicorn with worker class {worker}", dists,
                            "ModuleNotFoundError as gunicorn loads the worker class"))
    if program in WRAPPERS:
        start = WRAPPERS[program]
        rest = argv[start:] if start is not None else _after_options(argv, 1)
        out.extend(command_distributions(rest, depth + 1))
    return out


def _not_on_linux(deps, dist: str) -> bool:
    """Declared, but with a marker no dyno matches (`waitress; sys_platform == "win32"`)."""
    dep = deps.main.get(_canon(dist))
    marker = getattr(dep, "marker", "")
    return bool(marker) and not any(marker_active(marker, env) for env in linux_environments())


def _provided(deps, dist: str) -> bool:
    if _not_on_linux(deps, dist):
        return False
    if deps.provides(dist):
        return True
    for provider in PROVIDED_BY.get(dist, ()):
        name, _, extra = provider.partition("[")
        extra = extra.rstrip("]")
        if name.endswith("*"):
            if any(k.startswith(name[:-1]) for k in deps.main):
                return True
            continue
        dep = deps.main.get(_canon(name))
        if dep is not None and (not extra or extra in {_canon(e) for e in dep.extras}):
            return True
    return False


def _declared_where(deps) -> str:
    return {"pip": "requirements.txt", "pipenv": "Pipfile [packages]", "poetry": "pyproject.toml (main group)",
            "uv": "pyproject.toml [project] dependencies"}.get(deps.manager or "", "the dependencies")


def _install_hint(deps, dist: str, dev) -> str:
    dist = INSTALL_AS.get(dist, dist)
    arg = f'"{dist}"' if "[" in dist else dist  # zsh globs unquoted brackets
    if deps.manager == "poetry":
        base = f"Run 'poetry add {arg}' (main group)" + (f" and 'poetry remove --group {dev.group} {dist}'"
                                                          if dev else "")
        return base + ", then commit pyproject.toml and poetry.lock."
    if deps.manager == "uv":
        base = f"Run 'uv add {arg}'" + (f" and 'uv remove --group {dev.group} {dist}'" if dev else "")
        return base + ", then commit pyproject.toml and uv.lock."
    if deps.manager == "pipenv":
        return f"Run 'pipenv install {arg}' (not --dev) and commit Pipfile and Pipfile.lock."
    return f"Add '{dist}' (pinned, e.g. {dist}==<version>) to requirements.txt."


def _container_installs(project, names) -> bool | None:
    """In container mode: True when the image installs one of ``names``; None when it cannot be told."""
    try:
        from preflight.project.runtime import dockerfile_path

        path = dockerfile_path(project)[0]
    except (ImportError, AttributeError, TypeError, ValueError):
        path = "Dockerfile"
    tf = project.text(path) if project.shipped(path) else None
    if tf is None:
        return None
    text = tf.text
    for m in re.finditer(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)", text, re.I | re.M):
        image = m.group(1).split("@", 1)[0].rsplit(":", 1)[0].lower()
        if image.rsplit("/", 1)[-1] not in ("python", "debian", "ubuntu", "alpine") and "$" not in image:
            stages = re.findall(r"\bAS\s+(\S+)", text, re.I)
            if image not in {s.lower() for s in stages}:
                return None  # another base image may well ship the server
    run_text = " ".join(re.findall(r"^\s*RUN\s+(.*(?:\\\n.*)*)", text, re.I | re.M)).lower()
    return any(re.search(rf"(^|[\s\"'=]){re.escape(n.lower())}([\s\"'=<>\[]|$)", run_text) for n in names)


@rule("PF311", "server-undeclared", "E",
      "A process runs a server or tool that is not a production dependency",
      fix="Add the server (gunicorn, uvicorn...) to the production dependencies.")
def server_undeclared(project):
    """
    ## What it does
    Reads every process command (the `Procfile`, or `heroku.yml` `run`/`release` in container mode)
    and maps the program it starts to its distribution: `gunicorn`, `uvicorn`, `hypercorn`,
    `daphne`, `waitress-serve` (waitress), `celery`, `streamlit`, `flask`, `alembic`, `granian`,
    `rq`, `dramatiq`, `fastapi run` (fastapi-cli, which only `fastapi[standard]` brings: plain
    `fastapi`'s script just asks for it), `python -m gunicorn`..., through wrappers such as
    `newrelic-admin run-program`, `ddtrace-run`, and the nginx and PgBouncer buildpacks'
    `bin/start-nginx` and `bin/start-pgbouncer`. It reports the program when its distribution is
    not a production dependency: missing altogether, or declared only in a development group
    (`[dependency-groups] dev`, `[tool.poetry.group.dev]`, `Pipfile [dev-packages]`,
    `requirements-dev.txt`), which the build does not install, or declared with an environment
    marker no dyno matches (`waitress; sys_platform == "win32"`). A distribution that comes with another one (`uvicorn` through
    `fastapi[standard]`, `flask` through a Flask extension) or that the lock file installs
    transitively counts as declared. In container mode a server the Dockerfile installs itself
    counts too.

    ## Why it breaks the deploy
    The build succeeds, then the process fails at start: `bash: gunicorn: command not found`
    (exit 127), and the router answers **H10 App crashed**.

    ## Example
    ```
    # Procfile
    web: gunicorn app:app
    # requirements.txt
    flask==3.1.2          <- no gunicorn
    ```

    ## How to fix
    Add it to the production dependencies (`gunicorn==23.0.0` in requirements.txt, `uv add
    gunicorn`, `poetry add gunicorn`), or move it out of the dev group.

    ## Source
    heroku-buildpack-python `lib/pip.sh`, `lib/pipenv.sh`, `lib/poetry.sh` (`--only main`),
    `lib/uv.sh` (`--no-default-groups`); Heroku Dev Center "Error codes" (H10);
    research/heroku.md E09, C05; heroku/cli#1932, realpython/flask-boilerplate#53.
    """
    deps = project.dependencies
    if not deps.sources and project.mode == "buildpack":
        return  # nothing declares anything: requirements-missing / lockfile-missing say so
    from preflight.project.commands import split

    reported = set()
    for path, line, name, command in _process_commands(project):
        for cmd in split(command):
            for program, dists, crash in command_distributions(cmd.argv):
                dist = dists[0]
                if (path, line, dist) in reported or any(_provided(deps, d) for d in dists):
                    continue
                dev = next((deps.dev[_canon(d)] for d in dists if _canon(d) in deps.dev), None)
                if project.mode == "container":
                    installs = _container_installs(project, dists + (program.split()[-1],))
                    if installs is None or installs or (dev is None and not deps.complete):
                        continue
                elif dev is None and not deps.complete:
                    continue  # something installs dependencies this model cannot see
                reported.add((path, line, dist))
                outcome = "the release phase fails and the new release is not deployed" if name == "release" \
                    else "the app crashes (H10)"
                marked = deps.main.get(_canon(dist)) if _not_on_linux(deps, dist) else None
                if marked is not None:
                    msg = (f"process '{name}' runs {program}, but {marked.name} ({marked.path}:{marked.line}) has the "
                           f"marker '{marked.marker}', which no dyno (Linux) matches, so the build skips it: it fails "
                           f"with {crash}, so {outcome}")
                    yield Violation(path, line, msg, hint=f"Remove the marker from {marked.name}, or start the process "
                                                          "with a server that is installed on Linux.",
                                    anchor=f"{name}:{dist}")
                    continue
                if dev is not None:
                    msg = (f"process '{name}' runs {program}, but {dev.name} is declared only in {dev.section} "
                           f"({dev.path}:{dev.line}), which the build does not install: it fails with {crash}, so "
                           f"{outcome}")
                else:
                    where = _declared_where(deps) if deps.sources else "any dependency file the image installs"
                    wanted = f"{dist} (from {INSTALL_AS[dist]})" if dist in INSTALL_AS else dist
                    msg = f"process '{name}' runs {program}, but {wanted} is not in {where}: it fails with {crash}, " \
                          f"so {outcome}"
                yield Violation(path, line, msg, hint=_install_hint(deps, dist, dev), anchor=f"{name}:{dist}")


# -- PF313 -----------------------------------------------------------------------------------------
@rule("PF313", "venv-committed", "E", "A virtualenv or .heroku/python committed to the repository",
      fix="Remove it from git (git rm -r --cached .venv), and add it to .gitignore.", modes=["buildpack"])
def venv_committed(project):
    """
    ## What it does
    Reports a virtual environment tracked by git: a `pyvenv.cfg` at the root or one folder down
    (`.venv/`, `venv/`, `env/`...), and a committed `.heroku/python/` (usually from unpacking a
    downloaded slug).

    ## Why it breaks the deploy
    The buildpack refuses both: "Existing '.venv/' directory found" (`checks::existing-venv-dir`,
    an error since v324, 2025-12-09) and "Existing '.heroku/python/' directory found"
    (`checks::existing-python-dir`, since v291). Any committed venv also ships your machine's
    interpreter and compiled packages (Windows or macOS binaries that cannot run on a dyno) and
    bloats the slug.

    ## Example
    ```
    .venv/pyvenv.cfg
    .venv/lib/python3.12/site-packages/...
    ```

    ## How to fix
    `git rm -r --cached .venv` (or `venv`, `.heroku`), add the folder to `.gitignore`, commit.

    ## Source
    heroku-buildpack-python `lib/checks.sh`; fixtures `venv_in_app_source`, `python_in_app_source`;
    research/heroku.md A12, A13.
    """
    heroku_python = None
    for path in project.files:
        parts = path.split("/")
        if parts[-1] == "pyvenv.cfg" and len(parts) <= 2:
            where = f"{parts[0]}/" if len(parts) == 2 else "the repository root"
            yield Violation(path, 0, f"{where} is a virtualenv committed to git: the buildpack refuses it "
                                     "(\"Existing '.venv/' directory found\") and it ships your machine's binaries",
                            hint=f"git rm -r --cached {parts[0] if len(parts) == 2 else 'pyvenv.cfg bin lib'} and "
                                 "add it to .gitignore.", anchor=path)
        elif heroku_python is None and path.startswith(".heroku/python/"):
            heroku_python = path
    if heroku_python:
        yield Violation(heroku_python, 0, ".heroku/python/ is committed (from an unpacked slug?): the buildpack stops "
                                          "with \"Existing '.heroku/python/' directory found\"",
                        hint="git rm -r --cached .heroku/python and add .heroku/ to .gitignore.", anchor=".heroku/python")


@rule("PF314", "project-not-installable", "E",
      "The package manager installs the project itself, and its package cannot be built",
      fix="If the app is not meant to be a package, tell the package manager not to install it (Poetry: "
          "package-mode = false; uv: [tool.uv] package = false; pip: delete '-e .'); otherwise point the "
          "build at the package folder.", modes=["buildpack"])
def project_not_installable(project):
    """
    ## What it does
    Finds a build that installs the repository itself as a package and cannot build it:
    - Poetry in package mode (the default: no `package-mode = false`) where no folder or module is
      named after the project (`name` lowercased, `-` and `.` read as `_`; at the root or under
      `src/`), or a `packages = [{include = ...}]` entry that names a folder that is not there;
    - a uv project with a `[build-system]` whose backend finds no package: uv_build wants
      `src/<name>/__init__.py` (or its `module-root`/`module-name`), hatchling a folder named after
      the project, setuptools refuses a flat layout with several top-level folders;
    - `-e .` or `.` in requirements.txt (or `{path = "."}` in the Pipfile) with neither `setup.py`
      nor `pyproject.toml`, or where setuptools' automatic discovery finds several top-level packages
      (every folder with an identifier name counts, `templates/` and `static/` included) or, with
      none, several top-level modules.

    ## Why it breaks the deploy
    The buildpack runs `poetry sync --only main`, `uv sync --locked --no-default-groups` or
    `pip install -r requirements.txt`, each of which builds and installs the root project, and the
    build stops: "No file/folder found for package backend" (an error since Poetry 2.0), "Expected a
    Python module at: src/shop/__init__.py", "Unable to determine which files to ship inside the
    wheel", "Multiple top-level packages discovered in a flat-layout: ['static', 'templates']",
    "does not appear to be a Python project: neither 'setup.py' nor 'pyproject.toml' found". A web
    app run by gunicorn from its folder usually never needed to be installed at all.

    ## Example
    ```toml
    [project]
    name = "backend"           # `poetry init` in a folder called backend; the code is in mysite/
    dependencies = ["django (>=5.2,<6.0)"]

    [build-system]
    requires = ["poetry-core>=2.0.0,<3.0.0"]
    build-backend = "poetry.core.masonry.api"
    ```

    ## How to fix
    An app that is not a package: `package-mode = false` under `[tool.poetry]`; `package = false`
    under `[tool.uv]` (or no `[build-system]`); delete `-e .` from requirements.txt. A real package:
    name its folder (`packages = [{include = "mysite"}]`, `[tool.uv.build-backend] module-name`,
    `[tool.hatch.build.targets.wheel] packages`, `[tool.setuptools] packages`) or move it to
    `src/<name>/`.

    ## Source
    heroku-buildpack-python `lib/poetry.sh` (`poetry sync --only main`), `lib/uv.sh` (`uv sync --locked
    --no-default-groups`), `lib/pip.sh`; research/heroku.md C04, C20; poetry-core
    `masonry/utils/module.py`; hatchling `builders/wheel.py`; setuptools `discovery.py` (checked with
    setuptools 84 and pip 26); preflight/project/rootproject.py for the model.
    """
    root = getattr(project.dependencies, "root", None)
    if root is None or not root.problem:
        return
    by = {"poetry": "poetry sync", "uv": "uv sync", "pip": "pip", "pipenv": "pipenv install"}[root.manager]
    installs = {"pip": f"'{_clip(_line_text(project, root.path, root.line))}' installs the project itself",
                "pipenv": "the Pipfile installs the project itself",
                "poetry": "Poetry installs the project itself (package mode is on)",
                "uv": f"uv installs the project itself ([build-system] uses {root.backend})"}[root.manager]
    yield Violation(root.problem_path, root.problem_line,
                    f"{installs} and cannot build it: {root.problem}, so '{by}' fails the build",
                    hint=root.hint, anchor=f"root:{root.manager}")


def _line_text(project, path: str, line: int) -> str:
    tf = project.text(path)
    return tf.line(line).strip() if tf is not None and 0 < line <= len(tf.lines) else path


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
