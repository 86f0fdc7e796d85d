"""PF406-PF410 and PF603: data on the dyno's disk, webhook hosts, Django settings, the postgres:// scheme."""
from __future__ import annotations

import pytest
from conftest import run_rules

from preflight.findings import Severity
from preflight.rules.appconfig import _bad_url, mask_url

WEB = {"Procfile": "web: gunicorn app:app\n"}
# Built from parts so that preflight's own secret scan does not see a credential URL in this file.
CLOUD_URL = ("postgres" + "://forum:" + "Xq7pL2" + "vR9sKd"
             + "@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432/d3k9a8b7c6")
FLASK_REQS = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def hits(root, name):
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]


def where(found):
    return sorted((f.name, f.path, f.line) for f in found)


def django(settings: str, extra: dict | None = None, reqs: str = "Django==5.1.3\ngunicorn==23.0.0\n") -> dict:
    """A startproject-shaped Django app run by gunicorn, with the given settings module text."""
    files = {
        "manage.py": "import os\nimport sys\n\n\ndef main():\n"
                     "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                     "    from django.core.management import execute_from_command_line\n"
                     "    execute_from_command_line(sys.argv)\n\n\nif __name__ == '__main__':\n    main()\n",
        "mysite/__init__.py": "",
        "mysite/wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\n"
                          "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                          "application = get_wsgi_application()\n",
        "mysite/settings.py": settings,
        "Procfile": "web: gunicorn mysite.wsgi\n",
        "requirements.txt": reqs,
    }
    files.update(extra or {})
    return files


SETTINGS_HEAD = ("from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
                 "SECRET_KEY = 'x'\nDEBUG = False\n")
APPS = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\n"


# -- helpers ---------------------------------------------------------------------------------------------
def test_mask_url_never_shows_the_password():
    shown = mask_url(CLOUD_URL)
    assert shown == "postgres://forum:****@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432"
    assert "Xq7p" not in shown and "d3k9" not in shown
    assert mask_url("postgres://host/db") == "postgres://host"


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
    assert bool(_bad_url(url, ("herokuapp.com",))) is bad


# -- PF406 sqlite-ephemeral ------------------------------------------------------------------------------
def test_sqlite_literal_uri_fires(app):
    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
                "app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///site.db'\n"
                "db = SQLAlchemy(app)\n"})
    assert where(hits(root, "sqlite-ephemeral")) == [("sqlite-ephemeral", "app.py", 4)]


def test_sqlite_path_built_from_basedir_and_sqlite3_connect_fire(app):
    root = app({"Procfile": "worker: python bot.py\n", "requirements.txt": "pyTelegramBotAPI\n",
                "bot.py": "import os\nimport sqlite3\nfrom sqlalchemy import create_engine\n"
                          "basedir = os.path.abspath(os.path.dirname(__file__))\n"
                          "engine = create_engine('sqlite:///' + os.path.join(basedir, 'app.db'))\n"
                          "conn = sqlite3.connect('bot.db')\nmem = sqlite3.connect(':memory:')\n"})
    assert where(hits(root, "sqlite-ephemeral")) == [("sqlite-ephemeral", "bot.py", 5),
                                                     ("sqlite-ephemeral", "bot.py", 6)]


def test_sqlite_as_database_url_fallback_is_fine(app):
    root = app({**WEB, **FLASK_REQS, "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
                "app.config['SQLALCHEMY_DATABASE_URI'] = os.environ.get('DATABASE_URL', 'sqlite:///site.db')\n"
                "URI = os.getenv('DATABASE_URL') or 'sqlite:///x.db'\nimport other\n",
                "other.py": "import sqlite3\nc = sqlite3.connect('/tmp/cache.db')\n"})
    assert hits(root, "sqlite-ephemeral") == []


def test_django_sqlite_without_override_fires_at_engine(app):
    settings = SETTINGS_HEAD + APPS + ("DATABASES = {\n    'default': {\n"
                                       "        'ENGINE': 'django.db.backends.sqlite3',\n"
                                       "        'NAME': BASE_DIR / 'db.sqlite3',\n    }\n}\n"
                                       "ALLOWED_HOSTS = ['.herokuapp.com']\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n")
    assert where(hits(app(django(settings)), "sqlite-ephemeral")) == [("sqlite-ephemeral", "mysite/settings.py", 11)]


def test_django_sqlite_overridden_by_dj_database_url_is_fine(app):
    settings = SETTINGS_HEAD + APPS + ("import dj_database_url\nDATABASES = {'default': {'ENGINE': "
                                       "'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
                                       "DATABASES['default'] = dj_database_url.config(conn_max_age=600)\n")
    assert hits(app(django(settings)), "sqlite-ephemeral") == []


# -- PF407 local-file-writes -----------------------------------------------------------------------------
def test_cron_job_writing_a_file_fires(app):
    """The flask-bot-broken example: refresh.py, run from crontab, writes news.json."""
    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                "crontab": "# refresh\n0 8 * * * python3 refresh.py\n",
                "refresh.py": "import requests\n\nwith open(\"news.json\", \"w\") as f:\n"
                              "    f.write(requests.get('https://example.org').text)\n"})
    found = hits(root, "local-file-writes")
    assert where(found) == [("local-file-writes", "refresh.py", 3)]
    assert "news.json" in found[0].message and "cron" in found[0].message
    assert found[0].severity is Severity.INFO


def test_other_writers_fire(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import json, logging, os\nfrom pathlib import Path\nfrom flask import Flask\n"
                          "BASE_DIR = os.path.dirname(__file__)\nDATA = os.path.join(BASE_DIR, 'users.json')\n"
                          "logging.basicConfig(filename='app.log')\napp = Flask(__name__)\n\n"
                          "def save(users, df):\n    with open(DATA, 'a') as f:\n        json.dump(users, f)\n"
                          "    df.to_csv('report.csv')\n    Path('state.txt').write_text('x')\n"})
    assert where(hits(root, "local-file-writes")) == [("local-file-writes", "app.py", 6),
                                                      ("local-file-writes", "app.py", 10),
                                                      ("local-file-writes", "app.py", 12),
                                                      ("local-file-writes", "app.py", 13)]


def test_reads_temp_files_env_paths_media_and_dead_code_are_silent(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import os, tempfile\nfrom flask import Flask\napp = Flask(__name__)\n\n"
                          "def work(img, name):\n    open('config.json').read()\n"
                          "    open('/tmp/out.json', 'w').write('x')\n"
                          "    with tempfile.NamedTemporaryFile('w') as t:\n        t.write('x')\n"
                          "    open(os.path.join(tempfile.gettempdir(), 'a.txt'), 'w')\n"
                          "    open(os.environ['OUT_FILE'], 'w')\n    open(name, 'w')\n"
                          "    img.save('photo.jpg')\n\nif __name__ == '__main__':\n"
                          "    open('debug.json', 'w').write('{}')\n    app.run()\n"})
    assert hits(root, "local-file-writes") == []


# -- PF408 webhook-host-mismatch -------------------------------------------------------------------------
def test_webhook_on_another_platform_fires(app):
    """The flask-bot-broken example, line 8."""
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import flask\nimport telebot\nimport os\n\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n"
                          "bot.remove_webhook()\nbot.set_webhook(url=\"https://student.pythonanywhere.com/bot\")\n"
                          "app = flask.Flask(__name__)\n"})
    found = hits(root, "webhook-host-mismatch")
    assert where(found) == [("webhook-host-mismatch", "app.py", 8)]
    assert "PythonAnywhere" in found[0].message


def test_webhook_placeholder_tunnel_constant_and_raw_api_call_fire(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import requests\nfrom aiogram import Bot\nWEBHOOK_HOST = 'https://abc.ngrok-free.app'\n"
                          "WEBHOOK_URL = WEBHOOK_HOST + '/bot'\n\nasync def on_startup(bot):\n"
                          "    await bot.set_webhook(WEBHOOK_URL)\n\ndef seed(bot):\n"
                          "    bot.set_webhook(url='https://<your app_name>.herokuapp.com/bot')\n"
                          "    requests.get('https://api.telegram.org/bot123/setWebhook?url=https://x.glitch.me/')\n"})
    assert where(hits(root, "webhook-host-mismatch")) == [("webhook-host-mismatch", "app.py", 7),
                                                          ("webhook-host-mismatch", "app.py", 10),
                                                          ("webhook-host-mismatch", "app.py", 11)]


def test_webhook_from_config_var_or_own_host_is_fine(app):
    """The flask-bot-clean example: f"{APP_URL}/bot" with APP_URL from the environment."""
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import os\nimport telebot\nTOKEN = os.environ['TOKEN']\nAPP_URL = os.environ['APP_URL']\n"
                          "bot = telebot.TeleBot(TOKEN)\nbot.set_webhook(url=f\"{APP_URL}/bot\")\n"
                          "bot.set_webhook(url='https://mybot.herokuapp.com/bot')\n"
                          "bot.set_webhook(f'https://{os.environ[\"HOST\"]}/bot')\n"})
    assert hits(root, "webhook-host-mismatch") == []


# -- PF409 django-static-root-missing --------------------------------------------------------------------
def test_staticfiles_without_static_root_fires(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_URL = '/static/'\nALLOWED_HOSTS = ['.herokuapp.com']\n"
    found = hits(app(django(settings)), "django-static-root-missing")
    assert where(found) == [("django-static-root-missing", "mysite/settings.py", 7)]
    assert found[0].severity is Severity.ERROR


def test_static_root_none_fires_at_its_line(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_ROOT = None\n"
    assert where(hits(app(django(settings)), "django-static-root-missing")) == [
        ("django-static-root-missing", "mysite/settings.py", 9)]


def test_static_root_in_star_imported_base_is_found(app):
    files = django("from .base import *\nDEBUG = False\n", {
        "mysite/base.py": SETTINGS_HEAD + APPS + "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"})
    assert hits(app(files), "django-static-root-missing") == []
    files["mysite/base.py"] = SETTINGS_HEAD + APPS
    assert where(hits(app(files), "django-static-root-missing")) == [
        ("django-static-root-missing", "mysite/base.py", 7)]


def test_static_root_only_in_the_settings_the_config_var_names_is_no_verdict(app):
    """manage.py defaults to local.py (no STATIC_ROOT), wsgi.py to production.py (which sets it): the build's
    collectstatic uses DJANGO_SETTINGS_MODULE, set to production on the platform as cookiecutter-django says."""
    files = django("", {
        "mysite/settings/__init__.py": "", "mysite/settings/base.py": SETTINGS_HEAD + APPS,
        "mysite/settings/local.py": "from .base import *\n",
        "mysite/settings/production.py": "from .base import *\nSTATIC_ROOT = BASE_DIR / 'static'\n"})
    del files["mysite/settings.py"]
    files["manage.py"] = files["manage.py"].replace("mysite.settings", "mysite.settings.local")
    files["mysite/wsgi.py"] = files["mysite/wsgi.py"].replace("mysite.settings", "mysite.settings.production")
    assert hits(app(files), "django-static-root-missing") == []
    files["mysite/settings/production.py"] = "from .base import *\n"
    assert where(hits(app(files), "django-static-root-missing")) == [
        ("django-static-root-missing", "mysite/settings/base.py", 7)]


@pytest.mark.parametrize("extra", [
    {"app.json": '{"env": {"DISABLE_COLLECTSTATIC": {"value": "1"}}}'},
    {".heroku/collectstatic_disabled": ""},
])
def test_collectstatic_disabled_is_silent(app, extra):
    assert hits(app(django(SETTINGS_HEAD + APPS, extra)), "django-static-root-missing") == []


def test_django_heroku_and_undeclared_django_are_silent(app):
    dynamic = SETTINGS_HEAD + APPS + "import django_heroku\ndjango_heroku.settings(locals())\n"
    assert hits(app(django(dynamic)), "django-static-root-missing") == []


def test_undeclared_django_is_silent(app):
    assert hits(app(django(SETTINGS_HEAD + APPS, reqs="gunicorn\n")), "django-static-root-missing") == []


def test_manage_py_deeper_than_the_buildpack_looks_is_silent(app):
    files = {f"a/b/c/{k}": v for k, v in django(SETTINGS_HEAD + APPS).items() if k != "requirements.txt"}
    files["requirements.txt"] = "Django\n"
    assert hits(app(files), "django-static-root-missing") == []


# -- PF410 django-allowed-hosts --------------------------------------------------------------------------
@pytest.mark.parametrize("hosts", ["[]", "['localhost', '127.0.0.1']", "['myname.pythonanywhere.com']",
                                   "['*.herokuapp.com', 'localhost']"])
def test_allowed_hosts_that_cannot_match_fire(app, hosts):
    settings = SETTINGS_HEAD + APPS + f"ALLOWED_HOSTS = {hosts}\nSTATIC_ROOT = 'static'\n"
    found = hits(app(django(settings)), "django-allowed-hosts")
    assert where(found) == [("django-allowed-hosts", "mysite/settings.py", 9)]
    assert "400" in found[0].message
    if "*" in hosts:
        assert "'*.herokuapp.com' is not a wildcard in Django: write '.herokuapp.com'" in found[0].message


@pytest.mark.parametrize("hosts", [
    "['*']", "['.herokuapp.com']", "['www.mysite.org']", "os.environ.get('ALLOWED_HOSTS', '').split(',')",
    "[]\nALLOWED_HOSTS += ['myapp.herokuapp.com']", "[os.environ['HOST']]",
])
def test_allowed_hosts_that_can_match_are_fine(app, hosts):
    settings = "import os\n" + SETTINGS_HEAD + APPS + f"ALLOWED_HOSTS = {hosts}\n"
    assert hits(app(django(settings)), "django-allowed-hosts") == []


# -- PF603 database-url-scheme ---------------------------------------------------------------------------
def test_raw_database_url_into_create_engine_fires(app):
    root = app({"Procfile": "worker: python worker.py\n", "requirements.txt": "SQLAlchemy==2.0.36\npsycopg2-binary\n",
                "worker.py": "import os\nfrom sqlalchemy import create_engine\n\n"
                             "engine = create_engine(os.environ['DATABASE_URL'])\n"})
    found = hits(root, "database-url-scheme")
    assert where(found) == [("database-url-scheme", "worker.py", 4)]
    assert "NoSuchModuleError" in found[0].message


def test_database_url_through_variables_fires(app):
    root = app({"Procfile": "worker: python worker.py\n", "requirements.txt": "SQLAlchemy>=2\n",
                "worker.py": "import os\nfrom sqlalchemy import create_engine\nURL = os.environ.get('DATABASE_URL')\n\n"
                             "def make():\n    url = os.getenv('DATABASE_URL', 'sqlite://')\n"
                             "    return create_engine(url)\n\nengine = create_engine(URL)\n"})
    assert where(hits(root, "database-url-scheme")) == [("database-url-scheme", "worker.py", 7),
                                                       ("database-url-scheme", "worker.py", 9)]


def test_flask_sqlalchemy_config_class_fires(app):
    root = app({**WEB, "requirements.txt": "flask\nflask-sqlalchemy\ngunicorn\n",
                "config.py": "import os\n\nclass Config:\n    SQLALCHEMY_DATABASE_URI = os.getenv('DATABASE_URL')\n",
                "app.py": "from flask import Flask\nfrom config import Config\napp = Flask(__name__)\n"
                          "app.config.from_object(Config)\n"})
    assert where(hits(root, "database-url-scheme")) == [("database-url-scheme", "config.py", 4)]


def test_lstrip_is_reported_as_a_bug(app):
    root = app({"Procfile": "worker: python worker.py\n", "requirements.txt": "SQLAlchemy\n",
                "worker.py": "import os\nfrom sqlalchemy import create_engine\n"
                             "url = 'postgresql://' + os.environ['DATABASE_URL'].lstrip('postgres://')\n"
                             "engine = create_engine(url)\n"})
    found = hits(root, "database-url-scheme")
    assert where(found) == [("database-url-scheme", "worker.py", 3)]
    assert "not the 'postgres://' prefix" in found[0].message


def test_alembic_env_py_without_rewrite_fires(app):
    files = {"Procfile": "web: gunicorn app:app\nrelease: alembic upgrade head\n",
             "requirements.txt": "flask\ngunicorn\nSQLAlchemy==2.0.44\nalembic\n",
             "alembic.ini": "[alembic]\nscript_location = migrations\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "migrations/env.py": "import os\nfrom alembic import context\nconfig = context.config\n"
                                  "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])\n"}
    assert where(hits(app(files), "database-url-scheme")) == [("database-url-scheme", "migrations/env.py", 4)]


def test_scheme_rewrite_anywhere_and_other_drivers_are_fine(app):
    """The aiohttp-docker-clean example's migrations/env.py pattern, and look-alikes."""
    files = {"Procfile": "web: gunicorn app:app\nrelease: alembic upgrade head\n",
             "requirements.txt": "flask\ngunicorn\nflask-sqlalchemy\nSQLAlchemy==2.0.44\nalembic\npsycopg2-binary\n",
             "alembic.ini": "[alembic]\nscript_location = migrations\n",
             "migrations/env.py": "import os\nfrom alembic import context\nconfig = context.config\n"
                                  "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL']"
                                  ".replace('postgres://', 'postgresql://', 1))\n",
             "app.py": "import os\nimport psycopg2\nfrom flask import Flask\nimport settings\n"
                       "app = Flask(__name__)\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\n"
                       "app.config['SQLALCHEMY_DATABASE_URI'] = os.environ['DATABASE_URL']\n",
             "settings.py": "import os\nif os.environ.get('DATABASE_URL', '').startswith('postgres://'):\n"
                            "    os.environ['DATABASE_URL'] = 'postgresql://' + os.environ['DATABASE_URL'][11:]\n"}
    assert hits(app(files), "database-url-scheme") == []


def test_sqlalchemy_older_than_1_4_is_fine(app):
    root = app({"Procfile": "worker: python worker.py\n", "requirements.txt": "SQLAlchemy==1.3.24\n",
                "worker.py": "import os\nfrom sqlalchemy import create_engine\n"
                             "engine = create_engine(os.environ['DATABASE_URL'])\n"})
    assert hits(root, "database-url-scheme") == []


def test_literal_postgres_url_in_a_config_file_fires_masked(app):
    """The aiohttp-docker-broken example: config/heroku_config.yaml:4 with SQLAlchemy==1.4.46."""
    root = app({"Dockerfile": "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python main.py\n",
                "requirements.txt": "aiohttp==3.6.2\nSQLAlchemy==1.4.46\nalembic==1.4.3\n",
                "main.py": "from aiohttp import web\n",
                "config/heroku_config.yaml": f"common:\n  port: 8080\npostgres:\n  database_url: {CLOUD_URL}\n",
                "config/clean.yaml": "postgres:\n  database_url: $DATABASE_URL\n  other: postgresql://u@h/db\n",
                "docker-compose.yml": "services:\n  db:\n    environment:\n      URL: postgres://a:b@db/x\n"})
    found = hits(root, "database-url-scheme")
    assert where(found) == [("database-url-scheme", "config/heroku_config.yaml", 4)]
    assert "postgres://forum:****@ec2-54-75-184-144" in found[0].message
    assert "Xq7p" not in found[0].message + found[0].hint


def test_config_file_url_without_sqlalchemy_is_fine(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\npsycopg2-binary\n",
                "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                "config.yaml": "db: postgres://u:p@host:5432/db\n"})
    assert hits(root, "database-url-scheme") == []


def test_split_settings_judge_what_the_web_process_loads(app):
    """wsgi.py names production.py, which only star-imports base.py; manage.py's local.py is for development
    (release runs it, but ALLOWED_HOSTS does not matter there)."""
    files = django("", {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "import os\n" + SETTINGS_HEAD + APPS + "STATIC_ROOT = 'static'\n",
        "mysite/settings/local.py": "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['localhost']\n",
        "mysite/settings/production.py": "from .base import *\nALLOWED_HOSTS = os.environ['HOSTS'].split(',')\n",
        "Procfile": "release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n",
    })
    del files["mysite/settings.py"]
    files["manage.py"] = files["manage.py"].replace("mysite.settings", "mysite.settings.local")
    files["mysite/wsgi.py"] = files["mysite/wsgi.py"].replace("mysite.settings", "mysite.settings.production")
    assert hits(app(files), "django-allowed-hosts") == []
    files["mysite/settings/production.py"] = "from .base import *\nALLOWED_HOSTS = []\n"
    assert where(hits(app(files), "django-allowed-hosts")) == [
        ("django-allowed-hosts", "mysite/settings/production.py", 2)]
