"""PF002 suppression-unused: a directive that suppressed nothing, or names no rule (the engine emits it).
How directives suppress is tested in tests/test_suppress.py."""
from conftest import findings

SELECT = ["procfile-invalid", "suppression-unused"]


def test_dead_and_misspelt_directives_are_reported(app):
    root = app({"Procfile": "# preflight: ignore[procfile-invalid]\nweb: gunicorn app:app\n"
                            "# preflight: ignore[no-such-rule]\nworker: python bot.py\n"})
    assert findings(root, select=SELECT) == [
        ("suppression-unused", "Procfile", 1), ("suppression-unused", "Procfile", 3)]


def test_a_directive_that_suppresses_is_not_reported(app):
    root = app({"Procfile": "# preflight: ignore[procfile-invalid]\nweb gunicorn app:app\n"})
    assert findings(root, select=SELECT) == []
