"""venv-committed: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf3_helpers import APP


# -- venv-committed -------------------------------------------------------------------------------------
def test_venv_committed(check):
    files = {**APP, "requirements.txt": "flask\n", ".venv/pyvenv.cfg": "home = /usr/bin\n",
             ".venv/bin/python": "", "env/pyvenv.cfg": "home = C:\\Python312\n", ".heroku/python/bin/python": ""}
    assert check(files, "venv-committed", git=True) == [("venv-committed", ".heroku/python/bin/python", 0),
                                                        ("venv-committed", ".venv/pyvenv.cfg", 0),
                                                        ("venv-committed", "env/pyvenv.cfg", 0)]


@pytest.mark.parametrize("files", [
    {".venv/pyvenv.cfg": "home = /usr/bin\n", ".gitignore": ".venv/\n"},
    {"docs/examples/venv/pyvenv.cfg": "home = /usr/bin\n"},
    {"config/pyvenv.cfg.example": ""},
])
def test_venv_look_alikes(check, files):
    assert check({**APP, "requirements.txt": "flask\n", **files}, "venv-committed", git=True) == []
