"""PF703 secret-in-history: with --history, secrets added by past commits and gone from the tree.

Every token here is generated at run time (tests/secrets_labelled.py): no secret-shaped literal is
committed, and assertion messages never print a value (only masks, kinds, paths and lines).
"""
from __future__ import annotations

import subprocess

import pytest
import secrets_labelled as L
from conftest import HAVE_GIT, cli, findings, write_files
from secrets_labelled import secret_rows


G = L.Fakes(seed=4242)
needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


def _commit(root, message):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    import os

    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env={**os.environ, **env})
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()


@needs_git
def test_secret_in_history(app):
    old, kept = G.telegram(), G.generic()
    root = app({".gitignore": ".env\n", "conf.py": f'import os\n\nTOKEN = "{old}"\nAPI_KEY = "{kept}"\n'},
               git=True)
    first = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    write_files(root, {"conf.py": f'import os\n\nTOKEN = os.environ["TOKEN"]\nAPI_KEY = "{kept}"\n',
                       "keys.pem": "\n".join(G.pem_lines("EC ")) + "\n"})
    _commit(root, "use env")
    write_files(root, {"keys.pem": "removed\n"})
    _commit(root, "drop key")

    assert secret_rows(root, "secret-in-history") == []  # only with --history
    rows = secret_rows(root, "secret-in-history", history=True)
    assert rows == [("conf.py", 3, "telegram-bot-token", "warning"), ("keys.pem", 1, "private-key", "warning")]
    assert findings(root, select=["secret-in-history"], history=True) == [
        ("secret-in-history", "conf.py", 3), ("secret-in-history", "keys.pem", 1)]
    code, out, err = cli(["check", ".", "--history", "--select", "PF703,PF701"], cwd=root)
    assert code == 1
    assert f"conf.py:3:10: PF703 secret-in-history a Telegram bot token ({old[:4]}…" in out
    assert f"in commit {first[:8]}" in out
    assert "conf.py:4:" in out and "PF701" in out  # still in the tree: reported once, by secret-committed
    assert not L.leaks([old, kept], out + err)
    assert "scanning history" not in err  # progress only on a terminal


@needs_git
def test_history_suppression_on_the_added_line(app):
    root = app({"conf.py": f'API_KEY = "{G.generic()}"  # preflight: ignore[secret-in-history]\n'}, git=True)
    write_files(root, {"conf.py": "API_KEY = None\n"})
    _commit(root, "remove")
    assert secret_rows(root, "secret-in-history", history=True) == []


@needs_git
def test_history_shallow_clone_note(app, tmp_path):
    root = app({"conf.py": "x = 1\n"}, git=True)
    write_files(root, {"conf.py": f'TOKEN = "{G.telegram()}"\n'})
    _commit(root, "add")
    write_files(root, {"conf.py": "x = 2\n"})
    _commit(root, "remove")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    code, out, err = cli(["check", ".", "--history", "--select", "secret-in-history"], cwd=clone)
    assert "shallow clone" in err
    assert code == 0


def test_history_outside_git(app):
    root = app({"conf.py": "x = 1\n"})
    code, out, err = cli(["check", ".", "--history", "--select", "secret-in-history"], cwd=root)
    assert code == 0 and "no commits to scan" in err
