"""What a simple command is (preflight/project/commands.py): runners, release and build steps."""
from __future__ import annotations

import pytest

from preflight.project.commands import release_step, runners_of, split, without_runner


@pytest.mark.parametrize("command, runners, direct", [
    ("poetry run gunicorn app:app --bind 0.0.0.0:$PORT", ["poetry"], "gunicorn app:app --bind 0.0.0.0:$PORT"),
    ("uv run --no-sync --with x alembic upgrade head", ["uv"], "alembic upgrade head"),
    ("uvx --from . python clock.py", ["uvx"], "python clock.py"),
    ("sh -c 'pipenv run python w.py && hatch run x'", ["pipenv", "hatch"], None),
    ("python poetry.py run", [], None),
    ("celery -A run worker", [], None),
])
def test_runners_and_the_command_without_them(command, runners, direct):
    assert runners_of(command) == runners
    if direct:
        assert without_runner(command) == direct


@pytest.mark.parametrize("command, step", [
    ("python manage.py migrate --noinput", ("manage.py migrate", False)),
    ("django-admin makemigrations", ("django-admin makemigrations", True)),
    ("python -m alembic upgrade head", ("alembic upgrade", False)),
    ("flask db upgrade", ("flask db upgrade", False)),
    ("flask db migrate -m x", ("flask db migrate", True)),
    ("pip install -r requirements.txt", ("pip install", True)),
    ("gunicorn migrate:app", None),
    ("pip --version", None),
])
def test_release_steps(command, step):
    [cmd] = split(command)
    assert release_step(cmd) == step
