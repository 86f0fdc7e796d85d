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
NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "EXPECTED").exists()) if EXAMPLES.exists() else []


def expected_rows(name):
    rows = []
    for line in (EXAMPLES / name / "EXPECTED").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, where = line.split()[:2]
        path, _, lineno = where.rpartition(":")
        rows.append((rule, path, int(lineno)))
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
