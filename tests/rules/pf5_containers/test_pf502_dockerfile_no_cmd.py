import pytest

from preflight.findings import Severity


def test_no_cmd_fires_at_the_final_stage(check):
    files = {"Dockerfile": "FROM python:3.13 AS build\nRUN pip wheel .\nFROM python:3.13-slim\nCOPY . .\n"}
    assert check(files, "dockerfile-no-cmd") == [("dockerfile-no-cmd", "Dockerfile", 3)]


def test_own_base_image_is_a_warning(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM myorg/python-base:2\nCOPY . .\n"})
    (f,) = [f for f in run_rules(root, select=["dockerfile-no-cmd"]).active]
    assert f.severity is Severity.WARNING


LOOKALIKES_CASES = [
    {"Dockerfile": "FROM python:3.13 AS base\nCMD gunicorn app:app\nFROM base\nCOPY . .\n"},  # inherited
    {"Dockerfile": 'FROM python:3.13\nENTRYPOINT ["python", "main.py"]\n'},
    {"Dockerfile": "FROM python:3.13\nCOPY . .\n",
     "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n"},
    {"Dockerfile": "FROM python:3.13\n", "Procfile": "web: gunicorn app:app\n"},       # buildpack mode
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "dockerfile-no-cmd") == []
