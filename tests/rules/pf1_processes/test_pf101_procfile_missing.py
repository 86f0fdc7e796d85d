"""PF101 procfile-missing: a web app with no Procfile at the repository root."""
from __future__ import annotations

import pytest
from conftest import findings, run_rules, severities_at
from procfile_apps import (  # noqa: F401  (declared: a fixture)
    AIOHTTP_BOT, AIOHTTP_SERVER, BOT_APP, FLASK_APP, declared, hits,
)

from preflight.project import Project


def test_missing_fires_for_a_web_app_without_procfile(check, declared):
    declared("flask", "gunicorn")
    assert check(FLASK_APP, "procfile-missing") == [("procfile-missing", ".", 0)]


def test_missing_message_names_h14_and_the_framework(app, declared):
    declared("flask", "gunicorn")
    [f] = hits(app(FLASK_APP), "procfile-missing")
    assert "H14" in f.message and "flask" in f.message
    assert "web: gunicorn app:app" in f.hint


def test_missing_hint_names_the_django_project(app, declared):
    declared("django", "gunicorn")
    [f] = hits(app({"manage.py": "", "mysite/wsgi.py": "", "mysite/settings.py": "",
                    "requirements.txt": "django\n"}), "procfile-missing")
    assert "web: gunicorn mysite.wsgi" in f.hint


def test_missing_silent_when_procfile_is_misnamed(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile.txt": "web: gunicorn app:app\n"})
    assert [f for f in findings(root, select=["PF1"]) if f[0] in ("procfile-missing", "procfile-misnamed")] == [
        ("procfile-misnamed", "Procfile.txt", 0)]


def test_missing_silent_when_procfile_is_only_in_a_subfolder(check, declared):
    declared("flask")
    assert check({**FLASK_APP, "backend/Procfile": "web: gunicorn app:app\n"}, "procfile-missing") == []


def test_missing_silent_for_a_bot(check, declared):
    declared("pytelegrambotapi")
    assert check(BOT_APP, "procfile-missing") == []


def test_missing_silent_in_container_mode(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Dockerfile": "FROM python:3.13-slim\nCMD gunicorn app:app\n"},
                 "procfile-missing") == []


def test_missing_silent_with_a_heroku_yml_run_section(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "heroku.yml": "run:\n  web: gunicorn app:app\n"}, "procfile-missing") == []


def test_missing_silent_when_procfile_is_on_disk_but_uncommitted(app, declared):
    """deploy-file-untracked speaks for it."""
    declared("flask", "gunicorn")
    root = app(FLASK_APP, git=True)
    (root / "Procfile").write_text("web: gunicorn app:app\n")
    got = findings(root, select=["procfile-missing", "deploy-file-untracked"])
    assert got == [("deploy-file-untracked", "Procfile", 0)]


def test_missing_with_the_real_dependency_model(app, tmp_path):
    """End to end through requirements.txt, once the dependency model reads it."""
    probe = app(FLASK_APP)
    if not Project(probe).dependencies.main:
        pytest.skip("the dependency model does not read requirements.txt yet")
    assert findings(probe, select=["procfile-missing"]) == [("procfile-missing", ".", 0)]
    [f] = hits(probe, "procfile-missing")
    assert "flask is declared in requirements.txt:1" in f.message
    (probe / "Procfile").write_text("worker: python bot.py\n")
    assert findings(probe, select=["procfile-missing", "procfile-no-web"]) == [("procfile-no-web", "Procfile", 0)]


def test_missing_silent_for_a_flask_extension_library(check):
    pyproject = ('[build-system]\nrequires = ["flit_core>=3.9"]\nbuild-backend = "flit_core.buildapi"\n\n'
                 '[project]\nname = "flask-tinycache"\nversion = "0.3.0"\ndependencies = ["flask>=2.3"]\n')
    files = {"pyproject.toml": pyproject, "src/flask_tinycache/__init__.py": "from flask import current_app\n",
             "tests/test_cache.py": "from flask import Flask\n"}
    assert check(files, "procfile-missing") == []
    # The same project with an entry module at the root is an app someone means to run.
    assert check({**files, "app.py": "from flask import Flask\napp = Flask(__name__)\n"}, "procfile-missing") == \
        [("procfile-missing", ".", 0)]


def test_missing_silent_for_a_bot_that_uses_aiohttp_as_a_client(check):
    assert check(AIOHTTP_BOT, "procfile-missing") == []


def test_missing_fires_for_an_aiohttp_server(check):
    assert check(AIOHTTP_SERVER, "procfile-missing") == [("procfile-missing", ".", 0)]



# FALSE_ALARMS.md P-compose-app-no-procfile: ('procfile-missing', '.', 0) must drop to info;
# its true look-alike ('procfile-missing', '.', 0) still fires.
COMPOSE_APP = {
    '.gitignore': '.env\n__pycache__/\n',
    'pyproject.toml': ('[project]\nname = "svc"\nversion = "0"\nrequires-python = ">=3.12"\ndependencies = ["django'
                       '==5.2.8", "gunicorn==23.0.0"]\n'),
    'uv.lock': 'version = 1\nrequires-python = ">=3.12"\n',
    'manage.py': "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'svc.settings')\n",
    'svc/__init__.py': '',
    'svc/wsgi.py': ("import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANG"
                    "O_SETTINGS_MODULE', 'svc.settings')\napplication = get_wsgi_application()\n"),
    'svc/settings.py': ("import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = ['*']\n"
                        "STATIC_ROOT = 'staticfiles'\nINSTALLED_APPS = ['django.contrib.auth']\n"),
    'docker/django/Dockerfile': ('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install uv && uv sync --lo'
                                 'cked\nCMD ["uv", "run", "gunicorn", "svc.wsgi", "--bind", "0.0.0.0:8000"]\n'),
    'compose.yml': ('services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/django/Dockerfile\n '
                    '   ports:\n      - "8000:8000"\n'),
}
COMPOSE_APP_LOOKALIKE = {
    **{k: v for k, v in COMPOSE_APP.items() if k not in ('docker/django/Dockerfile', 'compose.yml')},
    'app.json': '{"name": "svc"}\n',
}


def test_p_compose_app_no_procfile_is_info(app):
    root = app(COMPOSE_APP, git=True)
    assert severities_at(root, 'procfile-missing', '.', 0) == ['info']
    [found] = hits(root, "procfile-missing")
    assert "deploys with docker compose (compose.yml), so this matters only if you push it" in found.message


def test_p_compose_app_no_procfile_lookalike_fires(app):
    found = severities_at(app(COMPOSE_APP_LOOKALIKE, git=True), 'procfile-missing', '.', 0)
    assert found in (['error'], ['warning'])


@pytest.mark.parametrize("platform", ["render", "koyeb", "railway", "pythonanywhere"])
def test_missing_silent_where_the_platform_needs_no_procfile(check, declared, platform):
    # Render, Koyeb, Railway... start the app from their own settings: no procfile_required capability.
    declared("flask", "gunicorn")
    assert check(FLASK_APP, "procfile-missing", platform=platform) == []


def test_missing_fires_on_scalingo_in_its_words(app, declared):
    declared("flask", "gunicorn")
    [f] = [f for f in run_rules(app(FLASK_APP), ["procfile-missing"], platform="scalingo").active]
    assert (f.name, f.path, f.line) == ("procfile-missing", ".", 0)
    assert "no web container" in f.message and "H14" not in f.message
