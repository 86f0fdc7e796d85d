"""The example apps in ../shared/examples, checked as a new user would: materialized as git repos, then
`preflight check --format json`. Every EXPECTED row of a registered rule must be reported at its file and
line; the clean apps must show nothing at warning or error level."""
import json
import shutil
import subprocess

import pytest
from conftest import HAVE_GIT, SHARED, cli

from preflight.registry import load_rules

EXAMPLES = SHARED / "examples"
pytestmark = [
    pytest.mark.skipif(not (EXAMPLES / "materialize").exists(),
                       reason=f"the example apps are read from {EXAMPLES}, which is absent"),
    pytest.mark.skipif(not HAVE_GIT or not shutil.which("bash"), reason="git and bash are needed"),
]
# Rows of the shared EXPECTED files whose line does not match the shared source: flask-bot-broken's
# `app.debug = True` and `app.run(host='127.0.0.1', port=5000)` stand on lines 39 and 40 of flask_app.py,
# while EXPECTED says 37 and 38. preflight reports the real lines; the erratum is mapped here, and the
# test checks that the mapped line really holds the statement, so a corrected EXPECTED keeps passing.
ERRATA = {
    ("flask-bot-broken", "debug-enabled", "flask_app.py", 37): (39, "app.debug = True"),
    ("flask-bot-broken", "port-hardcoded", "flask_app.py", 38): (40, "port=5000"),
    ("flask-bot-broken", "host-localhost", "flask_app.py", 38): (40, "127.0.0.1"),
}
NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "EXPECTED").exists()) if EXAMPLES.exists() else []


def expected_rows(name):
    rows = []
    for line in (EXAMPLES / name / "EXPECTED").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, where = line.split()[:2]
        path, _, lineno = where.rpartition(":")
        row = (rule, path, int(lineno))
        fix = ERRATA.get((name, *row))
        if fix is not None:
            source = (EXAMPLES / name / path).read_text().splitlines()
            if fix[1] not in source[row[2] - 1] and fix[1] in source[fix[0] - 1]:
                row = (rule, path, fix[0])
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def materialized(tmp_path_factory):
    target = tmp_path_factory.mktemp("examples")
    subprocess.run(["bash", str(EXAMPLES / "materialize"), str(target)], check=True, capture_output=True)
    return target


@pytest.mark.parametrize("name", NAMES)
def test_example(name, materialized):
    registered = {r.name for r in load_rules().values()}
    code, out, err = cli(["check", ".", "--format", "json"], cwd=materialized / name)
    assert code in (0, 1), err
    doc = json.loads(out)
    seen = {(f["name"], f["path"], f["line"]) for f in doc["findings"]}
    want = [row for row in expected_rows(name) if row[0] in registered]
    missing = [row for row in want if row not in seen]
    assert not missing, f"{name}: expected findings not reported: {missing}\nreported: {sorted(seen)}"
    if not expected_rows(name):  # a clean app
        loud = [f for f in doc["findings"] if f["severity"] in ("error", "warning")]
        assert not loud, f"{name} is clean but got: {loud}"
        assert code == 0
    else:
        assert code == 1
