"""server-undeclared: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings, run_rules
from pf3_helpers import APP, messages, poetry_lock


# -- server-undeclared ----------------------------------------------------------------------------------
def test_gunicorn_not_declared(app):
    root = app({**APP, "Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\n"})
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1)]
    [f] = run_rules(root, ["server-undeclared"]).active
    assert "command not found" in f.message and "requirements.txt" in f.hint


def test_server_only_in_a_dev_group(app):
    pyproject = ("[project]\nname = 'shop'\ndependencies = ['fastapi']\n\n[dependency-groups]\n"
                 "dev = [\n  'pytest',\n  'uvicorn[standard]',\n]\n")
    root = app({**APP, "Procfile": "release: python -m alembic upgrade head\nweb: uvicorn app:app --port $PORT\n",
                "pyproject.toml": pyproject, "uv.lock": "version = 1\n"})
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1),
                                                     ("server-undeclared", "Procfile", 2)]
    msgs = messages(root, "server-undeclared")
    assert any("declared only in [dependency-groups] dev (pyproject.toml:8)" in m for m in msgs)


def test_server_only_in_an_optional_extra_is_a_warning(app):
    """pythondotorg: gunicorn in [project.optional-dependencies] prod, which their own image installs with
    `uv sync --extra prod`; the buildpack installs no extra, so it is a warning that says so. The same server
    in no table at all stays an error."""
    pyproject = ("[project]\nname = 'site'\ndependencies = ['django']\n\n[project.optional-dependencies]\n"
                 "prod = [\n  'gunicorn',\n]\n")
    files = {**APP, "Procfile": "web: gunicorn site.wsgi\n", "pyproject.toml": pyproject, "uv.lock": "version = 1\n"}
    found = run_rules(app(files), ["server-undeclared"]).active
    assert [(f.name, f.path, f.line, f.severity.value) for f in found] == [
        ("server-undeclared", "Procfile", 1, "warning")]
    assert "optional extra" in found[0].message and "[project.optional-dependencies] prod" in found[0].message
    files["pyproject.toml"] = "[project]\nname = 'site'\ndependencies = ['django']\n"
    found = run_rules(app(files), ["server-undeclared"]).active
    assert [(f.name, f.path, f.line, f.severity.value) for f in found] == [("server-undeclared", "Procfile", 1, "error")]


def test_server_through_wrappers_and_python_m(check):
    files = {**APP, "requirements.txt": "newrelic\nflask\n",
             "Procfile": "web: newrelic-admin run-program gunicorn app:app\nworker: python3 -m celery -A app worker\n"
                         "clock: ddtrace-run python clock.py\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2),
                                                 ("server-undeclared", "Procfile", 3)]


@pytest.mark.parametrize("requirements, procfile", [
    ("fastapi[standard]==0.115.0\n", "web: uvicorn app:app --host 0.0.0.0 --port $PORT"),
    ("uvicorn[standard]==0.30.0\n", "web: uvicorn app:app --host 0.0.0.0 --port $PORT"),
    ("Waitress==3.0\n", "web: waitress-serve --port=$PORT app:app"),
    ("flask-sqlalchemy\n", "release: flask db upgrade"),
    ("gunicorn\n", "web: bin/start && exec /usr/local/bin/gunicorn app:app"),
    ("flask\n", "web: python app.py"),
    ("-e .\n", "web: gunicorn app:app"),  # setup.py's install_requires are not read: stay quiet
])
def test_server_look_alikes(check, requirements, procfile):
    files = {**APP, "requirements.txt": requirements, "Procfile": procfile + "\n", "setup.py": ""}
    assert check(files, "server-undeclared") == []


def test_server_declared_through_the_project_itself(check):
    files = {**APP, "requirements.txt": "-e .\n", "Procfile": "web: gunicorn app:app\n",
             "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['gunicorn>=23']\n"}
    assert check(files, "server-undeclared") == []


def test_server_installed_transitively_by_the_lock(check):
    pyproject = "[tool.poetry]\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = '^3.12'\nquart = '*'\n"
    lock = poetry_lock("x", names=("quart", "hypercorn"))
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": lock, "Procfile": "web: hypercorn app:app\n"}
    assert check(files, "server-undeclared") == []
    files["Procfile"] = "web: gunicorn app:app\n"
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1)]


def test_server_undeclared_in_container_mode(check):
    base = {**APP, "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n",
            "requirements.txt": "flask\n"}
    dockerfile = "FROM python:3.13-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD gunicorn app:app\n"
    assert check({**base, "Dockerfile": dockerfile}, "server-undeclared") == [("server-undeclared", "heroku.yml", 5)]
    installs = dockerfile.replace("requirements.txt\n", "requirements.txt gunicorn==23.0.0\n")
    assert check({**base, "Dockerfile": installs}, "server-undeclared") == []
    other_base = dockerfile.replace("python:3.13-slim", "tiangolo/uvicorn-gunicorn:python3.11")
    assert check({**base, "Dockerfile": other_base}, "server-undeclared") == []


def test_server_quiet_without_any_dependency_file(check):
    assert check({**APP, "Procfile": "web: gunicorn app:app\n"}, "server-undeclared") == []


def test_gunicorn_worker_class_needs_its_distribution(check):
    files = {**APP, "requirements.txt": "gunicorn\nfastapi\n",
             "Procfile": "web: gunicorn -k uvicorn.workers.UvicornWorker main:app\n"
                         "worker: gunicorn --worker-class=gevent app:app\n"
                         "other: gunicorn -k gthread app:app\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2)]


def test_server_quiet_when_an_include_cannot_be_read(check):
    files = {**APP, "requirements.txt": "flask\n-r requirements/prod.txt\n", "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "server-undeclared") == []


def test_server_through_the_nginx_and_pgbouncer_buildpack_wrappers(check):
    files = {**APP, "requirements.txt": "flask==3.1.2\n",
             "Procfile": "web: bin/start-nginx newrelic-admin run-program gunicorn -c config/gunicorn.conf.py app:app\n"
                         "worker: bin/start-pgbouncer celery -A app worker\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 1),
                                                 ("server-undeclared", "Procfile", 2)]
    declared = {**files, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\nnewrelic==10.3.0\ncelery==5.4.0\n"}
    assert check(declared, "server-undeclared") == []


def test_server_not_called_dev_only_when_the_production_file_cannot_be_read(check):
    # requirements.txt includes a file that does not exist (requirements-invalid says so): nothing shows
    # what production installs, so "declared only in requirements/dev.txt" cannot be claimed.
    files = {**APP, "requirements.txt": "-r requirements/production.txt\n",
             "requirements/prod.txt": "-r base.txt\ngunicorn==23.0.0\n",
             "requirements/base.txt": "flask==3.1.2\ncelery==5.4.0\n",
             "requirements/dev.txt": "-r base.txt\npytest==8.3.0\n",
             "Procfile": "web: gunicorn app:app\nworker: celery -A app worker\n"}
    assert check(files, "server-undeclared") == []
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 1)]


def test_fastapi_command_needs_the_standard_extra(app):
    # Plain `fastapi` ships a `fastapi` script that only says 'please install "fastapi[standard]"'.
    files = {"main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
             "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n",
             "Procfile": "web: fastapi run main.py --port $PORT\n"}
    root = app(files)
    assert findings(root, ["server-undeclared"]) == [("server-undeclared", "Procfile", 1)]
    [f] = run_rules(root, ["server-undeclared"]).active
    assert 'fastapi[standard]' in f.message and "fastapi[standard]" in f.hint


@pytest.mark.parametrize("requirements", ["fastapi[standard]==0.115.0\n", "fastapi==0.115.0\nfastapi-cli==0.0.5\n"])
def test_fastapi_command_look_alikes(check, requirements):
    files = {"main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "requirements.txt": requirements,
             "Procfile": "web: fastapi run main.py --port $PORT\n"}
    assert check(files, "server-undeclared") == []


def test_server_declared_only_for_windows_is_not_installed(check):
    # The common cross-platform pair: waitress on the Windows laptop, gunicorn on Linux.
    reqs = 'flask==3.1.2\nwaitress==3.0.0; sys_platform == "win32"\ngunicorn==23.0.0; sys_platform != "win32"\n'
    files = {**APP, "requirements.txt": reqs, "Procfile": "web: waitress-serve --port=$PORT app:app\n"}
    assert check(files, "server-undeclared") == [("server-undeclared", "Procfile", 1)]


def test_server_declared_for_linux_with_a_marker(check):
    reqs = 'flask==3.1.2\nwaitress==3.0.0; sys_platform == "win32"\ngunicorn==23.0.0; sys_platform != "win32"\n'
    files = {**APP, "requirements.txt": reqs, "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "server-undeclared") == []
