import pytest

from preflight.findings import Severity


def test_ignored_instructions_and_volume_is_a_warning(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM python:3.13\nEXPOSE 8000\nVOLUME /data\nHEALTHCHECK CMD curl -f localhost\n"
                              "STOPSIGNAL SIGINT\nCMD x\n"})
    found = [(f.name, f.path, f.line, f.severity) for f in
             run_rules(root, select=["dockerfile-ignored-instruction"]).active]
    assert found == [("dockerfile-ignored-instruction", "Dockerfile", 2, Severity.INFO),
                     ("dockerfile-ignored-instruction", "Dockerfile", 3, Severity.WARNING),
                     ("dockerfile-ignored-instruction", "Dockerfile", 4, Severity.INFO),
                     ("dockerfile-ignored-instruction", "Dockerfile", 5, Severity.INFO)]


LOOKALIKES_CASES = [
    {"Dockerfile": "FROM python:3.13 AS build\nEXPOSE 8000\nFROM python:3.13-slim\nCMD x\n"},
    {"Dockerfile": "FROM python:3.13\nEXPOSE 8000\n", "Procfile": "web: gunicorn app:app\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "dockerfile-ignored-instruction") == []
