"""PF403 debug-enabled: debug mode on in the code or command the web process runs."""
from __future__ import annotations

import pytest
from conftest import severities_at
from code_apps import AS_SCRIPT, FLASK, MAIN, SERVED


@pytest.mark.parametrize("files,where", [
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.debug = True\n    app.run()\n"}, ("app.py", 7)),
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(debug=True)\n"}, ("app.py", 7)),
    ({**SERVED, "app.py": FLASK + "app.config['DEBUG'] = True\n"}, ("app.py", 5)),
    ({**SERVED, "app.py": FLASK + "DEBUG = True\napp.config.update(DEBUG=DEBUG)\n"}, ("app.py", 6)),
    ({"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port $PORT\n",
      "main.py": "from fastapi import FastAPI\napp = FastAPI(debug=True)\n"}, ("main.py", 2)),
    ({"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
      "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      "mysite/settings.py": "SECRET_KEY = 'x'\nDEBUG = True\nALLOWED_HOSTS = ['*']\n"}, ("mysite/settings.py", 2)),
    ({"Procfile": "web: FLASK_DEBUG=1 flask --app app run --host 0.0.0.0 --port $PORT\n", "app.py": FLASK},
     ("Procfile", 1)),
    # an if that tests nothing does not make it conditional
    ({**SERVED, "app.py": FLASK + "if True:\n    app.debug = True\n"}, ("app.py", 6)),
    # split settings: the production module the WSGI file names sets it
    ({"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "", "mysite/settings/__init__.py": "",
      "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.prod')\n",
      "mysite/settings/base.py": "DEBUG = False\nINSTALLED_APPS = []\n",
      "mysite/settings/prod.py": "from .base import *\nDEBUG = True\n"}, ("mysite/settings/prod.py", 2)),
])
def test_debug_enabled(check, files, where):
    assert check(files, "debug-enabled") == [("debug-enabled", *where)]


@pytest.mark.parametrize("files", [
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(debug=True)\n"},
    {**SERVED, "app.py": FLASK + "app.debug = os.environ.get('DEBUG') == '1'\n"},
    {**SERVED, "app.py": FLASK + "app.run = None\nlogger_debug = True\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = os.environ.get('DJANGO_DEBUG') == '1'\n"},
    # Django: production.py overrides the DEBUG = True of the base.py it star-imports; the Heroku 'DYNO' check
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "", "mysite/settings/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.production')\n",
     "mysite/settings/base.py": "DEBUG = True\nINSTALLED_APPS = []\n",
     "mysite/settings/production.py": "from .base import *\nDEBUG = False\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = True\nif 'DYNO' in os.environ:\n    DEBUG = False\n"},
    {**SERVED, "app.py": FLASK + "app.debug = True\nif os.environ.get('DYNO'):\n    app.debug = False\n"},
    # switched on only when a config var asks for it (in a factory, and at module level)
    {"Procfile": "web: gunicorn 'app:create_app()'\n",
     "app.py": FLASK + "def create_app():\n    if os.environ.get('DEBUG'):\n        app.debug = True\n"
                       "    return app\n"},
    {**SERVED, "app.py": FLASK + "if os.environ.get('FLASK_ENV') == 'development':\n    app.config['DEBUG'] = True\n"
                                 "else:\n    app.config.update(DEBUG=True) if False else None\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = False\nif os.environ.get('LOCAL'): DEBUG = True\n"},
])
def test_debug_off_or_not_running(check, files):
    assert check(files, "debug-enabled") == []


def test_debug_enabled_points_at_the_switch_and_not_at_a_look_alike(check):
    files = {**SERVED, "app.py": FLASK + "app.debug = True\nlogger.debug = True\nDEBUG_TOOLBAR = True\n"}
    assert check(files, "debug-enabled") == [("debug-enabled", "app.py", 5)]



# FALSE_ALARMS.md D-flask-cli-command: ('debug-enabled', 'Procfile', 1) must stay quiet;
# its true look-alike ('debug-enabled', 'Procfile', 1) still fires.
FLASK_CLI = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: flask db upgrade; gunicorn app:app\n',
    '.python-version': '3.13\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\n',
    'app.py': 'import flask\n\napp = flask.Flask(__name__)\n',
    '.flaskenv': 'FLASK_APP=app.py\nFLASK_DEBUG=1\n',
}
FLASK_CLI_LOOKALIKE = {
    **FLASK_CLI,
    'Procfile': 'web: flask run --host 0.0.0.0 --port $PORT\n',
}


def test_d_flask_cli_command_is_quiet(app):
    assert severities_at(app(FLASK_CLI, git=True), 'debug-enabled', 'Procfile', 1) == []


def test_d_flask_cli_command_lookalike_fires(app):
    found = severities_at(app(FLASK_CLI_LOOKALIKE, git=True), 'debug-enabled', 'Procfile', 1)
    assert found in (['error'], ['warning'])


# issue #8 miss: DEBUG on unless someone turns it off
DJANGO_ENV_DEBUG = {
    "Procfile": "web: gunicorn mysite.wsgi\n",
    "requirements.txt": "django==5.2.8\ngunicorn==23.0.0\n",
    "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
    "mysite/__init__.py": "",
    "mysite/wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\n"
                      "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                      "application = get_wsgi_application()\n",
}
SETTINGS_HEAD = "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['*']\nINSTALLED_APPS = []\n"


@pytest.mark.parametrize("expr", ["os.environ.get('DEBUG', '') != 'False'", "os.getenv('DEBUG', 'True') == 'True'",
                                  "os.environ.get('DEBUG', 'TRUE').lower() == 'true'"])
def test_debug_on_unless_turned_off_fires(app, expr):
    from conftest import rule_findings
    root = app({**DJANGO_ENV_DEBUG, "mysite/settings.py": SETTINGS_HEAD + f"DEBUG = {expr}\n"})
    found = rule_findings(root, "debug-enabled")
    assert [(f.path, f.line) for f in found] == [("mysite/settings.py", 5)]
    assert "True while DEBUG is unset" in found[0].message


@pytest.mark.parametrize("expr", ["os.environ.get('DJANGO_DEBUG', 'False') != 'False'",  # pontoon: off by default
                                  "os.environ.get('DEBUG') == '1'", "os.environ.get('DEBUG', '') == 'True'"])
def test_debug_off_unless_turned_on_is_quiet(check, expr):
    files = {**DJANGO_ENV_DEBUG, "mysite/settings.py": SETTINGS_HEAD + f"DEBUG = {expr}\n"}
    assert check(files, "debug-enabled") == []
