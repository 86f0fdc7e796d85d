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
