"""PF803 procfile-release-not-executed: a Procfile release: line the platform never runs."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "procfile-release-not-executed"
PROCFILE = "web: gunicorn mysite.wsgi\nrelease: python manage.py migrate\n"


def found(root, platform=None):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("platform,advice", [
    ("scalingo", "'postdeploy: python manage.py migrate'"),
    ("railway", "preDeployCommand"),
    ("koyeb", "a one-off command before the deploy"),
    ("do-app-platform", "a PRE_DEPLOY job in the app spec"),
    ("cloud-run", "a Cloud Run job"),
])
def test_fires_where_release_is_not_run(app, platform, advice):
    [f] = found(app({"Procfile": PROCFILE}), platform)
    assert where([f]) == [(NAME, "Procfile", 2)]
    assert f.severity == Severity.WARNING
    assert advice in f.hint, f.hint


def test_railway_names_the_entry_it_runs(app):
    [f] = found(app({"Procfile": "worker: python bot.py\nrelease: python manage.py migrate\n"}), "railway")
    assert "it runs worker" in f.message


def test_railway_takes_a_lone_release_as_the_start_command(app):
    [f] = found(app({"Procfile": "release: python manage.py migrate\n"}), "railway")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.ERROR)
    assert "start command" in f.message


def test_scalingo_beside_a_postdeploy_line_is_info(app):
    [f] = found(app({"Procfile": PROCFILE + "postdeploy: python manage.py migrate\n"}), "scalingo")
    assert (f.path, f.line, f.severity) == ("Procfile", 2, Severity.INFO)


@pytest.mark.parametrize("platform", ["heroku", "heroku-fir", "dokku", "render", "fly", "pythonanywhere"])
def test_silent_where_release_runs_or_no_procfile_is_read(app, platform):
    assert found(app({"Procfile": PROCFILE}), platform) == []


def test_silent_without_a_release_line(app):
    assert found(app({"Procfile": "web: gunicorn mysite.wsgi\npostdeploy: python manage.py migrate\n"}),
                 "scalingo") == []
