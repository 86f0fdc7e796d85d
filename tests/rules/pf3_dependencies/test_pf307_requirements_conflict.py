"""requirements-conflict: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings
from pf3_helpers import APP, messages


# -- requirements-conflict --------------------------------------------------------------------------
def test_conflict_across_an_include(app):
    root = app({**APP, "requirements.txt": "-r base.txt\nflask>=3\n", "base.txt": "flask==2.0\n"})
    assert findings(root, ["requirements-conflict"]) == [("requirements-conflict", "requirements.txt", 2)]
    assert "base.txt:1" in messages(root, "requirements-conflict")[0]


def test_conflict_with_a_constraint(check):
    files = {**APP, "requirements.txt": "-c constraints.txt\ndjango~=5.1\n", "constraints.txt": "django<5\n"}
    assert check(files, "requirements-conflict") == [("requirements-conflict", "requirements.txt", 2)]


@pytest.mark.parametrize("text", [
    "numpy==1.26.4; python_version < '3.13'\nnumpy==2.1.0; python_version >= '3.13'\n",
    "flask>=3\nflask<4\n",
    "flask==3.1.2\nFlask==3.1.2\n",
    "pywin32==306; sys_platform == 'win32'\npywin32==305; sys_platform == 'linux'\n",
])
def test_requirements_conflict_look_alikes(check, text):
    assert check({**APP, "requirements.txt": text}, "requirements-conflict") == []
