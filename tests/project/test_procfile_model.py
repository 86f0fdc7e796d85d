"""The Procfile model (preflight/project/procfile.py): what the parser keeps."""
from __future__ import annotations

from conftest import findings

from preflight.project import Project


def test_parser_keeps_the_last_duplicate_and_strips_bom_and_crlf(app):
    root = app({"Procfile": b"\xef\xbb\xbfweb: a\r\nweb: b\r\n"})
    pf = Project(root).procfile
    assert [(p.name, p.command, p.line) for p in pf.processes] == [("web", "b", 2)]


def test_parser_keeps_the_meant_command_without_typographic_characters(app):
    root = app({"Procfile": "web:\u00a0gunicorn app:app \u2014workers 2\u200b\n"
                            "worker: sh -c \u201cpython w.py\u201d\n"})
    pf = Project(root).procfile
    assert [(p.name, p.command) for p in pf.processes] == [("web", "gunicorn app:app --workers 2"),
                                                           ("worker", 'sh -c "python w.py"')]


def test_a_trailing_shell_comment_is_not_part_of_the_command(app):
    root = app({"Procfile": "web: gunicorn app:app  # poetry run gunicorn app:app was slow\n"})
    assert Project(root).procfile.get("web").command == "gunicorn app:app"
    assert findings(root, select=["PF1"]) == []


def test_misplaced_procfile_says_how(app):
    assert Project(app({"Procfile.txt": "web: x\n"})).misplaced_procfile.how == "misnamed"


def test_misplaced_procfile_kinds(tmp_path):
    from conftest import write_files

    cases = [({"Procfile/web": "x\n"}, ("Procfile", "folder")),
             ({"backend/Procfile": "web: x\n", "docs/Procfile": "web: y\n"}, ("backend/Procfile", "nested")),
             ({"Procfile": "web: x\n", "procfile.txt": "web: y\n"}, None),
             ({"Procfile.dev": "web: x\n"}, None)]
    for i, (files, want) in enumerate(cases):
        root = tmp_path / str(i)
        write_files(root, files)
        found = Project(root).misplaced_procfile
        assert ((found.path, found.how) if found else None) == want, files


def test_a_process_that_starts_a_server_is_found(app):
    from preflight.project.procfile import serving_process

    pf = Project(app({"Procfile": "release: flask db upgrade\nworker: sh -c 'streamlit run app.py'\n"})).procfile
    proc, server = serving_process(pf)
    assert (proc.name, server) == ("worker", "streamlit")
