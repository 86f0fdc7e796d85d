"""Shared fixtures of the PF2xx runtime rule tests.

The fixtures follow the shapes of the Heroku Python buildpack's spec fixtures (research/heroku.md (c)),
written here from scratch."""
from __future__ import annotations

import json

from conftest import run_rules


REQS = {"requirements.txt": "flask==3.0.0\n", "Procfile": "web: gunicorn app:app\n", "app.py": "app = None\n"}


RUNTIME_RULES = ["runtime-missing", "runtime-invalid", "runtime-unsupported", "runtime-txt-deprecated",
                 "runtime-mismatch"]


def app_with(**files) -> dict:
    out = dict(REQS)
    for name, content in files.items():
        out[name] = content
    return out


def seen(app, files, rules=RUNTIME_RULES, git=False, **settings):
    """(rule, path, line, severity, message, hint) of each runtime finding (``platform="render"``...)."""
    root = app(files, git=git)
    result = run_rules(root, select=rules, **settings)
    assert not result.crashes, result.crashes
    return sorted((f.name, f.path, f.line, f.severity.value, f.message, f.hint) for f in result.active
                  if f.name in rules)


def where(findings):
    return [(f[0], f[1], f[2]) for f in findings]


def lock(requires: dict) -> str:
    return json.dumps({"_meta": {"hash": {"sha256": "x"}, "requires": requires, "sources": []},
                       "default": {}, "develop": {}}, indent=4)


# -- review: realistic repositories -----------------------------------------------------------------
LIBRARY_PYPROJECT = ('[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n'
                     '[project]\nname = "tinyparse"\nversion = "1.4.2"\nrequires-python = ">=3.9"\n'
                     'dependencies = ["typing-extensions>=4.7"]\n')


LIBRARY = {"pyproject.toml": LIBRARY_PYPROJECT, "src/tinyparse/__init__.py": "X = 1\n",
           "tests/test_x.py": "from tinyparse import X\n", "README.md": "# tinyparse\n"}
