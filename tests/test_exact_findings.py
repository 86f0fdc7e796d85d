"""The exact set of findings, from every rule, on small apps (pyflakes-style): a new finding from any
rule, a lost one, or one that moved shows up here, not only in the rule's own tests.

When a change adds or removes a finding on purpose, update the set here and say why in the commit.
"""
import secrets_labelled as L
from conftest import findings

G = L.Fakes(seed=77)

FLASK_BOT = """import telebot
from flask import Flask, request

from conf import TOKEN

bot = telebot.TeleBot(TOKEN)
app = Flask(__name__)


@app.route("/" + TOKEN, methods=["POST"])
def webhook():
    bot.process_new_updates([telebot.types.Update.de_json(request.get_data().decode())])
    return "!", 200


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000, debug=True)
"""


def test_flask_bot_with_the_tutorial_mistakes(app):
    """The seeds' Flask webhook bot before the fixes: dev server in the Procfile, a token in conf.py and
    in a .env that git would carry, no .gitignore, no Python version, an unpinned dependency."""
    root = app({"Procfile": "web: python bot.py\n",
                "requirements.txt": "flask\npyTelegramBotAPI==4.14.0\n",
                "conf.py": f'TOKEN = "{G.telegram()}"\n',
                ".env": f"TOKEN={G.telegram()}\n",
                "bot.py": FLASK_BOT})
    assert findings(root) == [
        ("debug-enabled", "bot.py", 17),
        ("env-file-committed", ".env", 0),
        ("gitignore-missing", ".", 0),
        ("host-localhost", "bot.py", 17),
        ("port-hardcoded", "bot.py", 17),
        ("procfile-dev-server", "Procfile", 1),
        ("requirements-unpinned", "requirements.txt", 1),
        ("runtime-missing", ".", 0),
        ("secret-committed", ".env", 1),
        ("secret-committed", "conf.py", 1),
    ]


def test_django_project_as_startproject_leaves_it(app):
    settings = ("from pathlib import Path\n\n"
                "BASE_DIR = Path(__file__).resolve().parent.parent\n"
                f'SECRET_KEY = "django-insecure-{G.generic(40)}"\n'
                "DEBUG = True\n"
                "ALLOWED_HOSTS = []\n"
                'INSTALLED_APPS = ["django.contrib.staticfiles"]\n'
                'ROOT_URLCONF = "mysite.urls"\n'
                'WSGI_APPLICATION = "mysite.wsgi.application"\n'
                'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\n'
                'STATIC_URL = "static/"\n')
    root = app({"Procfile": "web: gunicorn mysite.wsgi\n",
                "requirements.txt": "Django==5.1.4\ngunicorn==23.0.0\n",
                ".python-version": "3.12\n",
                ".gitignore": ".env\n__pycache__/\n",
                "manage.py": ("import os\nimport sys\n\nif __name__ == '__main__':\n"
                              "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                              "    from django.core.management import execute_from_command_line\n"
                              "    execute_from_command_line(sys.argv)\n"),
                "mysite/__init__.py": "",
                "mysite/settings.py": settings,
                "mysite/urls.py": "urlpatterns = []\n",
                "mysite/wsgi.py": ("import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
                                   "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                                   "application = get_wsgi_application()\n")})
    assert findings(root) == [
        ("debug-enabled", "mysite/settings.py", 5),
        ("django-allowed-hosts", "mysite/settings.py", 6),
        ("django-static-root-missing", "mysite/settings.py", 7),
        ("secret-committed", "mysite/settings.py", 4),
        ("sqlite-ephemeral", "mysite/settings.py", 10),
    ]


def test_clean_flask_app_in_git(app):
    root = app({"Procfile": "web: gunicorn app:app\n",
                "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
                ".python-version": "3.13\n",
                ".gitignore": ".env\n.venv/\n__pycache__/\n",
                "app.py": ("import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
                           'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n\n\n'
                           '@app.route("/")\ndef index():\n    return "ok"\n')}, git=True)
    assert findings(root) == []


def test_polling_bot_worker_in_git(app):
    """A worker-only bot (no web process is fine), its virtualenv ignored, an old runtime.txt pin, and a
    module the start path never imports (its undeclared import is not the deploy's problem)."""
    root = app({"Procfile": "worker: python bot.py\n",
                "requirements.txt": "aiogram==3.13.1\n",
                "runtime.txt": "python-3.11.9\n",
                ".gitignore": ".env\n__pycache__/\nvenv/\n",
                "venv/bin/python": "",
                "bot.py": ("import asyncio\nimport os\n\nfrom aiogram import Bot, Dispatcher\n\n"
                           'bot = Bot(os.environ["TOKEN"])\ndp = Dispatcher()\n\n\n'
                           "async def main():\n    await dp.start_polling(bot)\n\n\n"
                           'if __name__ == "__main__":\n    asyncio.run(main())\n'),
                "scripts/report.py": "import requests\n"}, git=True)
    assert findings(root) == [
        ("runtime-txt-deprecated", "runtime.txt", 1),
        ("runtime-unsupported", "runtime.txt", 1),
        ("worker-process-not-scaled", "Procfile", 1),   # info: heroku ps:scale web=0 worker=1, once
    ]
