"""Apps and helpers the Procfile rules' tests share: a Flask app, a bot, a pinned dependency model."""
from __future__ import annotations

import pytest
from conftest import run_rules

from preflight.project import dependencies as deps_module


FLASK_APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


BOT_APP = {"bot.py": "import telebot\n", "requirements.txt": "pyTelegramBotAPI==4.29.1\n"}


AIOHTTP_BOT = {"bot.py": "import aiohttp\nfrom aiogram import Bot, Dispatcher\n\nasync def fetch():\n"
                         "    async with aiohttp.ClientSession() as s:\n        return await s.get('https://x.org')\n",
               "requirements.txt": "aiogram==3.13.1\naiohttp[speedups]==3.10.5\n"}


AIOHTTP_SERVER = {"server.py": "from aiohttp import web\n\napp = web.Application()\nweb.run_app(app)\n",
                  "requirements.txt": "aiohttp==3.10.5\n"}


class _Declared:
    def __init__(self, main, dev=()):
        self.main = {name: None for name in main}
        self.dev = {name: None for name in dev}


@pytest.fixture
def declared(monkeypatch):
    """``declared("flask", "gunicorn")``: the dependency model reports these main distributions.

    The rules read ``project.dependencies`` (canonical names); pinning it here keeps these tests about the
    process rules, whatever the requirements parser does.
    """

    def set_(*main, dev=()):
        monkeypatch.setattr(deps_module, "load", lambda project: _Declared(main, dev))

    return set_


def hits(root, name):
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]
