"""lockfile-stale: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings
from pf3_helpers import APP, PIPFILE_2026, POETRY_PEP621, POETRY_PEP621_HASH, UV_PYPROJECT, messages, pipfile_lock, poetry_lock, uv_lock


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
