"""PF404 module-gitignored: the start path imports a local module git does not ship."""
from __future__ import annotations

import pytest
from code_apps import FLASK, MAIN


def test_star_import_of_an_ignored_absent_module(check):
    """The seed: from conf import * with conf.py in .gitignore (and so not in the clone)."""
    files = {"Procfile": "web: python flask_app.py\n", ".gitignore": "conf.py\n__pycache__/\n",
             "flask_app.py": "import flask\nimport telebot\nfrom conf import *\n\nbot = telebot.TeleBot(TOKEN)\n"}
    assert check(files, "module-gitignored", git=True) == [("module-gitignored", "flask_app.py", 3)]


def test_ignored_module_on_disk_and_untracked_module(check, app):
    files = {"Procfile": "web: gunicorn app:app\n", ".gitignore": "secrets/\n", "app.py": FLASK +
             "from secrets.keys import TOKEN\nimport helpers\n", "secrets/__init__.py": "", "secrets/keys.py": "",
             "helpers.py": ""}
    from conftest import findings, git_init, write_files
    root = app(files)
    git_init(root)
    write_files(root, {"helpers.py": "x = 1\n"})
    import subprocess
    subprocess.run(["git", "rm", "-q", "--cached", "helpers.py"], cwd=root, check=True)
    got = [f for f in findings(root, select=["module-gitignored"])]
    assert got == [("module-gitignored", "app.py", 5), ("module-gitignored", "app.py", 6)]


@pytest.mark.parametrize("files", [
    # Django's optional local settings
    {"Procfile": "web: python app.py\n", ".gitignore": "local_settings.py\n",
     "app.py": "try:\n    from local_settings import *\nexcept ImportError:\n    pass\n"},
    # the module is committed
    {"Procfile": "web: python app.py\n", ".gitignore": "*.pyc\n", "app.py": "from conf import TOKEN\n",
     "conf.py": "import os\nTOKEN = os.environ['TOKEN']\n"},
    # a third-party module whose name the .gitignore does not cover
    {"Procfile": "web: python app.py\n", ".gitignore": "venv/\nconfig.json\n", "app.py": "import config_loader\n"},
    # imported only in a __main__ block gunicorn never runs
    {"Procfile": "web: gunicorn app:app\n", ".gitignore": "devconf.py\n",
     "app.py": FLASK + MAIN + "    import devconf\n"},
    # imported only when the file is there, or in development
    {"Procfile": "web: python app.py\n", ".gitignore": "devconf.py\nlocal_settings.py\n",
     "app.py": "import os\nif os.path.exists('devconf.py'):\n    from devconf import *\n"
               "if os.environ.get('DEBUG'):\n    import local_settings\n"},
])
def test_shipped_or_optional_modules(check, files):
    assert check(files, "module-gitignored", git=True) == []


def test_module_gitignored_outside_git(check):
    files = {"Procfile": "web: python app.py\n", ".gitignore": "conf.py\n", "app.py": "from conf import *\n"}
    assert check(files, "module-gitignored") == [("module-gitignored", "app.py", 1)]


def test_submodule_of_a_shipped_package_ignored(check):
    files = {"Procfile": "web: python app.py\n", ".gitignore": "settings/secret.py\n", "settings/__init__.py": "",
             "app.py": "from settings import secret\nfrom settings import __version__\n"}
    assert check(files, "module-gitignored", git=True) == [("module-gitignored", "app.py", 1)]
