"""PF109 release-in-web: release and build steps chained into the web command."""
from __future__ import annotations

import pytest
from procfile_apps import hits

from preflight.findings import Severity


@pytest.mark.parametrize("web,advice", [
    ("python manage.py migrate && gunicorn mysite.wsgi", "'release: python manage.py migrate'"),
    ("alembic upgrade head && gunicorn app:app", "'release: alembic upgrade head'"),
    ("sh -c 'flask db upgrade && gunicorn app:app'", "'release: flask db upgrade'"),
    ("python manage.py collectstatic --noinput; gunicorn mysite.wsgi", "runs collectstatic during the build"),
])
def test_release_in_web_fires(app, web, advice):
    [f] = hits(app({"Procfile": f"worker: python w.py\nweb: {web}\n"}), "release-in-web")
    assert (f.path, f.line, f.severity) == ("Procfile", 2, Severity.INFO)
    assert advice in f.hint


@pytest.mark.parametrize("web", ["pip install -r requirements.txt && gunicorn app:app",
                                 "python manage.py makemigrations && python manage.py migrate && gunicorn m.wsgi"])
def test_release_in_web_warns_for_steps_wrong_on_any_dyno(app, web):
    [f] = hits(app({"Procfile": f"web: {web}\n"}), "release-in-web")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.WARNING)


def test_release_in_web_silent_when_migrations_are_in_release(check):
    content = "release: python manage.py migrate\nweb: gunicorn mysite.wsgi --access-logfile migrate.log\n"
    assert check({"Procfile": content}, "release-in-web") == []


def test_release_in_web_silent_for_a_worker_that_migrates(check):
    assert check({"Procfile": "web: gunicorn migrate:app\nworker: alembic upgrade head && python w.py\n"},
                 "release-in-web") == []


def test_release_in_web_points_at_the_web_line(check):
    content = "release: python manage.py migrate\nweb: python manage.py migrate && gunicorn mysite.wsgi\n"
    assert check({"Procfile": content}, "release-in-web") == [("release-in-web", "Procfile", 2)]


def test_release_in_web_silent_for_look_alike_words(check):
    # 'migrate' and 'upgrade' as arguments of the server, not as steps
    content = "web: gunicorn migrate:app --name upgrade\nrelease: python -m pip --version\n"
    assert check({"Procfile": content}, "release-in-web") == []
