import pytest


def test_the_seed_dockerfile(check):
    files = {"Dockerfile": "FROM python:3.7\nRUN apt update && apt -y install gettext-base\nCMD x\n"}
    assert check(files, "dockerfile-apt-hygiene") == [("dockerfile-apt-hygiene", "Dockerfile", 2)]


def test_no_yes_and_separate_update(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM python:3.13\nRUN apt-get update\nRUN apt-get install curl && rm -rf "
                              "/var/lib/apt/lists/*\nCMD x\n"})
    update, install = run_rules(root, select=["dockerfile-apt-hygiene"]).active
    assert update.line == 2 and "'update' in a RUN of its own" in update.message
    assert install.line == 3 and "without -y" in install.message


def test_install_without_update(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nRUN apt-get install -y curl\nCMD x\n"}
    assert check(files, "dockerfile-apt-hygiene") == [("dockerfile-apt-hygiene", "Dockerfile", 2)]


LOOKALIKES_CASES = [
    "FROM python:3.13\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
    "    && rm -rf /var/lib/apt/lists/*\nCMD x\n",
    "FROM python:3.13\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n"
    "CMD x\n",
    "FROM python:3.13\nRUN apt-get update && apt-get install -qq curl && rm -rf /var/lib/apt/lists/*\nCMD x\n",
    "FROM python:3.13\nRUN pip install apt\nCMD x\n",
    # the update ran (and was cleaned) in the stage this one is built from
    "FROM python:3.13 AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
    "FROM base\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\nCMD x\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-apt-hygiene") == []


def test_lists_in_a_builder_stage_are_fine(check):
    text = ("FROM python:3.13 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN pip wheel . -w /w\n"
            "FROM python:3.13-slim\nCOPY --from=build /w /w\nCMD x\n")
    assert check({"Dockerfile": text}, "dockerfile-apt-hygiene") == []
