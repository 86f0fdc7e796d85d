"""The file index: what git ships (tracked, modes, ignored, untracked) and the .gitignore-aware walk."""
import pytest
from conftest import HAVE_GIT, write_files

from preflight.project import Project

needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


@needs_git
def test_git_index_modes_ignored_untracked(app):
    root = app({"app.py": "x = 1\n", "run.sh": "#!/bin/sh\n", ".gitignore": "conf.py\nsecrets/\n"},
               git=True, executable=["run.sh"])
    write_files(root, {"conf.py": "TOKEN = 1\n", "secrets/a.txt": "x", "new.py": "y = 2\n"})
    p = Project(root)
    assert p.index.in_git
    assert p.files == [".gitignore", "app.py", "run.sh"]
    assert p.index.mode("run.sh") == "100755" and p.index.mode("app.py") == "100644"
    assert p.index.ignored("conf.py") and p.index.ignored("secrets/a.txt")
    assert not p.index.ignored("new.py") and p.index.untracked("new.py")
    assert not p.index.untracked("app.py") and not p.shipped("conf.py") and p.exists("conf.py")


def test_walk_outside_git_honours_gitignore(app):
    root = app({"app.py": "x\n", ".gitignore": "*.log\nbuild/\n!keep.log\n", "a.log": "", "keep.log": "",
                "build/x.py": "", "sub/.gitignore": "local.py\n", "sub/local.py": "", "sub/ok.py": "",
                "node_modules/m.js": "", "venv/pyvenv.cfg": "home = /usr\n", "venv/lib/site.py": ""})
    p = Project(root)
    assert not p.index.in_git and "not a git repository" in p.index.note
    assert p.files == [".gitignore", "app.py", "keep.log", "sub/.gitignore", "sub/ok.py", "venv/pyvenv.cfg"]
    assert p.index.ignored("a.log") and p.index.ignored("build/x.py") and p.index.ignored("sub/local.py")


def test_text_is_read_once_and_decoded(app):
    root = app({"a.txt": b"\xef\xbb\xbfline1\r\nline2\n"})
    p = Project(root)
    tf = p.text("a.txt")
    assert tf is p.text("a.txt")
    assert tf.bom and tf.crlf and tf.first_crlf_line == 1 and tf.lines == ["line1", "line2"]
    assert p.text("missing.txt") is None and "missing.txt" not in p.unreadable


def test_utf16_is_decoded(app):
    root = app({"r.txt": "flask\n".encode("utf-16")})
    tf = Project(root).text("r.txt")
    assert tf.encoding == "utf-16" and tf.lines == ["flask"]
