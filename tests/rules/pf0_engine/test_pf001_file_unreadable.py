"""PF001 file-unreadable: a file a rule needed could not be read or decoded (the engine emits it).
More cases (binary, oversized, a symlink out of the repository) are in tests/test_engine.py."""
from conftest import findings


def test_undecodable_build_file_is_reported_as_an_error(app):
    root = app({"requirements.txt": b"flask==3.1.2\n\xff\xfe\n", "app.py": "import flask\n"})
    assert ("file-unreadable", "requirements.txt", 0) in findings(root, select=["file-unreadable", "PF3"])


def test_utf8_file_is_not_reported(app):
    root = app({"requirements.txt": "flask==3.1.2  # caf\u00e9\n", "app.py": "import flask\n"})
    assert [f for f in findings(root, select=["file-unreadable", "PF3"]) if f[0] == "file-unreadable"] == []
