"""PF802 procfile-process-name-invalid: a process type outside the platform's own Procfile grammar."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "procfile-process-name-invalid"


def found(root, platform=None):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("platform,process,severity,renamed", [
    ("dokku", "celery_worker", Severity.ERROR, "celery-worker"),
    ("scalingo", "celery-worker", Severity.ERROR, "celeryworker"),
    ("heroku-fir", "celery_worker", Severity.WARNING, "celery-worker"),
    ("cloud-run", "celery-worker", Severity.WARNING, "celery_worker"),
])
def test_fires_for_a_name_outside_the_grammar(app, platform, process, severity, renamed):
    root = app({"Procfile": f"web: gunicorn app:app\n{process}: celery -A app worker\n"})
    [f] = found(root, platform)
    assert where([f]) == [(NAME, "Procfile", 2)]
    assert f.severity == severity
    assert f"'{renamed}'" in f.hint, f.hint


def test_scalingo_limits_names_to_24_characters(app):
    root = app({"Procfile": "web: gunicorn app:app\nworkerforthenightlyreports: python w.py\n"})
    assert where(found(root, "scalingo")) == [(NAME, "Procfile", 2)]
    assert found(root, "dokku") == []


def test_dokku_refuses_a_duplicate_type(app):
    root = app({"Procfile": "web: gunicorn app:app\nworker: python a.py\nworker: python b.py\n"})
    [f] = found(root, "dokku")
    assert (f.path, f.line, f.severity) == ("Procfile", 3, Severity.ERROR)
    assert "refuses the whole Procfile" in f.message


def test_cloud_run_keeps_the_first_duplicate(app):
    root = app({"Procfile": "web: gunicorn app:app\nweb: gunicorn app:app -w 4\n"})
    [f] = found(root, "cloud-run")
    assert (f.path, f.line, f.severity) == ("Procfile", 2, Severity.WARNING)
    assert "line 1" in f.message


@pytest.mark.parametrize("platform", ["heroku", "railway", "koyeb", "do-app-platform", "render", "fly"])
def test_silent_where_the_grammar_is_herokus_or_no_procfile_is_read(app, platform):
    # Heroku classic's names and duplicates are procfile-invalid's; Render and Fly read no Procfile
    root = app({"Procfile": "web: gunicorn app:app\ncelery_worker: celery -A app worker\nworker: a\nworker: b\n"})
    assert found(root, platform) == []


@pytest.mark.parametrize("platform", ["dokku", "scalingo", "heroku-fir", "cloud-run"])
def test_silent_for_names_every_grammar_accepts(app, platform):
    root = app({"Procfile": "web: gunicorn app:app\nworker: celery -A app worker\nrelease: python m.py\n"
                            "clock2: python clock.py\n"})
    assert found(root, platform) == []


def test_silent_for_a_miscased_web_left_to_procfile_invalid(app):
    assert found(app({"Procfile": "Web: gunicorn app:app\n"}), "dokku") == []
