"""Inline suppressions: trailing, own-line (next line), file-level, by name or code; unused ones reported."""
from conftest import findings

from preflight.project.directives import parse_file

BAD_LINE = "web gunicorn app:app"  # not 'type: command' -> procfile-invalid
SELECT = ["procfile-invalid", "suppression-unused"]


def test_parse_targets():
    ds = parse_file("x", ["# preflight: ignore[a]", "# another comment", "web: x  # preflight: ignore[PF1, b]",
                          "", "# preflight: file-ignore[c]"])
    assert [(d.line, d.target, d.selectors) for d in ds] == [
        (1, 3, ["a"]), (3, 3, ["PF1", "b"]), (5, 0, ["c"])]


def test_unsuppressed_control(app):
    root = app({"Procfile": f"# a comment\n{BAD_LINE}\n"})
    assert findings(root, select=SELECT) == [("procfile-invalid", "Procfile", 2)]


def test_own_line_directive_suppresses_next_line(app):
    root = app({"Procfile": f"# preflight: ignore[procfile-invalid]\n{BAD_LINE}\n"})
    assert findings(root, select=SELECT) == []


def test_own_line_directive_does_not_reach_further(app):
    root = app({"Procfile": f"# preflight: ignore[procfile-invalid]\nweb: gunicorn a:b\n{BAD_LINE}\n"})
    assert findings(root, select=SELECT) == [("procfile-invalid", "Procfile", 3),
                                             ("suppression-unused", "Procfile", 1)]


def test_code_prefix_and_file_level(app):
    root = app({"Procfile": f"worker: python bot.py\n{BAD_LINE}  # preflight: ignore[PF1]\n"})
    assert findings(root, select=SELECT) == []
    root = app({"Procfile": f"# preflight: file-ignore[PF103]\nworker: python bot.py\n{BAD_LINE}\n"})
    assert findings(root, select=SELECT) == []


def test_directive_for_disabled_rule_is_not_unused(app):
    root = app({"Procfile": "# preflight: ignore[procfile-no-web]\nworker: python bot.py\n"})
    assert findings(root, select=SELECT) == []


def test_python_strings_that_quote_a_directive_are_not_directives(app):
    from preflight.project.directives import parse_file

    lines = ['x = "# preflight: ignore[PF102]"', "y = 1  # preflight: ignore[PF103]"]
    assert [(d.line, d.selectors) for d in parse_file("a.py", lines)] == [(2, ["PF103"])]
    assert [(d.line, d.selectors) for d in parse_file("a.txt", lines)] == [(1, ["PF102"]), (2, ["PF103"])]


def test_all_suppresses_every_rule_on_its_line(app):
    """One selector matcher everywhere: ALL means every rule in a directive too (it used to match none)."""
    root = app({"Procfile": f"{BAD_LINE}  # preflight: ignore[ALL]\nweb gunicorn b:b\n"})
    assert findings(root, select=SELECT) == [("procfile-invalid", "Procfile", 2)]
