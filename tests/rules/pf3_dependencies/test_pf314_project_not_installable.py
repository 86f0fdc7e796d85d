"""project-not-installable: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings, run_rules
from installed_layouts import INSTALLED_LAYOUTS, POETRY_LOCK, UV_HATCHLING, UV_PACKAGE, uv_package_lock
from pf3_helpers import APP


NOT_INSTALLABLE = "project-not-installable"


DJANGO_TREE = {"manage.py": "import os\n", "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n",
               "mysite/wsgi.py": "application = None\n", "Procfile": "web: gunicorn mysite.wsgi\n"}


# `poetry init` in a folder named backend, for a Django project: package mode is on by default
POETRY_BACKEND = """[project]
name = "backend"
version = "0.1.0"
description = ""
requires-python = ">=3.12"
dependencies = [
    "django (>=5.2,<6.0)",
    "gunicorn (>=23.0.0,<24.0.0)"
]


[build-system]
requires = ["poetry-core>=2.0.0,<3.0.0"]
build-backend = "poetry.core.masonry.api"
"""


FLASK_FLAT = {"app.py": "from flask import Flask\napp = Flask(__name__)\n", "templates/index.html": "<h1>hi</h1>\n",
              "static/style.css": "h1 {}\n", "Procfile": "web: gunicorn app:app\n"}


SETUPTOOLS_PROJECT = ('[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = ["flask>=3.1", "gunicorn>=23"]\n\n'
                      '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n')


@pytest.mark.parametrize("files, path, line, says", [
    # Poetry installs the root package, and there is no backend/ or src/backend/
    ({**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND, "poetry.lock": POETRY_LOCK}, "pyproject.toml", 2,
     "No file/folder found for package backend"),
    # the include names a folder that is not there (the code moved out of src/)
    ({**INSTALLED_LAYOUTS["poetry-new"], "src/poetryapp/__init__.py": None, "src/poetryapp/web.py": None,
      "poetryapp/__init__.py": "", "poetryapp/web.py": "app = 1\n"}, "pyproject.toml", 16,
     "src/poetryapp does not contain any element"),
    # uv_build wants src/<name>/__init__.py
    ({**INSTALLED_LAYOUTS["uv-init-package"], "src/uvapp/__init__.py": None, "main.py": "app = 1\n",
      "Procfile": "web: gunicorn main:app\n"}, "pyproject.toml", 20,
     "Expected a Python module at: src/uvapp/__init__.py"),
    # hatchling finds no folder named after the project
    ({**INSTALLED_LAYOUTS["uv-hatchling"], "src/uvapp/__init__.py": None, "src/uvapp/py.typed": None,
      "src/app/__init__.py": "app = 1\n", "Procfile": "web: gunicorn app:app\n"}, "pyproject.toml", 20,
     "Unable to determine which files to ship inside the wheel"),
    # -e . where there is nothing to build
    ({**FLASK_FLAT, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n-e .\n"}, "requirements.txt", 3,
     "neither 'setup.py' nor 'pyproject.toml' found"),
    ({**FLASK_FLAT, "Pipfile": '[packages]\nflask = "*"\nshop = {path = ".", editable = true}\n',
      "Pipfile.lock": "{}"}, "Pipfile", 3, "neither 'setup.py' nor 'pyproject.toml' found"),
    # setuptools' flat-layout discovery: templates/ and static/ are two top-level packages to it
    ({**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT}, "requirements.txt", 1,
     "several top-level packages ('static', 'templates')"),
    ({"app.py": "app = 1\n", "config.py": "X = 1\n", "Procfile": "web: gunicorn app:app\n",
      "requirements.txt": ".\n", "setup.py": "from setuptools import setup\n\nsetup(name='shop')\n"},
     "requirements.txt", 1, "several top-level modules ('app', 'config')"),
    ({**FLASK_FLAT, "pyproject.toml": SETUPTOOLS_PROJECT.replace('"gunicorn>=23"]', '"gunicorn>=23"]\n\n[tool.uv]\n'
                                                                 'dev-dependencies = []'),
      "uv.lock": uv_package_lock("shop")}, "pyproject.toml", 11, "Multiple top-level packages discovered"),
])
def test_project_not_installable(app, files, path, line, says):
    root = app({k: v for k, v in files.items() if v is not None})
    found = [f for f in run_rules(root, [NOT_INSTALLABLE]).active]
    assert [(f.name, f.path, f.line) for f in found] == [(NOT_INSTALLABLE, path, line)]
    assert says in found[0].message, found[0].message
    assert found[0].hint and "If the app is not meant to be a package" in found[0].hint


@pytest.mark.parametrize("files", [
    # package-mode = false: Poetry installs only the dependencies
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND.replace("[build-system]", "[tool.poetry]\npackage-mode = false\n\n"
                                                                               "[build-system]"),
     "poetry.lock": POETRY_LOCK},
    # the package is there: flat, or named by packages
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND, "poetry.lock": POETRY_LOCK, "backend/__init__.py": ""},
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND.replace('name = "backend"', 'name = "MySite"'),
     "poetry.lock": POETRY_LOCK},
    {**DJANGO_TREE, "pyproject.toml": POETRY_BACKEND + '\n[tool.poetry]\npackages = [{include = "mysite"}]\n',
     "poetry.lock": POETRY_LOCK},
    # uv without a build system, or told not to package
    {**FLASK_FLAT, "pyproject.toml": UV_PACKAGE.split("[project.scripts]")[0],
     "uv.lock": uv_package_lock(source='{ virtual = "." }')},
    {**FLASK_FLAT, "pyproject.toml": UV_PACKAGE + "\n[tool.uv]\npackage = false\n", "uv.lock": uv_package_lock()},
    # hatchling told where the code is
    {**FLASK_FLAT, "pyproject.toml": UV_HATCHLING + '\n[tool.hatch.build.targets.wheel]\npackages = ["app.py"]\n',
     "uv.lock": uv_package_lock()},
    # setuptools: one top-level package (templates inside it), an explicit list, a src layout
    {"shop/__init__.py": "app = 1\n", "shop/templates/index.html": "", "requirements.txt": "-e .\n",
     "pyproject.toml": SETUPTOOLS_PROJECT, "Procfile": "web: gunicorn shop:app\n"},
    {**FLASK_FLAT, "requirements.txt": "-e .\n",
     "pyproject.toml": SETUPTOOLS_PROJECT + '\n[tool.setuptools]\npy-modules = ["app"]\n'},
    {**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT, "src/shop/__init__.py": ""},
    # docs/, tests/, scripts/ and hidden folders are not packages to setuptools
    {"app.py": "app = 1\n", "docs/index.md": "", "tests/test_app.py": "", "scripts/x.sh": "", ".github/ci.yml": "",
     "requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_PROJECT, "Procfile": "web: gunicorn app:app\n"},
    # the installed layouts as the tools make them
    *INSTALLED_LAYOUTS.values(),
    # a container installs what its Dockerfile says
    {**FLASK_FLAT, "Procfile": None, "requirements.txt": "-e .\n", "Dockerfile": "FROM python:3.12\nCOPY . .\n"
                                                                                 "CMD gunicorn app:app\n"},
])
def test_project_installable_look_alikes(check, files):
    assert check({k: v for k, v in files.items() if v is not None}, NOT_INSTALLABLE) == []


def test_editable_root_without_a_project_is_reported_once(app):
    """`-e .` with nothing to build belongs to project-not-installable, not requirements-local-path."""
    root = app({**APP, "requirements.txt": "-e .\n"})
    assert findings(root, [NOT_INSTALLABLE, "requirements-local-path"]) == [(NOT_INSTALLABLE, "requirements.txt", 1)]


def test_project_not_installable_is_quiet_when_pyproject_does_not_parse(check):
    files = {**FLASK_FLAT, "requirements.txt": "-e .\n", "pyproject.toml": "[project\nname = 'shop'\n"}
    assert check(files, NOT_INSTALLABLE) == []
