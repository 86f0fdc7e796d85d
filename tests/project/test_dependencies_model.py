"""The dependency model (preflight/project/dependencies.py): what production installs, what only development."""
from __future__ import annotations

from conftest import run_rules
from preflight.project import Project

APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


# -- the model other rules read -------------------------------------------------------------------------
def test_model_manager_main_and_dev(app):
    root = app({**APP, "requirements.txt": "-r base.txt\nFlask_SQLAlchemy==3.1\n", "base.txt": "gunicorn\n",
                "requirements-dev.txt": "pytest\ngunicorn\n"})
    deps = Project(root).dependencies
    assert deps.manager == "pip"
    assert sorted(deps.main) == ["flask-sqlalchemy", "gunicorn"] and sorted(deps.dev) == ["pytest"]
    d = deps.main["flask-sqlalchemy"]
    assert (d.name, d.path, d.line, d.specifier) == ("Flask_SQLAlchemy", "requirements.txt", 2, "==3.1")
    assert deps.declares("flask_sqlalchemy") and not deps.declares("pytest")


def test_model_poetry_groups_and_extras(app):
    pyproject = ("[tool.poetry.dependencies]\npython = '^3.12'\nDjango = {version = '^5.1', extras = ['argon2']}\n"
                 "boto3 = {version = '*', optional = true}\n\n[tool.poetry.group.test.dependencies]\npytest = '*'\n")
    root = app({**APP, "pyproject.toml": pyproject, "poetry.lock": ""})
    deps = Project(root).dependencies
    assert deps.manager == "poetry"
    assert list(deps.main) == ["django"] and list(deps.dev) == ["pytest"] and list(deps.optional) == ["boto3"]
    assert (deps.main["django"].line, deps.main["django"].extras) == (3, ("argon2",))
    assert deps.dev["pytest"].section == "[tool.poetry.group.test.dependencies]"


def test_model_pipenv_and_web_app(app):
    root = app({**APP, "Pipfile": "[packages]\nflask = '*'\n\n[dev-packages]\npytest = '*'\n"})
    project = Project(root)
    assert project.dependencies.manager == "pipenv"
    assert list(project.dependencies.main) == ["flask"] and project.is_web_app


def test_model_keeps_dev_when_production_is_fully_known(app):
    root = app({**APP, "requirements.txt": "flask==3.1.2\n", "requirements-dev.txt": "pytest==8.3.0\n"})
    deps = Project(root).dependencies
    assert set(deps.dev) == {"pytest"} and deps.complete
    root = app({**APP, "requirements.txt": "-r missing.txt\nflask==3.1.2\n", "requirements-dev.txt": "pytest==8\n"})
    deps = Project(root).dependencies
    assert not deps.complete and deps.dev == {}


def test_a_pyproject_marker_packaging_cannot_tokenize_does_not_crash(app):
    # TOML turns \\r into a carriage return inside the marker's quoted value.
    pyproject = ('[project]\nname = "x"\nversion = "1"\n'
                 'dependencies = ["flask; os_name == \'po\\rsix\'", "gunicorn"]\n')
    root = app({**APP, "pyproject.toml": pyproject, "uv.lock": "version = 1\n", "Procfile": "web: gunicorn app:app\n"})
    result = run_rules(root, ["PF3", "procfile-no-web"])
    assert not result.crashes, result.crashes
    assert set(Project(root).dependencies.main) == {"gunicorn"}
