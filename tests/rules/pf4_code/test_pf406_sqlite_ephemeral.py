"""PF406 sqlite-ephemeral: a SQLite file on the dyno's disk with nothing switching to DATABASE_URL."""
from __future__ import annotations

from conftest import DJANGO_APPS as APPS
from conftest import DJANGO_SETTINGS_HEAD as SETTINGS_HEAD
from conftest import django_files, rule_findings, where

WEB = {"Procfile": "web: gunicorn app:app\n"}
FLASK_REQS = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def hits(root):
    return rule_findings(root, "sqlite-ephemeral")


def test_sqlite_literal_uri_fires(app):
    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
                "app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///site.db'\n"
                "db = SQLAlchemy(app)\n"})
    found = hits(root)
    assert where(found) == [("sqlite-ephemeral", "app.py", 4)]
    assert found[0].message == ("SQLALCHEMY_DATABASE_URI = 'sqlite:///site.db' keeps the data in a SQLite file on the "
                                "dyno's disk, which is wiped on every restart and deploy and is not shared between "
                                "dynos")


def test_sqlite_path_built_from_basedir_and_sqlite3_connect_fire(app):
    root = app({"Procfile": "worker: python bot.py\n", "requirements.txt": "pyTelegramBotAPI\n",
                "bot.py": "import os\nimport sqlite3\nfrom sqlalchemy import create_engine\n"
                          "basedir = os.path.abspath(os.path.dirname(__file__))\n"
                          "engine = create_engine('sqlite:///' + os.path.join(basedir, 'app.db'))\n"
                          "conn = sqlite3.connect('bot.db')\nmem = sqlite3.connect(':memory:')\n"})
    assert where(hits(root)) == [("sqlite-ephemeral", "bot.py", 5), ("sqlite-ephemeral", "bot.py", 6)]


def test_sqlite_url_from_an_imported_constant_fires(app):
    root = app({"Procfile": "worker: python bot.py\n", "requirements.txt": "peewee\n",
                "config.py": "DB_FILE = 'bot.db'\n",
                "bot.py": "from peewee import SqliteDatabase\nfrom config import DB_FILE\n"
                          "db = SqliteDatabase(DB_FILE)\n"})
    assert where(hits(root)) == [("sqlite-ephemeral", "bot.py", 3)]


def test_sqlite_as_database_url_fallback_is_fine(app):
    root = app({**WEB, **FLASK_REQS, "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
                "app.config['SQLALCHEMY_DATABASE_URI'] = os.environ.get('DATABASE_URL', 'sqlite:///site.db')\n"
                "URI = os.getenv('DATABASE_URL') or 'sqlite:///x.db'\nimport other\n",
                "other.py": "import sqlite3\nc = sqlite3.connect('/tmp/cache.db')\n"})
    assert hits(root) == []


def test_django_sqlite_without_override_fires_at_engine(app):
    settings = SETTINGS_HEAD + APPS + ("DATABASES = {\n    'default': {\n"
                                       "        'ENGINE': 'django.db.backends.sqlite3',\n"
                                       "        'NAME': BASE_DIR / 'db.sqlite3',\n    }\n}\n"
                                       "ALLOWED_HOSTS = ['.herokuapp.com']\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n")
    found = hits(app(django_files(settings)))
    assert where(found) == [("sqlite-ephemeral", "mysite/settings.py", 11)]
    assert found[0].hint.endswith("and add Heroku Postgres.")


def test_django_sqlite_overridden_by_dj_database_url_is_fine(app):
    settings = SETTINGS_HEAD + APPS + ("import dj_database_url\nDATABASES = {'default': {'ENGINE': "
                                       "'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
                                       "DATABASES['default'] = dj_database_url.config(conn_max_age=600)\n")
    assert hits(app(django_files(settings))) == []


def test_silent_where_the_disk_persists(app):
    # PythonAnywhere keeps the home directory: a SQLite file there survives (the profile has no ephemeral_fs).
    from conftest import run_rules

    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
                "app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///site.db'\n"
                "db = SQLAlchemy(app)\n"})
    on = {p: where(f for f in run_rules(root, ["sqlite-ephemeral"], platform=p).active)
          for p in ("render", "pythonanywhere")}
    assert on == {"render": [("sqlite-ephemeral", "app.py", 4)], "pythonanywhere": []}
