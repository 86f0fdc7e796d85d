"""PF807 worker-process-not-scaled: non-web Procfile processes start at zero on the Heroku-like platforms."""
from conftest import rule_findings, where

NAME = "worker-process-not-scaled"
BOT = {"requirements.txt": "pyTelegramBotAPI==4.29.1\n", "bot.py": "print(1)\n", ".python-version": "3.13\n"}


def test_a_worker_is_listed_with_its_scale_command(app):
    found = rule_findings(app({**BOT, "Procfile": "web: gunicorn app:app\nworker: python bot.py\n"}), NAME)
    assert where(found) == [(NAME, "Procfile", 2)]
    assert found[0].severity.value == "info" and found[0].hint == "Scale it once: heroku ps:scale worker=1."


def test_a_bot_only_app_is_told_to_scale_web_to_zero_too(app):
    [f] = rule_findings(app({**BOT, "Procfile": "bot: python bot.py\n"}), NAME)
    assert where([f]) == [(NAME, "Procfile", 1)] and "heroku ps:scale web=0" in f.hint


def test_web_release_and_scaled_types_are_silent(app):
    files = {**BOT, "Procfile": "web: gunicorn app:app\nrelease: python migrate.py\nworker: python bot.py\n",
             "app.json": '{"formation": {"worker": {"quantity": 1}}}\n'}
    assert rule_findings(app(files), NAME) == []


def test_other_platforms(app, tmp_path):
    from conftest import run_rules

    root = app({**BOT, "Procfile": "worker: python bot.py\n"})
    dokku = run_rules(root, [NAME], platform="dokku").active
    assert where(dokku) == [(NAME, "Procfile", 1)] and "dokku ps:scale <app> worker=1" in dokku[0].hint
    assert run_rules(root, [NAME], platform="railway").active == []   # one service runs it
    assert run_rules(root, [NAME], platform="render").active == []
