"""PF3xx dependency rules: each fires at the exact place, and its look-alikes stay silent.

Fixtures follow the shape of the buildpack's own spec fixtures (several package managers, a Pipfile
without lock, out-of-sync locks, an invalid requirement, editable installs, hashes), written here.
"""
from __future__ import annotations

import json

import pytest

from conftest import findings, run_rules
from preflight.project import Project

APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def only(rows, name):
    return [r for r in rows if r[0] == name]


def messages(root, name):
    return [f.message for f in run_rules(root, [name]).active if f.name == name]


# -- requirements-missing ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["requirement.txt", "Requirements.txt", "requirements.txt.txt", "requirments.txt",
                                  "requirements", "requirements.text", "requirenments.txt"])
def test_missing_names_the_misspelt_file(check, name):
    assert check({**APP, name: "flask\n"}, "requirements-missing") == [("requirements-missing", name, 0)]


def test_missing_with_nothing(check):
    assert check(APP, "requirements-missing") == [("requirements-missing", ".", 0)]


def test_missing_setup_py_only(app):
    root = app({"setup.py": "", ".python-version": "3.13\n"})
    assert only(findings(root, ["requirements-missing"]), "requirements-missing") == \
        [("requirements-missing", "setup.py", 0)]
    assert "sunset" in messages(root, "requirements-missing")[0]


def test_missing_pyproject_only(check):
    files = {"pyproject.toml": "", "src/pkg/__init__.py": ""}
    assert check(files, "requirements-missing") == [("requirements-missing", "pyproject.toml", 0)]


def test_missing_in_subfolder_and_pip_tools_and_folder(check, tmp_path):
    assert check({"backend/app.py": "", "backend/requirements.txt": "flask\n"}, "requirements-missing") == \
        [("requirements-missing", "backend/requirements.txt", 0)]


def test_missing_pip_tools_input(check):
    assert check({**APP, "requirements.in": "flask\n"}, "requirements-missing") == \
        [("requirements-missing", "requirements.in", 0)]


def test_missing_requirements_folder(app):
    root = app({**APP, "requirements/base.txt": "flask\n", "requirements/production.txt": "-r base.txt\n"})
    assert findings(root, ["requirements-missing"]) == [("requirements-missing", "requirements/base.txt", 0)]
    [f] = run_rules(root, ["requirements-missing"]).active
    assert "-r requirements/production.txt" in f.hint


@pytest.mark.parametrize("files", [
    {**APP, "requirements.txt": ""},                       # an empty file is valid
    {**APP, "Pipfile": "[packages]\n"},                    # lockfile-missing instead
    {**APP, "pyproject.toml": "[tool.poetry]\nname = 'x'\n"},  # lockfile-missing instead
    {"README.md": "# docs only\n"},                        # not a Python project
    {**APP, "Dockerfile": "FROM python:3.13\n"},          # container mode: the Dockerfile installs
    {**APP, "requirements-dev.txt": "pytest\n", "requirements.txt": "flask\n"},
])
def test_missing_look_alikes(check, files):
    assert check(files, "requirements-missing") == []


def test_missing_is_quiet_when_the_file_is_only_ignored(check):
    # deploy-file-untracked reports that one; not both.
    files = {**APP, "requirements.txt": "flask\n", ".gitignore": "requirements.txt\n"}
    assert check(files, "requirements-missing", git=True) == []


# -- package-manager-conflict ----------------------------------------------------------------------
def test_conflict_lists_every_manager(app):
    root = app({**APP, "requirements.txt": "flask\n", "poetry.lock": "", "uv.lock": "", "Pipfile": "",
                "Pipfile.lock": "{}", "pyproject.toml": "", "setup.py": ""})
    assert findings(root, ["package-manager-conflict"]) == [("package-manager-conflict", ".", 0)]
    [msg] = messages(root, "package-manager-conflict")
    assert "Pipfile.lock (Pipenv), requirements.txt (pip), poetry.lock (Poetry), uv.lock (uv)" in msg
    assert "setup.py" not in msg


def test_conflict_export_hint(app):
    root = app({**APP, "requirements.txt": "flask\n", "poetry.lock": "", "pyproject.toml": "[tool.poetry]\n"})
    [f] = run_rules(root, ["package-manager-conflict"]).active
    assert "third-party" in f.hint


@pytest.mark.parametrize("files", [
    {**APP, "requirements.txt": "flask\n", "pyproject.toml": "[project]\nname='x'\n", "setup.py": ""},
    {**APP, "uv.lock": "version = 1\n", "pyproject.toml": "[project]\nname='x'\n"},
])
def test_package_manager_conflict_look_alikes(check, files):
    assert check(files, "package-manager-conflict") == []


# -- lockfile-missing --------------------------------------------------------------------------------
def test_pipfile_without_lock(check):
    assert check({**APP, "Pipfile": "[packages]\nflask = '*'\n"}, "lockfile-missing") == \
        [("lockfile-missing", "Pipfile", 0)]


def test_pipfile_without_lock_even_beside_requirements(check):
    # lib/package_manager.sh checks the Pipfile before counting package managers.
    files = {**APP, "Pipfile": "[packages]\n", "requirements.txt": "flask\n"}
    assert check(files, "lockfile-missing") == [("lockfile-missing", "Pipfile", 0)]


def test_poetry_project_without_lock(check):
    pyproject = "[project]\nname = 'x'\n\n[tool.poetry]\npackage-mode = false\n"
    assert check({**APP, "pyproject.toml": pyproject}, "lockfile-missing") == \
        [("lockfile-missing", "pyproject.toml", 4)]


def test_uv_project_without_lock(check):
    pyproject = "[project]\nname = 'x'\ndependencies = []\n\n[tool.uv]\npackage = false\n"
    assert check({**APP, "pyproject.toml": pyproject}, "lockfile-missing") == \
        [("lockfile-missing", "pyproject.toml", 5)]


@pytest.mark.parametrize("files", [
    {**APP, "Pipfile": "[packages]\n", "Pipfile.lock": "{}"},
    {**APP, "pyproject.toml": "[tool.poetry]\npackage-mode = false\n", "requirements.txt": "flask\n"},
    {**APP, "pyproject.toml": "[tool.uv]\n", "requirements.txt": "flask\n"},
    {**APP, "pyproject.toml": "[project]\nname = 'x'\n[dependency-groups]\ndev = ['pytest']\n",
     "requirements.txt": "flask\n"},
    {**APP, "pyproject.toml": "[tool.poetry]\n", "poetry.lock": ""},
])
def test_lockfile_missing_look_alikes(check, files):
    assert check(files, "lockfile-missing") == []


# -- lockfile-stale: Pipenv ---------------------------------------------------------------------------
# Hashes below were written by real Pipenv releases for exactly these Pipfiles (2026.10.3, which
# canonicalizes names, and 2023.12.1, which does not): the rule must agree with both.
PIPFILE_2026 = """[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
six = "*"
Flask_Cors = {version = ">=1.0", markers = "python_version >= '3.8'"}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"

[scripts]
serve = "python app.py"
"""
HASH_2026 = "4a3b0a975d5f224865142ff10b8acd5a9c6b2e4fbfda0baeb06444e222717ef8"
PIPFILE_2023 = """[packages]
Flask_Cors = "*"
six = {version = ">=1.16", markers = "python_version >= '3.8'"}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
"""
HASH_2023 = "374fbe68074c4bedc84698707b88f2e20bda8f6c7eb22d4113a4ee89151697ad"


def pipfile_lock(digest, default=("six", "flask-cors"), develop=("pytest",)):
    data = {"_meta": {"hash": {"sha256": digest}, "pipfile-spec": 6, "requires": {"python_version": "3.11"},
                      "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]},
            "default": {n: {"hashes": ["sha256:" + "0" * 64], "version": "==1.0"} for n in default},
            "develop": {n: {"hashes": ["sha256:" + "1" * 64], "version": "==8.0"} for n in develop}}
    return json.dumps(data, indent=4, sort_keys=True) + "\n"


@pytest.mark.parametrize("pipfile, digest", [(PIPFILE_2026, HASH_2026), (PIPFILE_2023, HASH_2023)])
def test_pipenv_lock_in_sync(check, pipfile, digest):
    files = {**APP, "Pipfile": pipfile, "Pipfile.lock": pipfile_lock(digest)}
    assert check(files, "lockfile-stale") == []


def test_pipenv_dependency_added_after_lock(check):
    pipfile = PIPFILE_2026.replace('six = "*"\n', 'six = "*"\nurllib3 = "*"\n')
    files = {**APP, "Pipfile": pipfile, "Pipfile.lock": pipfile_lock(HASH_2026)}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "Pipfile", 8)]


def test_pipenv_changed_version_is_stale_at_the_lock_hash(app):
    pipfile = PIPFILE_2026.replace('six = "*"', 'six = ">=1.17"')
    root = app({**APP, "Pipfile": pipfile, "Pipfile.lock": pipfile_lock(HASH_2026)})
    assert findings(root, ["lockfile-stale"]) == [("lockfile-stale", "Pipfile.lock", 4)]
    assert "--deploy" in messages(root, "lockfile-stale")[0]


# -- lockfile-stale: Poetry ---------------------------------------------------------------------------
# content-hash values computed by Poetry 2.5.1's Locker for these pyproject files.
POETRY_LEGACY = """[tool.poetry]
package-mode = false

[tool.poetry.dependencies]
python = "^3.12"
flask = "^3.1"

[tool.poetry.group.dev.dependencies]
pytest = "^8"
"""
POETRY_LEGACY_HASH = "ec6eb93b9016ceeae7cc0625fa92df6e2d147e83dc532356c295622fabf217d8"
POETRY_PEP621 = """[project]
name = "shop"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = ["flask>=3.1", "gunicorn>=23"]

[dependency-groups]
dev = ["pytest>=8"]

[tool.poetry]
package-mode = false
"""
POETRY_PEP621_HASH = "cae96142dcfcef30e480dc262c36065d1916cd960c0bd7aa9132fe7eca7c1ed5"


def poetry_lock(digest, names=("flask", "werkzeug", "pytest", "gunicorn")):
    body = "".join(f'[[package]]\nname = "{n}"\nversion = "1.0"\ndescription = ""\noptional = false\n'
                   f'python-versions = ">=3.9"\ngroups = ["main"]\nfiles = []\n\n' for n in names)
    return f'# generated by hand\n{body}[metadata]\nlock-version = "2.1"\npython-versions = "^3.12"\n' \
           f'content-hash = "{digest}"\n'


@pytest.mark.parametrize("pyproject, digest", [(POETRY_LEGACY, POETRY_LEGACY_HASH),
                                               (POETRY_PEP621, POETRY_PEP621_HASH)])
def test_poetry_lock_in_sync(check, pyproject, digest):
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": poetry_lock(digest)}
    assert check(files, "lockfile-stale") == []


def test_poetry_dependency_added_after_lock(check):
    pyproject = POETRY_LEGACY.replace('flask = "^3.1"\n', 'flask = "^3.1"\nhttpx = "^0.28"\n')
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": poetry_lock(POETRY_LEGACY_HASH)}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "pyproject.toml", 7)]


def test_poetry_pep621_dependency_added_after_lock(check):
    pyproject = POETRY_PEP621.replace('"gunicorn>=23"]', '"gunicorn>=23",\n    "redis>=5",\n]')
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": poetry_lock(POETRY_PEP621_HASH)}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "pyproject.toml", 6)]


def test_poetry_hash_only_mismatch(check):
    pyproject = POETRY_LEGACY.replace('flask = "^3.1"', 'flask = "^3.0"')
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": poetry_lock(POETRY_LEGACY_HASH)}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "poetry.lock", 41)]


# -- lockfile-stale: uv -------------------------------------------------------------------------------
UV_PYPROJECT = """[project]
name = "Shop_App"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = [
    "flask>=3.1",
    "gunicorn>=23; sys_platform != 'win32'",
]

[project.optional-dependencies]
cache = ["redis>=5"]

[dependency-groups]
dev = ["pytest>=8"]

[tool.uv]
package = false
"""


def uv_lock(requires_python=">=3.12", dist=(("flask", ">=3.1"), ("gunicorn", ">=23")), extras=(("redis", ">=5"),),
            dev=("pytest",), name="shop-app"):
    lines = ["version = 1", "revision = 3", f'requires-python = "{requires_python}"', "", "[[package]]",
             f'name = "{name}"', 'version = "0.1.0"', 'source = { virtual = "." }', "dependencies = ["]
    lines += [f'    {{ name = "{n}" }},' for n, _ in dist] + ["]", "", "[package.metadata]", "requires-dist = ["]
    lines += [f'    {{ name = "{n}", specifier = "{s}" }},' for n, s in dist]
    lines += [f'    {{ name = "{n}", marker = "extra == \'cache\'", specifier = "{s}" }},' for n, s in extras]
    lines += ["]", "", "[package.metadata.requires-dev]", "dev = [" + ", ".join(f'{{ name = "{n}" }}' for n in dev)
              + "]", ""]
    for n in ("flask", "gunicorn", "redis", "pytest", "werkzeug"):
        lines += ["[[package]]", f'name = "{n}"', 'version = "9.0"',
                  'source = { registry = "https://pypi.org/simple" }', ""]
    return "\n".join(lines)


def test_uv_lock_in_sync(check):
    files = {**APP, "pyproject.toml": UV_PYPROJECT, "uv.lock": uv_lock()}
    assert check(files, "lockfile-stale") == []


def test_uv_equivalent_requires_python_is_in_sync(check):
    files = {**APP, "pyproject.toml": UV_PYPROJECT.replace('">=3.12"', '"~=3.12"', 1),
             "uv.lock": uv_lock(requires_python=">=3.12, <4")}
    assert check(files, "lockfile-stale") == []


def test_uv_dependency_added_after_lock(check):
    files = {**APP, "pyproject.toml": UV_PYPROJECT.replace('    "flask>=3.1",\n', '    "flask>=3.1",\n    "httpx",\n'),
             "uv.lock": uv_lock()}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "pyproject.toml", 7)]


def test_uv_changed_specifier_and_requires_python(app):
    pyproject = UV_PYPROJECT.replace('"flask>=3.1"', '"flask>=3.2"').replace('">=3.12"', '">=3.13"', 1)
    root = app({**APP, "pyproject.toml": pyproject, "uv.lock": uv_lock()})
    assert findings(root, ["lockfile-stale"]) == [("lockfile-stale", "pyproject.toml", 4),
                                                  ("lockfile-stale", "pyproject.toml", 6)]
    assert any("uv.lock was made for 'flask>=3.1'" in m for m in messages(root, "lockfile-stale"))


def test_uv_removed_dependency_and_dev_group(check):
    pyproject = UV_PYPROJECT.replace('dev = ["pytest>=8"]', 'dev = ["pytest>=8", "ruff"]')
    files = {**APP, "pyproject.toml": pyproject,
             "uv.lock": uv_lock(dist=(("flask", ">=3.1"), ("gunicorn", ">=23"), ("six", "")))}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "pyproject.toml", 5),
                                              ("lockfile-stale", "pyproject.toml", 14)]


def test_uv_lock_for_another_project(check):
    files = {**APP, "pyproject.toml": UV_PYPROJECT, "uv.lock": uv_lock(name="old-name")}
    assert check(files, "lockfile-stale") == [("lockfile-stale", "pyproject.toml", 2)]


# -- requirements-invalid ---------------------------------------------------------------------------
def test_invalid_requirement_like_the_buildpack_fixture(app):
    root = app({**APP, "requirements.txt": "flask==3.1.2\nan-invalid-requirement!\n"})
    assert findings(root, ["requirements-invalid"]) == [("requirements-invalid", "requirements.txt", 2)]
    assert "an-invalid-requirement!" in messages(root, "requirements-invalid")[0]


def test_invalid_include_problems_point_at_the_including_line(check):
    files = {**APP, "requirements.txt": "-r base.txt\n-r missing.txt\n", "base.txt": "six\n-r requirements.txt\n"}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "base.txt", 2),
                                                    ("requirements-invalid", "requirements.txt", 2)]


def test_invalid_line_too_long(check):
    files = {**APP, "requirements.txt": "six\n" + "a" * 20_000 + "\n"}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 2)]


def test_hash_mode_needs_every_line_hashed_and_pinned(check):
    text = ("flask==3.1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n"
            "gunicorn==23.0.0\n"
            "six>=1 --hash=sha256:" + "b" * 64 + "\n"
            "-e .\n")
    files = {**APP, "requirements.txt": text, "setup.py": ""}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 3),
                                                    ("requirements-invalid", "requirements.txt", 4),
                                                    ("requirements-invalid", "requirements.txt", 5)]


def test_valid_file_with_every_feature_is_quiet(check):
    text = ("# production\n--index-url https://pypi.org/simple\n-c constraints.txt\n"
            "flask[async]==3.1.2 \\\n    ; python_version >= '3.9'  # web\n"
            "gunicorn==23.0.0\n"
            "-e git+https://github.com/org/lib.git@v1#egg=lib\n"
            "numpy==1.26.4; python_version < '3.13'\nnumpy==2.1.0; python_version >= '3.13'\n")
    files = {**APP, "requirements.txt": text, "constraints.txt": "werkzeug<4\n"}
    assert check(files, "requirements-invalid") == []


# -- requirements-pip-listed ------------------------------------------------------------------------
def test_pip_listed_like_the_example(check):
    files = {**APP, "requirements.txt": "Flask==0.12.1\npyTelegramBotAPI==3.6.6\npip==9.0.1\nsetuptools==28.8.0\n"
                                        "requests\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "requirements.txt", 3),
                                                       ("requirements-pip-listed", "requirements.txt", 4)]


def test_pip_listed_in_an_include_and_capped(check):
    files = {**APP, "requirements.txt": "-r base.txt\n", "base.txt": "six\nwheel<0.40\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "base.txt", 2)]


@pytest.mark.parametrize("text", ["setuptools\n", "setuptools>=70\n", "pip\n", "pipenv==2025.0.1\n",
                                  "wheel-filename==1.4\n"])
def test_pip_listed_look_alikes(check, text):
    assert check({**APP, "requirements.txt": text}, "requirements-pip-listed") == []


def test_pip_listed_is_buildpack_only(check):
    files = {**APP, "requirements.txt": "pip==24.0\n", "Dockerfile": "FROM python:3.13\n"}
    assert check(files, "requirements-pip-listed") == []


# -- requirements-conflict --------------------------------------------------------------------------
def test_conflict_across_an_include(app):
    root = app({**APP, "requirements.txt": "-r base.txt\nflask>=3\n", "base.txt": "flask==2.0\n"})
    assert findings(root, ["requirements-conflict"]) == [("requirements-conflict", "requirements.txt", 2)]
    assert "base.txt:1" in messages(root, "requirements-conflict")[0]


def test_conflict_with_a_constraint(check):
    files = {**APP, "requirements.txt": "-c constraints.txt\ndjango~=5.1\n", "constraints.txt": "django<5\n"}
    assert check(files, "requirements-conflict") == [("requirements-conflict", "requirements.txt", 2)]


@pytest.mark.parametrize("text", [
    "numpy==1.26.4; python_version < '3.13'\nnumpy==2.1.0; python_version >= '3.13'\n",
    "flask>=3\nflask<4\n",
    "flask==3.1.2\nFlask==3.1.2\n",
    "pywin32==306; sys_platform == 'win32'\npywin32==305; sys_platform == 'linux'\n",
])
def test_requirements_conflict_look_alikes(check, text):
    assert check({**APP, "requirements.txt": text}, "requirements-conflict") == []


# -- requirements-local-path ------------------------------------------------------------------------
def test_local_paths_from_other_machines(app):
    text = ("numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_170/work\n"
            "mylib @ file:///Users/me/code/mylib\n"
            "-e ../shared-lib\n"
            "./vendor/missing\n"
            "C:\\Users\\me\\wheels\\x-1.0-py3-none-any.whl\n"
            "pkg-resources==0.0.0\n"
            "tool @ https://example.com/tool-1.0.tar.gz\n"
            "six==1.16.0\n")
    root = app({**APP, "requirements.txt": text})
    assert findings(root, ["requirements-local-path"]) == [("requirements-local-path", "requirements.txt", n)
                                                           for n in range(1, 8)]
    msgs = messages(root, "requirements-local-path")
    assert "conda" in msgs[0] and "outside the repository" in msgs[2]


def test_env_reference_is_not_passed_to_pip(check):
    text = "--extra-index-url ${PIP_EXTRA_INDEX_URL}\ngit+https://${GITHUB_TOKEN}@github.com/org/x.git#egg=x\n"
    assert check({**APP, "requirements.txt": text}, "requirements-local-path") == \
        [("requirements-local-path", "requirements.txt", 2)]


@pytest.mark.parametrize("files", [
    {"requirements.txt": "-e .\n", "pyproject.toml": "[project]\nname = 'x'\n"},
    {"requirements.txt": "--editable ./libs/shared\n", "libs/shared/setup.py": ""},
    {"requirements.txt": "./dist/tool-1.0-py3-none-any.whl\n", "dist/tool-1.0-py3-none-any.whl": b"PK"},
    {"requirements.txt": "git+https://github.com/pallets/flask.git@3.1.2#egg=flask\n"},
    {"requirements.txt": "pkg-resources==0.0.1\n"},
])
def test_local_path_look_alikes(check, files):
    assert check({**APP, **files}, "requirements-local-path") == []


def test_local_path_not_committed(check):
    files = {**APP, "requirements.txt": "-e ./libs/shared\n", "libs/shared/setup.py": "", ".gitignore": "libs/\n"}
    assert check(files, "requirements-local-path", git=True) == [("requirements-local-path", "requirements.txt", 1)]


# -- requirements-platform-specific -----------------------------------------------------------------
def test_windows_only_in_requirements(check):
    files = {**APP, "requirements.txt": "flask\npywin32==306\nwindows-curses; python_version >= '3.8'\n"}
    assert check(files, "requirements-platform-specific") == [
        ("requirements-platform-specific", "requirements.txt", 2),
        ("requirements-platform-specific", "requirements.txt", 3)]


def test_windows_only_in_a_uv_project(check):
    pyproject = "[project]\nname = 'x'\ndependencies = [\n  'flask',\n  'pywinpty>=2',\n]\n"
    files = {**APP, "pyproject.toml": pyproject, "uv.lock": "version = 1\n"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "pyproject.toml", 5)]


@pytest.mark.parametrize("line", ['pywin32==306; sys_platform == "win32"', "pywin32; platform_system == 'Windows'",
                                  "pywin32-ctypes==0.2.3", "pyreadline3"])
def test_windows_only_look_alikes(check, line):
    assert check({**APP, "requirements.txt": line + "\n"}, "requirements-platform-specific") == []


# -- requirements-unpinned ----------------------------------------------------------------------------
def test_unpinned(check):
    text = "Flask==3.1.2\nrequests\ngunicorn>=23\n-c c.txt\nsix\ngit+https://github.com/org/x.git#egg=x\nsetuptools\n"
    files = {**APP, "requirements.txt": text, "c.txt": "six==1.16.0\n"}
    assert check(files, "requirements-unpinned") == [("requirements-unpinned", "requirements.txt", 2)]


# -- server-undeclared ----------------------------------------------------------------------------------
def test_gunicorn_not_declared(app):
    root = app({**APP, "Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\n"})
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1)]
    [f] = run_rules(root, ["server-undeclared"]).active
    assert "command not found" in f.message and "requirements.txt" in f.hint


def test_server_only_in_a_dev_group(app):
    pyproject = ("[project]\nname = 'shop'\ndependencies = ['fastapi']\n\n[dependency-groups]\n"
                 "dev = [\n  'pytest',\n  'uvicorn[standard]',\n]\n")
    root = app({**APP, "Procfile": "release: python -m alembic upgrade head\nweb: uvicorn app:app --port $PORT\n",
                "pyproject.toml": pyproject, "uv.lock": "version = 1\n"})
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1),
                                                     ("server-undeclared", "Procfile", 2)]
    msgs = messages(root, "server-undeclared")
    assert any("declared only in [dependency-groups] dev (pyproject.toml:8)" in m for m in msgs)


def test_server_through_wrappers_and_python_m(check):
    files = {**APP, "requirements.txt": "newrelic\nflask\n",
             "Procfile": "web: newrelic-admin run-program gunicorn app:app\nworker: python3 -m celery -A app worker\n"
                         "clock: ddtrace-run python clock.py\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2),
                                                 ("server-undeclared", "Procfile", 3)]


@pytest.mark.parametrize("requirements, procfile", [
    ("fastapi[standard]==0.115.0\n", "web: uvicorn app:app --host 0.0.0.0 --port $PORT"),
    ("uvicorn[standard]==0.30.0\n", "web: uvicorn app:app --host 0.0.0.0 --port $PORT"),
    ("Waitress==3.0\n", "web: waitress-serve --port=$PORT app:app"),
    ("flask-sqlalchemy\n", "release: flask db upgrade"),
    ("gunicorn\n", "web: bin/start && exec /usr/local/bin/gunicorn app:app"),
    ("flask\n", "web: python app.py"),
    ("-e .\n", "web: gunicorn app:app"),  # setup.py's install_requires are not read: stay quiet
])
def test_server_look_alikes(check, requirements, procfile):
    files = {**APP, "requirements.txt": requirements, "Procfile": procfile + "\n", "setup.py": ""}
    assert check(files, "server-undeclared") == []


def test_server_declared_through_the_project_itself(check):
    files = {**APP, "requirements.txt": "-e .\n", "Procfile": "web: gunicorn app:app\n",
             "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['gunicorn>=23']\n"}
    assert check(files, "server-undeclared") == []


def test_server_installed_transitively_by_the_lock(check):
    pyproject = "[tool.poetry]\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = '^3.12'\nquart = '*'\n"
    lock = poetry_lock("x", names=("quart", "hypercorn"))
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": lock, "Procfile": "web: hypercorn app:app\n"}
    assert check(files, "server-undeclared") == []
    files["Procfile"] = "web: gunicorn app:app\n"
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1)]


def test_server_undeclared_in_container_mode(check):
    base = {**APP, "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n",
            "requirements.txt": "flask\n"}
    dockerfile = "FROM python:3.13-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD gunicorn app:app\n"
    assert check({**base, "Dockerfile": dockerfile}, "server-undeclared") == [("server-undeclared", "heroku.yml", 5)]
    installs = dockerfile.replace("requirements.txt\n", "requirements.txt gunicorn==23.0.0\n")
    assert check({**base, "Dockerfile": installs}, "server-undeclared") == []
    other_base = dockerfile.replace("python:3.13-slim", "tiangolo/uvicorn-gunicorn:python3.11")
    assert check({**base, "Dockerfile": other_base}, "server-undeclared") == []


def test_server_quiet_without_any_dependency_file(check):
    assert check({**APP, "Procfile": "web: gunicorn app:app\n"}, "server-undeclared") == []


# -- venv-committed -------------------------------------------------------------------------------------
def test_venv_committed(check):
    files = {**APP, "requirements.txt": "flask\n", ".venv/pyvenv.cfg": "home = /usr/bin\n",
             ".venv/bin/python": "", "env/pyvenv.cfg": "home = C:\\Python312\n", ".heroku/python/bin/python": ""}
    assert check(files, "venv-committed", git=True) == [("venv-committed", ".heroku/python/bin/python", 0),
                                                        ("venv-committed", ".venv/pyvenv.cfg", 0),
                                                        ("venv-committed", "env/pyvenv.cfg", 0)]


@pytest.mark.parametrize("files", [
    {".venv/pyvenv.cfg": "home = /usr/bin\n", ".gitignore": ".venv/\n"},
    {"docs/examples/venv/pyvenv.cfg": "home = /usr/bin\n"},
    {"config/pyvenv.cfg.example": ""},
])
def test_venv_look_alikes(check, files):
    assert check({**APP, "requirements.txt": "flask\n", **files}, "venv-committed", git=True) == []


# -- the model other rules read -------------------------------------------------------------------------
def test_model_manager_main_and_dev(app):
    root = app({**APP, "requirements.txt": "-r base.txt\nFlask_SQLAlchemy==3.1\n", "base.txt": "gunicorn\n",
                "requirements-dev.txt": "pytest\ngunicorn\n"})
    deps = Project(root).dependencies
    assert deps.manager == "pip"
    assert sorted(deps.main) == ["flask-sqlalchemy", "gunicorn"] and sorted(deps.dev) == ["pytest"]
    d = deps.main["flask-sqlalchemy"]
    assert (d.name, d.path, d.line, d.specifier) == ("Flask_SQLAlchemy", "requirements.txt", 2, "==3.1")
    assert deps.declares("flask_sqlalchemy") and not deps.declares("pytest")


def test_model_poetry_groups_and_extras(app):
    pyproject = ("[tool.poetry.dependencies]\npython = '^3.12'\nDjango = {version = '^5.1', extras = ['argon2']}\n"
                 "boto3 = {version = '*', optional = true}\n\n[tool.poetry.group.test.dependencies]\npytest = '*'\n")
    root = app({**APP, "pyproject.toml": pyproject, "poetry.lock": ""})
    deps = Project(root).dependencies
    assert deps.manager == "poetry"
    assert list(deps.main) == ["django"] and list(deps.dev) == ["pytest"] and list(deps.optional) == ["boto3"]
    assert (deps.main["django"].line, deps.main["django"].extras) == (3, ("argon2",))
    assert deps.dev["pytest"].section == "[tool.poetry.group.test.dependencies]"


def test_model_pipenv_and_web_app(app):
    root = app({**APP, "Pipfile": "[packages]\nflask = '*'\n\n[dev-packages]\npytest = '*'\n"})
    project = Project(root)
    assert project.dependencies.manager == "pipenv"
    assert list(project.dependencies.main) == ["flask"] and project.is_web_app


def test_gunicorn_worker_class_needs_its_distribution(check):
    files = {**APP, "requirements.txt": "gunicorn\nfastapi\n",
             "Procfile": "web: gunicorn -k uvicorn.workers.UvicornWorker main:app\n"
                         "worker: gunicorn --worker-class=gevent app:app\n"
                         "other: gunicorn -k gthread app:app\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2)]


@pytest.mark.parametrize("pipfile", [
    "[packages]\npywin32 = {version = '*', sys_platform = \"== 'win32'\"}\n",
    "[packages]\npywin32 = {version = '*', markers = \"platform_system == 'Windows'\"}\n",
])
def test_windows_only_in_pipfile_with_markers(check, pipfile):
    files = {**APP, "Pipfile": pipfile, "Pipfile.lock": "{}"}
    assert check(files, "requirements-platform-specific") == []


def test_windows_only_in_pipfile(check):
    files = {**APP, "Pipfile": "[packages]\nflask = '*'\npywin32 = '*'\n", "Pipfile.lock": "{}"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "Pipfile", 3)]


def test_windows_only_in_poetry(check):
    pyproject = ("[tool.poetry.dependencies]\npython = '^3.12'\npywin32 = {version = '*', platform = 'win32'}\n"
                 "wmi = '*'\n")
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": ""}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "pyproject.toml", 4)]


def test_missing_is_quiet_for_another_language(check):
    files = {"package.json": "{}\n", "scripts/seed.py": "print(1)\n", "index.js": ""}
    assert check(files, "requirements-missing") == []


def test_placeholder_index_url(check):
    text = "--extra-index-url https://<your-token>@pypi.example.com/simple\n--index-url https://pypi.org/simple\nsix==1\n"
    assert check({**APP, "requirements.txt": text}, "requirements-local-path") == \
        [("requirements-local-path", "requirements.txt", 1)]


# -- clean apps in the shape of the buildpack's passing fixtures: nothing at warning or error ------------
CLEAN_APPS = {
    "pip_editable": {**APP, "Procfile": "web: gunicorn app:app\n",
                     "requirements.txt": "--editable ./packages/local_lib\n"
                                         "-e git+https://github.com/pallets/markupsafe.git@3.0.2#egg=markupsafe\n"
                                         "gunicorn==23.0.0\nflask==3.1.2\n",
                     "packages/local_lib/pyproject.toml": "[project]\nname = 'local-lib'\nversion = '1'\n"},
    "pip_hashes": {**APP, "Procfile": "web: gunicorn app:app\n",
                   "requirements.txt": "flask==3.1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n"
                                       "gunicorn==23.0.0 \\\n    --hash=sha256:" + "b" * 64 + " \\\n"
                                       "    --hash=sha256:" + "c" * 64 + "\n"},
    "uv_in_sync": {**APP, "Procfile": "web: gunicorn app:app\n", "pyproject.toml": UV_PYPROJECT,
                   "uv.lock": uv_lock()},
    "poetry_in_sync": {**APP, "Procfile": "web: gunicorn app:app\n", "pyproject.toml": POETRY_PEP621,
                       "poetry.lock": poetry_lock(POETRY_PEP621_HASH)},
    "pipenv_in_sync": {**APP, "Procfile": "web: python -m flask run --port $PORT\n",
                       "Pipfile": PIPFILE_2026.replace('six = "*"', 'six = "*"\nflask = "*"'),
                       "Pipfile.lock": pipfile_lock("0" * 64, default=("six", "flask-cors", "flask"))},
}


@pytest.mark.parametrize("name", sorted(CLEAN_APPS))
def test_clean_apps_have_no_dependency_problems(app, name):
    files = dict(CLEAN_APPS[name])
    if name == "pipenv_in_sync":  # lock it the way Pipenv would: the hash of this Pipfile
        from preflight.rules.dependencies import pipfile_hashes

        digest = sorted(pipfile_hashes(Project(app({"Pipfile": files["Pipfile"]})).manifests.pipfile))[0]
        files["Pipfile.lock"] = pipfile_lock(digest, default=("six", "flask-cors", "flask"))
    result = run_rules(app(files, git=True), ["PF3"])
    assert not result.crashes
    assert [(f.name, f.path, f.line) for f in result.active if f.severity.value != "info"] == []


def test_server_quiet_when_an_include_cannot_be_read(check):
    files = {**APP, "requirements.txt": "flask\n-r requirements/prod.txt\n", "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "server-undeclared") == []


# -- review: realistic repositories -----------------------------------------------------------------
LIBRARY_PYPROJECT = ('[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n'
                     '[project]\nname = "tinyparse"\nversion = "1.4.2"\nrequires-python = ">=3.9"\n'
                     'dependencies = ["typing-extensions>=4.7"]\n\n[project.optional-dependencies]\n'
                     'dev = ["pytest>=8"]\n')
LIBRARY = {"pyproject.toml": LIBRARY_PYPROJECT, "src/tinyparse/__init__.py": "X = 1\n",
           "tests/test_x.py": "from tinyparse import X\n", "README.md": "# tinyparse\n", "tox.ini": "[tox]\n"}


def test_published_library_needs_no_package_manager_file(check):
    assert check(LIBRARY, "requirements-missing") == []


def test_published_setup_py_library_needs_no_package_manager_file(check):
    setup_py = {"setup.py": "from setuptools import setup\nsetup(name='tinyparse', packages=['tinyparse'])\n",
                "tinyparse/__init__.py": "", "README.md": "x\n"}
    assert check(setup_py, "requirements-missing") == []


@pytest.mark.parametrize("extra", [{"Procfile": "worker: python -m tinyparse\n"}, {"main.py": "import tinyparse\n"},
                                   {"app.json": "{}\n"}])
def test_library_shaped_repo_with_deploy_files_still_needs_one(check, extra):
    # The same pyproject with a Procfile, a root entry module or app.json is an app that will be pushed.
    assert check({**LIBRARY, **extra}, "requirements-missing") == [("requirements-missing", "pyproject.toml", 0)]


def test_poetry_or_uv_library_without_lock_is_not_an_app(check):
    poetry = ('[tool.poetry]\nname = "tinyparse"\nversion = "1.0"\ndescription = ""\nauthors = []\n\n'
              '[tool.poetry.dependencies]\npython = "^3.9"\n\n[build-system]\nrequires = ["poetry-core"]\n'
              'build-backend = "poetry.core.masonry.api"\n')
    assert check({**LIBRARY, "pyproject.toml": poetry}, "lockfile-missing") == []
    uv = LIBRARY_PYPROJECT.replace('"setuptools>=68"', '"uv_build>=0.8"').replace('setuptools.build_meta', 'uv_build')
    assert check({**LIBRARY, "pyproject.toml": uv}, "lockfile-missing") == []
    # package-mode = false: Poetry's way of saying "an application, not a package".
    app_mode = poetry.replace('name = "tinyparse"', 'package-mode = false\nname = "tinyparse"')
    assert check({**LIBRARY, "pyproject.toml": app_mode}, "lockfile-missing") == \
        [("lockfile-missing", "pyproject.toml", 1)]


def test_server_through_the_nginx_and_pgbouncer_buildpack_wrappers(check):
    files = {**APP, "requirements.txt": "flask==3.1.2\n",
             "Procfile": "web: bin/start-nginx newrelic-admin run-program gunicorn -c config/gunicorn.conf.py app:app\n"
                         "worker: bin/start-pgbouncer celery -A app worker\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2)]
    declared = {**files, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\nnewrelic==10.3.0\ncelery==5.4.0\n"}
    assert check(declared, "server-undeclared") == []


def test_server_not_called_dev_only_when_the_production_file_cannot_be_read(check):
    # requirements.txt includes a file that does not exist (requirements-invalid says so): nothing shows
    # what production installs, so "declared only in requirements/dev.txt" cannot be claimed.
    files = {**APP, "requirements.txt": "-r requirements/production.txt\n",
             "requirements/prod.txt": "-r base.txt\ngunicorn==23.0.0\n",
             "requirements/base.txt": "flask==3.1.2\ncelery==5.4.0\n",
             "requirements/dev.txt": "-r base.txt\npytest==8.3.0\n",
             "Procfile": "web: gunicorn app:app\nworker: celery -A app worker\n"}
    assert check(files, "server-undeclared") == []
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 1)]


def test_model_keeps_dev_when_production_is_fully_known(app):
    root = app({**APP, "requirements.txt": "flask==3.1.2\n", "requirements-dev.txt": "pytest==8.3.0\n"})
    deps = Project(root).dependencies
    assert set(deps.dev) == {"pytest"} and deps.complete
    root = app({**APP, "requirements.txt": "-r missing.txt\nflask==3.1.2\n", "requirements-dev.txt": "pytest==8\n"})
    deps = Project(root).dependencies
    assert not deps.complete and deps.dev == {}


def test_local_path_names_anaconda_build_folders(app):
    # `pip freeze` in an Anaconda environment on Linux (old /tmp/build/<hash>) and on Windows (C:/ci, C:/b/abs_).
    text = ("charset-normalizer @ file:///tmp/build/80754af9/charset-normalizer_1630003229654/work\n"
            "PySocks @ file:///C:/ci/pysocks_1605287845585/work\n"
            "numpy @ file:///C:/b/abs_c1ywpu18ar/croot/numpy_1708638681471/work/dist/numpy-1.26.4.whl\n"
            "mylib @ file:///C:/Users/me/code/mylib\n"
            "flask==3.1.2\n")
    root = app({**APP, "requirements.txt": text})
    assert findings(root, ["requirements-local-path"]) == [("requirements-local-path", "requirements.txt", n)
                                                           for n in range(1, 5)]
    msgs = messages(root, "requirements-local-path")
    assert all("conda" in m for m in msgs[:3]), msgs
    assert "Windows path" in msgs[3]


def test_windows_only_from_a_windows_freeze_of_a_twisted_app(check):
    # `pip freeze` on Windows of a Channels/Scrapy app: Twisted's Windows-only helper loses its marker.
    text = ("channels==4.1.0\ndaphne==4.1.2\nTwisted==24.7.0\ntwisted-iocpsupport==1.0.4\ncolorama==0.4.6\n"
            "msvc-runtime==14.40.33807\n")
    assert check({**APP, "requirements.txt": text}, "requirements-platform-specific") == [
        ("requirements-platform-specific", "requirements.txt", 4),
        ("requirements-platform-specific", "requirements.txt", 6)]
    marked = text.replace("twisted-iocpsupport==1.0.4", "twisted-iocpsupport==1.0.4; platform_system == 'Windows'")
    marked = marked.replace("msvc-runtime==14.40.33807\n", "")
    assert check({**APP, "requirements.txt": marked}, "requirements-platform-specific") == []


def test_fastapi_command_needs_the_standard_extra(app):
    # Plain `fastapi` ships a `fastapi` script that only says 'please install "fastapi[standard]"'.
    files = {"main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
             "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n",
             "Procfile": "web: fastapi run main.py --port $PORT\n"}
    root = app(files)
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1)]
    [f] = run_rules(root, ["server-undeclared"]).active
    assert 'fastapi[standard]' in f.message and "fastapi[standard]" in f.hint


@pytest.mark.parametrize("requirements", ["fastapi[standard]==0.115.0\n", "fastapi==0.115.0\nfastapi-cli==0.0.5\n"])
def test_fastapi_command_look_alikes(check, requirements):
    files = {"main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "requirements.txt": requirements,
             "Procfile": "web: fastapi run main.py --port $PORT\n"}
    assert check(files, "server-undeclared") == []


def test_a_pyproject_marker_packaging_cannot_tokenize_does_not_crash(app):
    # TOML turns \\r into a carriage return inside the marker's quoted value.
    pyproject = ('[project]\nname = "x"\nversion = "1"\n'
                 'dependencies = ["flask; os_name == \'po\\rsix\'", "gunicorn"]\n')
    root = app({**APP, "pyproject.toml": pyproject, "uv.lock": "version = 1\n", "Procfile": "web: gunicorn app:app\n"})
    result = run_rules(root, ["PF3", "procfile-no-web"])
    assert not result.crashes, result.crashes
    assert set(Project(root).dependencies.main) == {"gunicorn"}


NODE_APP = {"package.json": '{"name": "web", "scripts": {"start": "node index.js"}}\n', "index.js": "",
            "scripts/requirements.txt": "requests==2.32.3\n", "scripts/gen_fixtures.py": "import requests\n"}


def test_missing_is_quiet_for_a_node_app_with_python_helper_scripts(check):
    assert check({**NODE_APP, "Procfile": "web: node index.js\n"}, "requirements-missing") == []


def test_missing_is_quiet_for_a_node_app_without_procfile(check):
    assert check(NODE_APP, "requirements-missing") == []


def test_missing_fires_when_the_procfile_runs_python_beside_package_json(check):
    # package.json for the front end, but the process is a Python server: the requirements are misplaced.
    files = {**NODE_APP, "Procfile": "web: gunicorn --chdir scripts app:app\n"}
    assert check(files, "requirements-missing") == [("requirements-missing", "scripts/requirements.txt", 0)]


def test_missing_does_not_blame_the_read_the_docs_requirements(app):
    # docs/requirements.txt is Read the Docs' file, not the app's: the real reason is the pyproject alone.
    files = {"pyproject.toml": "[project]\nname = 'shop'\ndependencies = ['flask']\n", "app.py": "",
             "docs/requirements.txt": "sphinx\n", "Procfile": "web: gunicorn app:app\n"}
    assert only(findings(app(files), ["requirements-missing"]), "requirements-missing") == \
        [("requirements-missing", "pyproject.toml", 0)]


def test_hashes_for_every_wheel_are_a_valid_line(check):
    # `uv pip compile --universal --generate-hashes` lists ~150 hashes for markupsafe on one logical line.
    hashes = "".join(f" \\\n    --hash=sha256:{i:064x}" for i in range(160))
    text = ("flask==3.1.3 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via -r requirements.in\n"
            "markupsafe==3.0.4" + hashes + "\n    # via jinja2\n")
    assert check({**APP, "requirements.txt": text}, "requirements-invalid") == []


def test_server_declared_only_for_windows_is_not_installed(check):
    # The common cross-platform pair: waitress on the Windows laptop, gunicorn on Linux.
    reqs = 'flask==3.1.2\nwaitress==3.0.0; sys_platform == "win32"\ngunicorn==23.0.0; sys_platform != "win32"\n'
    files = {**APP, "requirements.txt": reqs, "Procfile": "web: waitress-serve --port=$PORT app:app\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1)]


def test_server_declared_for_linux_with_a_marker(check):
    reqs = 'flask==3.1.2\nwaitress==3.0.0; sys_platform == "win32"\ngunicorn==23.0.0; sys_platform != "win32"\n'
    files = {**APP, "requirements.txt": reqs, "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "server-undeclared") == []


# -- project-not-installable --------------------------------------------------------------------------
from installed_layouts import INSTALLED_LAYOUTS, POETRY_LOCK, UV_HATCHLING, UV_PACKAGE, uv_package_lock  # noqa: E402

NOT_INSTALLABLE = "project-not-installable"
DJANGO_TREE = {"manage.py": "import os\n", "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n",
               "mysite/wsgi.py": "application = None\n", "Procfile": "web: gunicorn mysite.wsgi\n"}
# `poetry init` in a folder named backend, for a Django project: package mode is on by default
POETRY_BACKEND = """[project]
name = "backend"
version = "0.1.0"
description = ""
requires-python = ">=3.12"
dependencies = [
    "django (>=5.2,<6.0)",
    "gunicorn (>=23.0.0,<24.0.0)"
]


[build-system]
requires = ["poetry-core>=2.0.0,<3.0.0"]
build-backend = "poetry.core.masonry.api"
"""
FLASK_FLAT = {"app.py": "from flask import Flask\napp = Flask(__name__)\n", "templates/index.html": "<h1>hi</h1>\n",
              "static/style.css": "h1 {}\n", "Procfile": "web: gunicorn app:app\n"}
SETUPTOOLS_PROJECT = ('[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = ["flask>=3.1", "gunicorn>=23"]\n\n'
                      '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n')


@pytest.mark.parametrize("files, path, line, says", [
    # Poetry installs the root package, and there is no backend/ or src/backend/
    ({**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND, "poetry.lock": POETRY_LOCK}, "pyproject.toml", 2,
     "No file/folder found for package backend"),
    # the include names a folder that is not there (the code moved out of src/)
    ({**INSTALLED_LAYOUTS["poetry-new"], "src/poetryapp/__init__.py": None, "src/poetryapp/web.py": None,
      "poetryapp/__init__.py": "", "poetryapp/web.py": "app = 1\n"}, "pyproject.toml", 16,
     "src/poetryapp does not contain any element"),
    # uv_build wants src/<name>/__init__.py
    ({**INSTALLED_LAYOUTS["uv-init-package"], "src/uvapp/__init__.py": None, "main.py": "app = 1\n",
      "Procfile": "web: gunicorn main:app\n"}, "pyproject.toml", 20,
     "Expected a Python module at: src/uvapp/__init__.py"),
    # hatchling finds no folder named after the project
    ({**INSTALLED_LAYOUTS["uv-hatchling"], "src/uvapp/__init__.py": None, "src/uvapp/py.typed": None,
      "src/app/__init__.py": "app = 1\n", "Procfile": "web: gunicorn app:app\n"}, "pyproject.toml", 20,
     "Unable to determine which files to ship inside the wheel"),
    # -e . where there is nothing to build
    ({**FLASK_FLAT, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n-e .\n"}, "requirements.txt", 3,
     "neither 'setup.py' nor 'pyproject.toml' found"),
    ({**FLASK_FLAT, "Pipfile": '[packages]\nflask = "*"\nshop = {path = ".", editable = true}\n',
      "Pipfile.lock": "{}"}, "Pipfile", 3, "neither 'setup.py' nor 'pyproject.toml' found"),
    # setuptools' flat-layout discovery: templates/ and static/ are two top-level packages to it
    ({**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT}, "requirements.txt", 1,
     "several top-level packages ('static', 'templates')"),
    ({"app.py": "app = 1\n", "config.py": "X = 1\n", "Procfile": "web: gunicorn app:app\n",
      "requirements.txt": ".\n", "setup.py": "from setuptools import setup\n\nsetup(name='shop')\n"},
     "requirements.txt", 1, "several top-level modules ('app', 'config')"),
    ({**FLASK_FLAT, "pyproject.toml": SETUPTOOLS_PROJECT.replace('"gunicorn>=23"]', '"gunicorn>=23"]\n\n[tool.uv]\n'
                                                                 'dev-dependencies = []'),
      "uv.lock": uv_package_lock("shop")}, "pyproject.toml", 11, "Multiple top-level packages discovered"),
])
def test_project_not_installable(app, files, path, line, says):
    root = app({k: v for k, v in files.items() if v is not None})
    found = [f for f in run_rules(root, [NOT_INSTALLABLE]).active]
    assert [(f.name, f.path, f.line) for f in found] == [(NOT_INSTALLABLE, path, line)]
    assert says in found[0].message, found[0].message
    assert found[0].hint and "If the app is not meant to be a package" in found[0].hint


@pytest.mark.parametrize("files", [
    # package-mode = false: Poetry installs only the dependencies
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND.replace("[build-system]", "[tool.poetry]\npackage-mode = false\n\n"
                                                                               "[build-system]"),
     "poetry.lock": POETRY_LOCK},
    # the package is there: flat, or named by packages
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND, "poetry.lock": POETRY_LOCK, "backend/__init__.py": ""},
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND.replace('name = "backend"', 'name = "MySite"'),
     "poetry.lock": POETRY_LOCK},
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND + '\n[tool.poetry]\npackages = [{include = "mysite"}]\n',
     "poetry.lock": POETRY_LOCK},
    # uv without a build system, or told not to package
    {**FLASK_FLAT, "pyproject.toml": UV_PACKAGE.split("[project.scripts]")[0],
     "uv.lock": uv_package_lock(source='{ virtual = "." }')},
    {**FLASK_FLAT, "pyproject.toml": UV_PACKAGE + "\n[tool.uv]\npackage = false\n", "uv.lock": uv_package_lock()},
    # hatchling told where the code is
    {**FLASK_FLAT, "pyproject.toml": UV_HATCHLING + '\n[tool.hatch.build.targets.wheel]\npackages = ["app.py"]\n',
     "uv.lock": uv_package_lock()},
    # setuptools: one top-level package (templates inside it), an explicit list, a src layout
    {"shop/__init__.py": "app = 1\n", "shop/templates/index.html": "", "requirements.txt": "-e .\n",
     "pyproject.toml": SETUPTOOLS_PROJECT, "Procfile": "web: gunicorn shop:app\n"},
    {**FLASK_FLAT, "requirements.txt": "-e .\n",
     "pyproject.toml": SETUPTOOLS_PROJECT + '\n[tool.setuptools]\npy-modules = ["app"]\n'},
    {**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT, "src/shop/__init__.py": ""},
    # docs/, tests/, scripts/ and hidden folders are not packages to setuptools
    {"app.py": "app = 1\n", "docs/index.md": "", "tests/test_app.py": "", "scripts/x.sh": "", ".github/ci.yml": "",
     "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT, "Procfile": "web: gunicorn app:app\n"},
    # the installed layouts as the tools make them
    *INSTALLED_LAYOUTS.values(),
    # a container installs what its Dockerfile says
    {**FLASK_FLAT, "Procfile": None, "requirements.txt": "-e .\n", "Dockerfile": "FROM python:3.12\nCOPY . .\n"
                                                                                 "CMD gunicorn app:app\n"},
])
def test_project_installable_look_alikes(check, files):
    assert check({k: v for k, v in files.items() if v is not None}, NOT_INSTALLABLE) == []


def test_editable_root_without_a_project_is_reported_once(app):
    """`-e .` with nothing to build belongs to project-not-installable, not requirements-local-path."""
    root = app({**APP, "requirements.txt": "-e .\n"})
    assert findings(root, [NOT_INSTALLABLE, "requirements-local-path"]) == [(NOT_INSTALLABLE, "requirements.txt", 1)]


def test_project_not_installable_is_quiet_when_pyproject_does_not_parse(check):
    files = {**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": "[project\nname = 'shop'\n"}
    assert check(files, NOT_INSTALLABLE) == []
