"""PF804 procfile-extra-processes-ignored: Procfile entries a one-process-per-service platform never runs."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

NAME = "procfile-extra-processes-ignored"
PROCFILE = "release: python manage.py migrate\nweb: gunicorn app:app\nworker: celery -A app worker\n"


def found(root, platform=None):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("platform,elsewhere", [("railway", "a separate service"), ("cloud-run", "a worker pool")])
def test_fires_for_each_entry_beside_the_one_that_runs(app, platform, elsewhere):
    [f] = found(app({"Procfile": PROCFILE}), platform)
    assert where([f]) == [(NAME, "Procfile", 3)]
    assert "(web, line 2)" in f.message and elsewhere in f.hint


def test_railway_runs_worker_when_there_is_no_web(app):
    found_ = found(app({"Procfile": "clock: python clock.py\nworker: python bot.py\nbeat: celery beat\n"}), "railway")
    assert where(found_) == [(NAME, "Procfile", 1), (NAME, "Procfile", 3)]
    assert all("(worker, line 2)" in f.message for f in found_)


def test_railway_arbitrary_choice_is_one_finding(app):
    [f] = found(app({"Procfile": "clock: python clock.py\nbeat: celery beat\n"}), "railway")
    assert (f.path, f.line) == ("Procfile", 0) and "not a stable choice" in f.message


@pytest.mark.parametrize("platform", ["railway", "cloud-run"])
def test_silent_for_one_entry_and_a_release(app, platform):
    assert found(app({"Procfile": "release: python manage.py migrate\nweb: gunicorn app:app\n"}), platform) == []


def test_silent_on_cloud_run_without_web(app):
    # the build fails there: procfile-web-required says it
    assert found(app({"Procfile": "worker: python bot.py\nclock: python clock.py\n"}), "cloud-run") == []


@pytest.mark.parametrize("platform", ["heroku", "heroku-fir", "dokku", "scalingo", "koyeb", "do-app-platform",
                                      "render"])
def test_silent_where_every_entry_runs_or_no_procfile_is_read(app, platform):
    assert found(app({"Procfile": PROCFILE}), platform) == []
