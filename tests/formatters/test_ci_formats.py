"""The CI formats (gitlab, junit, concise) and the shared promises of every format: each says the same
thing about the same finding, a whole-file finding points at 1:1 where editors jump, SARIF validates."""
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import HAVE_GIT, SHARED, cli

from preflight.formatters import CHOICES, FORMATS

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
EXAMPLES = SHARED / "examples"
# A file-level finding (procfile-misnamed, line 0), a line finding with a column (debug-enabled), two
# findings of one rule in one file (requirements-pip-listed) and a repository finding (path '.').
APP = {
    "Procfile.txt": "web: gunicorn app:app\n",
    "requirements.txt": "flask==3.0.0\ngunicorn==23.0.0\npip==24.0\nsetuptools==28.8.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\napp.debug = True\n",
}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def report(root, fmt, *extra):
    code, out, err = cli(["check", str(root), "--format", fmt, *extra])
    assert code in (0, 1), err
    return out


def json_findings(root):
    return json.loads(report(root, "json"))["findings"]


def jump_line(f):
    return f["line"] or 1


def test_every_format_is_listed_and_loads():
    from preflight import formatters

    for name in CHOICES:
        assert callable(formatters.get(name))
    assert {"gitlab", "junit", "concise"} <= set(FORMATS)


def test_output_format_is_ruffs_spelling(app):
    root = app(APP)
    assert report(root, "text") == cli(["check", str(root), "--output-format", "full"])[1]
    assert report(root, "concise") == cli(["check", str(root), "--output-format", "concise"])[1]
    code, _, err = cli(["check", str(root), "--output-format", "pylint"])
    assert code == 2 and "invalid choice" in err


def test_whole_file_findings_point_at_1_1_in_text_formats_and_0_in_json(app):
    root = app(APP)
    (misnamed,) = [f for f in json_findings(root) if f["name"] == "procfile-misnamed"]
    assert misnamed["line"] == 0  # JSON: line 0 is the whole file
    assert "Procfile.txt:1:1: PF102 procfile-misnamed " in report(root, "concise")
    assert "Procfile.txt:1:1: PF102 procfile-misnamed " in report(root, "text")


def test_concise_is_one_line_per_finding(app):
    root = app(APP)
    found = json_findings(root)
    lines = report(root, "concise").splitlines()
    assert len(lines) == len(found) >= 4
    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>PF\d{3}) (?P<name>[a-z0-9-]+) .+$")
    assert all(pattern.match(line) for line in lines), lines
    assert not any("fix:" in line for line in lines)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    matcher = re.search(r"problem matcher for `concise`.*?\n`(\^.+?\$)`", readme, re.S)[1]
    assert all(re.match(matcher, line) for line in lines), matcher  # the README's regex


def test_gitlab_code_quality_fields(app):
    root = app(APP)
    doc = json.loads(report(root, "gitlab"))
    found = json_findings(root)
    assert isinstance(doc, list) and len(doc) == len(found)
    for issue in doc:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and not isinstance(begin, bool) and begin >= 1
    assert len({i["fingerprint"] for i in doc}) == len(doc), "GitLab needs unique fingerprints"
    by_name = {i["check_name"].split()[1]: i for i in doc}
    assert by_name["procfile-misnamed"]["severity"] == "critical"
    assert by_name["procfile-misnamed"]["location"] == {"path": "Procfile.txt", "lines": {"begin": 1}}


def test_gitlab_fingerprints_unique_when_two_findings_share_one():
    from preflight.findings import Finding, Severity
    from preflight.formatters.gitlab import issues

    twin = dict(code="PF999", name="x", severity=Severity.INFO, message="same", path="a", col=0, hint="h")

    class Result:
        active = [Finding(line=1, **twin), Finding(line=2, **twin)]

    prints = [i["fingerprint"] for i in issues(Result)]
    assert len(set(prints)) == 2 and prints[1].startswith(prints[0])


def test_junit_testcases(app):
    import xml.etree.ElementTree as ET

    root = app(APP)
    tree = ET.fromstring(report(root, "junit"))
    suite = tree.find("testsuite")
    cases = suite.findall("testcase")
    found = json_findings(root)
    groups = {(f["code"], f["path"]) for f in found}
    failed = {(c.get("name").split()[0], c.get("classname")) for c in cases if c.find("failure") is not None}
    assert failed == groups
    passed = [c for c in cases if c.find("failure") is None]
    assert passed and all(c.get("classname") == "preflight" for c in passed)
    assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(groups)
    (pip,) = [c for c in cases if c.get("name") == "PF305 requirements-pip-listed"] or [
        c for c in cases if "requirements-pip-listed" in c.get("name")]
    failure = pip.find("failure")
    assert "(and 1 more)" in failure.get("message")
    pip_findings = [f for f in found if f["name"] == "requirements-pip-listed"]
    for f in pip_findings:  # every finding of the group, with its fix
        assert f"requirements.txt:{f['line']}:" in failure.text and f"fix: {f['hint']}" in failure.text


def test_junit_clean_run_and_control_characters():
    import xml.etree.ElementTree as ET

    from preflight.findings import Finding, Severity
    from preflight.formatters.junit import write

    class Clean:
        active, rules, crashes = [], [], []

    out = io.StringIO()
    write(Clean, out, {})
    (case,) = ET.fromstring(out.getvalue()).iter("testcase")
    assert case.find("failure") is None

    class Odd(Clean):
        active = [Finding(code="PF999", name="x", severity=Severity.ERROR, message="bad \x1b[31m byte",
                          path="a", line=1, col=0, hint="h")]

    out = io.StringIO()
    write(Odd, out, {})
    (failure,) = ET.fromstring(out.getvalue()).iter("failure")  # parses: the escape byte is shown, not kept
    assert "\\x1b" in failure.get("message")


def parse_text(out):
    return {(m["code"], m["path"], int(m["line"]), m["message"])
            for m in re.finditer(r"^(?P<path>[^\s:]+):(?P<line>\d+):\d+: (?P<code>PF\d{3}) \S+ (?P<message>.+)$",
                                 out, re.M)}


def test_every_format_says_the_same_about_each_finding(app):
    """code, path, line (1 for a whole file in the formats that jump) and message agree everywhere."""
    import xml.etree.ElementTree as ET

    root = app(APP)
    found = json_findings(root)
    want = {(f["code"], f["path"], jump_line(f), f["message"]) for f in found}
    hints = {(f["code"], f["path"], jump_line(f)): f["hint"] for f in found}
    assert len(want) >= 4

    assert parse_text(report(root, "text")) == want
    assert parse_text(report(root, "concise")) == want
    assert parse_text(report(root, "github")) == want  # the text report under the annotations

    github = set()
    for m in re.finditer(r"^::(\w+) file=([^,]+)(?:,line=(\d+))?.*?,title=(PF\d{3})[^:]*::(.*)$",
                         report(root, "github"), re.M):
        message, _, hint = m[5].partition("%0Afix: ")
        github.add((m[4], m[2], int(m[3] or 1), message))
        assert hint == hints[(m[4], m[2], int(m[3] or 1))]
    assert github == want

    sarif = json.loads(report(root, "sarif"))["runs"][0]["results"]
    got = set()
    for r in sarif:
        loc = r["locations"][0]["physicalLocation"]
        message, _, hint = r["message"]["text"].partition(". Fix: ")
        key = (r["ruleId"], loc["artifactLocation"]["uri"], loc["region"]["startLine"])
        got.add((*key, message))
        assert hint == hints[key]
    assert got == want

    gitlab = set()
    for i in json.loads(report(root, "gitlab")):
        code = i["check_name"].split()[0]
        head = f"{i['check_name']}: "
        message, _, hint = i["description"][len(head):].partition(". Fix: ")
        key = (code, i["location"]["path"], i["location"]["lines"]["begin"])
        gitlab.add((*key, message))
        assert i["description"].startswith(head) and hint == hints[key]
    assert gitlab == want

    junit = set()
    for failure in ET.fromstring(report(root, "junit")).iter("failure"):
        junit |= parse_text(failure.text)
        for m in re.finditer(r"^(\S+?):(\d+):\d+: (PF\d{3}) .*\nfix: (.*)$", failure.text, re.M):
            assert m[4] == hints[(m[3], m[1], int(m[2]))]
    assert junit == want


def test_docs_link_only_when_configured(app, monkeypatch):
    root = app(APP)
    assert "docs:" not in report(root, "text")
    assert all("helpUri" not in d for d in json.loads(report(root, "sarif"))["runs"][0]["tool"]["driver"]["rules"])
    monkeypatch.setenv("PREFLIGHT_DOCS_URL", "https://docs.example.invalid/rules/{name}.html")
    assert "    docs: https://docs.example.invalid/rules/procfile-misnamed.html\n" in report(root, "text")
    rules = json.loads(report(root, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert all(d["helpUri"] == f"https://docs.example.invalid/rules/{d['name']}.html" for d in rules)
    monkeypatch.setenv("PREFLIGHT_DOCS_URL", "https://docs.example.invalid/rules/")
    assert "docs: https://docs.example.invalid/rules/procfile-misnamed.md" in report(root, "text")


@pytest.fixture(scope="module")
def flask_bot_broken(tmp_path_factory):
    if not (EXAMPLES / "materialize").exists():
        pytest.skip(f"the example apps are read from {EXAMPLES}, which is absent")
    if not HAVE_GIT or not shutil.which("bash"):
        pytest.skip("git and bash are needed to materialize the examples")
    target = tmp_path_factory.mktemp("examples")
    subprocess.run(["bash", str(EXAMPLES / "materialize"), str(target)], check=True, capture_output=True)
    return target / "flask-bot-broken"


def test_sarif_of_flask_bot_broken_validates(flask_bot_broken, monkeypatch):
    if not SCHEMA.exists():
        pytest.skip(f"the SARIF schema is read from {SCHEMA}, which is absent")
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.setenv("PREFLIGHT_DOCS_URL", "https://docs.example.invalid/rules/")  # helpUri included
    code, out, err = cli(["check", ".", "--format", "sarif"], cwd=flask_bot_broken)
    assert code == 1, err
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    run = doc["runs"][0]
    names = {run["tool"]["driver"]["rules"][r["ruleIndex"]]["name"] for r in run["results"]}
    assert {"procfile-misnamed", "runtime-missing", "port-hardcoded", "debug-enabled"} <= names
    for r in run["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_gitlab_and_junit_of_flask_bot_broken(flask_bot_broken):
    import xml.etree.ElementTree as ET

    _, out, _ = cli(["check", ".", "--format", "json"], cwd=flask_bot_broken)
    found = json.loads(out)["findings"]
    _, out, _ = cli(["check", ".", "--format", "gitlab"], cwd=flask_bot_broken)
    gitlab = json.loads(out)
    assert sorted((i["location"]["path"], i["location"]["lines"]["begin"]) for i in gitlab) == \
        sorted((f["path"], jump_line(f)) for f in found)
    _, out, _ = cli(["check", ".", "--format", "junit"], cwd=flask_bot_broken)
    cases = ET.fromstring(out).iter("testcase")
    failed = {(c.get("classname"), c.get("name").split()[1]) for c in cases if c.find("failure") is not None}
    assert ("Procfile.txt", "procfile-misnamed") in failed and (".", "runtime-missing") in failed
    assert ("flask_app.py", "port-hardcoded") in failed
