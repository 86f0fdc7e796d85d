"""PF801 procfile-not-read-by-platform: a Procfile on a platform that never reads one."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "procfile-not-read-by-platform"
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n",
         "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", "Procfile": "web: gunicorn app:app\n"}


def found(root, platform=None):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("platform,instead", [
    ("render", "startCommand in render.yaml"),
    ("fly", "the Dockerfile's CMD, or [processes] in fly.toml"),
    ("pythonanywhere", "the WSGI file on the Web tab"),
])
def test_fires_where_the_procfile_is_not_read(app, platform, instead):
    [f] = found(app(FLASK), platform)
    assert where([f]) == [(NAME, "Procfile", 0)]
    assert f.severity == Severity.WARNING
    assert instead in f.message and "'gunicorn app:app'" in f.message and f.hint


def test_fires_for_a_render_yaml_without_start_command(app):
    files = {**FLASK, "render.yaml": "services:\n  - type: web\n    name: app\n    runtime: python\n"}
    [f] = found(app(files))   # render inferred from render.yaml
    assert (f.path, f.line, f.severity) == ("Procfile", 0, Severity.WARNING)
    assert "Render" in f.message


def test_info_when_render_yaml_has_a_start_command(app):
    files = {**FLASK, "render.yaml": "services:\n  - type: web\n    name: app\n    runtime: python\n"
                                     "    startCommand: gunicorn app:app\n"}
    [f] = found(app(files))
    assert (f.path, f.line, f.severity) == ("Procfile", 0, Severity.INFO)
    assert "startCommand in render.yaml (line 5)" in f.message


def test_info_when_fly_toml_has_processes_or_the_dockerfile_a_cmd(app):
    files = {**FLASK, "fly.toml": "app = 'x'\n\n[processes]\n  app = 'gunicorn app:app'\n"}
    [f] = found(app(files))
    assert (f.path, f.severity) == ("Procfile", Severity.INFO) and "fly.toml (line 4)" in f.message


def test_info_on_fly_with_a_dockerfile_cmd(app):
    files = {**FLASK, "fly.toml": "app = 'x'\n", "Dockerfile": "FROM python:3.13\nCMD [\"gunicorn\", \"app:app\"]\n"}
    [f] = found(app(files))
    assert f.severity == Severity.INFO and "CMD in Dockerfile (line 2)" in f.message


@pytest.mark.parametrize("platform", ["heroku", "heroku-fir", "dokku", "scalingo", "railway", "koyeb",
                                      "do-app-platform", "cloud-run"])
def test_silent_where_the_procfile_is_read(app, platform):
    assert found(app(FLASK), platform) == []


def test_silent_without_a_procfile(app):
    files = {k: v for k, v in FLASK.items() if k != "Procfile"}
    assert found(app(files), "render") == []
