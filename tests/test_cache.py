"""The results cache across runs (preflight/cache.py): a warm run prints exactly what a cold one prints, and
any change to what a result depends on is a miss."""
import os
import shutil
import stat
import subprocess

import pytest

from conftest import HAVE_GIT, SHARED, cli
from preflight import cache, engine
from preflight.formatters import CHOICES
from preflight.project import Project

APP = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
       "app.py": "import flask\napp = flask.Flask(__name__)\nAWS = 'AKIAZ7QRSTUVWXYZ2345'\n",
       "runtime.txt": "python-3.8.10\n", "start.sh": "#!/bin/sh\nexec gunicorn app:app\n"}
FORMATS = [f for f in CHOICES if f != "full"]


@pytest.fixture
def runs(monkeypatch):
    """``runs(args)`` -> (code, out, err, cold): ``cold`` is True when the rules ran (a miss)."""
    calls = []
    real = engine.run
    monkeypatch.setattr(engine, "run", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.delenv(cache.ENV_DIR, raising=False)

    def run(args, cwd=None):
        before = len(calls)
        code, out, err = cli(["check", *args], cwd=cwd)
        return code, out, err, len(calls) > before

    return run


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


def _same_warm_as_cold(runs, root):
    for fmt in FORMATS:
        for extra in ([], ["--statistics"], ["-q"]):
            args = [str(root), "--format", fmt, *extra]
            cold = runs([*args, "--no-cache"])
            assert cold[3]
            first, warm = runs(args), runs(args)
            assert not warm[3], f"{fmt}: the second run should be a hit"
            assert warm[:3] == cold[:3] == first[:3], fmt


@pytest.mark.parametrize("git", [True, False])
def test_warm_output_is_cold_output_in_every_format(app, runs, git):
    if git and not HAVE_GIT:
        pytest.skip("git is not installed")
    root = app(APP, git=git)
    _same_warm_as_cold(runs, root)
    assert (root / ".preflight_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


@pytest.mark.parametrize("example", ["flask-bot-broken", "aiohttp-docker-broken"])
def test_warm_output_is_cold_output_on_the_broken_examples(tmp_path, runs, example):
    script = SHARED / "examples" / "materialize"
    if not script.exists():
        pytest.skip(f"{script} is absent")
    subprocess.run(["bash", str(script), str(tmp_path / "ex")], check=True, capture_output=True)
    root = tmp_path / "ex" / example
    if not root.is_dir():
        pytest.skip(f"{example} is not among the materialized examples")
    _same_warm_as_cold(runs, root)


def _warm(runs, root, *args):
    runs([str(root), *args])
    assert not runs([str(root), *args])[3]


@pytest.mark.parametrize("git", [True, False])
def test_a_one_byte_change_to_any_file_is_a_miss(app, runs, git):
    if git and not HAVE_GIT:
        pytest.skip("git is not installed")
    root = app(APP, git=git)
    for name in APP:
        _warm(runs, root)
        data = (root / name).read_bytes()
        (root / name).write_bytes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])
        assert runs([str(root)])[3], name


def test_a_mode_change_in_the_index_is_a_miss(app, runs):
    root = app(APP, git=True)
    _warm(runs, root)
    _git(root, "update-index", "--chmod=+x", "start.sh")
    assert runs([str(root)])[3]


@pytest.mark.parametrize("name", ["new.py", "notes/todo.txt", ".env"])
def test_a_new_untracked_or_ignored_file_is_a_miss(app, runs, name):
    root = app({**APP, ".gitignore": ".env\n"}, git=True)
    _warm(runs, root)
    (root / name).parent.mkdir(exist_ok=True)
    (root / name).write_text("SECRET=1\n")
    assert runs([str(root)])[3]


def test_a_new_file_outside_git_is_a_miss(app, runs):
    root = app(APP)
    _warm(runs, root)
    (root / "extra.py").write_text("import os\n")
    assert runs([str(root)])[3]


def test_a_changed_setting_is_a_miss(app, runs):
    root = app(APP, git=True)
    _warm(runs, root)
    assert runs([str(root), "--ignore", "PF102"])[3]
    assert not runs([str(root), "--ignore", "PF102"])[3]
    (root / ".preflight.toml").write_text('ignore = ["PF101"]\n')
    code, out, _, cold = runs([str(root), "--ignore", "PF102"])
    assert cold and code != 2 and "PF101" not in out


def test_a_changed_baseline_is_a_miss(app, runs, tmp_path):
    root = app(APP, git=True)
    base = tmp_path / "baseline.json"
    assert cli(["check", str(root), "--write-baseline", str(base), "--no-cache"])[0] == 0
    _warm(runs, root, "--baseline", str(base))
    assert cli(["check", str(root), "--write-baseline", str(base), "--select", "PF102", "--no-cache"])[0] == 0
    code, out, _, cold = runs([str(root), "--baseline", str(base)])
    assert cold
    assert runs([str(root), "--baseline", str(base), "--no-cache"])[:2] == (code, out)


def test_a_changed_date_is_a_miss(app, runs, monkeypatch):
    root = app(APP, git=True)
    _warm(runs, root)
    monkeypatch.setattr(cache, "_today", lambda: "2099-01-01")
    assert runs([str(root)])[3]


def test_a_changed_preflight_source_is_a_miss(app, runs, monkeypatch):
    root = app(APP, git=True)
    _warm(runs, root)
    monkeypatch.setattr(cache, "tool_digest", lambda: "another build")
    assert runs([str(root)])[3]


def test_the_source_digest_covers_rules_and_data():
    import preflight

    assert len(cache.tool_digest()) == 64
    assert os.path.isdir(os.path.join(preflight.__path__[0], "data"))


def test_a_corrupt_or_truncated_entry_is_a_miss(app, runs):
    root = app(APP, git=True)
    code, out, err, _ = runs([str(root)])
    folder = root / ".preflight_cache"
    for damage in (lambda b: b[: len(b) // 2], lambda b: b"\0\xff garbage", lambda b: b"[]", lambda b: b'{"key": 1}'):
        (entry,) = [p for p in folder.iterdir() if p.suffix == ".json"]
        entry.write_bytes(damage(entry.read_bytes()))
        assert runs([str(root)]) == (code, out, err, True)


def test_no_cache_and_the_cache_dir_variable(app, runs, tmp_path, monkeypatch):
    root = app(APP, git=True)
    runs([str(root), "--no-cache"])
    assert runs([str(root), "--no-cache"])[3]
    assert not (root / ".preflight_cache").exists()
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "elsewhere"))
    code, out, err = cli(["check", str(root)])
    assert any(p.suffix == ".json" for p in (tmp_path / "elsewhere").iterdir())
    assert not (root / ".preflight_cache").exists()
    assert cli(["check", str(root)]) == (code, out, err)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_means_no_cache(app, runs, tmp_path, monkeypatch):
    root = app(APP, git=True)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        monkeypatch.setenv(cache.ENV_DIR, str(locked / "cache"))
        first = runs([str(root)])
        assert runs([str(root)]) == first
    finally:
        locked.chmod(stat.S_IRWXU)


def test_an_unwritable_cache_folder_means_no_cache(app, runs, tmp_path, monkeypatch):
    """A file where the folder should be (what a read-only checkout looks like to root, too)."""
    root = app(APP, git=True)
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "a-file" / "cache"))
    first = runs([str(root)])
    assert first[3] and runs([str(root)]) == first


def test_a_symlink_in_place_of_the_folder_is_never_written_through(app, runs, tmp_path):
    root = app(APP, git=True)
    (tmp_path / "target").mkdir()
    os.symlink(tmp_path / "target", root / ".preflight_cache")
    runs([str(root)])
    assert list((tmp_path / "target").iterdir()) == []


def test_a_symlink_out_of_the_repository_is_not_cached(app, runs, tmp_path):
    root = app(APP, git=True)
    (tmp_path / "outside.txt").write_text("x\n")
    os.symlink(tmp_path / "outside.txt", root / "link.txt")
    runs([str(root)])
    assert runs([str(root)])[3]


def test_entries_shipped_in_an_archive_never_match(app, runs, tmp_path):
    root = app(APP, git=True)
    _warm(runs, root)
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, symlinks=True)
    shutil.rmtree(root)
    shutil.move(copy, root)  # the same paths and bytes, a new folder
    assert runs([str(root)])[3]


def test_the_cache_folder_is_not_part_of_the_project(app, runs):
    for git in (True, False):
        root = app(APP, git=git)
        runs([str(root)])
        (root / ".preflight_cache" / "stray.py").write_text("import os\nKEY = 'AKIAZ7QRSTUVWXYZ2345'\n")
        project = Project(root)
        assert not any(f.startswith(".preflight_cache") for f in project.files)
        assert ".preflight_cache" not in project.index.root_names
        code, out, err = cli(["check", str(root), "--no-cache", "--format", "json"])
        assert ".preflight_cache" not in out + err
        shutil.rmtree(root)


def test_the_folder_keeps_the_newest_entries(app, runs, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    root = app(APP, git=True)
    for code in ("PF101", "PF102", "PF103", "PF201", "PF202", "PF301"):
        runs([str(root), "--ignore", code])
    assert len([p for p in (root / ".preflight_cache").iterdir() if p.suffix == ".json"]) == 3


def test_a_run_with_an_internal_error_is_never_cached(app, runs, monkeypatch):
    import dataclasses

    from preflight.registry import REGISTRY, load_rules

    root = app(APP, git=True)
    load_rules()

    def boom(project):
        raise RuntimeError("boom")
        yield

    monkeypatch.setitem(REGISTRY, "PF102", dataclasses.replace(REGISTRY["PF102"], check=boom))
    assert runs([str(root)])[0] == 2
    assert runs([str(root)])[3]
    assert not any(p.suffix == ".json" for p in (root / ".preflight_cache").glob("*"))


def test_a_file_changed_during_the_run_is_not_stored(app, monkeypatch):
    """The rules read runtime.txt after it changed, but the key was computed from its old bytes: what they
    found must not be stored under that key."""
    root = app(APP, git=True)
    old = (root / "runtime.txt").read_text()
    real = engine.run
    calls = []

    def edit_meanwhile(project, *a, **k):
        calls.append(1)
        if len(calls) == 1:
            (root / "runtime.txt").write_text("python-3.13.1\n")
        return real(project, *a, **k)

    monkeypatch.setattr(engine, "run", edit_meanwhile)
    monkeypatch.delenv(cache.ENV_DIR, raising=False)
    edited = cli(["check", str(root), "--format", "json"])
    (root / "runtime.txt").write_text(old)
    restored = cli(["check", str(root), "--format", "json"])
    assert len(calls) == 2 and restored != edited


def test_two_runs_sharing_the_folder(app, tmp_path):
    """Two processes fill the same folder at once (each writes a temporary file and renames it); a third
    reads what they left and prints the same report."""
    import sys

    root = app(APP, git=True)
    env = {**os.environ, cache.ENV_DIR: str(tmp_path / "shared-cache")}
    cmd = [sys.executable, "-m", "preflight", "check", str(root), "--format", "json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    third = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert outs[0] == outs[1] == (third.stdout, third.stderr, third.returncode)
    assert [p.name for p in (tmp_path / "shared-cache").iterdir() if p.name.startswith(".tmp")] == []
