"""Output formats: SARIF validates against the official 2.1.0 schema; GitHub commands are escaped."""
import json

import pytest
from conftest import SHARED, cli

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
APP = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "gunicorn==23.0.0\n"}


def test_sarif_is_valid(app, tmp_path):
    if not SCHEMA.exists():
        pytest.skip(f"the SARIF schema is read from {SCHEMA}, which is absent")
    jsonschema = pytest.importorskip("jsonschema")
    root = app(APP)
    out = tmp_path / "r.sarif"
    code, _, _ = cli(["check", str(root), "--select", "PF1", "--format", "sarif", "-o", str(out)])
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    run = doc["runs"][0]
    (res,) = [r for r in run["results"] if r["ruleId"] == "PF102"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "Procfile.txt"
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "PF102"


def test_sarif_of_every_platform_is_valid(app, tmp_path):
    if not SCHEMA.exists():
        pytest.skip(f"the SARIF schema is read from {SCHEMA}, which is absent")
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "r.sarif"
    cli(["check", str(app(APP)), "--platform", "all", "--no-cache", "--format", "sarif", "-o", str(out)])
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    run = doc["runs"][0]
    assert run["properties"]["platform"]["name"] == "all" and len(run["properties"]["platforms"]) == 11
    (res,) = [r for r in run["results"] if r["ruleId"] == "PF102"]
    assert "heroku" in res["properties"]["platforms"] and "render" not in res["properties"]["platforms"]


def test_github_annotations(app):
    root = app(APP)
    code, out, _ = cli(["check", str(root), "--select", "PF102", "--format", "github"])
    line = out.splitlines()[0]
    assert line.startswith("::error file=Procfile.txt,title=PF102 procfile-misnamed::")
    assert "%0Afix: " in line
    assert "Found 1 problem" in out  # the full report follows the annotations


def test_github_escaping():
    from preflight.formatters.github import _escape

    assert _escape("a:b,c%\n", prop=True) == "a%3Ab%2Cc%25%0A"
