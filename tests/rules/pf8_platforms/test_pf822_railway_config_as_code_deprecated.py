"""PF822 railway-config-as-code-deprecated: railway.json / railway.toml are no longer read."""
from __future__ import annotations

RULE = "railway-config-as-code-deprecated"


def test_railway_json_is_reported(check):
    files = {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}\n'}
    assert check(files, RULE, platform="railway") == [(RULE, "railway.json", 0)]


def test_railway_toml_message_names_what_is_lost(app):
    from conftest import run_rules

    root = app({"railway.toml": '[deploy]\npreDeployCommand = "python manage.py migrate"\n'})
    [f] = run_rules(root, [RULE], platform="railway").active
    assert (f.path, f.line) == ("railway.toml", 0)
    assert "2026-12-01" in f.message and "manage.py migrate" in f.message
    assert "railway config migrate" in f.hint and ".railway/railway.ts" in f.hint


def test_silent_for_railpack_json_and_other_platforms(check):
    assert check({"railpack.json": '{"deploy": {"startCommand": "gunicorn app:app"}}'}, RULE, platform="railway") == []
    assert check({"railway.json": "{}"}, RULE, platform="heroku") == []
    assert check({"railway.json": "{}"}, RULE, platform="render") == []
