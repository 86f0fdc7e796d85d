"""PF408 webhook-host-mismatch: a webhook URL for another platform, a tunnel, localhost or a placeholder."""
from __future__ import annotations

from conftest import rule_findings, where

WEB = {"Procfile": "web: gunicorn app:app\n"}
FLASK_REQS = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def hits(root):
    return rule_findings(root, "webhook-host-mismatch")


def test_webhook_on_another_platform_fires(app):
    """The flask-bot-broken example, line 8."""
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import flask\nimport telebot\nimport os\n\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n"
                          "bot.remove_webhook()\nbot.set_webhook(url=\"https://student.pythonanywhere.com/bot\")\n"
                          "app = flask.Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [("webhook-host-mismatch", "app.py", 8)]
    assert "PythonAnywhere" in found[0].message
    assert found[0].hint.endswith("heroku config:set APP_URL=https://<app>.herokuapp.com")


def test_webhook_placeholder_tunnel_constant_and_raw_api_call_fire(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import requests\nfrom aiogram import Bot\nWEBHOOK_HOST = 'https://abc.ngrok-free.app'\n"
                          "WEBHOOK_URL = WEBHOOK_HOST + '/bot'\n\nasync def on_startup(bot):\n"
                          "    await bot.set_webhook(WEBHOOK_URL)\n\ndef seed(bot):\n"
                          "    bot.set_webhook(url='https://<your app_name>.herokuapp.com/bot')\n"
                          "    requests.get('https://api.telegram.org/bot123/setWebhook?url=https://x.glitch.me/')\n"})
    assert where(hits(root)) == [("webhook-host-mismatch", "app.py", 7), ("webhook-host-mismatch", "app.py", 10),
                                 ("webhook-host-mismatch", "app.py", 11)]


def test_webhook_prefix_from_an_imported_f_string_fires(app):
    root = app({**WEB, **FLASK_REQS,
                "settings.py": "import os\nHOST = 'https://mybot.onrender.com'\nPATH = f'{HOST}/bot/{os.getpid()}'\n",
                "app.py": "import telebot\nfrom settings import PATH\nbot = telebot.TeleBot('x')\n"
                          "bot.set_webhook(url=PATH)\n"})
    found = hits(root)
    assert where(found) == [("webhook-host-mismatch", "app.py", 4)]
    assert "Render (onrender.com)" in found[0].message


def test_webhook_from_config_var_or_own_host_is_fine(app):
    """The flask-bot-clean example: f"{APP_URL}/bot" with APP_URL from the environment."""
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import os\nimport telebot\nTOKEN = os.environ['TOKEN']\nAPP_URL = os.environ['APP_URL']\n"
                          "bot = telebot.TeleBot(TOKEN)\nbot.set_webhook(url=f\"{APP_URL}/bot\")\n"
                          "bot.set_webhook(url='https://mybot.herokuapp.com/bot')\n"
                          "bot.set_webhook(f'https://{os.environ[\"HOST\"]}/bot')\n"
                          "bot.set_webhook('https://mybot.onrender' + os.environ['TLD'] + '/bot')\n"})
    assert hits(root) == []
