"""PF001 file-unreadable: a file a rule needed could not be read or decoded (the engine emits it).
More cases (binary, oversized, a symlink out of the repository) are in tests/test_engine.py."""
from conftest import findings


def test_undecodable_build_file_is_reported_as_an_error(app):
    root = app({"requirements.txt": b"flask==3.1.2\n\xff\xfe\n", "app.py": "import flask\n"})
    assert ("file-unreadable", "requirements.txt", 0) in findings(root, select=["file-unreadable", "PF3"])


def test_utf8_file_is_not_reported(app):
    root = app({"requirements.txt": "flask==3.1.2  # caf\u00e9\n", "app.py": "import flask\n"})
    assert [f for f in findings(root, select=["file-unreadable", "PF3"]) if f[0] == "file-unreadable"] == []


# FALSE_ALARMS.md F-start-script-over-256-bytes: the entry-point model read a script's #! line with a
# 256-byte size bound, so every start script longer than that was "larger than 0 MB; not checked".
ENTRY_SCRIPT = ("#!/bin/sh\nset -e\n# Wait for the database to accept connections before migrating and starting.\n"
                "# The loop gives up after a minute so that a broken DATABASE_URL fails visibly.\n"
                "for i in $(seq 1 60); do\n  python -c 'import socket' && break\n  sleep 1\ndone\n\n"
                "exec gunicorn app:app --bind 0.0.0.0:{port} --workers 2\n")
LONG_SCRIPT_APP = {
    ".gitignore": ".env\n__pycache__/\n",
    ".python-version": "3.13\n",
    "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
    "app.py": "import flask\n\napp = flask.Flask(__name__)\n",
    "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n",
    "Dockerfile": "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                  'ENTRYPOINT ["./docker-entrypoint.sh"]\n',
}


def test_start_script_over_256_bytes_is_read_and_checked(app):
    quiet = app({**LONG_SCRIPT_APP, "docker-entrypoint.sh": ENTRY_SCRIPT.format(port="$PORT")}, git=True)
    assert len(ENTRY_SCRIPT) > 256
    found = findings(quiet)
    assert ("file-unreadable", "docker-entrypoint.sh", 0) not in found
    assert [f for f in found if f[0] == "web-port-unbound"] == []


def test_long_start_script_is_still_analysed(tmp_path):
    # the look-alike: the fixed port on line 10 of the same long script is found (its contents are read)
    from conftest import git_init, write_files
    write_files(tmp_path, {**LONG_SCRIPT_APP, "docker-entrypoint.sh": ENTRY_SCRIPT.format(port="8000")})
    git_init(tmp_path)
    found = findings(tmp_path)
    assert ("web-port-unbound", "docker-entrypoint.sh", 10) in found
    assert ("file-unreadable", "docker-entrypoint.sh", 0) not in found
