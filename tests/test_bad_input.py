"""Bad input gives a clear finding or message and the right exit code, never a traceback."""
import time

from conftest import cli

BASE = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
        "app.py": "import flask\napp = flask.Flask(__name__)\n"}


def run(root, *extra):
    code, out, err = cli(["check", str(root), "--format", "json", *extra])
    assert "Traceback" not in out + err
    return code, out, err


def names_at(out):
    import json

    return {(f["name"], f["path"], f["line"]) for f in json.loads(out)["findings"]}


def test_binary_procfile(app):
    root = app({**BASE, "Procfile": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"})
    code, out, _ = run(root)
    assert code == 1
    assert ("file-unreadable", "Procfile", 0) in names_at(out)


def test_utf16_requirements_are_read_as_pip_reads_them(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n",
                "requirements.txt": "flask==3.1.2\npip==9.0.1\ngunicorn==23.0.0\n".encode("utf-16")})
    code, out, _ = run(root)
    assert ("requirements-pip-listed", "requirements.txt", 2) in names_at(out)


def test_ten_megabyte_line(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n", "requirements.txt": "x" * (10 * 1024 * 1024) + "\n"})
    start = time.perf_counter()
    code, out, _ = run(root)
    assert time.perf_counter() - start < 10
    assert code == 1
    assert ("file-unreadable", "requirements.txt", 0) in names_at(out)  # over the 5 MB cap


def test_long_line_under_the_cap(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n",
                "requirements.txt": "flask==3.1.2\n" + "y" * (2 * 1024 * 1024) + "\ngunicorn==23.0.0\n"})
    start = time.perf_counter()
    code, out, _ = run(root)
    assert time.perf_counter() - start < 10
    assert ("requirements-invalid", "requirements.txt", 2) in names_at(out)


def test_path_that_does_not_exist(tmp_path):
    code, out, err = cli(["check", str(tmp_path / "missing")])
    assert code == 2 and out == "" and "no such file or folder" in err


def test_folder_that_is_not_a_git_repo(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n"})
    code, out, err = run(root)
    assert "not a git repository" in err
    assert code in (0, 1)


def test_python_that_does_not_parse_is_a_finding(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n", "app.py": "import flask\napp = flask.Flask(\n"})
    code, out, _ = run(root)
    assert code == 1 and any(f[0] == "entry-broken" and f[1] == "app.py" for f in names_at(out))


def test_broken_manifests(app):
    root = app({**BASE, "Procfile": "web: gunicorn app:app\n", "pyproject.toml": "[project\nname = 1\n",
                "Pipfile.lock": "{not json", "app.json": "{\"a\": }"})
    code, out, _ = run(root)
    assert code == 1
    unreadable = {f[1] for f in names_at(out) if f[0] == "file-unreadable"}
    assert {"pyproject.toml", "Pipfile.lock"} <= unreadable
