"""PF813 package-manager-unsupported-on-platform: a Pipenv-only or uv-only project where the build lacks it."""
from __future__ import annotations

from conftest import where

from pf8_helpers import on

RULE = "package-manager-unsupported-on-platform"
WEB = {"Procfile": "web: gunicorn app:app\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
PIPENV = {**WEB, "Pipfile": '[packages]\nflask = "==3.1.2"\ngunicorn = "==23.0.0"\n\n[requires]\npython_version = '
                            '"3.12"\n'}
UV = {**WEB, "pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.12"\n'
                               'dependencies = ["flask==3.1.2", "gunicorn==23.0.0"]\n',
      "uv.lock": "version = 1\n", ".python-version": "3.12\n"}


def test_pipenv_only_on_cloud_run_is_an_error(app):
    [f] = on(app, PIPENV, RULE, "cloud-run")
    assert where([f]) == [(RULE, "Pipfile", 0)] and f.severity.value == "error"
    assert "pipenv requirements > requirements.txt" in f.hint


def test_uv_only_on_koyeb_is_a_warning(app):
    [f] = on(app, UV, RULE, "koyeb")
    assert where([f]) == [(RULE, "uv.lock", 0)] and f.severity.value == "warning"


def test_silent_where_the_manager_runs_or_a_requirements_txt_exists(app):
    assert on(app, PIPENV, RULE, "render") == []
    assert on(app, UV, RULE, "cloud-run") == []


def test_silent_with_a_requirements_txt(app):
    files = {**PIPENV, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}
    assert on(app, files, RULE, "cloud-run") == []


def test_heroku_fir_is_left_to_fir_unsupported_feature(app):
    assert on(app, PIPENV, RULE, "heroku-fir") == []
