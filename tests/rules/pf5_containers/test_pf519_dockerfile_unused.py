import pytest


def test_dockerfile_and_procfile_without_heroku_yml(check):
    files = {"Dockerfile": "FROM python:3.13\nCMD gunicorn app:app\n", "Procfile": "web: gunicorn app:app\n",
             "requirements.txt": "gunicorn\n"}
    assert check(files, "dockerfile-unused") == [("dockerfile-unused", "Dockerfile", 0)]


LOOKALIKES_CASES = [
    {"Dockerfile": "FROM python:3.13\nCMD x\n"},                                 # container:push
    {"Dockerfile": "FROM python:3.13\nCMD x\n", "Procfile": "web: x\n",
     "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"},                      # heroku.yml builds it
    {"Procfile": "web: gunicorn app:app\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "dockerfile-unused") == []


@pytest.mark.parametrize("platform", ["dokku", "railway", "fly"])
def test_silent_where_the_platform_builds_the_dockerfile(check, platform):
    # Dokku builds a Dockerfile unless .buildpacks/project.toml says otherwise; Railway and Fly always do
    files = {"Dockerfile": "FROM python:3.13\nCMD gunicorn app:app\n", "Procfile": "web: gunicorn app:app\n",
             "requirements.txt": "gunicorn\n"}
    assert check(files, "dockerfile-unused", platform=platform) == []
