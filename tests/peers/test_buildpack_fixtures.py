"""A peer suite: the scenarios of heroku-buildpack-python's own test apps (spec/fixtures, with the
verdicts of spec/hatchet; research/heroku.md section (c)), rebuilt here as small file sets (nothing is
copied). For each, preflight must give the buildpack's verdict without running a build: the same rule
fails the build (error) or warns (warning), at the file that causes it. Only the runtime and dependency
families and file-unreadable are selected, as the buildpack checks nothing else."""
import json

import pytest
from conftest import run_rules

from preflight.project.manifests import tomllib_module
from preflight.project.lockfiles import pipfile_hashes, poetry_hashes

SELECT = ["PF2", "PF3", "file-unreadable"]
REQS = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}
PIN = {".python-version": "3.13\n"}
UV_PYPROJECT = ('[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.13"\n'
                'dependencies = ["flask>=3"]\n')
UV_LOCK = ('version = 1\nrequires-python = ">=3.13"\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n'
           'source = { virtual = "." }\ndependencies = [\n    { name = "flask" },\n]\n\n[package.metadata]\n'
           'requires-dist = [{ name = "flask", specifier = ">=3" }]\n\n[[package]]\nname = "flask"\n'
           'version = "3.1.2"\nsource = { registry = "https://pypi.org/simple" }\n')
POETRY_PYPROJECT = ('[tool.poetry]\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = "^3.13"\n'
                    'flask = "^3.1"\n')
PIPFILE = '[packages]\nflask = "*"\n'


def poetry_lock(pyproject: str) -> str:
    """A poetry.lock in sync with ``pyproject`` (its content-hash as Poetry computes it)."""
    digest = sorted(poetry_hashes(tomllib_module().loads(pyproject)))[0]
    return ('[[package]]\nname = "flask"\nversion = "3.1.2"\ndescription = ""\noptional = false\n'
            'python-versions = ">=3.9"\nfiles = []\n\n[metadata]\nlock-version = "2.1"\n'
            f'python-versions = "^3.13"\ncontent-hash = "{digest}"\n')


def pipfile_lock(pipfile: str = PIPFILE, default=("flask",), **requires) -> str:
    """A Pipfile.lock locking ``default``, hashed from ``pipfile`` the way Pipenv hashes it."""
    digest = sorted(pipfile_hashes(tomllib_module().loads(pipfile)))[0]
    return json.dumps({"_meta": {"hash": {"sha256": digest}, "requires": requires, "sources": []},
                       "default": {name: {"version": "==1.0"} for name in default}, "develop": {}})


# (buildpack fixture name, files, expected {(rule, path, severity)} at warning or error level)
CASES = [
    ("no_python_project_files", {"README.md": "hi\n", ".env.example": "A=1\n", "docs/x.md": "x\n"}, set()),
    ("pyproject_toml_only", {"pyproject.toml": "", "src/app.py": ""},
     {("requirements-missing", "pyproject.toml", "error"), ("runtime-missing", ".", "warning")}),
    ("setup_py_only", {"setup.py": "", **PIN}, {("requirements-missing", "setup.py", "error")}),
    ("pipenv_no_lockfile", {"Pipfile": PIPFILE, **PIN},
     {("lockfile-missing", "Pipfile", "error")}),
    ("multiple_package_managers", {**REQS, **PIN, "Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(),
                                   "poetry.lock": poetry_lock(UV_PYPROJECT + POETRY_PYPROJECT), "uv.lock": UV_LOCK,
                                   "pyproject.toml": UV_PYPROJECT + POETRY_PYPROJECT, "setup.py": ""},
     {("package-manager-conflict", ".", "error")}),
    ("venv_in_app_source", {**REQS, **PIN, ".venv/pyvenv.cfg": "home = /usr/bin\n", ".venv/bin/python": ""},
     {("venv-committed", ".venv/pyvenv.cfg", "error")}),
    ("python_in_app_source", {**REQS, **PIN, ".heroku/python/bin/python": ""},
     {("venv-committed", ".heroku/python/bin/python", "error")}),
    ("python_version_unspecified", REQS, {("runtime-missing", ".", "warning")}),
    ("python_3.10", {**REQS, ".python-version": "# oldest\n3.10\n"}, {("runtime-unsupported", ".python-version", "warning")}),
    ("python_3.11", {**REQS, ".python-version": "# comment\n3.11\n"}, set()),
    ("python_3.12", {**REQS, ".python-version": "# comment\n3.12\n"}, set()),
    ("python_3.13", {**REQS, ".python-version": "# comment\n3.13\n"}, set()),
    ("python_3.14", {**REQS, ".python-version": "# comment\n3.14\n"}, set()),
    ("python_version_file_misspelled", {**REQS, ".python-version ": "3.13\n"},
     {("runtime-invalid", ".python-version ", "error")}),
    ("python_version_file_invalid_version", {**REQS, ".python-version": "# a\r\n\t\n3.12\u200b\n"},
     {("runtime-invalid", ".python-version", "error")}),
    ("python_version_file_unsupported_encoding", {**REQS, ".python-version": b"\xef\xbb\xbf3.13\r\n"},
     {("runtime-invalid", ".python-version", "error")}),
    ("python_version_file_no_version", {**REQS, ".python-version": ""},
     {("runtime-invalid", ".python-version", "error")}),
    ("python_version_file_multiple_versions", {**REQS, ".python-version": "3.12\n2.7\n"},
     {("runtime-invalid", ".python-version", "error")}),
    ("python_version_eol", {**REQS, ".python-version": "# comment\n\n   3.9   \n# another\n"},
     {("runtime-unsupported", ".python-version", "error")}),
    ("python_version_non_existent_major", {**REQS, ".python-version": "3.999\n"},
     {("runtime-unsupported", ".python-version", "error")}),
    ("python_version_non_existent_patch", {**REQS, ".python-version": "3.12.999\n"},
     {("runtime-unsupported", ".python-version", "error")}),
    ("python_version_outdated", {**REQS, ".python-version": "3.14.0\n"}, set()),  # advice only (info)
    ("runtime_txt_invalid_version", {**REQS, "runtime.txt": "# a comment\n\u200bpython-3.12.0\x1b\n"},
     {("runtime-invalid", "runtime.txt", "error"), ("runtime-txt-deprecated", "runtime.txt", "warning")}),
    ("runtime_txt_eol_version", {**REQS, "runtime.txt": "python-2.7.18\n"},
     {("runtime-unsupported", "runtime.txt", "error"), ("runtime-txt-deprecated", "runtime.txt", "warning")}),
    ("runtime_txt_and_python_version_file", {**REQS, "runtime.txt": "python-3.13\n", ".python-version": "3.9\n"},
     {("runtime-txt-deprecated", "runtime.txt", "warning"), ("runtime-mismatch", ".python-version", "warning")}),
    ("pip_oldest_python", {**REQS, "runtime.txt": "python-3.10.0\n"},
     {("runtime-txt-deprecated", "runtime.txt", "warning"), ("runtime-unsupported", "runtime.txt", "warning")}),
    ("pipenv_python_full_version", {"Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(python_full_version="3.10.0")},
     {("runtime-unsupported", "Pipfile.lock", "warning")}),
    ("pipenv_python_full_version_invalid", {"Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(python_full_version="3.9.*")},
     {("runtime-invalid", "Pipfile.lock", "error")}),
    ("pipenv_python_version_invalid", {"Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(python_version="^3.12")},
     {("runtime-invalid", "Pipfile.lock", "error")}),
    ("pipenv_python_version_eol", {"Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(python_version="3.8")},
     {("runtime-unsupported", "Pipfile.lock", "error")}),
    ("pipenv_lockfile_invalid_json", {"Pipfile": PIPFILE, **PIN,
                                      "Pipfile.lock": '{\n<<<<<<< HEAD\n"_meta": {}\n'},
     {("file-unreadable", "Pipfile.lock", "error")}),
    ("pipenv_lockfile_out_of_sync", {"Pipfile": '[packages]\nflask = "*"\nurllib3 = "*"\n', **PIN,
                                     "Pipfile.lock": pipfile_lock()},  # the lock hashes the old Pipfile
     {("lockfile-stale", "Pipfile", "error")}),
    ("poetry_lockfile_out_of_sync", {"pyproject.toml": POETRY_PYPROJECT + 'requests = "^2.32"\n',
                                     "poetry.lock": poetry_lock(POETRY_PYPROJECT), **PIN},
     {("lockfile-stale", "pyproject.toml", "error")}),
    ("uv_lockfile_out_of_sync", {"pyproject.toml": UV_PYPROJECT.replace('["flask>=3"]', '["flask>=3", "requests"]'),
                                 "uv.lock": UV_LOCK, **PIN},
     {("lockfile-stale", "pyproject.toml", "error")}),
    ("uv_mismatched_python_version", {"pyproject.toml": UV_PYPROJECT.replace('">=3.13"', '"==3.12.*"', 1),
                                      "uv.lock": UV_LOCK.replace('">=3.13"', '"==3.12.*"'), **PIN},
     {("runtime-mismatch", "pyproject.toml", "error")}),
    ("uv_no_python_version_file", {"pyproject.toml": UV_PYPROJECT, "uv.lock": UV_LOCK},
     {("runtime-missing", ".", "error")}),
    ("uv_runtime_txt", {"pyproject.toml": UV_PYPROJECT, "uv.lock": UV_LOCK, "runtime.txt": "python-3.13\n"},
     {("runtime-txt-deprecated", "runtime.txt", "error")}),
    ("pip_invalid_requirement", {"requirements.txt": "an-invalid-requirement!\n", **PIN},
     {("requirements-invalid", "requirements.txt", "error")}),
    ("pip_editable", {"requirements.txt": "-e ./packages/local_package\n", **PIN,
                      "packages/local_package/pyproject.toml": '[project]\nname = "local-package"\nversion = "0"\n'},
     set()),
    ("poetry_basic", {"pyproject.toml": POETRY_PYPROJECT, "poetry.lock": poetry_lock(POETRY_PYPROJECT), **PIN},
     set()),
    ("uv_basic", {"pyproject.toml": UV_PYPROJECT, "uv.lock": UV_LOCK, **PIN}, set()),
]


@pytest.mark.parametrize("name, files, expected", CASES, ids=[c[0] for c in CASES])
def test_buildpack_verdict(app, name, files, expected):
    root = app(files)
    result = run_rules(root, select=SELECT)
    assert not result.crashes, result.crashes
    got = {(f.name, f.path, f.severity.value) for f in result.active if f.severity.value in ("error", "warning")}
    assert got == expected
