"""Baselines: --write-baseline records today's findings; --baseline hides exactly those, for every rule."""
import json

import pytest
import secrets_labelled as L
from conftest import HAVE_GIT, cli, write_files

from preflight import baseline

G = L.Fakes(seed=5)
pytestmark = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


@pytest.fixture
def repo(app):
    """Findings from three rules: a secret, a misnamed Procfile, no .gitignore (a repo-level finding)."""
    value = G.generic()
    root = app({"conf.py": f'import os\nAPI_KEY = "{value}"\n', "Procfile.txt": "web: gunicorn app:app\n",
                "requirements.txt": "flask\ngunicorn\n", "app.py": "import flask\napp = flask.Flask(__name__)\n"},
               git=True)
    return root, value


def names(out):
    return sorted({line.split()[2] for line in out.splitlines() if ": PF" in line})


def test_write_then_apply(repo):
    root, value = repo
    code, out, err = cli(["check", "."], cwd=root)
    assert code == 1
    before = names(out)
    assert {"secret-committed", "procfile-misnamed", "gitignore-missing"} <= set(before)

    code, out, err = cli(["check", ".", "--write-baseline", "baseline.json"], cwd=root)
    assert code == 0 and "wrote" in err
    text = (root / "baseline.json").read_text()
    doc = json.loads(text)
    assert doc["version"] == 1
    assert all(set(e) == {"code", "name", "path", "fingerprint"} for e in doc["findings"])
    assert {e["name"] for e in doc["findings"]} == set(before)
    assert doc["findings"] == sorted(doc["findings"], key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert not L.leaks([value], text) and value[:4] + "…" not in text and '"line"' not in text

    code, out, err = cli(["check", ".", "--baseline", "baseline.json"], cwd=root)
    assert code == 0, out
    assert f"{len(doc['findings'])} suppressed" in out

    # stable: writing again gives the same bytes
    cli(["check", ".", "--write-baseline", "again.json"], cwd=root)
    assert (root / "again.json").read_text() == text.replace("baseline.json", "again.json")


def test_moved_secret_stays_hidden_new_or_changed_one_shows(repo):
    root, value = repo
    cli(["check", ".", "--write-baseline", "b.json"], cwd=root)
    write_files(root, {"conf.py": f'import os\n\n\n# moved down\nAPI_KEY = "{value}"\n'})
    code, out, err = cli(["check", ".", "--baseline", "b.json"], cwd=root)
    assert code == 0, out
    other = G.generic()
    write_files(root, {"conf.py": f'import os\nAPI_KEY = "{value}"\nOTHER_TOKEN = "{other}"\n'})
    code, out, err = cli(["check", ".", "--baseline", "b.json"], cwd=root)
    assert code == 1
    assert [line.split(":")[:2] for line in out.splitlines() if ": PF" in line] == [["conf.py", "3"]]


def test_baseline_from_config_is_relative_to_the_config_file(repo):
    root, _ = repo
    (root / "ci").mkdir()
    cli(["check", ".", "--write-baseline", "ci/base.json"], cwd=root)
    write_files(root, {".preflight.toml": 'baseline = "ci/base.json"\n'})
    code, out, err = cli(["check", "."], cwd=root)
    assert code == 0, out + err
    code, out, err = cli(["check", str(root)], cwd=root.parent)
    assert code == 0, out + err


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"),
    ("{not json", "is not valid JSON"),
    ('{"findings": {}}', "is not a preflight baseline"),
    ('{"version": 99, "findings": []}', "format version 99"),
    ('{"version": 1, "findings": [{"code": "PF701"}]}', "entry 1 needs"),
])
def test_bad_baseline_is_exit_2_not_a_traceback(repo, content, message):
    root, _ = repo
    if content is not None:
        write_files(root, {"bad.json": content})
    code, out, err = cli(["check", ".", "--baseline", "bad.json"], cwd=root)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_unwritable_baseline_is_exit_2(repo):
    root, _ = repo
    code, out, err = cli(["check", ".", "--write-baseline", "no/such/dir/b.json"], cwd=root)
    assert code == 2 and "cannot write baseline" in err


def test_apply_marks_findings(repo):
    from conftest import run_rules

    root, _ = repo
    cli(["check", ".", "--write-baseline", "b.json"], cwd=root)
    result = run_rules(root, baseline=str(root / "b.json"))
    assert result.findings and all(f.suppressed_by == "baseline" for f in result.findings)
    assert baseline.load(root / "b.json") == {(f.code, f.path, f.fingerprint) for f in result.findings}
