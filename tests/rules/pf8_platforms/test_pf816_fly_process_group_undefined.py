"""PF816 fly-process-group-undefined: a group name that [processes] does not define."""
from __future__ import annotations

RULE = "fly-process-group-undefined"

LAUNCHED_THEN_SPLIT = ('app = "x"\n\n[processes]\n  web = "gunicorn app:app"\n  worker = "python bot.py"\n\n'
                       '[http_service]\n  internal_port = 8080\n  processes = ["app"]\n\n'
                       '[[mounts]]\n  source = "data"\n  destination = "/data"\n  processes = ["wrker"]\n')


def test_app_reference_after_processes_was_added(check):
    assert check({"fly.toml": LAUNCHED_THEN_SPLIT}, RULE, platform="fly") == [
        (RULE, "fly.toml", 9), (RULE, "fly.toml", 14)]


def test_no_processes_table_only_app_exists(check):
    text = '[http_service]\n  internal_port = 8080\n  processes = ["web"]\n'
    assert check({"fly.toml": text}, RULE, platform="fly") == [(RULE, "fly.toml", 3)]


def test_checks_and_vm_are_checked(check):
    text = ('[processes]\n  web = "gunicorn app:app"\n\n[[vm]]\n  size = "shared-cpu-1x"\n  processes = ["worker"]\n\n'
            '[checks.alive]\n  port = 8080\n  type = "http"\n  path = "/"\n  processes = ["api"]\n')
    assert check({"fly.toml": text}, RULE, platform="fly") == [(RULE, "fly.toml", 6), (RULE, "fly.toml", 12)]


def test_lookalikes_are_silent(check):
    fixed = LAUNCHED_THEN_SPLIT.replace('["app"]', '["web"]').replace('["wrker"]', '["worker"]')
    assert check({"fly.toml": fixed}, RULE, platform="fly") == []
    launched = '[http_service]\n  internal_port = 8080\n  processes = ["app"]\n'
    assert check({"fly.toml": launched}, RULE, platform="fly") == []
    assert check({"fly.toml": LAUNCHED_THEN_SPLIT}, RULE, platform="heroku") == []          # not the selected platform
