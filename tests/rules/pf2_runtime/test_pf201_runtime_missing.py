"""runtime-missing: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest
from conftest import severities_at

from pf2_helpers import LIBRARY, REQS, app_with, lock, seen, where


# -- runtime-missing --------------------------------------------------------------------------------
def test_missing_fires_on_requirements_only(check):
    assert check(REQS, "runtime-missing") == [("runtime-missing", ".", 0)]


def test_missing_is_an_error_with_uv(app):
    files = {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.12"\n',
             "uv.lock": "version = 1\n", "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files)
    assert where(found) == [("runtime-missing", ".", 0)]
    assert found[0][3] == "error" and "uv python pin 3.14" in found[0][5]


def test_missing_defers_a_gitignored_pin_to_deploy_file_untracked(app):
    # One finding for one problem: deploy-file-untracked names the ignore pattern, and its fix keeps the
    # version the file names (runtime-missing's 'echo 3.14 > .python-version' would overwrite it).
    files = app_with(**{".python-version": "3.12.4\n", ".gitignore": ".python-version\n"})
    found = seen(app, files, ["runtime-missing", "deploy-file-untracked"], git=True)
    assert where(found) == [("deploy-file-untracked", ".python-version", 0)]
    assert found[0][3] == "warning" and ".gitignore:1" in found[0][4]


@pytest.mark.parametrize("extra", [
    {".python-version": "3.13\n"},
    {"runtime.txt": "python-3.13\n"},
    {"Pipfile.lock": lock({"python_version": "3.13"})},
])
def test_missing_quiet_when_a_version_is_pinned(check, extra):
    assert check(app_with(**extra), "runtime-missing") == []


def test_missing_quiet_in_container_mode(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
             "requirements.txt": ""}
    assert check(files, "runtime-missing") == []


def test_missing_quiet_when_not_a_python_project(check):
    assert check({"README.md": "hello\n"}, "runtime-missing") == []


def test_missing_quiet_for_a_node_app_with_a_helper_script(check):
    # Python only in a helper folder: the buildpack's detection never sees a Python app at the root.
    files = {"package.json": '{"name": "web"}\n', "index.js": "", "Procfile": "web: node index.js\n",
             "scripts/gen_fixtures.py": "import json\n"}
    assert check(files, "runtime-missing") == []


def test_missing_quiet_at_the_root_of_a_monorepo(check):
    files = {"backend/requirements.txt": "fastapi==0.115.0\n", "backend/api/main.py": "app = None\n",
             "backend/.python-version": "3.12\n", "frontend/package.json": "{}\n", "README.md": "# mono\n"}
    assert check(files, "runtime-missing") == []


def test_missing_still_fires_for_a_bot_with_only_a_script_at_the_root(check):
    files = {"bot.py": "import telebot\n", "Procfile": "worker: python bot.py\n"}
    assert check(files, "runtime-missing") == [("runtime-missing", ".", 0)]


def test_runtime_missing_quiet_for_a_published_library(app):
    assert seen(app, LIBRARY) == []


def test_runtime_rules_apply_to_a_library_shaped_app_with_a_procfile(app):
    found = seen(app, {**LIBRARY, "Procfile": "worker: python -m tinyparse\n"})
    assert where(found) == [("runtime-missing", ".", 0)]



# FALSE_ALARMS.md P-self-hosted-bot: ('runtime-missing', '.', 0) must drop to info;
# its true look-alike ('runtime-missing', '.', 0) still fires.
SELF_HOSTED_BOT = {
    '.gitignore': '.env\n__pycache__/\n',
    'requirements.txt': 'discord.py==2.6.4\n',
    'bot.py': ('import os\n\nimport discord\n\nclient = discord.Client(intents=discord.Intents.default())\nclient.r'
               "un(os.environ['TOKEN'])\n"),
}
SELF_HOSTED_BOT_LOOKALIKE = {
    **SELF_HOSTED_BOT,
    'Procfile': 'worker: python bot.py\n',
}


def test_p_self_hosted_bot_is_info(app):
    from conftest import rule_findings
    root = app(SELF_HOSTED_BOT, git=True)
    assert severities_at(root, 'runtime-missing', '.', 0) == ['info']
    assert "this discord.py bot has no Procfile" in rule_findings(root, "runtime-missing")[0].message


def test_p_self_hosted_bot_lookalike_fires(app):
    found = severities_at(app(SELF_HOSTED_BOT_LOOKALIKE, git=True), 'runtime-missing', '.', 0)
    assert found in (['error'], ['warning'])


def test_a_collection_of_apps_is_info(app):
    # aiohttp-demos: demos/blog, demos/chat... each with its own requirements.txt, a dev file at the root
    files = {f"demos/{name}/{f}": text for name in ("blog", "chat", "polls")
             for f, text in (("requirements.txt", "aiohttp==3.10.0\n"), ("main.py", "import aiohttp\n"))}
    root = app({**files, "requirements-dev.txt": "pytest==8.3.3\n"})
    assert severities_at(root, "runtime-missing", ".", 0) == ["info"]
    # the look-alike: the same tree pushed as one app (a Procfile at the root) keeps the warning
    assert severities_at(app({**files, "requirements-dev.txt": "pytest==8.3.3\n", "Procfile": "web: x\n"}),
                         "runtime-missing", ".", 0) == ["warning"]


def test_missing_names_the_platforms_default(app):
    """Scalingo installs 3.13 (Heroku 3.14); Koyeb lists nothing newer than 3.13, so the pin it suggests is 3.13;
    Fly builds from the Dockerfile and PythonAnywhere from the Web tab: the rule does not run there."""
    scalingo = seen(app, REQS, ["runtime-missing"], platform="scalingo")
    assert where(scalingo) == [("runtime-missing", ".", 0)]
    assert "Python 3.13 today" in scalingo[0][4] and "cached" in scalingo[0][4]
    koyeb = seen(app, REQS, ["runtime-missing"], platform="koyeb")
    assert "Koyeb installs its default (Python 3.13 today)" in koyeb[0][4]
    assert "echo 3.13 > .python-version" in koyeb[0][5]
    render = seen(app, REQS, ["runtime-missing"], platform="render")
    assert "Python 3.14.3 today" in render[0][4] and "no .python-version:" in render[0][4]
    for platform in ("fly", "pythonanywhere"):
        assert seen(app, REQS, ["runtime-missing"], platform=platform) == [], platform
