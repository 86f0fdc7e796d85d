"""PF704 gitignore-missing: a repository without a root .gitignore."""
from conftest import run_rules


def test_gitignore_missing(app):
    root = app({"app.py": "import os\n"})
    assert [(f.name, f.path, f.line) for f in run_rules(root, select=["gitignore-missing"]).active] == [
        ("gitignore-missing", ".", 0)]


def test_gitignore_present(app):
    root = app({"app.py": "import os\n", ".gitignore": ".env\n"})
    assert run_rules(root, select=["gitignore-missing"]).active == []
