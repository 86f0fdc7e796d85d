"""PF825 fir-unsupported-feature: a Heroku classic feature that Heroku Fir does not have."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "fir-unsupported-feature"
PIPENV = {"Pipfile": "[packages]\nflask = \"*\"\n", "Pipfile.lock": "{}\n", "app.py": "import flask\n",
          "Procfile": "web: gunicorn --bind '[::]:$PORT' app:app\n"}
APP_JSON = ('{\n  "name": "x",\n  "buildpacks": [\n'
            '    {"url": "https://github.com/heroku/heroku-buildpack-python"}\n  ]\n}\n')


def found(root, platform="heroku-fir"):
    return rule_findings(root, NAME, platform=platform)


def test_fires_for_a_pipenv_only_project(app):
    [f] = found(app(PIPENV))
    assert where([f]) == [(NAME, "Pipfile.lock", 0)]
    assert f.severity == Severity.ERROR and "Pipenv" in f.message and "requirements.txt" in f.hint


def test_fires_for_a_classic_buildpack_url_in_app_json(app):
    files = {"app.json": APP_JSON, "requirements.txt": "flask\n", "Procfile": "web: x\n"}
    assert where(found(app(files))) == [(NAME, "app.json", 4)]


def test_heroku_yml_alone_is_an_error_beside_a_procfile_a_warning(app):
    hy = {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n", "Dockerfile": "FROM python:3.13\nCMD x\n",
          "requirements.txt": "flask\n"}
    [f] = found(app(hy))
    assert (f.path, f.line, f.severity) == ("heroku.yml", 0, Severity.ERROR)
    [g] = found(app({**hy, "Procfile": "web: x\n"}))
    assert (g.path, g.line, g.severity) == ("heroku.yml", 0, Severity.WARNING)


@pytest.mark.parametrize("files", [
    {**PIPENV, "requirements.txt": "flask\n"},                       # requirements.txt is what the CNB installs
    {"app.json": APP_JSON.replace("https://github.com/heroku/heroku-buildpack-python", "heroku/python"),
     "requirements.txt": "flask\n"},                                 # a CNB name
    {"requirements.txt": "flask\n", "Procfile": "web: x\n"},
])
def test_silent_for_what_fir_supports(app, files):
    assert found(app(files)) == []


@pytest.mark.parametrize("platform", ["heroku", "dokku", "scalingo"])
def test_silent_on_the_classic_platforms(app, platform):
    assert found(app({**PIPENV, "app.json": APP_JSON, "heroku.yml": "run:\n  web: x\n"}), platform) == []
