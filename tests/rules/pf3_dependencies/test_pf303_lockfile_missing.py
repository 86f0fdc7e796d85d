"""lockfile-missing: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf3_helpers import APP, LIBRARY, LIBRARY_PYPROJECT


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
