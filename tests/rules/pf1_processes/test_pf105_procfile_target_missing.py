"""PF105 procfile-target-missing: a start command runs a file, module or app object that is not there."""
from __future__ import annotations

import pytest
from installed_layouts import INSTALLED_LAYOUTS, POETRY_PACKAGE, UV_PACKAGE, uv_package_lock
from start_apps import FLASK


@pytest.mark.parametrize("files", [
    {"Procfile": "web: python flask_app.py\n", "app.py": FLASK},
    {"Procfile": "web: gunicorn app:app\n", "main.py": FLASK},
    {"Procfile": "web: gunicorn main:application\n", "main.py": FLASK},
    {"Procfile": "web: gunicorn 'main:create_app()'\n", "main.py": FLASK},
    {"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port $PORT\n", "src/main.py": "app = 1\n"},
    {"Procfile": "worker: celery -A tasks worker\n", "app.py": FLASK},
    {"Procfile": "web: flask --app server run\n", "app.py": FLASK},
])
def test_target_missing_fires_at_the_procfile_line(check, files):
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]


@pytest.mark.parametrize("files,hint", [
    ({"Procfile": "web: gunicorn app:app\n", "main.py": FLASK, "models.py": "db = 1\n"},
     "(main.py defines 'app': did you mean 'main:app'?)"),
    ({"Procfile": "web: gunicorn 'app:create_app()'\n", "wsgi.py": "def create_app():\n    pass\n"},
     "(wsgi.py defines 'create_app': did you mean 'wsgi:create_app()'?)"),
    ({"Procfile": "web: gunicorn App:app\n", "app.py": FLASK}, "(app.py exists: module names are case-sensitive"),
    ({"Procfile": "web: python Bot.py\n", "bot.py": FLASK}, "(bot.py is: file names are case-sensitive"),
    # two modules define it, or none does: no guess
    ({"Procfile": "web: gunicorn app:app\n", "main.py": FLASK, "wsgi.py": FLASK}, "repository: the web"),
    ({"Procfile": "web: gunicorn app:app\n", "main.py": "x = 1\n"}, "repository: the web"),
])
def test_target_missing_names_the_module_that_has_the_app(app, files, hint):
    from conftest import run_rules

    found = [f for f in run_rules(app(files), ["procfile-target-missing"]).active]
    assert [(f.path, f.line) for f in found] == [("Procfile", 1)]
    assert hint in found[0].message


def test_target_missing_in_a_script_run_by_the_container(check):
    files = {"Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["./run.sh"]\n',
             "run.sh": "#!/bin/sh\nexport PYTHONPATH=.\nexec python server.py\n", "main.py": ""}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "run.sh", 3)]


def test_target_missing_in_heroku_yml_and_dockerfile(check):
    files = {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n    worker: Dockerfile\n"
                           "run:\n  worker: python worker.py\n",
             "Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD gunicorn web:app\n", "main.py": FLASK}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Dockerfile", 4),
                                                        ("procfile-target-missing", "heroku.yml", 6)]


@pytest.mark.parametrize("files", [
    {"Procfile": "web: gunicorn flask_app:app\n", "flask_app.py": FLASK},
    {"Procfile": "web: gunicorn 'factory:create_app()'\n", "factory.py": "def create_app():\n    pass\n"},
    {"Procfile": "web: gunicorn --chdir src app:app\n", "src/app.py": FLASK},
    {"Procfile": "web: gunicorn main:app\n", "main.py": "from setup_app import *\n", "setup_app.py": FLASK},
    {"Procfile": "web: gunicorn main:app\n", "main.py": "from factory import app\n", "factory.py": FLASK},
    {"Procfile": "web: python flask_app.py\n"},               # no Python code at all: nothing to compare with
    {"Procfile": "web: python -m http.server $PORT\n", "app.py": ""},
])
def test_target_present_is_silent(check, files):
    assert check(files, "procfile-target-missing") == []


@pytest.mark.parametrize("layout", sorted(INSTALLED_LAYOUTS))
def test_installed_project_package_is_importable(check, layout):
    assert check(INSTALLED_LAYOUTS[layout], "procfile-target-missing") == []


@pytest.mark.parametrize("layout, change", [
    # uv: a project without a build system (or with package = false) is virtual; uv installs only its deps
    ("uv-init-package", {"pyproject.toml": UV_PACKAGE.split("[project.scripts]")[0],
                         "uv.lock": uv_package_lock(source='{ virtual = "." }')}),
    ("uv-init-package", {"pyproject.toml": UV_PACKAGE + "\n[tool.uv]\npackage = false\n"}),
    # Poetry with package-mode = false installs no root package
    ("poetry-new", {"pyproject.toml": POETRY_PACKAGE.replace('packages = [{include = "poetryapp", from = "src"}]',
                                                             "package-mode = false")}),
    # pip installs only what requirements.txt lists: no `-e .` -> the project is not installed
    ("pip-editable-src", {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}),
    # installed, but the module is not one of its packages
    ("uv-init-package", {"Procfile": "web: gunicorn webapp:app\n"}),
])
def test_project_not_installed_still_misses_src_modules(check, layout, change):
    files = {**INSTALLED_LAYOUTS[layout], **change}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]


# issue #8 item 6: `flask <cmd>` with FLASK_APP documented in a committed env template (the config var the deploy sets)
FLASK_CLI = {"Procfile": "web: flask db upgrade && gunicorn microblog:app\n", "microblog.py": FLASK,
             "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def test_flask_app_from_an_env_template_is_found(check):
    files = {**FLASK_CLI, ".env.example": "SECRET_KEY=change-me\nFLASK_APP=microblog.py\n"}
    assert check(files, "procfile-target-missing") == []


def test_flask_app_named_nowhere_still_fires(check):
    # the look-alike: no --app, no FLASK_APP anywhere, and no app.py or wsgi.py for Flask to discover
    assert check(FLASK_CLI, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]


def test_flask_app_from_an_env_template_that_names_a_missing_module_fires(check):
    files = {**FLASK_CLI, ".env.example": "FLASK_APP=blog.py\n"}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]
