"""`preflight check --fix` on copies of the two broken example apps (../shared/examples, materialized as git
repos): it fixes what it claims, a second run reports no fix, and what remains is the non-mechanical
findings, the same ones as before the fix."""
import json
import subprocess

import pytest
from conftest import cli
from test_examples import EXAMPLES, pytestmark  # noqa: F401 (the same skips: no examples, no git or bash)

# What --fix --unsafe-fixes fixes in each: (rule, path, line) as found before the fix.
FIXED = {
    "flask-bot-broken": {("procfile-misnamed", "Procfile.txt", 0), ("runtime-missing", ".", 0),
                         ("requirements-pip-listed", "requirements.txt", 3),
                         ("requirements-pip-listed", "requirements.txt", 4)},
    "aiohttp-docker-broken": {("dockerignore-missing", "Dockerfile", 3), ("dockerfile-pip-cache", "Dockerfile", 4),
                              ("entry-script-not-executable", "run.sh", 0), ("entry-script-crlf", "run.sh", 1),
                              ("database-url-scheme", "config/heroku_config.yaml", 4)},
}


def report(root, *args):
    code, out, err = cli(["check", ".", "--format", "json", *args], cwd=root)
    assert code in (0, 1), err
    return json.loads(out)


def where(findings):
    return {(f["name"], f["path"], f["line"]) for f in findings}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fix_on_a_broken_example(name, tmp_path):
    subprocess.run(["bash", str(EXAMPLES / "materialize"), str(tmp_path), name], check=True, capture_output=True)
    root = tmp_path / name
    before = report(root)
    assert FIXED[name] <= where(before["findings"])  # the example still has them

    doc = report(root, "--fix", "--unsafe-fixes")
    assert where(doc["fixed"]) == FIXED[name]
    # what remains is what was there minus the fixed findings (a finding in the renamed Procfile moved
    # with it; a secret's message names the new scheme)
    moved = {(n, "Procfile" if p == "Procfile.txt" else p, ln) for n, p, ln in where(before["findings"]) - FIXED[name]}
    assert {(n, p) for n, p, _ in where(doc["findings"])} == {(n, p) for n, p, _ in moved}
    fixed_rules = {n for n, _, _ in FIXED[name]}
    assert not fixed_rules & {f["name"] for f in doc["findings"]}
    assert doc["not_fixed"] == [] and doc["unsafe_fixes_skipped"] == 0

    again = report(root, "--fix", "--unsafe-fixes")
    assert again["fixed"] == [] and where(again["findings"]) == where(doc["findings"])
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    touched = {line[3:].split(" -> ")[-1] for line in status.splitlines()}
    allowed = {"Procfile", ".python-version", "requirements.txt", ".dockerignore", "Dockerfile", "run.sh",
               "config/heroku_config.yaml"}
    assert touched <= allowed, touched - allowed  # nothing else in the repository was touched
