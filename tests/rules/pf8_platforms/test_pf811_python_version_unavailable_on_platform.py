"""PF811 python-version-unavailable-on-platform: the pinned Python is outside the platform's range."""
from __future__ import annotations

import datetime

import pytest
from conftest import where

from pf8_helpers import on

RULE = "python-version-unavailable-on-platform"
APP = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", "Procfile": "web: gunicorn app:app\n",
       "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


@pytest.fixture
def today(monkeypatch):
    from preflight.project import runtime

    def set_today(day: datetime.date):
        monkeypatch.setattr(runtime, "today", lambda: day)

    return set_today


def test_newer_than_koyeb_offers_is_an_error(app, today):
    today(datetime.date(2026, 9, 1))   # Koyeb's profile was checked on 2026-08-21
    [f] = on(app, {**APP, ".python-version": "3.14\n"}, RULE, "koyeb")
    assert where([f]) == [(RULE, ".python-version", 1)] and f.severity.value == "error"
    assert "3.9-3.13" in f.hint and "echo 3.13 > .python-version" in f.hint


def test_newer_with_a_stale_profile_is_a_warning(app, today):
    today(datetime.date(2027, 6, 1))
    [f] = on(app, {**APP, ".python-version": "3.14\n"}, RULE, "koyeb")
    assert f.severity.value == "warning" and "unless it was added since" in f.message


def test_older_than_railway_offers(app):
    [f] = on(app, {**APP, ".python-version": "3.9\n"}, RULE, "railway")
    assert where([f]) == [(RULE, ".python-version", 1)] and f.severity.value == "error"


def test_in_range_and_heroku_table_platforms_are_silent(app):
    files = {**APP, ".python-version": "3.13\n"}
    assert on(app, files, RULE, "koyeb") == []
    # Scalingo and Heroku use the Heroku table: runtime-unsupported's business.
    assert on(app, {**APP, ".python-version": "3.9\n"}, RULE, "scalingo") == []


def test_a_runtime_txt_the_platform_ignores_is_not_the_pin(app):
    # Render ignores runtime.txt (python-version-source-ignored says so): nothing is pinned for Render.
    assert on(app, {**APP, "runtime.txt": "python-3.6\n"}, RULE, "render") == []
