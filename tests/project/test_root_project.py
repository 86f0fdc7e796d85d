"""project.dependencies.root: the project itself, when the package manager installs it, and where its packages are."""
from __future__ import annotations

import pytest

from preflight.project import Project

SETUPTOOLS = ('[project]\nname = "shop"\nversion = "0"\n\n[build-system]\nrequires = ["setuptools>=61"]\n'
              'build-backend = "setuptools.build_meta"\n')
POETRY = '[project]\nname = "Shop-App"\nversion = "0"\n\n[build-system]\nbuild-backend = "poetry.core.masonry.api"\n'
UV = '[project]\nname = "shop"\nversion = "0"\n\n[build-system]\nbuild-backend = "uv_build"\n'


@pytest.mark.parametrize("files, manager, roots", [
    ({"requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS, "src/shop/__init__.py": ""}, "pip", ["src"]),
    ({"requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS, "shop/__init__.py": ""}, "pip", [""]),
    ({"requirements.txt": "-e .\n",
      "pyproject.toml": SETUPTOOLS + '\n[tool.setuptools.packages.find]\nwhere = ["lib"]\n', "lib/shop/__init__.py": ""},
     "pip", ["lib"]),
    ({"requirements.txt": "-e .\n", "setup.cfg": "[options]\npackage_dir =\n    = code\npackages = find:\n\n"
      "[options.packages.find]\nwhere = code\n", "setup.py": "from setuptools import setup\nsetup()\n",
      "code/shop/__init__.py": ""}, "pip", ["code"]),
    ({"pyproject.toml": POETRY, "poetry.lock": "", "src/shop_app/__init__.py": ""}, "poetry", ["src"]),
    ({"pyproject.toml": POETRY + '\n[tool.poetry]\npackages = [{include = "shop", from = "lib"}, {include = "x.py"}]\n',
      "poetry.lock": "", "lib/shop/__init__.py": "", "x.py": ""}, "poetry", ["lib", ""]),
    ({"pyproject.toml": UV, "uv.lock": "", "src/shop/__init__.py": ""}, "uv", ["src"]),
    ({"pyproject.toml": UV + '\n[tool.uv.build-backend]\nmodule-root = ""\n', "uv.lock": "", "shop/__init__.py": ""},
     "uv", [""]),
    ({"Pipfile": '[packages]\nshop = {path = ".", editable = true}\n', "Pipfile.lock": "{}",
      "pyproject.toml": SETUPTOOLS, "src/shop/__init__.py": ""}, "pipenv", ["src"]),
])
def test_installed_project_and_its_roots(app, files, manager, roots):
    root = Project(app(files)).dependencies.root
    assert (root.manager, root.roots, root.problem) == (manager, roots, None)


@pytest.mark.parametrize("files", [
    {"requirements.txt": "flask\n", "pyproject.toml": SETUPTOOLS, "src/shop/__init__.py": ""},
    {"pyproject.toml": POETRY + "\n[tool.poetry]\npackage-mode = false\n", "poetry.lock": ""},
    {"pyproject.toml": UV.split("[build-system]")[0], "uv.lock": ""},
    {"pyproject.toml": UV + "\n[tool.uv]\npackage = false\n", "uv.lock": ""},
    {"pyproject.toml": '[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[build-system]\nbuild-backend = "uv_build"\n',
     "uv.lock": ""},
])
def test_project_not_installed(app, files):
    assert Project(app(files)).dependencies.root is None
