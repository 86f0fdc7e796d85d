"""deploy-file-untracked: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

from conftest import findings, run_rules
from pf7_helpers import APP


def hits(root, name):
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]


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
