import pytest


def test_schema_problems_at_their_lines(check):
    files = {"Dockerfile": "FROM python:3.13\nCMD x\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n    worker: Dockerfile.worker\nrelease:\n"
                           "  image: job\n  command:\n    - ./migrate.sh\nrun:\n  web:\n    image: web\nstack: x\n"}
    assert check(files, "heroku-yml-invalid") == [
        ("heroku-yml-invalid", "heroku.yml", 4),     # Dockerfile.worker is not in the repository
        ("heroku-yml-invalid", "heroku.yml", 6),     # release.image names no build.docker process
        ("heroku-yml-invalid", "heroku.yml", 10),    # run.web has no command
        ("heroku-yml-invalid", "heroku.yml", 12)]    # unknown top-level key


def test_typo_in_build_turns_the_deploy_into_buildpack(check):
    files = {"heroku.yml": "biuld:\n  docker:\n    web: Dockerfile\n", "Dockerfile": "FROM python:3.13\nCMD x\n",
             "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "heroku-yml-invalid") == [("heroku-yml-invalid", "heroku.yml", 1)]


def test_unknown_target_stage(check):
    files = {"Dockerfile": "FROM python:3.13 AS base\nCMD x\n",
             "heroku.yml": "build:\n  docker:\n    web:\n      dockerfile: Dockerfile\n      target: prod\n"}
    assert check(files, "heroku-yml-invalid") == [("heroku-yml-invalid", "heroku.yml", 3)]


LOOKALIKES_CASES = [
    "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n  command:\n    - alembic upgrade head\n",
    "setup:\n  addons:\n    - plan: heroku-postgresql\nbuild:\n  docker:\n    web: ./Dockerfile\n  config:\n"
    "    A: b\nrun:\n  web: gunicorn app:app\n  worker:\n    command:\n      - python w.py\n    image: web\n",
    "build:\n  docker:\n    web:\n      dockerfile: Dockerfile\n      target: base\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"heroku.yml": text, "Dockerfile": "FROM python:3.13 AS base\nCMD x\n"},
                 "heroku-yml-invalid") == []


def test_unparsable_file_is_left_to_file_unreadable(app):
    from conftest import findings

    root = app({"heroku.yml": "build: [\n", "Dockerfile": "FROM python:3.13\nCMD x\n"})
    assert findings(root, select=["heroku-yml-invalid", "file-unreadable"]) == [("file-unreadable", "heroku.yml", 2)]


def test_silent_where_heroku_yml_is_not_read(check):
    # heroku.yml is Heroku's container stack: Dokku, Fir and the others never read it
    files = {"heroku.yml": "biuld:\n  docker:\n    web: Dockerfile\n", "Dockerfile": "FROM python:3.13\nCMD x\n"}
    assert check(files, "heroku-yml-invalid", platform="dokku") == []
    assert check(files, "heroku-yml-invalid", platform="heroku-fir") == []
