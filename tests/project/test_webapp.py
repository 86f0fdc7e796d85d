"""Project.is_web_app and the evidence the Procfile rules name (preflight/project/webapp.py)."""
from __future__ import annotations

from preflight.project import Project
from preflight.project.webapp import start_example, web_evidence

AIOHTTP_CLIENT = "import aiohttp\n\nasync def get():\n    async with aiohttp.ClientSession() as s:\n        pass\n"


def test_a_declared_framework_makes_a_web_app(app):
    project = Project(app({"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", "app.py": ""}))
    assert project.is_web_app
    name, where = web_evidence(project)
    assert name == "flask" and where == "is declared in requirements.txt:1"   # the framework, not the server


def test_a_web_process_makes_a_web_app_without_dependencies(app):
    assert Project(app({"Procfile": "web: python -m http.server $PORT\n"})).is_web_app


def test_a_bot_is_not_a_web_app(app):
    assert not Project(app({"requirements.txt": "pyTelegramBotAPI==4.29.1\n", "bot.py": "import telebot\n"})).is_web_app


def test_aiohttp_as_a_client_is_not_a_web_app_but_its_server_side_is(app):
    root = app({"requirements.txt": "aiogram==3.13.1\naiohttp==3.10.5\n", "bot.py": AIOHTTP_CLIENT})
    assert not Project(root).is_web_app
    (root / "server.py").write_text("from aiohttp import web\napp = web.Application()\n")
    assert Project(root).is_web_app


def test_start_example_names_the_entry_module_and_the_django_project(app):
    project = Project(app({"main.py": "", "mysite/wsgi.py": ""}))
    assert start_example(project, "fastapi") == "web: uvicorn main:app --host 0.0.0.0 --port $PORT"
    assert start_example(project, "django") == "web: gunicorn mysite.wsgi"
    assert start_example(project, "bottle") == "web: gunicorn main:app"
