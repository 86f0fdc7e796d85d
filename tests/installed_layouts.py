"""Projects as the packaging tools make them (`uv init --package`, `poetry new`, a setuptools src
layout installed by `-e .`): the buildpack's install puts src/<name> on sys.path, so `gunicorn <name>:app`
imports. Shared by the start-command and the dependency rules' tests."""
from __future__ import annotations

FLASK_PKG = "import flask\n\napp = flask.Flask(__name__)\n\n\ndef main() -> None:\n    print('Hello')\n"


UV_PACKAGE = """[project]
name = "uvapp"
version = "0.1.0"
description = "Add your description here"
readme = "README.md"
authors = [
    { name = "Ann Dev", email = "ann@example.com" }
]
requires-python = ">=3.12"
dependencies = [
    "flask>=3.1.0",
    "gunicorn>=23.0.0",
]

[project.scripts]
uvapp = "uvapp:main"

[build-system]
requires = ["uv_build>=0.8.13,<0.9.0"]
build-backend = "uv_build"
"""


UV_HATCHLING = UV_PACKAGE.replace('requires = ["uv_build>=0.8.13,<0.9.0"]\nbuild-backend = "uv_build"',
                                  'requires = ["hatchling"]\nbuild-backend = "hatchling.build"')


def uv_package_lock(name="uvapp", source='{ editable = "." }'):
    return (f'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n\n[[package]]\nname = "flask"\n'
            f'version = "3.1.2"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n[[package]]\n'
            f'name = "gunicorn"\nversion = "23.0.0"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n'
            f'[[package]]\nname = "{name}"\nversion = "0.1.0"\nsource = {source}\ndependencies = [\n'
            f'    {{ name = "flask" }},\n    {{ name = "gunicorn" }},\n]\n\n[package.metadata]\nrequires-dist = [\n'
            f'    {{ name = "flask", specifier = ">=3.1.0" }},\n    {{ name = "gunicorn", specifier = ">=23.0.0" }},\n]\n')


POETRY_PACKAGE = """[project]
name = "poetryapp"
version = "0.1.0"
description = ""
authors = [
    {name = "Ann Dev",email = "ann@example.com"}
]
readme = "README.md"
requires-python = ">=3.12"
dependencies = [
    "flask (>=3.1.0,<4.0.0)",
    "gunicorn (>=23.0.0,<24.0.0)"
]

[tool.poetry]
packages = [{include = "poetryapp", from = "src"}]

[build-system]
requires = ["poetry-core>=2.0.0,<3.0.0"]
build-backend = "poetry.core.masonry.api"
"""


POETRY_LOCK = ('[[package]]\nname = "flask"\nversion = "3.1.2"\ndescription = ""\noptional = false\n'
               'python-versions = ">=3.9"\ngroups = ["main"]\nfiles = []\n\n[metadata]\nlock-version = "2.1"\n'
               'python-versions = ">=3.12"\ncontent-hash = "0"\n')


SETUPTOOLS_SRC = """[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "pipapp"
version = "0.1.0"
dependencies = ["flask>=3.1", "gunicorn>=23"]

[tool.setuptools.packages.find]
where = ["src"]
"""


INSTALLED_LAYOUTS = {
    "uv-init-package": {"pyproject.toml": UV_PACKAGE, "uv.lock": uv_package_lock(), ".python-version": "3.12\n",
                        "README.md": "", "src/uvapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn uvapp:app\n"},
    "uv-hatchling": {"pyproject.toml": UV_HATCHLING, "uv.lock": uv_package_lock(), ".python-version": "3.12\n",
                     "README.md": "", "src/uvapp/__init__.py": FLASK_PKG, "src/uvapp/py.typed": "",
                     "Procfile": "web: gunicorn uvapp:app\n"},
    "poetry-new": {"pyproject.toml": POETRY_PACKAGE, "poetry.lock": POETRY_LOCK, "README.md": "",
                   "src/poetryapp/__init__.py": "", "src/poetryapp/web.py": FLASK_PKG, "tests/__init__.py": "",
                   "Procfile": "web: gunicorn poetryapp.web:app\n"},
    "poetry-auto-src": {"pyproject.toml": POETRY_PACKAGE.replace('packages = [{include = "poetryapp", '
                                                                 'from = "src"}]\n', 'package-mode = true\n'),
                        "poetry.lock": POETRY_LOCK, "README.md": "", "src/poetryapp/__init__.py": FLASK_PKG,
                        "Procfile": "web: gunicorn poetryapp:app\n"},
    "pip-editable-src": {"requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_SRC,
                         "src/pipapp/__init__.py": "", "src/pipapp/wsgi.py": FLASK_PKG,
                         "Procfile": "web: gunicorn pipapp.wsgi:app\n"},
    "pip-dot-package-dir": {"requirements.txt": "gunicorn==23.0.0\n.\n",
                            "pyproject.toml": SETUPTOOLS_SRC.replace(
                                '[tool.setuptools.packages.find]\nwhere = ["src"]',
                                '[tool.setuptools]\npackage-dir = {"" = "lib"}\npackages = ["pipapp"]'),
                            "lib/pipapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn pipapp:app\n"},
    "pip-setup-py-src": {"requirements.txt": "--editable .\n",
                         "setup.py": "from setuptools import find_packages, setup\n\nsetup(name='pipapp', "
                                     "package_dir={'': 'src'}, packages=find_packages('src'))\n",
                         "src/pipapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn pipapp:app\n"},
}
