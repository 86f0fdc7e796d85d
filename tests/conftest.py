"""Shared test helpers: build a small app on disk (optionally a git repo) and run preflight on it."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from preflight import engine
from preflight.config import Settings
from preflight.project import Project
from preflight.registry import load_rules, resolve

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HAVE_GIT = shutil.which("git") is not None


def write_files(root: Path, files: dict) -> None:
    """``files`` maps paths to str (written as UTF-8, exactly) or bytes."""
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_bytes(content.encode("utf-8"))


GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git_init(root: Path, add: bool = True, executable=(), not_executable=()) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    if add:
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
        for p in executable:
            subprocess.run(["git", "update-index", "--chmod=+x", p], cwd=root, check=True)
        for p in not_executable:
            subprocess.run(["git", "update-index", "--chmod=-x", p], cwd=root, check=True)
        subprocess.run(["git", "commit", "-q", "-m", "init"], cwd=root, check=True, env=env)


def add_submodule(root: Path, source: Path, path: str) -> None:
    """``git submodule add`` the repository at ``source`` as ``path`` of ``root`` (not committed)."""
    subprocess.run(["git", "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(source), path],
                   cwd=root, check=True, env={**os.environ, **GIT_ENV}, capture_output=True)


def run_rules(root: Path, select=None, **settings):
    load_rules()
    s = Settings(**settings)
    if select is not None:
        s.select = list(select)
    rules = resolve(s.select, s.extend_select, s.ignore)
    return engine.run(Project(root, platform=s.platform), rules, s)


def findings(root: Path, select=None, **settings) -> list[tuple[str, str, int]]:
    """(rule name, path, line) of every unsuppressed finding, sorted: what the user would see."""
    result = run_rules(root, select, **settings)
    assert not result.crashes, result.crashes
    return sorted((f.name, f.path, f.line) for f in result.active)


def rule_findings(root: Path, name: str, **settings) -> list:
    """The unsuppressed findings of rule ``name`` (Finding objects: message, hint, severity), run alone
    (``platform="render"``: on that platform's profile)."""
    result = run_rules(root, [name], **settings)
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]


def where(found) -> list[tuple[str, str, int]]:
    """(rule name, path, line) of findings, sorted: what the user sees."""
    return sorted((f.name, f.path, f.line) for f in found)


def django_files(settings: str | None, extra: dict | None = None, reqs: str = "Django==5.1.3\ngunicorn==23.0.0\n",
                 manage: str = "mysite.settings", wsgi: str = "mysite.settings") -> dict:
    """A startproject-shaped Django app (mysite/) run by gunicorn, with the given settings module text (None:
    no mysite/settings.py, the settings are in ``extra``); ``manage``/``wsgi``: the settings module
    manage.py and wsgi.py name."""
    files = {
        "manage.py": "import os\nimport sys\n\n\ndef main():\n"
                     "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                     "    from django.core.management import execute_from_command_line\n"
                     "    execute_from_command_line(sys.argv)\n\n\nif __name__ == '__main__':\n    main()\n",
        "mysite/__init__.py": "",
        "mysite/wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\n"
                          "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                          "application = get_wsgi_application()\n",
        "mysite/settings.py": settings,
        "Procfile": "web: gunicorn mysite.wsgi\n",
        "requirements.txt": reqs,
    }
    if settings is None:
        del files["mysite/settings.py"]
    files["manage.py"] = files["manage.py"].replace("'mysite.settings'", repr(manage))
    files["mysite/wsgi.py"] = files["mysite/wsgi.py"].replace("'mysite.settings'", repr(wsgi))
    files.update(extra or {})
    return files


# The head and INSTALLED_APPS of a Django settings module (lines 1-8), for django_files()
DJANGO_SETTINGS_HEAD = ("from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
                        "SECRET_KEY = 'x'\nDEBUG = False\n")
DJANGO_APPS = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\n"


@pytest.fixture
def app(tmp_path):
    """``app(files, git=False)`` -> root path with those files."""

    def make(files: dict, git: bool = False, **git_kw) -> Path:
        root = tmp_path / "app"
        root.mkdir(exist_ok=True)
        write_files(root, files)
        if git:
            if not HAVE_GIT:
                pytest.skip("git is not installed")
            git_init(root, **git_kw)
        return root

    return make


@pytest.fixture
def check(app):
    """``check(files, rule_name, git=False)`` -> findings of that one rule as (name, path, line)."""

    def run(files: dict, rule_name: str, git: bool = False, **kw):
        root = app(files, git=git)
        return [f for f in findings(root, select=[rule_name], **kw) if f[0] == rule_name]

    return run


def cli(args, cwd=None) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    import contextlib

    from preflight.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors
                code = exc.code
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def severities_at(root: Path, name: str, path: str, line: int) -> list[str]:
    """Severities ("error", "warning", "info") of rule ``name``'s unsuppressed findings at ``path:line``, run
    alone: how a false alarm that drops to info, and its look-alike that must keep firing, are asserted."""
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f.severity.value for f in result.active if (f.name, f.path, f.line) == (name, path, line)]
