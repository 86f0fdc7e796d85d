import pytest


def test_pip_install_without_no_cache_dir(check):
    files = {"Dockerfile": "FROM python:3.13\nCOPY . .\nRUN python -m pip install -r requirements.txt\nCMD x\n"}
    assert check(files, "dockerfile-pip-cache") == [("dockerfile-pip-cache", "Dockerfile", 3)]


LOOKALIKES_CASES = [
    "FROM python:3.13\nRUN pip install --no-cache-dir flask\nCMD x\n",
    "FROM python:3.13\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\nCMD x\n",
    "FROM python:3.13 AS base\nENV PIP_NO_CACHE_DIR=off\nFROM base\nRUN pip install flask\nCMD x\n",
    "FROM python:3.13\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\nCMD x\n",
    "FROM python:3.13\nRUN pip wheel flask\nCMD x\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-pip-cache") == []


def test_a_run_that_deletes_the_cache_is_fine(app):
    # fly-apps/hello-django: pip install ... && rm -rf /root/.cache/ in the same RUN
    from conftest import findings

    base = {"requirements.txt": "django==5.2.8\n", "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"}
    for tail in (" && rm -rf /root/.cache/", " && pip cache purge"):
        files = {**base, "Dockerfile": f"FROM python:3.13-slim\nRUN pip install -r requirements.txt{tail}\n"}
        assert [f for f in findings(app(files), ["dockerfile-pip-cache"])] == [], tail
    kept = {**base, "Dockerfile": "FROM python:3.13-slim\nRUN pip install -r requirements.txt && rm -rf /tmp/x\n"}
    assert findings(app(kept), ["dockerfile-pip-cache"]) == [("dockerfile-pip-cache", "Dockerfile", 2)]
