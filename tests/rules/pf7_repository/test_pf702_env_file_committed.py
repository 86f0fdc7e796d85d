"""PF702 env-file-committed: a tracked .env file that sets secrets; templates and ignored files are fine.

Every token here is generated at run time (tests/secrets_labelled.py): no secret-shaped literal is
committed, and assertion messages never print a value (only masks, kinds, paths and lines).
"""
from __future__ import annotations

import subprocess

import pytest
import secrets_labelled as L
from conftest import HAVE_GIT, run_rules, write_files
from secrets_labelled import secret_rows


G = L.Fakes(seed=4242)
needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


@needs_git
def test_env_file_committed(app):
    root = app({".env": f"TOKEN={G.telegram()}\nSECRET_KEY=devkey\nDEBUG=1\n",
                ".env.example": "TOKEN=your-token-here\nSECRET_KEY=\n",
                "prod.env": "PORT=5000\nWEB_CONCURRENCY=2\n", ".gitignore": "venv/\n"}, git=True)
    result = run_rules(root, select=["env-file-committed"])
    assert [(f.name, f.path, f.line) for f in result.active] == [("env-file-committed", ".env", 0)]
    assert "(TOKEN, SECRET_KEY)" in result.active[0].message
    assert "devkey" not in result.active[0].message


@needs_git
def test_env_file_ignored_is_fine(app):
    root = app({".gitignore": ".env\n", "app.py": "import os\n"}, git=True)
    write_files(root, {".env": f"TOKEN={G.telegram()}\n"})
    assert secret_rows(root, "env-file-committed") == []


@pytest.mark.parametrize("name", [".env.test", ".env.testing", ".env.ci", "test.env", ".env-dist", ".env.template"])
def test_test_and_template_env_files_are_fine(app, name):
    """Issue #8: `.env.test` holds the values of a test run, `.env-dist` and `*.template` are copied by
    hand; a `.env` with the same line is reported."""
    root = app({name: f"SECRET_KEY={G.django_key()}\nDB_PASSWORD={G.password()}\n", ".gitignore": "venv/\n"}, git=True)
    assert secret_rows(root, "env-file-committed") == []
    write_files(root, {".env": f"DB_PASSWORD={G.password()}\n"})
    subprocess.run(["git", "add", ".env"], cwd=root, check=True)
    assert secret_rows(root, "env-file-committed") == [(".env", 0, "", "error")]
