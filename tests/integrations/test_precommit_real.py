"""The hook as users get it: the real pre-commit installs this checkout from git (``try-repo``) into its
own environment and runs the `preflight` hook of .pre-commit-hooks.yaml against temporary repositories.

pre-commit builds the hook's environment with pip, which needs the package index for the dependencies
and the build backend: without one the tests skip and say so (never fail for that). With pip's cache
warm a run takes about 5 s (five runs here).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HAVE_GIT, findings, git_init, write_files
from pip_index import QUICK_PIP, skip_without_index

pytest.importorskip("pre_commit", reason="pre-commit is a test dependency: pip install -e '.[test]'")
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not HAVE_GIT, reason="pre-commit needs git")]

ROOT = Path(__file__).resolve().parents[2]
CLEAN = {
    "Procfile": "web: gunicorn app:app\n",
    "requirements.txt": "flask==3.0.3\ngunicorn==23.0.0\n",
    ".python-version": "3.12\n",
    ".gitignore": ".env\n__pycache__/\n.venv/\n",
    "app.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "ok"\n',
}
BROKEN = {**{k: v for k, v in CLEAN.items() if k != "Procfile"}, "Procfile.txt": CLEAN["Procfile"]}


@pytest.fixture(scope="module")
def hook_repo():
    """This checkout, as try-repo will clone it (uncommitted changes go in through a temporary commit)."""
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT, capture_output=True, text=True)
    if top.returncode or Path(top.stdout.strip()).resolve() != ROOT.resolve():
        pytest.skip(f"{ROOT} is not a git checkout: pre-commit installs hooks from git")
    return ROOT


def git(repo: Path, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(hook_repo: Path, repo: Path, tmp_path: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(QUICK_PIP, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "preflight",
                           "--color", "never", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)
    out = proc.stdout + proc.stderr
    if proc.returncode == 3 and "pip" in out and "install" in out:
        log = tmp_path / "pre-commit-home" / "pre-commit.log"
        skip_without_index(out + (log.read_text(errors="replace") if log.exists() else ""),
                           "pre-commit could not install the hook's environment")
    assert proc.returncode != 3, f"pre-commit itself failed:\n{out}"
    return proc


def make_repo(tmp_path: Path, files: dict) -> Path:
    repo = tmp_path / "app"
    repo.mkdir()
    write_files(repo, files)
    git_init(repo)
    return repo


def test_broken_app_fails_with_the_findings_shown(hook_repo, tmp_path):
    repo = make_repo(tmp_path, BROKEN)
    proc = try_repo(hook_repo, repo, tmp_path, "--all-files")
    assert proc.returncode == 1, proc.stdout
    assert "Failed" in proc.stdout
    assert "Procfile.txt:1:1: PF102 procfile-misnamed" in proc.stdout
    assert "fix: Rename it: git mv 'Procfile.txt' Procfile" in proc.stdout


def test_clean_app_passes(hook_repo, tmp_path):
    repo = make_repo(tmp_path, CLEAN)
    assert findings(repo) == []  # the fixture really is clean, so a pass means the hook ran and agreed
    proc = try_repo(hook_repo, repo, tmp_path, "--all-files")
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout


def test_the_hook_sees_what_will_be_committed(hook_repo, tmp_path):
    """pre-commit stashes unstaged changes: a fix left unstaged does not hide the staged problem, and an
    unstaged problem does not block a clean commit. The working tree is given back as it was."""
    repo = make_repo(tmp_path, CLEAN)
    pinned = CLEAN["requirements.txt"] + "pip==24.0\n"
    write_files(repo, {"requirements.txt": pinned})
    git(repo, "add", "requirements.txt")
    write_files(repo, {"requirements.txt": CLEAN["requirements.txt"]})  # the fix, not staged
    proc = try_repo(hook_repo, repo, tmp_path)
    assert proc.returncode == 1, proc.stdout
    assert "requirements.txt:3:" in proc.stdout and "requirements-pip-listed" in proc.stdout
    assert (repo / "requirements.txt").read_text() == CLEAN["requirements.txt"]  # restored

    git(repo, "add", "requirements.txt")  # now the clean version is staged...
    write_files(repo, {"requirements.txt": pinned})  # ...and the problem only on disk
    proc = try_repo(hook_repo, repo, tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert (repo / "requirements.txt").read_text() == pinned


def test_quick_when_nothing_deploy_relevant_changed(hook_repo, tmp_path):
    """The manifest's `files` pattern: a README change does not run the check at all (even on a broken
    app), so the hook costs nothing on most commits."""
    repo = make_repo(tmp_path, BROKEN)
    write_files(repo, {"README.md": "# notes\n"})
    git(repo, "add", "README.md")
    proc = try_repo(hook_repo, repo, tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "(no files to check)" in proc.stdout and "Skipped" in proc.stdout
    assert "PF102" not in proc.stdout


