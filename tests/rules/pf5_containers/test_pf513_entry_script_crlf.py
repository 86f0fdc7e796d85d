import pytest


DF = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n'


def test_crlf_script_fires_at_its_first_crlf_line(check):
    files = {"Dockerfile": DF, "run.sh": b"#!/bin/sh\nset -e\r\nexec python main.py\r\n"}
    assert check(files, "entry-script-crlf") == [("entry-script-crlf", "run.sh", 2)]


def test_crlf_script_run_by_a_shell_and_from_heroku_yml(check):
    files = {"Dockerfile": "FROM python:3.13\nCOPY . /app\nWORKDIR /app\n", "start.sh": b"python main.py\r\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: bash start.sh\n"}
    assert check(files, "entry-script-crlf") == [("entry-script-crlf", "start.sh", 1)]


LOOKALIKES_CASES = [
    {"Dockerfile": DF, "run.sh": b"#!/bin/sh\nexec python main.py\n"},
    {"Dockerfile": DF.replace("COPY . .\n", "COPY . .\nRUN sed -i 's/\\r$//' run.sh\n"),
     "run.sh": b"#!/bin/sh\r\nexec python main.py\r\n"},
    {"Dockerfile": DF, "other.sh": b"echo\r\n", "run.sh": b"#!/bin/sh\nexec x\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "entry-script-crlf") == []
