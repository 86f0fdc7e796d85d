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
