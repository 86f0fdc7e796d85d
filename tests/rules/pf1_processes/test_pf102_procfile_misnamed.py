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


def test_procfile_folder_and_procfile_txt_are_both_named(app):
    # issue #8 miss: both must change; naming only the folder leaves the user renaming Procfile.txt onto it
    from conftest import rule_findings
    [found] = rule_findings(app({"Procfile/notes.md": "x\n", "Procfile.txt": "web: gunicorn app:app\n"}),
                            "procfile-misnamed")
    assert (found.path, found.line) == ("Procfile", 0)
    assert "'Procfile.txt'" in found.message and "git mv 'Procfile.txt' Procfile" in found.hint


def test_procfile_folder_alone_names_only_the_folder(app):
    from conftest import rule_findings
    [found] = rule_findings(app({"Procfile/web": "gunicorn app:app\n"}), "procfile-misnamed")
    assert "Procfile.txt" not in found.message


def test_misnamed_silent_where_no_procfile_is_read(check):
    assert check({"Procfile.txt": "web: gunicorn app:app\n"}, "procfile-misnamed", platform="render") == []
