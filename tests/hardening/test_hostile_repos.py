"""Hostile repositories, built in temporary folders and checked by a real ``preflight check`` process:
each run ends on its own within RUN_BOUND, exits 0 or 1, prints no traceback and no internal error, and
turns every bad file into a finding. Files outside the repository are never read or printed.

What is covered elsewhere (and not repeated here): named pipes, odd file names, symlink loops among
folders, a Procfile of 12,000 processes, requirements include loops (tests/test_robustness.py); broken
manifests (tests/test_bad_input.py).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest
from conftest import GIT_ENV, HAVE_GIT, add_submodule, git_init, write_files

needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")

RUN_BOUND = 60.0  # seconds for one whole run of the CLI; a healthy run of these trees takes about 1 s

DEPLOY_FILES = ("Procfile", "requirements.txt", "runtime.txt", ".python-version", "Pipfile", "Pipfile.lock",
                "pyproject.toml", "poetry.lock", "uv.lock", "app.json", "heroku.yml", "Dockerfile",
                ".dockerignore", "docker-compose.yml", "setup.py", "setup.cfg", "app.py", "manage.py", ".env",
                ".gitignore", ".slugignore", "entrypoint.sh", "config/settings.py", "alembic.ini")
BASE = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
        "Procfile": "web: gunicorn app:app\n", "app.py": "import flask\napp = flask.Flask(__name__)\n",
        ".gitignore": "venv/\n"}


def run(root, *extra, fmt: str = "json"):
    """(exit code, stdout, stderr) of ``preflight check root`` in its own process, bounded in time."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "preflight", "check", str(root), "--format", fmt, *extra],
                          capture_output=True, timeout=RUN_BOUND, cwd=root if root.is_dir() else None)
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert time.monotonic() - start < RUN_BOUND
    assert "Traceback" not in out + err and "internal error" not in err, err[-3000:]
    assert proc.returncode in (0, 1), (proc.returncode, err[-3000:])
    return proc.returncode, out, err


def found(out: str) -> set[tuple[str, str]]:
    return {(f["name"], f["path"]) for f in json.loads(out)["findings"]}


def every_deploy_file(content) -> dict:
    return {name: content(name) if callable(content) else content for name in DEPLOY_FILES}


@pytest.mark.parametrize("in_git", [False, True], ids=["walk", "git"])
def test_nul_bytes_and_random_binary_in_every_deploy_file(app, in_git):
    rng = random.Random(11)
    files = every_deploy_file(lambda name: bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
    files["Procfile"] = b"web: gunicorn app:app\0\0\0\n"
    root = app(files, git=in_git)
    _, out, _ = run(root)
    assert ("file-unreadable", "Procfile") in found(out)


def test_invalid_utf8_in_every_deploy_file(app):
    root = app(every_deploy_file(lambda name: BASE.get(name, "x = 1\n").encode() + b"# \xff\xfe\xc3(\n"))
    _, out, _ = run(root)
    assert ("file-unreadable", "requirements.txt") in found(out)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le-no-bom", "be-no-bom"])
def test_utf16_in_every_deploy_file(app, codec):
    root = app(every_deploy_file(lambda name: BASE.get(name, "x = 1\n").encode(codec)))
    code, out, _ = run(root)
    assert code == 1  # the platform reads no Procfile saved as UTF-16
    assert any(path == "Procfile" for _, path in found(out))


def test_single_lines_of_ten_megabytes_and_of_just_under_the_cap(app):
    """Over the 5 MB cap a file is refused (a finding); just under it, every parser gets the whole line."""
    ten = b"a" * (10 * 1024 * 1024)
    under = b"b" * (4 * 1024 * 1024)
    files = {**BASE, "requirements.txt": ten, "Procfile": ten, "app.json": b'{"a": "' + under + b'"}',
             "heroku.yml": b"run: " + under + b"\n", "Dockerfile": b"FROM python:3.12\nRUN " + under + b"\n",
             "app.py": b"x = '" + under + b"'\n", ".env": b"KEY=" + under + b"\n", "runtime.txt": under}
    root = app(files)
    _, out, _ = run(root)
    assert {("file-unreadable", "requirements.txt"), ("file-unreadable", "Procfile")} <= found(out)


def test_twenty_thousand_deep_nesting_in_python_yaml_json_and_toml(app):
    deep = 20_000
    files = {**BASE,
             "app.py": "import flask\nimport deep_list, deep_calls, deep_blocks\napp = flask.Flask(__name__)\n",
             "deep_list.py": "x = " + "[" * deep + "]" * deep + "\n",
             "deep_calls.py": "x = " + "f(" * deep + ")" * deep + "\n",
             "deep_blocks.py": "".join(" " * i + "if x:\n" for i in range(2000)) + " " * 2000 + "pass\n",
             "heroku.yml": "build:\n  docker:\n    web: " + "[" * deep + "]" * deep + "\n",
             "docker-compose.yml": "services:\n  web:\n    image: " + "{a: " * deep + "1" + "}" * deep + "\n",
             # block nesting by indentation: 1,500 levels is already 2 MB of leading spaces
             "config/deep.yaml": "".join("  " * i + f"k{i}:\n" for i in range(1500)) + "  " * 1500 + "v\n",
             "config.yml": "- " * deep + "x\n",
             "app.json": "[" * deep + "]" * deep,
             "Pipfile.lock": '{"a": ' * deep + "1" + "}" * deep,
             "pyproject.toml": "a = " + "[" * deep + "]" * deep + "\n"}
    root = app(files)
    _, out, _ = run(root)
    got = found(out)
    # app.json is parsed only by the rules that need it (Django, containers); the secret scan reads its text
    assert {("file-unreadable", p) for p in ("heroku.yml", "Pipfile.lock", "pyproject.toml")} <= got
    assert ("entry-broken", "deep_list.py") in got


def test_yaml_alias_bombs(app):
    """A billion-laughs document: nine levels of nine aliases each (387 million leaves if expanded)."""
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    files = {**BASE, "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n" + bomb,
             "Dockerfile": "FROM python:3.12\nCMD gunicorn app:app\n",
             "docker-compose.yml": "services:\n  web:\n    image: x\n" + bomb, "config.yaml": bomb}
    root = app(files)
    run(root)


def test_symlinks_out_of_the_repository_are_never_read_or_printed(app, tmp_path):
    """Each deploy file is a link to a file outside the repository that holds a secret and text every
    parser would echo in a message if it read it."""
    marker = "LEAKED7Q9X"
    secret = f"AKIA{marker}ABCDEFGH"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text(f"web: gunicorn {marker}:app\n{marker}==1\nAWS_ACCESS_KEY_ID={secret}\n"
                                    f"SECRET_KEY = '{marker}{marker}'\n")
    root = app(BASE)
    for name in DEPLOY_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if (root / name).exists():
            (root / name).unlink()
        os.symlink(outside / "secret", root / name)
    os.symlink(outside, root / "linked_dir")
    os.symlink("../outside/secret", root / "relative.py")
    git_init(root) if HAVE_GIT else None
    for fmt in ("json", "text", "sarif"):
        _, out, err = run(root, "--verbose", fmt=fmt)
        assert marker not in out + err
    assert ("file-unreadable", "Procfile") in found(run(root)[1])


def test_deploy_files_that_are_symlink_loops(app):
    """Loops among folders are in tests/test_robustness.py; here the files the readers open are loops."""
    root = app({".gitignore": "venv/\n", "app.py": BASE["app.py"]})
    for name in ("Procfile", "requirements.txt", "Dockerfile", ".env", "pyproject.toml", "heroku.yml"):
        os.symlink(name, root / name)  # a link to itself: ELOOP on open
    os.symlink("runtime.b", root / "runtime.txt")
    os.symlink("runtime.txt", root / "runtime.b")
    _, out, _ = run(root)
    assert ("file-unreadable", "requirements.txt") in found(out)
    if HAVE_GIT:
        git_init(root)
        run(root)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads a file whatever its mode (the read error path is tested in-process below)")
def test_unreadable_files(app):
    root = app({**BASE, "Dockerfile": "FROM python:3.12\n", ".env": "A=1\n"})
    for name in ("Procfile", "requirements.txt", "app.py", ".env"):
        os.chmod(root / name, 0)
    try:
        _, out, _ = run(root)
    finally:
        for name in ("Procfile", "requirements.txt", "app.py", ".env"):
            os.chmod(root / name, 0o644)
    assert {("file-unreadable", "Procfile"), ("file-unreadable", "requirements.txt")} <= found(out)


def test_read_errors_become_findings(app, monkeypatch):
    """What chmod 000 does for a user who is not root: the read raises PermissionError."""
    import preflight.project as model
    from conftest import findings

    real = model.read_regular

    def refuse(path, limit, follow=True):
        if os.path.basename(path) in ("Procfile", "requirements.txt", "app.py", ".env", "Dockerfile"):
            raise PermissionError(13, "Permission denied", path)
        return real(path, limit, follow)

    monkeypatch.setattr(model, "read_regular", refuse)
    root = app({**BASE, "Dockerfile": "FROM python:3.12\n", ".env": "A=1\n"})
    got = findings(root)
    assert {("file-unreadable", "Procfile", 0), ("file-unreadable", "requirements.txt", 0)} <= set(got)


@needs_git
def test_a_bare_repository(tmp_path):
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    run(bare)


@needs_git
def test_the_git_folder_itself(app):
    root = app(BASE, git=True)
    run(root / ".git")


@needs_git
def test_a_checked_out_submodule_with_its_own_deploy_files(app, tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    write_files(inner, {"Procfile": b"web: \xff\0\n", "requirements.txt": "-r ../../etc/passwd\n",
                        "app.py": "x = (" * 50 + "\n"})
    git_init(inner)
    root = app(BASE, git=True)
    add_submodule(root, inner, "vendor")
    subprocess.run(["git", "commit", "-qm", "sub"], cwd=root, check=True, env={**os.environ, **GIT_ENV})
    run(root)
    run(root / "vendor")


@needs_git
def test_programs_the_repository_configures_are_never_run(app, tmp_path):
    """A .git/config (in a downloaded archive, a shared folder) can name programs git runs: core.fsmonitor
    on any command that reads the index, textconv and external diff drivers on ``git log -p``. preflight
    reads the repository; it must run none of them (the fsmonitor one used to run on every check)."""
    marker = tmp_path / "ran"
    root = app({**BASE, ".gitattributes": "*.py diff=evil\n"}, git=True)
    touch = f"touch {marker}; false"
    for key, value in (("core.fsmonitor", touch), ("diff.evil.textconv", touch), ("diff.external", touch),
                       ("core.pager", touch), ("filter.evil.clean", touch), ("filter.evil.smudge", touch)):
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    (root / ".gitattributes").write_text("*.py diff=evil filter=evil\n")
    (root / "new.py").write_text("x = 1\n")  # untracked: ls-files --others reads the working tree
    (root / "app.py").write_text(BASE["app.py"] + "# changed\n")
    run(root)
    run(root, "--history")
    assert not marker.exists()


def test_requirements_includes_out_of_the_repository_are_never_read(app, tmp_path):
    marker = "LEAKED4K2P"
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{marker}==1\n-e git+https://{marker}:{marker}@example.invalid/x.git\n")
    root = app({**BASE, "requirements.txt": f"flask==3.1.2\n-r ../secret.txt\n-c {secret}\n"
                                            f"-r {'../' * 20}{str(secret).lstrip('/')}\n"})
    _, out, err = run(root, "--verbose", fmt="text")
    assert marker not in out + err
    assert "../secret.txt" in out  # the include is reported, not followed


def test_gitignore_lines_the_matcher_rejects_outside_git(app):
    """Outside git the walk matches .gitignore with pathspec, which raised on a lone backslash and a bad
    range (a traceback, exit 2) and warned on stderr about "[[x]]"; the other lines still apply."""
    root = app({**BASE, ".gitignore": "\\\\\n[z-a]\n[[package]]\nignored/\n",
                "ignored/settings.py": TOKEN_LINE, "kept/settings.py": TOKEN_LINE})
    _, out, err = run(root)
    assert "Warning" not in err
    paths = {path for _, path in found(out)}
    assert "kept/settings.py" in paths and "ignored/settings.py" not in paths


TOKEN_LINE = 'TOKEN = "ghp_R8x2kQ9vLm4Tz7Wp1Yc6Hn3Bd5Fg0Js2Ke8U"\n'  # made up  # preflight: ignore[secret-committed]


def test_config_files_with_empty_values(app):
    """read_env took value[0] of an empty value ('PORT='): an internal error in four config rules."""
    from preflight.project.configformats import read_env

    assert [(e.keys, e.value) for e in read_env(["PORT=", "A=''", "B=\"x\" # c"])[0]] == \
        [(("PORT",), ""), (("A",), ""), (("B",), "x")]
    root = app({**BASE, "config/prod.env": "PORT=\nDATABASE_URL=\n", "config/app.yaml": "port:\n",
                "config/app.ini": "[s]\nport =\n", "config/app.json": '{"port": ""}', "config/app.toml": 'port = ""\n'})
    run(root)
