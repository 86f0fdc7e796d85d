import pytest


DF = "FROM python:3.13\nWORKDIR /app\nCOPY . .\nCMD python main.py\n"


def test_copy_all_without_dockerignore(check):
    assert check({"Dockerfile": DF}, "dockerignore-missing") == [("dockerignore-missing", "Dockerfile", 3)]


def test_dockerignore_that_lets_env_in(check):
    files = {"Dockerfile": DF, ".dockerignore": "*.pyc\n", ".env": "SECRET=1\n"}
    assert check(files, "dockerignore-missing") == [("dockerignore-missing", "Dockerfile", 3)]


def test_docker_anchors_patterns_unlike_git(check):
    # "config/*.pem" keeps the root key out, but Docker's "*.pem" would not cover sub/key.pem
    files = {"Dockerfile": DF, ".dockerignore": ".git\n.env\n*.pem\n", "sub/key.pem": "x"}
    assert check(files, "dockerignore-missing") == [("dockerignore-missing", "Dockerfile", 3)]


LOOKALIKES_CASES = [
    {"Dockerfile": DF, ".dockerignore": ".git\n.env\n**/*.pem\n", ".env": "A=1\n", "sub/key.pem": "x"},
    {"Dockerfile": DF, "Dockerfile.dockerignore": ".git\n.env\n", ".env": "A=1\n"},   # BuildKit's own file
    {"Dockerfile": "FROM python:3.13\nCOPY requirements.txt app.py ./\nCMD x\n"},      # no whole-context copy
    {"Dockerfile": DF, ".dockerignore": ".env*\n!.env.example\n", ".env.example": "A=\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "dockerignore-missing") == []
