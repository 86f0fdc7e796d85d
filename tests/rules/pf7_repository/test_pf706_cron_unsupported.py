"""cron-unsupported: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings, severities_at
from pf7_helpers import APP
from preflight.project import dependencies as deps_module


def test_cron_points_at_the_first_schedule_line(check):
    files = {"crontab": "# refresh the news cache every morning\n0 8 * * * python3 refresh.py\n",
             "refresh.py": ""}
    assert check(files, "cron-unsupported", git=True) == [("cron-unsupported", "crontab", 2)]


@pytest.mark.parametrize("path,content,line", [
    ("deploy/jobs.cron", "SHELL=/bin/bash\nMAILTO=me@example.invalid\n\n@daily python backup.py\n", 4),
    ("etc/cron.d/report", "*/15 * * * * app python report.py\n", 1),
    ("crontab.txt", "30 2 * * MON-FRI python weekly.py\n", 1),
])
def test_cron_fires_for_cron_files(check, path, content, line):
    assert check({path: content}, "cron-unsupported") == [("cron-unsupported", path, line)]


def test_cron_fires_for_a_cron_daemon_in_the_procfile(check):
    content = "web: gunicorn app:app\nclock: service cron start && tail -f /dev/null\n"
    assert check({**APP, "Procfile": content}, "cron-unsupported") == [("cron-unsupported", "Procfile", 2)]


def test_cron_fires_for_cron_in_the_image(check):
    dockerfile = ("FROM python:3.13-slim\n"
                  "RUN apt-get update && apt-get install -y \\\n"
                  "    cron && rm -rf /var/lib/apt/lists/*\n"
                  "COPY jobs /etc/jobs\n"
                  "RUN crontab /etc/jobs\n"
                  'CMD ["cron", "-f"]\n')
    assert check({"Dockerfile": dockerfile, "main.py": ""}, "cron-unsupported") == [
        ("cron-unsupported", "Dockerfile", 2), ("cron-unsupported", "Dockerfile", 5),
        ("cron-unsupported", "Dockerfile", 6)]


def test_cron_fires_for_python_crontab_in_requirements(check):
    app = {"Procfile": "web: python app.py\n", "app.py": "from crontab import CronTab\ncron = CronTab(user=True)\n"}
    assert check({**app, "requirements.txt": "flask\n# scheduling\npython-crontab==3.2.0\n"},
                 "cron-unsupported") == [("cron-unsupported", "requirements.txt", 3)]


def test_a_cron_library_nothing_imports_is_silent(check):
    # X-cron-library-not-imported: a pip freeze leftover (django-dictaphone) schedules nothing
    app = {"Procfile": "web: python app.py\n", "app.py": "import flask\n"}
    assert check({**app, "requirements.txt": "flask\npython-crontab==3.2.0\n"}, "cron-unsupported") == []


def test_cron_defers_to_the_dependency_model(app, monkeypatch):
    """Declared only as a dev dependency: the dyno never installs it."""
    class Deps:
        main = {"flask": None}
        dev = {"python-crontab": None}

    monkeypatch.setattr(deps_module, "load", lambda project: Deps())
    root = app({"requirements.txt": "flask\npython-crontab\n"})
    assert findings(root, select=["cron-unsupported"]) == []


def test_cron_silent_on_look_alikes(check):
    files = {**APP,
             "crontab.py": "0 8 * * * is how cron writes it\n",                 # a Python module
             "docs/crontab": "How we used to schedule jobs (no schedule here)\n",
             "requirements.txt": "flask\ncroniter\n# python-crontab (removed)\nAPScheduler\n",
             "Procfile": "web: gunicorn app:app\nclock: python cronjobs.py\nsched: supercronic crontab\n",
             "app.json": '{"name": "crond"}\n'}
    assert check(files, "cron-unsupported") == []


def test_cron_ignores_a_dockerfile_the_buildpack_deploy_does_not_use(check):
    files = {**APP, "Dockerfile": "FROM python:3.13-slim\nCMD [\"cron\", \"-f\"]\n"}
    assert check(files, "cron-unsupported") == []



# FALSE_ALARMS.md P-cron-in-own-image: ('cron-unsupported', 'docker/crontab', 1) must drop to info;
# its true look-alike ('cron-unsupported', 'crontab', 1) still fires.
CRON_IMAGE = {
    '.gitignore': '.env\n__pycache__/\n',
    'requirements.txt': 'django==5.2.8\n',
    'manage.py': 'import os\n',
    'docker/Dockerfile': ('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y cron\nCOPY docker/cronta'
                          'b /etc/cron.d/app\nCMD cron && python manage.py runserver 0.0.0.0:8000\n'),
    'docker/crontab': '@daily app /app/.venv/bin/python manage.py clearsessions\n',
    'compose.yml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
}
CRON_IMAGE_LOOKALIKE = {
    **{k: v for k, v in CRON_IMAGE.items() if k not in ('docker/Dockerfile', 'docker/crontab', 'compose.yml')},
    'Procfile': 'web: gunicorn svc.wsgi\n',
    'crontab': '@daily python manage.py clearsessions\n',
}


def test_p_cron_in_own_image_is_info(app):
    assert severities_at(app(CRON_IMAGE, git=True), 'cron-unsupported', 'docker/crontab', 1) == ['info']


def test_p_cron_in_own_image_lookalike_fires(app):
    found = severities_at(app(CRON_IMAGE_LOOKALIKE, git=True), 'cron-unsupported', 'crontab', 1)
    assert found in (['error'], ['warning'])
