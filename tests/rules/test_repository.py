"""PF705 deploy-file-untracked and PF706 cron-unsupported."""
from __future__ import annotations

import pytest
from conftest import findings, run_rules

from preflight.project import dependencies as deps_module

APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n", "Procfile": "web: gunicorn app:app\n",
       "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n"}


def hits(root, name):
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]


# -- deploy-file-untracked -------------------------------------------------------------------------

def test_untracked_fires_for_an_ignored_requirements_file(app):
    root = app({**APP, ".gitignore": "__pycache__/\n*.txt\n"}, git=True)
    [f] = hits(root, "deploy-file-untracked")
    assert (f.path, f.line) == ("requirements.txt", 0)
    assert ".gitignore:2 ('*.txt')" in f.message and "push does not carry it" in f.message


def test_untracked_fires_for_a_file_never_added(app):
    files = dict(APP)
    procfile = files.pop("Procfile")
    root = app(files, git=True)
    (root / "Procfile").write_text(procfile)
    [f] = hits(root, "deploy-file-untracked")
    assert (f.path, f.line) == ("Procfile", 0)
    assert "never committed" in f.message and "H14" in f.message
    assert f.hint == "git add Procfile && git commit"


def test_untracked_fires_for_the_dockerfile_heroku_yml_builds(app):
    files = {"heroku.yml": "build:\n  docker:\n    web: docker/Dockerfile\n", "requirements.txt": "aiohttp\n",
             ".gitignore": "docker/\n", "docker/Dockerfile": "FROM python:3.13-slim\n"}
    assert findings(app(files, git=True), select=["deploy-file-untracked"]) == [
        ("deploy-file-untracked", "docker/Dockerfile", 0)]


def test_untracked_outside_git_reports_what_gitignore_excludes(check):
    assert check({**APP, ".gitignore": ".python-version\n"}, "deploy-file-untracked") == [
        ("deploy-file-untracked", ".python-version", 0)]


def test_untracked_silent_when_everything_is_committed(check):
    assert check({**APP, ".gitignore": "__pycache__/\n.env\n"}, "deploy-file-untracked", git=True) == []


def test_untracked_silent_for_a_local_lockfile_next_to_a_committed_one(check):
    """A gitignored poetry.lock beside the committed requirements.txt is deliberate (and would conflict)."""
    files = {**APP, "poetry.lock": "", "pyproject.toml": "[tool.poetry]\n", "runtime.txt": "python-3.13\n",
             ".gitignore": "poetry.lock\npyproject.toml\nruntime.txt\n"}
    assert check(files, "deploy-file-untracked", git=True) == []


def test_untracked_silent_for_code_and_other_files(check):
    """Entry modules belong to module-gitignored; random ignored files are none of this rule's business."""
    files = {**APP, "conf.py": "TOKEN = 'x'\n", "notes.md": "", ".gitignore": "conf.py\nnotes.md\n"}
    assert check(files, "deploy-file-untracked", git=True) == []


def test_untracked_silent_for_container_push_apps(app):
    """heroku container:push builds from the working directory, not from git."""
    root = app({"Dockerfile": "FROM python:3.13-slim\n", "main.py": "", ".gitignore": "requirements.txt\n",
                "requirements.txt": "aiohttp\n"}, git=True)
    assert findings(root, select=["deploy-file-untracked"]) == []


# -- cron-unsupported ------------------------------------------------------------------------------

def test_cron_points_at_the_first_schedule_line(check):
    files = {"crontab": "# refresh the news cache every morning\n0 8 * * * python3 refresh.py\n",
             "refresh.py": ""}
    assert check(files, "cron-unsupported", git=True) == [("cron-unsupported", "crontab", 2)]


@pytest.mark.parametrize("path,content,line", [
    ("deploy/jobs.cron", "SHELL=/bin/bash\nMAILTO=me@example.invalid\n\n@daily python backup.py\n", 4),
    ("etc/cron.d/report", "*/15 * * * * app python report.py\n", 1),
    ("crontab.txt", "30 2 * * MON-FRI python weekly.py\n", 1),
])
def test_cron_fires_for_cron_files(check, path, content, line):
    assert check({path: content}, "cron-unsupported") == [("cron-unsupported", path, line)]


def test_cron_fires_for_a_cron_daemon_in_the_procfile(check):
    content = "web: gunicorn app:app\nclock: service cron start && tail -f /dev/null\n"
    assert check({**APP, "Procfile": content}, "cron-unsupported") == [("cron-unsupported", "Procfile", 2)]


def test_cron_fires_for_cron_in_the_image(check):
    dockerfile = ("FROM python:3.13-slim\n"
                  "RUN apt-get update && apt-get install -y \\\n"
                  "    cron && rm -rf /var/lib/apt/lists/*\n"
                  "COPY jobs /etc/jobs\n"
                  "RUN crontab /etc/jobs\n"
                  'CMD ["cron", "-f"]\n')
    assert check({"Dockerfile": dockerfile, "main.py": ""}, "cron-unsupported") == [
        ("cron-unsupported", "Dockerfile", 2), ("cron-unsupported", "Dockerfile", 5),
        ("cron-unsupported", "Dockerfile", 6)]


def test_cron_fires_for_python_crontab_in_requirements(check):
    assert check({"requirements.txt": "flask\n# scheduling\npython-crontab==3.2.0\n"}, "cron-unsupported") == [
        ("cron-unsupported", "requirements.txt", 3)]


def test_cron_defers_to_the_dependency_model(app, monkeypatch):
    """Declared only as a dev dependency: the dyno never installs it."""
    class Deps:
        main = {"flask": None}
        dev = {"python-crontab": None}

    monkeypatch.setattr(deps_module, "load", lambda project: Deps())
    root = app({"requirements.txt": "flask\npython-crontab\n"})
    assert findings(root, select=["cron-unsupported"]) == []


def test_cron_silent_on_look_alikes(check):
    files = {**APP,
             "crontab.py": "0 8 * * * is how cron writes it\n",                 # a Python module
             "docs/crontab": "How we used to schedule jobs (no schedule here)\n",
             "requirements.txt": "flask\ncroniter\n# python-crontab (removed)\nAPScheduler\n",
             "Procfile": "web: gunicorn app:app\nclock: python cronjobs.py\nsched: supercronic crontab\n",
             "app.json": '{"name": "crond"}\n'}
    assert check(files, "cron-unsupported") == []


def test_cron_ignores_a_dockerfile_the_buildpack_deploy_does_not_use(check):
    files = {**APP, "Dockerfile": "FROM python:3.13-slim\nCMD [\"cron\", \"-f\"]\n"}
    assert check(files, "cron-unsupported") == []


def test_untracked_reports_an_empty_repository_once(app):
    root = app(APP, git=True, add=False)
    assert findings(root, select=["deploy-file-untracked"]) == [("deploy-file-untracked", ".", 0)]


def test_untracked_pin_of_a_uv_app_fails_the_build(app):
    # uv needs .python-version: without it the build stops, so the finding is an error that says so.
    files = {**APP, "pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "uv.lock": "version = 1\n",
             ".gitignore": ".python-version\n"}
    files.pop("requirements.txt")
    result = run_rules(app(files, git=True), ["deploy-file-untracked"])
    [f] = result.active
    assert (f.path, f.line, f.severity.value) == (".python-version", 0, "error")
    assert "No Python version was specified" in f.message


def test_untracked_pin_without_uv_is_a_warning(app):
    result = run_rules(app({**APP, ".gitignore": ".python-version\n"}, git=True), ["deploy-file-untracked"])
    [f] = result.active
    assert (f.path, f.severity.value) == (".python-version", "warning")
