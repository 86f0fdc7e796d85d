"""PF102 procfile-misnamed: a process file the platform does not read."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("name", ["procfile", "PROCFILE", "Procfile.yml", "procfile.TXT"])
def test_misnamed_fires(check, name):
    assert check({name: "web: gunicorn app:app\n"}, "procfile-misnamed") == [("procfile-misnamed", name, 0)]


def test_misnamed_fires_for_a_procfile_folder(check):
    assert check({"Procfile/web": "gunicorn app:app\n"}, "procfile-misnamed") == [
        ("procfile-misnamed", "Procfile", 0)]


def test_misnamed_fires_for_a_nested_procfile(check):
    assert check({"backend/Procfile": "web: gunicorn app:app\n"}, "procfile-misnamed") == [
        ("procfile-misnamed", "backend/Procfile", 0)]


def test_misnamed_silent_for_a_deliberate_local_variant(check):
    files = {"Procfile": "web: gunicorn app:app\n", "Procfile.dev": "web: flask run\n"}
    assert check(files, "procfile-misnamed") == []
    assert check({"Procfile.dev": "web: flask run\n"}, "procfile-misnamed") == []


@pytest.mark.parametrize("path", ["examples/heroku/Procfile", "docs/deploy/Procfile", "tests/fixtures/app/Procfile"])
def test_misnamed_silent_for_a_procfile_in_examples_docs_or_tests(check, path):
    files = {"app.py": "print(1)\n", "requirements.txt": "six==1.16.0\n", path: "web: gunicorn demo:app\n"}
    assert check(files, "procfile-misnamed") == []


def test_misnamed_still_names_an_app_folder_beside_examples(check):
    files = {"examples/Procfile": "web: x\n", "backend/Procfile": "web: gunicorn app:app\n", "README.md": "x\n"}
    assert check(files, "procfile-misnamed") == [("procfile-misnamed", "backend/Procfile", 0)]
