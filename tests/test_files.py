"""The file index: what git ships (tracked, modes, ignored, untracked) and the .gitignore-aware walk."""
import os

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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_walk_lists_regular_files_and_symlinks_only(app):
    """A named pipe is neither shipped nor read (open() would wait for a writer forever)."""
    root = app({"app.py": "x = 1\n"})
    os.mkfifo(root / "pipe")
    os.symlink("app.py", root / "link.py")
    p = Project(root)
    assert p.files == ["app.py", "link.py"]
    assert p.read_bytes("pipe") is None and "not a regular file" in p.unreadable["pipe"][0]


@needs_git
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_repository_owned_by_another_user_is_explained(app):
    """An sdist unpacked as root keeps its archive's owner; git then refuses the repository. preflight
    says why it walks the folder instead of saying 'not a git repository' (and never overrides
    safe.directory: the repository's config could run commands)."""
    root = app({"app.py": "x = 1\n"}, git=True)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), 4321, 4321)
    os.lchown(root, 4321, 4321)
    p = Project(root)
    if p.index.in_git:
        pytest.skip("git's safe.directory setting accepts this repository here")
    assert "another user owns it" in p.index.note
