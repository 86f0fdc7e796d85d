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


# Container mode: seed 004's run.sh migrates before it starts the app; the image's CMD runs run.sh.
RUN_SH = "#!/bin/sh\nexport PYTHONPATH=.\nalembic upgrade head\nexec python main.py\n"
IMAGE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN chmod +x run.sh\nCMD ["./run.sh"]\n'


def test_migration_in_the_entry_script_is_reported_at_its_line(app):
    [f] = hits(app({"Dockerfile": IMAGE, "run.sh": RUN_SH, "main.py": "print(1)\n"}), "release-in-web")
    assert (f.path, f.line, f.severity) == ("run.sh", 3, Severity.INFO)
    assert "'alembic upgrade' every time it starts (started by Dockerfile:5)" in f.message
    assert "Dockerfile.release whose CMD is 'alembic upgrade head'" in f.hint


@pytest.mark.parametrize("cmd,line", [
    ('CMD ["sh", "-c", "python manage.py migrate && gunicorn mysite.wsgi"]', 5),
    ("CMD python manage.py migrate --noinput; exec gunicorn mysite.wsgi", 5),
])
def test_migration_in_the_cmd_is_reported_at_the_cmd(check, cmd, line):
    files = {"Dockerfile": IMAGE.replace('CMD ["./run.sh"]', cmd), "manage.py": "", "mysite/wsgi.py": "app = 1\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"}
    assert check(files, "release-in-web") == [("release-in-web", "Dockerfile", line)]


def test_migration_silent_when_heroku_yml_releases_it(check):
    files = {"Dockerfile": IMAGE, "run.sh": RUN_SH, "main.py": "print(1)\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n  command:\n"
                           "    - alembic upgrade head\n"}
    assert check(files, "release-in-web") == []
    files["heroku.yml"] = files["heroku.yml"].replace("alembic upgrade head", "python manage.py migrate")
    assert check(files, "release-in-web") == [("release-in-web", "run.sh", 3)]   # it releases another step


def test_migration_in_a_worker_image_is_not_the_web_start(check):
    files = {"Dockerfile": IMAGE, "run.sh": RUN_SH, "main.py": "print(1)\n",
             "heroku.yml": "build:\n  docker:\n    worker: Dockerfile\n"}
    assert check(files, "release-in-web") == []


@pytest.mark.parametrize("platform,advice", [
    ("heroku", "'release: python manage.py migrate'"),
    ("dokku", "'release: python manage.py migrate'"),
    ("scalingo", "'postdeploy: python manage.py migrate'"),
    ("railway", "once per deploy with preDeployCommand on the service"),
    ("do-app-platform", "once per deploy with a PRE_DEPLOY job in the app spec"),
    ("cloud-run", "once per deploy with a Cloud Run job run before the deploy"),
])
def test_release_in_web_hint_names_the_platforms_release_step(app, platform, advice):
    from conftest import run_rules

    root = app({"Procfile": "web: python manage.py migrate && gunicorn mysite.wsgi\n"})
    [f] = [f for f in run_rules(root, ["release-in-web"], platform=platform).active]
    assert (f.name, f.path, f.line) == ("release-in-web", "Procfile", 1)
    assert advice in f.hint, f.hint
    assert platform == "heroku" or "R10" not in f.message
