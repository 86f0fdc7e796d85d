"""Lock files against their manifests (preflight/project/lockfiles.py)."""
from __future__ import annotations

import json

import pytest

from preflight.project import Project
from preflight.project.lockfiles import pipfile_hashes, same_versions, stale

PIPFILE = '[packages]\nflask = "*"\n\n[dev-packages]\npytest = "*"\n'


def pipfile_lock(digest: str, default=("flask",)) -> str:
    return json.dumps({"_meta": {"hash": {"sha256": digest}, "requires": {}, "sources": []},
                       "default": {k: {"version": "==1"} for k in default}, "develop": {"pytest": {}}}, indent=4)


@pytest.mark.parametrize("a, b, same", [(">=3.12", ">=3.12.0", True), (">=3.12,!=3.11.*", ">=3.12", True),
                                        (">=3.12", ">=3.13", False), ("not a spec", ">=3", True)])
def test_same_versions(a, b, same):
    assert same_versions(a, b) is same


def test_pipenv_in_sync_missing_and_hash(app):
    root = app({"Pipfile": PIPFILE, "Pipfile.lock": "{}"})
    digest = sorted(pipfile_hashes(Project(root).manifests.pipfile))[0]
    assert stale(Project(app({"Pipfile": PIPFILE, "Pipfile.lock": pipfile_lock(digest)}))) == []
    [missing] = stale(Project(app({"Pipfile.lock": pipfile_lock("0" * 64, default=())})))
    assert (missing.manager, missing.kind, missing.path, missing.line, missing.name, missing.section) == \
        ("pipenv", "missing", "Pipfile", 2, "flask", "packages")
    [hash_only] = stale(Project(app({"Pipfile.lock": pipfile_lock("0" * 64)})))
    assert (hash_only.kind, hash_only.path, hash_only.line) == ("hash", "Pipfile.lock", 4)


def test_uv_lock_for_another_project(app):
    root = app({"pyproject.toml": '[project]\nname = "shop"\nversion = "1"\n',
                "uv.lock": 'version = 1\n\n[[package]]\nname = "other"\nversion = "1"\nsource = { virtual = "." }\n'})
    [s] = stale(Project(root))
    assert (s.manager, s.kind, s.path, s.line, s.name) == ("uv", "root", "pyproject.toml", 2, "shop")


def test_nothing_to_compare_without_both_files(app):
    assert stale(Project(app({"Pipfile": PIPFILE}))) == []
