"""FileIndex.explain_ignored: which .gitignore line keeps a path out of the deploy (one matcher, in the model)."""
from __future__ import annotations

import subprocess

import pytest
from conftest import HAVE_GIT

from preflight.project import Project

GITIGNORE = "# local\n__pycache__/\nconf.py\nsecrets/\n!keep.py\n"


def test_explained_in_git(app):
    if not HAVE_GIT:
        pytest.skip("git is not installed")
    index = Project(app({".gitignore": GITIGNORE, "app.py": ""}, git=True)).index
    got = index.explain_ignored(["conf.py", "secrets/keys.py", "app.py", "conf.py"])
    assert got == {"conf.py": ".gitignore:3 ('conf.py')", "secrets/keys.py": ".gitignore:4 ('secrets/')"}


def test_explained_outside_git(app):
    index = Project(app({".gitignore": GITIGNORE, "app.py": ""})).index
    assert not index.in_git
    assert index.explain_ignored(["conf.py", "app.py"]) == {"conf.py": ".gitignore:3 ('conf.py')"}


def test_git_runs_only_when_a_pattern_may_match(app, monkeypatch):
    index = Project(app({".gitignore": GITIGNORE, "app.py": ""}, git=HAVE_GIT)).index

    def no_git(*args, **kw):
        raise AssertionError("git ran for paths no pattern can match")

    monkeypatch.setattr(subprocess, "run", no_git)
    assert index.explain_ignored(["app.py", "pkg/views.py"]) == {}


def test_no_gitignore_and_a_symlinked_one_explain_nothing(app, tmp_path):
    root = app({"app.py": ""})
    assert Project(root).index.explain_ignored(["conf.py"]) == {}
    outside = tmp_path / "elsewhere.gitignore"
    outside.write_text("conf.py\n")
    (root / ".gitignore").symlink_to(outside)
    assert Project(root).index.root_ignore_lines == []
