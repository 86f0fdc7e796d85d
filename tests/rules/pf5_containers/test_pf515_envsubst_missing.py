import pytest


SCRIPT = "#!/bin/sh\nset -e\nenvsubst < config/t.yaml > config/c.yaml\nexec python main.py\n"


def test_slim_image_without_gettext_in_the_entry_script(check):
    files = {"Dockerfile": 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n', "run.sh": SCRIPT}
    assert check(files, "envsubst-missing") == [("envsubst-missing", "run.sh", 3)]


def test_alpine_run_step(check):
    files = {"Dockerfile": "FROM python:3.12-alpine\nCOPY . .\nRUN envsubst < a > b\nCMD x\n"}
    assert check(files, "envsubst-missing") == [("envsubst-missing", "Dockerfile", 3)]


GETTEXT = ("FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gettext-base"
           " && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nCMD [\"./run.sh\"]\n")
LOOKALIKES = [{"Dockerfile": GETTEXT, "run.sh": SCRIPT},                                       # gettext installed
              {"Dockerfile": 'FROM python:3.13\nCOPY . .\nCMD ["./run.sh"]\n', "run.sh": SCRIPT},  # full image
              {"Dockerfile": "FROM nginx:1.27-alpine\nCOPY . .\nRUN envsubst < a > b\n"},      # nginx ships it
              {"Dockerfile": "FROM python:3.12-alpine\nRUN apk add --no-cache gettext-envsubst\n"
                             "RUN envsubst < a > b\nCMD x\n"}]


@pytest.mark.parametrize("files", LOOKALIKES)
def test_lookalikes(check, files):
    assert check(files, "envsubst-missing") == []


def test_install_and_envsubst_in_one_run(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nCOPY . .\nRUN apt-get update && apt-get install -y gettext-base "
                           "&& envsubst < a > b && rm -rf /var/lib/apt/lists/*\nCMD x\n"}
    assert check(files, "envsubst-missing") == []
