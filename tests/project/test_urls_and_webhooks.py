"""preflight.project.urls (hosts, masking) and preflight.project.webhooks (which webhook URLs reach the app)."""
from __future__ import annotations

import pytest

from preflight.project import Project
from preflight.project.urls import foreign_platform, host_of, mask_url, platform_hosts, tunnel_hosts
from preflight.project.webhooks import Mismatch, judge_webhook_url, webhook_urls

# Built from parts so that preflight's own secret scan does not see a credential URL in this file.
CLOUD_URL = ("postgres" + "://forum:" + "Xq7pL2" + "vR9sKd"
             + "@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432/d3k9a8b7c6")


def test_mask_url_never_shows_the_password():
    shown = mask_url(CLOUD_URL)
    assert shown == "postgres://forum:****@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432"
    assert "Xq7p" not in shown and "d3k9" not in shown
    assert mask_url("postgres://host/db") == "postgres://host"
    assert mask_url("not a url") == "<a URL>"


def test_host_tables_and_the_platforms_own_hosts():
    assert platform_hosts()["pythonanywhere.com"] == "PythonAnywhere" and "ngrok-free.app" in tunnel_hosts()
    assert host_of("https://Bot.Example.org:8443/x") == "bot.example.org"
    own = ("herokuapp.com", "herokudns.com")
    assert foreign_platform("x.onrender.com", own) == ("onrender.com", "Render")
    assert foreign_platform("x.herokuapp.com", own) is None
    assert foreign_platform("x.herokuapp.com", ("onrender.com",)) == ("herokuapp.com", "Heroku")


@pytest.mark.parametrize("url, bad", [
    ("https://student.pythonanywhere.com/bot", True), ("https://abc.ngrok-free.app/hook", True),
    ("http://localhost:5000/bot", True), ("https://<your app_name>.herokuapp.com/bot", True),
    ("https://example.com/webhook", True), ("https://mybot.glitch.me/", True),
    ("https://mybot.herokuapp.com/bot", False), ("https://bot.kotiki.ru/hook", False),
    ("https://bot.mydomain.com/hook", True),
    ("https://your.domain/webhook", True),   # aiogram 2's example, copied as is
    ("https://yours.domains.net/hook", False),
])
def test_webhook_hosts(url, bad):
    assert bool(judge_webhook_url(url, ("herokuapp.com",))) is bad


def test_webhook_verdicts_say_why():
    own = ("herokuapp.com",)
    assert judge_webhook_url("https://a.ngrok.io/x", own) == Mismatch("tunnel", "ngrok.io")
    assert judge_webhook_url("https://a.pythonanywhere.com/x", own) == Mismatch("platform", "pythonanywhere.com",
                                                                                  "PythonAnywhere")
    assert judge_webhook_url("http://127.0.0.1/x", own) == Mismatch("local")
    assert judge_webhook_url("https://a.pythonanywhere", own, complete=False) is None  # the host may go on


def test_webhook_urls_lists_each_site_once_with_its_verdict(app):
    root = app({"Procfile": "web: python app.py\n",
                "app.py": "import os, telebot, requests\nbot = telebot.TeleBot('t')\n"
                          "bot.set_webhook(url='https://x.glitch.me/bot')\n"
                          "bot.set_webhook(url=os.environ['APP_URL'] + '/bot')\n"
                          "bot.set_webhook('https://mybot.herokuapp.com/bot')\n"
                          "requests.get('https://api.telegram.org/bot1/setWebhook?url=https://y.repl.co/')\n"})
    found = [(w.line, w.url, w.mismatch.kind if w.mismatch else None) for w in webhook_urls(Project(root))]
    assert found == [(3, "https://x.glitch.me/bot", "platform"), (5, "https://mybot.herokuapp.com/bot", None),
                     (6, "https://y.repl.co/", "platform")]
