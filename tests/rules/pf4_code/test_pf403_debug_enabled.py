"""PF403 debug-enabled: debug mode on in the code or command the web process runs."""
from __future__ import annotations

import pytest
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
