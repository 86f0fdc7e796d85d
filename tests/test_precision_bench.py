"""The real-app precision benchmark's own logic (bench/precision): verdict matching and the reproduction file.

The benchmark needs checkouts of public apps and is never run here; these tests cover what decides its
figures: a verdict matches only the finding it judged, and FALSE_ALARMS.md parses into complete cases.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "precision"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"precision_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run():
    return load("run")


FINDING = {"name": "import-undeclared", "path": "app.py", "line": 3, "severity": "error",
           "message": "'fluent.syntax' is imported but fluent is not in requirements.txt: the build does not install it"}


def verdict_for(run, finding, **override):
    verdict = {"app": "pontoon", "rule": "import-undeclared", "path": "app.py", "line": 3,
               "message": run.message_prefix(FINDING["message"]), "verdict": False, "reason": "declared"}
    verdict.update(override)
    return run.find_verdict(run.index_verdicts([verdict]), "pontoon", finding)


def test_a_verdict_matches_the_finding_it_judged(run):
    assert verdict_for(run, FINDING)["reason"] == "declared"


def test_a_moved_line_is_unjudged(run):
    assert verdict_for(run, {**FINDING, "line": 4}) is None


def test_a_reworded_message_is_unjudged(run):
    assert verdict_for(run, {**FINDING, "message": "'fluent.syntax' may be missing"}) is None


def test_another_app_is_unjudged(run):
    verdicts = run.index_verdicts([{"app": "saleor", "rule": "import-undeclared", "path": "app.py", "line": 3,
                                    "message": "", "verdict": True, "reason": ""}])
    assert run.find_verdict(verdicts, "pontoon", FINDING) is None


def test_precision_is_over_judged_findings_only(run):
    assert run.precision(9, 1) == "90.0%"
    assert run.precision(0, 0) == "-"


def test_every_verdict_names_an_app_of_the_set_and_says_why():
    apps = {app["name"] for app in json.loads((BENCH / "apps.json").read_text(encoding="utf-8"))}
    verdicts = json.loads((BENCH / "verdicts.json").read_text(encoding="utf-8"))
    assert len(apps) >= 20
    for verdict in verdicts:
        assert verdict["app"] in apps
        assert verdict["verdict"] in (True, False) and verdict["reason"]


def test_false_alarms_file_parses_into_complete_cases():
    cases = load("check_repros").parse_cases((BENCH / "FALSE_ALARMS.md").read_text(encoding="utf-8"))
    assert len(cases) >= 20
    for case in cases:
        assert case["files"] and case["lookalike"]
        assert len(case["false_finding"]) == 3 and len(case["lookalike_finding"]) == 3
        assert case["false_finding"][1] in case["files"] or case["false_finding"][1] == "."
