"""Adversarial repositories: every one gives findings or a clear message and exit 0/1 in bounded time,
never a traceback, a hang or an internal error (exit 2).

The cases come from a review that ran preflight on 29 sdists of popular projects and on hand-made
pathological trees (2026-11); each test names what used to go wrong.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import GIT_ENV, HAVE_GIT, add_submodule, cli, git_init

needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")

BASE = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
        "Procfile": "web: gunicorn app:app\n", "app.py": "import flask\napp = flask.Flask(__name__)\n",
        ".gitignore": "venv/\n"}


def check(root, *extra, limit: float = 20.0):
    """(exit code, findings as (name, path, line)) of a full check; no traceback, no internal error."""
    start = time.perf_counter()
    code, out, err = cli(["check", str(root), "--format", "json", *extra])
    elapsed = time.perf_counter() - start
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert code in (0, 1), (code, err)
    assert elapsed < limit, f"{elapsed:.1f} s"
    return code, {(f["name"], f["path"], f["line"]) for f in json.loads(out)["findings"]}


# -- parsers that recurse ----------------------------------------------------------------------------
def test_manifests_nested_too_deeply(app):
    """tomllib, json and PyYAML recurse once per nesting level: RecursionError used to escape from
    config loading (pyproject.toml) and from project.mode (heroku.yml) as a traceback."""
    deep = "[" * 100_000 + "]" * 100_000
    root = app({**BASE, "pyproject.toml": f"a = {deep}\n", "Pipfile.lock": deep, "heroku.yml": f"a: {deep}\n",
                "app.json": deep})
    _, found = check(root)
    assert {("file-unreadable", p, 0) for p in ("pyproject.toml", "Pipfile.lock", "heroku.yml")} <= found


def test_pyproject_that_is_not_utf8(app):
    """config.find_config read pyproject.toml with tomllib, whose UnicodeDecodeError was not caught."""
    root = app({**BASE, "pyproject.toml": b"[project]\nname = '\xff'\n"})
    _, found = check(root)
    assert ("file-unreadable", "pyproject.toml", 0) in found


def test_own_config_that_is_not_valid_is_a_usage_error(app):
    root = app({**BASE, ".preflight.toml": b"select = ['\xff']\n"})
    code, out, err = cli(["check", str(root)])
    assert code == 2 and "Traceback" not in out + err and ".preflight.toml" in err


def test_deeply_nested_python_on_the_start_path(app):
    root = app({**BASE, "app.py": "import flask\nimport deep, deeper\napp = flask.Flask(__name__)\n",
                "deep.py": "x = " + "(" * 3000 + "1" + ")" * 3000 + "\n",
                "deeper.py": "x = 1" + " + 1" * 100_000 + "\n"})
    _, found = check(root)
    assert {("entry-broken", "deep.py", 1), ("entry-broken", "deeper.py", 1)} <= found


# -- what git tracks but the disk does not hold as a file ---------------------------------------------
@needs_git
def test_tracked_files_deleted_or_replaced_by_a_folder(app):
    """secret-committed and env-file-committed opened a tracked path that had become a folder
    (IsADirectoryError: exit 2)."""
    root = app({**BASE, "Dockerfile": "FROM python:3.13\n", ".env": "DEBUG=1\n", "helper.py": "x = 1\n"}, git=True)
    for name in ("Procfile", ".env", "helper.py"):
        (root / name).unlink()
    (root / "Procfile").mkdir()
    (root / ".env").mkdir()
    _, found = check(root)
    assert ("procfile-misnamed", "Procfile", 0) in found


@needs_git
def test_submodule_entries(app, tmp_path):
    """A gitlink (mode 160000) is a folder on disk, or nothing when the submodule is not checked out."""
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "lib.py").write_text("x = 1\n")
    git_init(inner)
    root = app(BASE, git=True)
    add_submodule(root, inner, "vendor")
    sha = "1234567890123456789012345678901234567890"
    subprocess.run(["git", "update-index", "--add", "--cacheinfo", f"160000,{sha},requirements-dev.txt"],
                   cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "sub"], cwd=root, check=True, env={**os.environ, **GIT_ENV})
    check(root)


# -- files that are not regular files ----------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_outside_git_does_not_hang(app):
    """Outside git the walk listed a FIFO as a file and open() waited for a writer forever."""
    root = app(BASE)
    os.mkfifo(root / "pipe.py")
    os.mkfifo(root / ".env")
    os.symlink("pipe.py", root / "link.py")
    proc = subprocess.run([sys.executable, "-m", "preflight", "check", ".", "--format", "json"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    paths = {f["path"] for f in json.loads(proc.stdout)["findings"]}
    assert "pipe.py" not in paths and ".env" not in paths


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "walk"])
def test_symlink_loops_and_links_out_of_the_repository(app, in_git):
    if in_git and not HAVE_GIT:
        pytest.skip("git is not installed")
    root = app(BASE)
    os.symlink("loop2", root / "loop1")
    os.symlink("loop1", root / "loop2")
    os.symlink(".", root / "self")
    (root / "pkg").mkdir()
    os.symlink("..", root / "pkg" / "up")
    os.symlink("/etc/hostname", root / "requirements-extra.txt")
    if in_git:
        git_init(root)
    _, found = check(root)
    assert ("file-unreadable", "requirements-extra.txt", 0) in found


# -- encodings, line endings, names ------------------------------------------------------------------
def test_invalid_utf8_and_crlf_everywhere(app):
    files = {k: v.replace("\n", "\r\n").encode() + b"# \xff\r\n" for k, v in BASE.items() if k != ".python-version"}
    files.update({".python-version": b"3.1\xff\n", "Pipfile": b"[packages]\r\nflask = \"*\xff\"\r\n",
                  "app.json": b"{\"a\": \"\xff\"}", ".env": b"TOKEN=\xff\xfe\r\n", "Dockerfile": b"FROM python:3.12\xff\r\n"})
    root = app(files)
    _, found = check(root)
    assert ("file-unreadable", ".python-version", 0) in found


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "walk"])
def test_odd_file_names(app, in_git):
    if in_git and not HAVE_GIT:
        pytest.skip("git is not installed")
    root = app(BASE)
    for name in ["with space.py", "new\nline.py", "tab\tname.py", "\u00fcn\u00efc\u00f8d\u00e9.py", "\u65e5\u672c.py",
                 "-rf.py", 'quote"d.py', "back\\slash.py", "Procfile ", " Procfile", "emoji\U0001F680.env"]:
        (root / name).write_text('TOKEN = "x"\nimport os\n')
    (root / "dir with space").mkdir()
    (root / "dir with space" / "Procfile").write_text("web: python app.py\n")
    if sys.platform != "darwin":  # APFS refuses names that are not UTF-8
        with open(os.path.join(os.fsencode(root), b"bad\xffname.py"), "w") as fh:
            fh.write("import os\n")
    if in_git:
        git_init(root)
    check(root)


# -- size ----------------------------------------------------------------------------------------------
def test_five_megabyte_single_line_json(app):
    big = json.dumps({"env": {f"K{i}": {"value": "v" * 40} for i in range(80_000)}})
    root = app({**BASE, "app.json": big[:4_900_000], "config.json": big})
    check(root, limit=10)


@needs_git
def test_requirements_include_loop(app):
    root = app({**BASE, "requirements.txt": "-r base.txt\nflask==3.1.2\n",
                "base.txt": "-r requirements.txt\n-r base.txt\n-r /etc/passwd\n"}, git=True)
    _, found = check(root)
    assert ("requirements-invalid", "base.txt", 1) in found


def test_procfile_with_many_processes(app):
    """Each process's start path used to rescan every entry point (O(processes^2)): 10,000 Procfile
    lines took 5 s and 100,000 made six rules run out of time. Linear now: about 2 s for 12,000."""
    procfile = "web: gunicorn app:app\n" + "".join(f"w{i}: python worker{i}.py\n" for i in range(12_000))
    root = app({**BASE, "Procfile": procfile})
    check(root, limit=8.0)


def test_lock_file_nested_too_deeply(app):
    """poetry.lock is parsed by the dependency model, not the manifests: RecursionError crashed
    lockfile-stale and server-undeclared (exit 2)."""
    deep = "[" * 100_000 + "]" * 100_000
    root = app({"pyproject.toml": '[tool.poetry]\nname = "x"\nversion = "1"\n[tool.poetry.dependencies]\n'
                                  'python = "^3.12"\nflask = "*"\n',
                "poetry.lock": f'[[package]]\nname = "flask"\nversion = "3.1.2"\nx = {deep}\n',
                "Procfile": "web: gunicorn app:app\n", "app.py": BASE["app.py"], ".gitignore": "x\n"})
    check(root)
