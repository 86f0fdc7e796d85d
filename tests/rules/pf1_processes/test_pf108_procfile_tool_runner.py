"""PF108 procfile-tool-runner: a process runs through poetry/uv/pdm/hatch/pipenv run."""
from __future__ import annotations

import pytest
from conftest import findings
from procfile_apps import hits

from preflight.findings import Severity


def test_tool_runner_fires_on_poetry_run(app):
    [f] = hits(app({"Procfile": "web: poetry run gunicorn app:app --bind 0.0.0.0:$PORT\n",
                    "poetry.lock": ""}), "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.ERROR)
    assert "H10" in f.message
    assert "'web: gunicorn app:app --bind 0.0.0.0:$PORT'" in f.hint


@pytest.mark.parametrize("content,line,direct", [
    ("web: gunicorn app:app\nrelease: uv run --no-sync alembic upgrade head\n", 2, "alembic upgrade head"),
    ("web: uvx gunicorn app:app\n", 1, "gunicorn app:app"),
    ("web: pdm run gunicorn app:app\n", 1, "gunicorn app:app"),
    ("worker: sh -c 'hatch run python worker.py'\n", 1, None),
    ("web: pipenv run gunicorn app:app\n", 1, "gunicorn app:app"),  # no Pipfile.lock: Pipenv is not installed
])
def test_tool_runner_fires_in_any_process(app, content, line, direct):
    [f] = hits(app({"Procfile": content, "requirements.txt": "gunicorn\n"}), "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", line, Severity.ERROR)
    if direct:
        assert direct in f.hint


def test_tool_runner_release_message_says_the_release_fails(app):
    [f] = hits(app({"Procfile": "release: poetry run python manage.py migrate\n"}), "procfile-tool-runner")
    assert "release is not deployed" in f.message


def test_tool_runner_pipenv_in_a_pipenv_app_is_a_warning(app):
    [f] = hits(app({"Procfile": "web: pipenv run gunicorn app:app\n", "Pipfile": "", "Pipfile.lock": "{}"}),
               "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.WARNING)


def test_tool_runner_silent_on_look_alikes(check):
    content = ("web: gunicorn app:app\n"
               "worker: python poetry.py run\n"
               "clock: python -m uv_tasks run\n"
               "other: celery -A run worker\n")
    assert check({"Procfile": content}, "procfile-tool-runner") == []


def test_an_own_line_directive_suppresses_the_process_below(app):
    """ux.md A3: in a Procfile only whole-line comments are safe, so the directive goes above the line."""
    root = app({"Procfile": "# preflight: ignore[procfile-tool-runner]\nweb: poetry run gunicorn app:app\n"
                            "worker: poetry run python w.py\n"})
    assert findings(root, select=["PF1"]) == [("procfile-tool-runner", "Procfile", 3)]


def test_tool_runner_points_at_each_process_that_uses_a_runner(check):
    content = "web: gunicorn app:app\nworker: uv run python worker.py\nclock: uvx --from . python clock.py\n"
    assert check({"Procfile": content}, "procfile-tool-runner") == [("procfile-tool-runner", "Procfile", 2),
                                                                     ("procfile-tool-runner", "Procfile", 3)]
