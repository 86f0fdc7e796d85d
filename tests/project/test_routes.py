"""project routes (preflight/project/routes.py): the paths the code serves, and when that set is complete."""
import pytest

from preflight.project import Project
from preflight.project.routes import app_routes

FLASK = {"Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def routes(app, code: dict):
    return app_routes(Project(app({**FLASK, **code}), platform="heroku"))


def test_flask_routes_are_complete_and_matched(app):
    found = routes(app, {"app.py": "import flask\napp = flask.Flask(__name__)\n\n@app.route('/')\ndef i():\n"
                                   "    return 'ok'\n\n@app.get('/healthz')\ndef h():\n    return 'ok'\n\n"
                                   "@app.route('/user/<int:uid>')\ndef u(uid):\n    return ''\n"})
    assert found.complete
    assert found.serves("/healthz") == ("/healthz", "app.py", 8)
    assert found.serves("/healthz/") is not None and found.serves("/user/3") is not None
    assert found.serves("/health") is None and found.serves("/user") is None


def test_prefix_include_and_dynamic_paths_make_it_incomplete(app):
    found = routes(app, {"app.py": "import flask\nfrom views import bp\napp = flask.Flask(__name__)\n"
                                   "app.register_blueprint(bp, url_prefix='/api')\n",
                         "views.py": "import flask\nbp = flask.Blueprint('v', __name__)\n\n@bp.get('/ping')\n"
                                     "def p():\n    return ''\n"})
    assert not found.complete and "register_blueprint" in found.why_incomplete


def test_fastapi_aiohttp_and_catch_all(app):
    found = routes(app, {"app.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/items/{iid}')\n"
                                   "def it(iid):\n    return {}\n\n@app.get('/{rest:path}')\ndef spa(rest):\n"
                                   "    return ''\n"})
    assert found.complete and found.serves("/anything/at/all") == ("/{rest:path}", "app.py", 8)


@pytest.mark.parametrize("urls, complete, served", [
    ("from django.urls import path\nurlpatterns = [path('health/', v), path('', v)]\n", True, True),
    ("from django.urls import include, path\nurlpatterns = [path('', include('blog.urls'))]\n", False, False),
])
def test_django_urlconf(app, urls, complete, served):
    found = routes(app, {"Procfile": "web: gunicorn site.wsgi\n", "manage.py": "import os\n",
                         "site/__init__.py": "", "site/settings.py": "ROOT_URLCONF = 'site.urls'\n",
                         "site/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
                         "site/urls.py": "def v(r):\n    pass\n" + urls})
    assert found.complete is complete and (found.serves("/health") is not None) is served


def test_no_routes_found_is_never_complete(app):
    assert not routes(app, {"app.py": "import flask\napp = flask.Flask(__name__)\n"}).complete
