"""Odd manifests and scripts never crash the container rules: every PF5 rule runs over each, with no crash."""
import pytest
from conftest import run_rules

CASES = [
    {"heroku.yml": "build:\n  docker:\n    web: [a]\n    worker: {dockerfile: [x]}\nrun:\n  web: {command: {a: 1}}\n"
                   "  worker: 5\nrelease: {command: {a: b}, image: [x]}\n", "Dockerfile": "FROM python:3.13\n"},
    {"heroku.yml": "? [a, b]\n: 1\nbuild: ~\nrun: []\n", "Dockerfile": "FROM python:3.13\n"},
    {"heroku.yml": "- a\n- b\n"},
    {"heroku.yml": "build:\n  docker: Dockerfile\n", "Dockerfile": "FROM python:3.13\nCMD x\n"},
    {"heroku.yml": "build:\n  docker:\n    web: ../../etc/Dockerfile\n"},
    {"docker-compose.yml": "services:\n  web: 5\n  db: [1]\n"},
    {"compose.yaml": "- 1\n"},
    {"Dockerfile": 'FROM python:3.13\nCMD ["./missing.sh"]\n'},
    {"Dockerfile": 'FROM python:3.13\nCOPY . .\nENTRYPOINT ["tini", "--"]\n', "run.sh": b"\xff\xfe\x00"},
    {"Dockerfile": 'FROM python:3.13\nCOPY . .\nCMD ["./run.sh"]\n', "run.sh": b"\x00\x01binary"},
    {"Dockerfile": 'FROM python:3.13\nCOPY . .\nCMD ["./run.sh"]\n', "run.sh": ""},
    {"Dockerfile": "FROM python:3.13\nCOPY . .\nCMD ./run.sh $(echo x) 'unbalanced\n", "run.sh": "#!/bin/sh\n"},
    {"Dockerfile": 'FROM $X\nARG\nENV\nWORKDIR\nCOPY\nRUN\nCMD\nEXPOSE\n'},
    {"Dockerfile": "FROM python:3.13\nRUN chmod\nRUN apt-get\nRUN pip\nRUN envsubst <\nCMD x\n"},
    {"Dockerfile": "FROM python:3.13\nCOPY . .\nCMD x\n", ".dockerignore": "[\n!\n**\n\\\n"},
    {"Procfile": "web: ./run.sh\n", "run.sh": b"\r\r\r"},
]


@pytest.mark.parametrize("files", CASES, ids=range(len(CASES)))
def test_no_crash(app, files):
    result = run_rules(app(files), select=["PF5", "PF001"])
    assert not result.crashes, result.crashes
