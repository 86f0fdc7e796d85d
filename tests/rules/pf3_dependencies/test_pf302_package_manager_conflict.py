"""package-manager-conflict: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings, run_rules
from pf3_helpers import APP, messages


# -- package-manager-conflict ----------------------------------------------------------------------
def test_conflict_lists_every_manager(app):
    root = app({**APP, "requirements.txt": "flask\n", "poetry.lock": "", "uv.lock": "", "Pipfile": "",
                "Pipfile.lock": "{}", "pyproject.toml": "", "setup.py": ""})
    assert findings(root, ["package-manager-conflict"]) == [("package-manager-conflict", ".", 0)]
    [msg] = messages(root, "package-manager-conflict")
    assert "Pipfile.lock (Pipenv), requirements.txt (pip), poetry.lock (Poetry), uv.lock (uv)" in msg
    assert "setup.py" not in msg


def test_conflict_export_hint(app):
    root = app({**APP, "requirements.txt": "flask\n", "poetry.lock": "", "pyproject.toml": "[tool.poetry]\n"})
    [f] = run_rules(root, ["package-manager-conflict"]).active
    assert "third-party" in f.hint


@pytest.mark.parametrize("files", [
    {**APP, "requirements.txt": "flask\n", "pyproject.toml": "[project]\nname='x'\n", "setup.py": ""},
    {**APP, "uv.lock": "version = 1\n", "pyproject.toml": "[project]\nname='x'\n"},
])
def test_package_manager_conflict_look_alikes(check, files):
    assert check(files, "package-manager-conflict") == []
