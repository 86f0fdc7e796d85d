"""Clean apps in the shape of the buildpack's passing fixtures: no PF3xx rule says anything above info."""
from __future__ import annotations

import pytest

from conftest import run_rules
from pf3_helpers import APP, PIPFILE_2026, POETRY_PEP621, POETRY_PEP621_HASH, UV_PYPROJECT, pipfile_lock, poetry_lock, uv_lock
from preflight.project import Project


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
        from preflight.project.lockfiles import pipfile_hashes

        digest = sorted(pipfile_hashes(Project(app({"Pipfile": files["Pipfile"]})).manifests.pipfile))[0]
        files["Pipfile.lock"] = pipfile_lock(digest, default=("six", "flask-cors", "flask"))
    result = run_rules(app(files, git=True), ["PF3"])
    assert not result.crashes
    assert [(f.name, f.path, f.line) for f in result.active if f.severity.value != "info"] == []
