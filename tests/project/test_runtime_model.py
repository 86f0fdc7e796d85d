"""The runtime model: precedence, declared versions with lines, the version table, constraint parsing."""
from __future__ import annotations

import datetime
import json

import pytest

from preflight.project import Project
from preflight.project.runtime import (
    Version, poetry_constraint, python_image_version, table,
)


def runtime(app, files):
    return Project(app(files)).runtime


def lock(requires):
    return json.dumps({"_meta": {"requires": requires}}, indent=2)


def test_data_file_matches_the_research_table():
    t = table()
    assert str(t.default) == "3.14"
    assert sorted(str(v) for v in t.supported) == ["3.10", "3.11", "3.12", "3.13", "3.14"]
    assert {str(v): str(t.latest(v)) for v in t.supported} == {
        "3.10": "3.10.21", "3.11": "3.11.16", "3.12": "3.12.14", "3.13": "3.13.15", "3.14": "3.14.7"}
    assert len(t.misspelled) == 20 and ".python-version " in t.misspelled
    assert t.data["supported"]["3.10"]["deprecated"]["removal_date"] == "2027-01-06"
    assert t.data["sources"]["classic"]["release"] == "v351"


@pytest.mark.parametrize("files, source, value", [
    ({"runtime.txt": "python-3.12\n", ".python-version": "3.13\n",
      "Pipfile.lock": lock({"python_full_version": "3.11.2"})}, "runtime.txt", "3.12"),
    ({".python-version": "3.13\n", "Pipfile.lock": lock({"python_full_version": "3.11.2"})}, ".python-version",
     "3.13"),
    ({"Pipfile.lock": lock({"python_full_version": "3.11.2", "python_version": "3.11"})}, "Pipfile.lock", "3.11.2"),
    ({"Pipfile.lock": lock({"python_full_version": None, "python_version": "3.11"})}, "Pipfile.lock", "3.11"),
])
def test_classic_precedence(app, files, source, value):
    rt = runtime(app, {"requirements.txt": "", **files})
    assert rt.chosen.path == source and str(rt.version) == value


def test_nothing_pinned(app):
    rt = runtime(app, {"requirements.txt": "flask\n"})
    assert rt.chosen is None and rt.version is None and rt.has_python_project


def test_declared_versions_carry_their_lines(app):
    rt = runtime(app, {
        ".python-version": "# pin\n\n3.13\n",
        "Pipfile": '[packages]\nflask = "*"\n\n[requires]\npython_version = "3.12"\n',
        "Dockerfile": "ARG V=3.11\nFROM python:${V}-slim\n",
        "pyproject.toml": '[project]\nname = "x"\nrequires-python = ">=3.10"\n\n[tool.poetry.dependencies]\n'
                          'python = "^3.10"\n',
    })
    assert [(d.path, d.line, str(d.version)) for d in rt.declared] == [
        (".python-version", 3, "3.13"), ("Pipfile", 5, "3.12"), ("Dockerfile", 2, "3.11")]
    assert [(c.label, c.line, c.raw) for c in rt.constraints] == [
        ("pyproject.toml requires-python", 3, ">=3.10"),
        ("pyproject.toml [tool.poetry.dependencies] python", 6, "^3.10")]


def test_invalid_pin_is_chosen_without_a_version(app):
    rt = runtime(app, {"requirements.txt": "", ".python-version": "3.x\n"})
    assert rt.chosen.path == ".python-version" and rt.version is None
    assert [(p.path, p.line) for p in rt.problems] == [(".python-version", 1)]


@pytest.mark.parametrize("a, b, agree", [("3.13", "3.13.2", True), ("3.13.1", "3.13.2", False),
                                         ("3.12", "3.13", False), ("3.13.2", "3.13.2", True)])
def test_version_agreement(a, b, agree):
    assert Version.parse(a).agrees(Version.parse(b)) is agree


@pytest.mark.parametrize("text", ["3", "3.12.*", "03.12", "3.12.1.1", " 3.12", "3.12.", "v3.12"])
def test_version_syntax_is_strict(text):
    assert Version.parse(text) is None


@pytest.mark.parametrize("day, kind", [
    (datetime.date(2026, 12, 31), "deprecated"),
    (datetime.date(2027, 1, 6), "eol"),
])
def test_310_turns_eol_on_its_removal_date(day, kind):
    assert table().assess(Version(3, 10), day).kind == kind


@pytest.mark.parametrize("text, day, kind", [
    ("3.9", None, "eol"),
    ("2.7.18", None, "eol"),
    ("3.14", None, "ok"),
    ("3.14.7", None, "ok"),
    ("3.14.0", None, "outdated-patch"),
    ("3.12.999", None, "unknown-patch"),
    ("3.14.8", datetime.date(2026, 8, 20), "unknown-patch"),
    ("3.14.8", datetime.date(2026, 11, 20), "new-patch"),
    ("3.15", datetime.date(2026, 9, 30), "unknown-minor"),
    ("3.15", datetime.date(2026, 10, 1), "new-minor"),
    ("3.16", datetime.date(2026, 11, 1), "unknown-minor"),
    ("4.0", None, "unknown-minor"),
])
def test_assess(text, day, kind):
    assert table().assess(Version.parse(text), day or datetime.date(2026, 11, 1)).kind == kind


@pytest.mark.parametrize("constraint, inside, outside", [
    ("^3.12", ["3.12.0", "3.14.7"], ["3.11.9", "4.0.0"]),
    ("~3.12", ["3.12.5"], ["3.13.0"]),
    ("3.12.*", ["3.12.9"], ["3.13.1"]),
    ("3.12", ["3.12.9"], ["3.13.1"]),
    (">=3.10,<3.13", ["3.12.14"], ["3.13.0"]),
    (">=3.10 <3.13", ["3.10.0"], ["3.14.7"]),
    ("<3.9 || >=3.13", ["3.13.15", "3.8.1"], ["3.12.14"]),
    ("*", ["3.14.7"], []),
])
def test_poetry_constraints(constraint, inside, outside):
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version as PV

    specs = [SpecifierSet(s) for s in poetry_constraint(constraint)]
    for v in inside:
        assert any(PV(v) in s for s in specs), (constraint, v)
    for v in outside:
        assert not any(PV(v) in s for s in specs), (constraint, v)


@pytest.mark.parametrize("image, version", [
    ("python:3.13-slim", "3.13"),
    ("python:3.12.4-alpine3.20", "3.12.4"),
    ("docker.io/library/python:3.11@sha256:0123", "3.11"),
    ("ghcr.io/astral-sh/uv:python3.12-bookworm-slim", "3.12"),
    ("python:3", None),
    ("python:latest", None),
    ("python", None),
    ("node:20.11-slim", None),
    ("registry.local:5000/python", None),
])
def test_python_image_version(image, version):
    found = python_image_version(image)
    assert (str(found) if found else None) == version


def test_no_packaging_import_without_constraints(app):
    """The version files alone must not pull in packaging (startup time of the pre-commit hook)."""
    import subprocess
    import sys

    root = app({"requirements.txt": "", ".python-version": "3.9\n", "runtime.txt": "python-3.13\n"})
    code = ("import sys; from preflight.project import Project; rt = Project(sys.argv[1]).runtime; "
            "rt.suggestion(); print('packaging' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
