"""PF817 fly-autostop-stops-worker: a worker group behind a service that stops idle machines."""
from __future__ import annotations

RULE = "fly-autostop-stops-worker"


def fly(processes: str, http: str) -> dict:
    return {"fly.toml": f'app = "x"\n\n[processes]\n{processes}\n[http_service]\n  internal_port = 8080\n{http}'}


STOP = '  auto_stop_machines = "stop"\n  min_machines_running = 0\n'


def test_celery_group_served_with_autostop(check):
    files = fly('  web = "gunicorn app:app"\n  worker = "celery -A app worker"\n',
                STOP + '  processes = ["web", "worker"]\n')
    assert check(files, RULE, platform="fly") == [(RULE, "fly.toml", 5)]


def test_service_without_processes_serves_every_group(check):
    files = fly('  web = "gunicorn app:app"\n  bot = "python bot.py"\n', STOP)
    assert check(files, RULE, platform="fly") == [(RULE, "fly.toml", 5)]


def test_single_bot_app_from_fly_launch(check):
    text = ('app = "x"\n\n[experimental]\n  cmd = ["python", "bot.py"]\n\n[http_service]\n  internal_port = 8080\n'
            '  auto_stop_machines = "suspend"\n  processes = ["app"]\n')
    assert check({"fly.toml": text}, RULE, platform="fly") == [(RULE, "fly.toml", 4)]


def test_lookalikes_are_silent(check):
    web_only = fly('  web = "gunicorn app:app"\n  worker = "celery -A app worker"\n', STOP + '  processes = ["web"]\n')
    assert check(web_only, RULE, platform="fly") == []
    kept_running = fly('  worker = "celery -A app worker"\n', '  auto_stop_machines = "stop"\n'
                                                               '  min_machines_running = 1\n')
    assert check(kept_running, RULE, platform="fly") == []
    never_stops = fly('  worker = "celery -A app worker"\n', '  auto_stop_machines = "off"\n')
    assert check(never_stops, RULE, platform="fly") == []
    flower = fly('  flower = "celery -A app flower"\n', STOP)
    assert check(flower, RULE, platform="fly") == []
    served_web = fly('  web = "gunicorn app:app"\n', STOP)
    assert check(served_web, RULE, platform="fly") == []
    assert check(web_only | fly('  worker = "celery -A app worker"\n', STOP), RULE, platform="heroku") == []   # heroku
