"""Debug mode switched on for production (preflight/project/debugmode.py)."""
from __future__ import annotations

from preflight.project import Project
from preflight.project.debugmode import debug_switches

FLASK = "import os\nimport flask\n\napp = flask.Flask(__name__)\n"


def switches(app, files):
    return [(s.path, s.line, s.what, s.effect) for s in debug_switches(Project(app(files)))]


def test_each_form_and_what_it_exposes(app):
    files = {"Procfile": "web: gunicorn app:app\n",
             "app.py": FLASK + "app.debug = True\napp.config['DEBUG'] = True\n"}
    assert switches(app, files) == [("app.py", 5, "app.debug = True", "debugger-code"),
                                    ("app.py", 6, "config['DEBUG'] = True", "debugger")]


def test_conditional_or_environment_switches_are_not_listed(app):
    files = {"Procfile": "web: gunicorn app:app\n",
             "app.py": FLASK + "app.debug = os.environ.get('DEBUG') == '1'\nif os.environ.get('X'):\n"
                               "    app.config['DEBUG'] = True\n"}
    assert switches(app, files) == []


def test_django_settings_the_web_process_loads(app):
    files = {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
             "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
             "mysite/settings.py": "SECRET_KEY = 'x'\nDEBUG = True\n"}
    assert switches(app, files) == [("mysite/settings.py", 2, "DEBUG = True", "django")]
