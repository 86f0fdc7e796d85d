"""requirements-missing: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings, run_rules
from pf3_helpers import APP, LIBRARY, messages


def only(rows, name):
    return [r for r in rows if r[0] == name]


NODE_APP = {"package.json": '{"name": "web", "scripts": {"start": "node index.js"}}\n', "index.js": "",
            "scripts/requirements.txt": "requests==2.32.3\n", "scripts/gen_fixtures.py": "import requests\n"}


# -- requirements-missing ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["requirement.txt", "Requirements.txt", "requirements.txt.txt", "requirments.txt",
                                  "requirements", "requirements.text", "requirenments.txt"])
def test_missing_names_the_misspelt_file(check, name):
    assert check({**APP, name: "flask\n"}, "requirements-missing") == [("requirements-missing", name, 0)]


def test_missing_with_nothing(check):
    assert check(APP, "requirements-missing") == [("requirements-missing", ".", 0)]


def test_missing_setup_py_only(app):
    root = app({"setup.py": "", ".python-version": "3.13\n"})
    assert only(findings(root, ["requirements-missing"]), "requirements-missing") == \
        [("requirements-missing", "setup.py", 0)]
    assert "sunset" in messages(root, "requirements-missing")[0]


def test_missing_pyproject_only(check):
    files = {"pyproject.toml": "", "src/pkg/__init__.py": ""}
    assert check(files, "requirements-missing") == [("requirements-missing", "pyproject.toml", 0)]


def test_missing_in_subfolder_and_pip_tools_and_folder(check, tmp_path):
    assert check({"backend/app.py": "", "backend/requirements.txt": "flask\n"}, "requirements-missing") == \
        [("requirements-missing", "backend/requirements.txt", 0)]


def test_missing_pip_tools_input(check):
    assert check({**APP, "requirements.in": "flask\n"}, "requirements-missing") == \
        [("requirements-missing", "requirements.in", 0)]


def test_missing_requirements_folder(app):
    root = app({**APP, "requirements/base.txt": "flask\n", "requirements/production.txt": "-r base.txt\n"})
    assert findings(root, ["requirements-missing"]) == [("requirements-missing", "requirements/base.txt", 0)]
    [f] = run_rules(root, ["requirements-missing"]).active
    assert "-r requirements/production.txt" in f.hint


@pytest.mark.parametrize("files", [
    {**APP, "requirements.txt": ""},                       # an empty file is valid
    {**APP, "Pipfile": "[packages]\n"},                    # lockfile-missing instead
    {**APP, "pyproject.toml": "[tool.poetry]\nname = 'x'\n"},  # lockfile-missing instead
    {"README.md": "# docs only\n"},                        # not a Python project
    {**APP, "Dockerfile": "FROM python:3.13\n"},          # container mode: the Dockerfile installs
    {**APP, "requirements-dev.txt": "pytest\n", "requirements.txt": "flask\n"},
])
def test_missing_look_alikes(check, files):
    assert check(files, "requirements-missing") == []


def test_missing_is_quiet_when_the_file_is_only_ignored(check):
    # deploy-file-untracked reports that one; not both.
    files = {**APP, "requirements.txt": "flask\n", ".gitignore": "requirements.txt\n"}
    assert check(files, "requirements-missing", git=True) == []


def test_missing_is_quiet_for_another_language(check):
    files = {"package.json": "{}\n", "scripts/seed.py": "print(1)\n", "index.js": ""}
    assert check(files, "requirements-missing") == []


def test_published_library_needs_no_package_manager_file(check):
    assert check(LIBRARY, "requirements-missing") == []


def test_published_setup_py_library_needs_no_package_manager_file(check):
    setup_py = {"setup.py": "from setuptools import setup\nsetup(name='tinyparse', packages=['tinyparse'])\n",
                "tinyparse/__init__.py": "", "README.md": "x\n"}
    assert check(setup_py, "requirements-missing") == []


@pytest.mark.parametrize("extra", [{"Procfile": "worker: python -m tinyparse\n"}, {"main.py": "import tinyparse\n"},
                                   {"app.json": "{}\n"}])
def test_library_shaped_repo_with_deploy_files_still_needs_one(check, extra):
    # The same pyproject with a Procfile, a root entry module or app.json is an app that will be pushed.
    assert check({**LIBRARY, **extra}, "requirements-missing") == [("requirements-missing", "pyproject.toml", 0)]


def test_missing_is_quiet_for_a_node_app_with_python_helper_scripts(check):
    assert check({**NODE_APP, "Procfile": "web: node index.js\n"}, "requirements-missing") == []


def test_missing_is_quiet_for_a_node_app_without_procfile(check):
    assert check(NODE_APP, "requirements-missing") == []


def test_missing_fires_when_the_procfile_runs_python_beside_package_json(check):
    # package.json for the front end, but the process is a Python server: the requirements are misplaced.
    files = {**NODE_APP, "Procfile": "web: gunicorn --chdir scripts app:app\n"}
    assert check(files, "requirements-missing") == [("requirements-missing", "scripts/requirements.txt", 0)]


def test_missing_does_not_blame_the_read_the_docs_requirements(app):
    # docs/requirements.txt is Read the Docs' file, not the app's: the real reason is the pyproject alone.
    files = {"pyproject.toml": "[project]\nname = 'shop'\ndependencies = ['flask']\n", "app.py": "",
             "docs/requirements.txt": "sphinx\n", "Procfile": "web: gunicorn app:app\n"}
    assert only(findings(app(files), ["requirements-missing"]), "requirements-missing") == \
        [("requirements-missing", "pyproject.toml", 0)]


# FALSE_ALARMS.md "judged false from platform context": aiohttp-demos, a folder of independent demos
DEMOS = {f"demos/{name}/{f}": text for name in ("blog", "chat", "polls")
         for f, text in (("requirements.txt", "aiohttp==3.10.0\n"), ("main.py", "import aiohttp\n"))}


def test_a_collection_of_apps_is_info(app):
    from conftest import run_rules
    result = run_rules(app({**DEMOS, "README.rst": "demos\n"}), select=["requirements-missing"])
    assert [(f.path, f.line, f.severity.value) for f in result.active] == [("demos/blog/requirements.txt", 0, "info")]
    assert "3 folders (demos/blog, demos/chat, demos/polls)" in result.active[0].message


def test_two_sibling_apps_still_fire(check):
    # the look-alike: an app split in two folders is one misplaced app, and pushing the root fails
    files = {k: v for k, v in DEMOS.items() if not k.startswith("demos/polls/")}
    assert check(files, "requirements-missing") == [("requirements-missing", "demos/blog/requirements.txt", 0)]
