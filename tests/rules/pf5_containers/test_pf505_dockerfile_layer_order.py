import pytest


def test_copy_all_before_pip_install(check):
    files = {"Dockerfile": "FROM python:3.13\nRUN apt-get update\nCOPY . .\nRUN pip install -r requirements.txt\n"
                           "CMD x\n"}
    assert check(files, "dockerfile-layer-order") == [("dockerfile-layer-order", "Dockerfile", 3)]


@pytest.mark.parametrize("install", ["poetry install --no-root", "python -m pip install -r requirements.txt",
                                     "uv sync --frozen", "pipenv install --deploy"])
def test_other_installers(check, install):
    files = {"Dockerfile": f"FROM python:3.13\nWORKDIR /app\nCOPY . /app\nRUN {install}\nCMD x\n"}
    assert check(files, "dockerfile-layer-order") == [("dockerfile-layer-order", "Dockerfile", 3)]


LOOKALIKES_CASES = [
    "FROM python:3.13\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD x\n",
    # multi-stage: the builder installs from its manifest; the final stage copies the result
    "FROM python:3.13 AS build\nCOPY requirements.txt .\nRUN pip wheel -r requirements.txt -w /w\n"
    "FROM python:3.13-slim\nCOPY --from=build /w /w\nCOPY . .\nRUN pip install /w/*.whl\nCMD x\n",
    "FROM python:3.13\nCOPY . .\nRUN pip install .\nCMD x\n",        # installs the project itself
    "FROM python:3.13\nCOPY --from=build / .\nRUN pip install -r requirements.txt\nCMD x\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-layer-order") == []
