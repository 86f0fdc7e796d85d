"""What a start command needs installed (preflight/project/programs.py) and the platform's markers (linux.py)."""
from __future__ import annotations

import pytest

from preflight.project import Project
from preflight.project.linux import never_on_linux, windows_only
from preflight.project.programs import command_distributions, linux_excluded, provided, runs_python
from preflight.project.commands import split


@pytest.mark.parametrize("command, programs", [
    ("gunicorn app:app", ["gunicorn"]),
    ("python -m uvicorn main:app", ["python -m uvicorn"]),
    ("newrelic-admin run-program gunicorn -k uvicorn.workers.UvicornWorker app:app",
     ["newrelic-admin", "gunicorn", "gunicorn with worker class uvicorn.workers.UvicornWorker"]),
    ("bin/start-nginx gunicorn -c gunicorn.conf.py app:app", ["gunicorn"]),
    ("fastapi run main.py", ["fastapi"]),
    ("python bot.py", []), ("node index.js", []),
])
def test_command_distributions(command, programs):
    [cmd] = split(command)
    assert [p for p, _, _ in command_distributions(cmd.argv)] == programs


def test_fastapi_script_needs_the_cli_and_says_so():
    [(program, dists, crash)] = command_distributions(["fastapi", "run"])
    assert dists == ("fastapi-cli",) and "fastapi[standard]" in crash


def test_runs_python():
    assert runs_python(split("python3.12 bot.py")[0]) and runs_python(split("celery -A app worker")[0])
    assert not runs_python(split("node index.js")[0])


def test_provided_through_extras_extensions_and_markers(app):
    root = app({"requirements.txt": 'fastapi[standard]==0.115\nFlask-Login==0.6\nwaitress; sys_platform == "win32"\n'
                                    'pywin32==306\npywinpty; os_name == "nt"\n'})
    deps = Project(root).dependencies
    assert provided(deps, "uvicorn") and provided(deps, "fastapi-cli") and provided(deps, "flask")
    assert not provided(deps, "gunicorn") and not provided(deps, "waitress")
    assert linux_excluded(deps, "waitress").line == 3 and linux_excluded(deps, "flask-login") is None
    assert [d.key for d in windows_only(deps)] == ["pywin32"]
    assert never_on_linux('sys_platform == "win32"') and not never_on_linux("") \
        and not never_on_linux('python_version >= "3.8"')
