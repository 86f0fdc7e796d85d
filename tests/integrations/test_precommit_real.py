"""The hook as users get it: the real pre-commit installs this checkout from git (``try-repo``) into its
own environment and runs the `preflight` hook of .pre-commit-hooks.yaml against temporary repositories.

pre-commit builds the hook's environment with pip, which needs the package index for the dependencies
and the build backend: without one the tests skip and say so (never fail for that). With pip's cache
warm a run takes 5 to 10 s; the five runs here go side by side.
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


def try_repo(hook_repo: Path, repo: Path, home: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(QUICK_PIP, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "preflight",
                           "--color", "never", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)
    out = proc.stdout + proc.stderr
    if proc.returncode == 3 and "pip" in out and "install" in out:
        log = home / "pre-commit.log"
        skip_without_index(out + (log.read_text(errors="replace") if log.exists() else ""),
                           "pre-commit could not install the hook's environment")
    assert proc.returncode != 3, f"pre-commit itself failed:\n{out}"
    return proc


def make_repo(base: Path, name: str, files: dict) -> Path:
    repo = base / name
    repo.mkdir()
    write_files(repo, files)
    git_init(repo)
    return repo


PINNED = CLEAN["requirements.txt"] + "pip==24.0\n"
PINNED_ON_TOP = CLEAN["requirements.txt"] + "requests==2.32.3\npip==24.0\n"


def _staged_problem_unstaged_fix(repo: Path):
    write_files(repo, {"requirements.txt": PINNED})
    git(repo, "add", "requirements.txt")
    write_files(repo, {"requirements.txt": CLEAN["requirements.txt"]})  # the fix, not staged


def _staged_change_unstaged_problem(repo: Path):
    write_files(repo, {"requirements.txt": CLEAN["requirements.txt"] + "requests==2.32.3\n"})
    git(repo, "add", "requirements.txt")  # a harmless staged change, so the hook runs
    write_files(repo, {"requirements.txt": PINNED_ON_TOP})  # the problem only on disk


def _only_readme_staged(repo: Path):
    write_files(repo, {"README.md": "# notes\n"})
    git(repo, "add", "README.md")


# name: (files committed, what is then staged or left unstaged, try-repo arguments)
SCENARIOS = {
    "broken": (BROKEN, None, ["--all-files"]),
    "clean": (CLEAN, None, ["--all-files"]),
    "staged-problem": (CLEAN, _staged_problem_unstaged_fix, []),
    "unstaged-problem": (CLEAN, _staged_change_unstaged_problem, []),
    "readme-only": (BROKEN, _only_readme_staged, []),
}


@pytest.fixture(scope="module")
def runs(hook_repo, tmp_path_factory):
    """Every scenario's repository and try-repo run. Each run installs the hook's environment afresh
    (try-repo keeps no store), so they run side by side: the suite waits for about one install."""
    from concurrent.futures import ThreadPoolExecutor

    base = tmp_path_factory.mktemp("pre-commit")
    repos = {}
    for name, (files, prepare, _) in SCENARIOS.items():
        repos[name] = make_repo(base, name, files)
        if prepare:
            prepare(repos[name])
        (base / f"{name}-home").mkdir()
    with ThreadPoolExecutor(max_workers=len(SCENARIOS)) as pool:
        futures = {name: pool.submit(try_repo, hook_repo, repos[name], base / f"{name}-home", *args)
                   for name, (_, _, args) in SCENARIOS.items()}
        return {name: (repos[name], future.result()) for name, future in futures.items()}


def test_broken_app_fails_with_the_findings_shown(runs):
    _, proc = runs["broken"]
    assert proc.returncode == 1, proc.stdout
    assert "Failed" in proc.stdout
    assert "Procfile.txt:1:1: PF102 procfile-misnamed" in proc.stdout
    assert "fix: Rename it: git mv 'Procfile.txt' Procfile" in proc.stdout


def test_clean_app_passes(runs):
    repo, proc = runs["clean"]
    assert findings(repo) == []  # the fixture really is clean, so a pass means the hook ran and agreed
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout


def test_an_unstaged_fix_does_not_hide_a_staged_problem(runs):
    """pre-commit stashes unstaged changes, so the hook checks what the commit holds; the working tree
    is given back as it was."""
    repo, proc = runs["staged-problem"]
    assert proc.returncode == 1, proc.stdout
    assert "requirements.txt:3:" in proc.stdout and "requirements-pip-listed" in proc.stdout
    assert (repo / "requirements.txt").read_text() == CLEAN["requirements.txt"]  # restored


def test_an_unstaged_problem_does_not_block_a_clean_commit(runs):
    repo, proc = runs["unstaged-problem"]
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout  # it ran (a requirements change is deploy-relevant) and passed
    assert (repo / "requirements.txt").read_text() == PINNED_ON_TOP


def test_quick_when_nothing_deploy_relevant_changed(runs):
    """The manifest's `files` pattern: a README change does not run the check at all (even on a broken
    app), so the hook costs nothing on most commits."""
    _, proc = runs["readme-only"]
    assert proc.returncode == 0, proc.stdout
    assert "(no files to check)" in proc.stdout and "Skipped" in proc.stdout
    assert "PF102" not in proc.stdout
