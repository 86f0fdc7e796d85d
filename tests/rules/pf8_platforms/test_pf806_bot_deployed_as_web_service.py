"""PF806 bot-deployed-as-web-service: the web process runs a long-polling bot and never binds a port."""
from __future__ import annotations

import pytest
from conftest import run_rules, where

from pf8_helpers import on

RULE = "bot-deployed-as-web-service"
BOT = {"bot.py": "import os\nimport telebot\n\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n\n"
                 "@bot.message_handler(commands=['start'])\ndef start(m):\n    bot.reply_to(m, 'hi')\n\n\n"
                 "bot.infinity_polling()\n",
       "requirements.txt": "pyTelegramBotAPI==4.29.1\n"}


def found(app, files, platform):
    return on(app, files, RULE, platform)


PROCFILE = {"Procfile": "web: python bot.py\n"}
RENDER_YAML = {"render.yaml": "services:\n  - type: web\n    name: bot\n    runtime: python\n"
                              "    startCommand: python bot.py\n"}


@pytest.mark.parametrize("platform,words,start,at", [
    ("render", "No open ports detected", RENDER_YAML, ("render.yaml", 5)),   # Render reads no Procfile
    ("koyeb", "TCP health check", PROCFILE, ("Procfile", 1)),
    ("do-app-platform", "health check", PROCFILE, ("Procfile", 1)),
    ("cloud-run", "failed to start and listen", PROCFILE, ("Procfile", 1)),
])
def test_polling_bot_as_web_is_an_error(app, platform, words, start, at):
    [f] = found(app, {**BOT, **start}, platform)
    assert where([f]) == [(RULE, *at)]
    assert f.severity.value == "error" and words in f.message and "bot.py:12" in f.message
    assert "worker" in f.hint.lower()


def test_on_railway_it_is_a_warning(app):
    # A Railway service without a public domain or health check just runs: not sure to fail.
    [railway] = found(app, {**BOT, "Procfile": "web: python bot.py\n"}, "railway")
    assert railway.severity.value == "warning" and "public domain" in railway.message


def test_on_fly_it_is_a_warning_at_the_image_command(app):
    [fly] = found(app, {**BOT, "Dockerfile": "FROM python:3.13-slim\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"},
                  "fly")
    assert where([fly]) == [(RULE, "Dockerfile", 3)]
    assert fly.severity.value == "warning" and "auto_stop_machines" in fly.message
    assert "process group without an http_service" in fly.hint


def test_silent_where_web_port_unbound_reports_it(app):
    # Heroku, Fir, Dokku, Scalingo: PF107 web-port-unbound already says it (one case, one finding).
    files = {**BOT, "Procfile": "web: python bot.py\n"}
    for platform in ("heroku", "heroku-fir", "dokku", "scalingo"):
        assert found(app, files, platform) == [], platform
    result = run_rules(app(files), ["web-port-unbound"], platform="scalingo")
    assert where(result.active) == [("web-port-unbound", "Procfile", 1)]


def test_silent_for_a_worker(app):
    assert found(app, {**BOT, "Procfile": "worker: python bot.py\n"}, "render") == []


def test_silent_for_a_bot_beside_a_server(app):
    beside = {**BOT, "bot.py": BOT["bot.py"].replace(
        "bot.infinity_polling()\n",
        "from threading import Thread\nfrom flask import Flask\napp = Flask(__name__)\n"
        "Thread(target=bot.infinity_polling, daemon=True).start()\n"
        "app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 8080)))\n"),
        "requirements.txt": "pyTelegramBotAPI==4.29.1\nflask==3.1.2\n", "Procfile": "web: python bot.py\n"}
    assert found(app, beside, "koyeb") == []
