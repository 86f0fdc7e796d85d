"""preflight/fixer.py's guarantees, tested on the edits themselves: a file that changed since it was read
is never overwritten, no symlink is followed, nothing is written outside the repository, an existing file
is never replaced by a new one, overlapping fixes are not both applied, unsafe fixes wait for their flag."""
import hashlib
import os

import pytest
from conftest import run_rules

from preflight import fixer
from preflight.findings import Edit, Finding, Fix, Severity


def finding(fix: Fix, path="x") -> Finding:
    return Finding("PF999", "test-rule", Severity.WARNING, "m", path, 1, 0, "h", fix=fix)


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def replace(path, raw, start, end, text, title="t", unsafe=False) -> Fix:
    return Fix(title, (Edit("replace", path, start, end, text, digest=sha(raw)),), unsafe=unsafe)


def test_a_file_changed_since_it_was_read_is_left_alone(app):
    root = app({"requirements.txt": "flask==3.1.2\npip==9.0.1\n", "app.py": "import flask\n"})
    (found,) = [f for f in run_rules(root, ["requirements-pip-listed"]).active]
    assert found.fix is not None and found.fix.edits
    (root / "requirements.txt").write_text("flask==3.1.2\npip==9.0.1\nrequests==2.32.3\n")  # the user typed on
    outcome = fixer.apply(root, [found])
    assert outcome.fixed == [] and "changed on disk" in outcome.refused[0][1]
    assert (root / "requirements.txt").read_text() == "flask==3.1.2\npip==9.0.1\nrequests==2.32.3\n"


def test_a_symlink_is_never_followed(app, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"a\r\nb\r\n")
    root = app({"app.py": ""})
    os.symlink(outside, root / "link.txt")
    outcome = fixer.apply(root, [finding(replace("link.txt", b"a\r\nb\r\n", 1, 2, b""))])
    assert outcome.fixed == [] and "symlink" in outcome.refused[0][1]
    assert outside.read_bytes() == b"a\r\nb\r\n"


def test_a_symlinked_folder_on_the_way_is_not_followed(app, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "f.txt").write_bytes(b"x\n")
    root = app({"app.py": ""})
    os.symlink(elsewhere, root / "sub")
    outcome = fixer.apply(root, [finding(replace("sub/f.txt", b"x\n", 0, 1, b"y"))])
    assert outcome.fixed == [] and "symlink" in outcome.refused[0][1]
    assert (elsewhere / "f.txt").read_bytes() == b"x\n"


@pytest.mark.parametrize("path", ["../escape.txt", "/tmp/abs.txt", "a/../../b.txt", ""])
def test_nothing_is_written_outside_the_repository(app, path):
    root = app({"app.py": ""})
    outcome = fixer.apply(root, [finding(Fix("t", (Edit("create", path, text=b"x"),)))])
    assert outcome.fixed == [] and "not a plain path" in outcome.refused[0][1]
    assert not (root.parent / "escape.txt").exists() and not (root.parent / "b.txt").exists()


def test_a_new_file_never_replaces_an_existing_one(app):
    root = app({".dockerignore": "keep\n"})
    outcome = fixer.apply(root, [finding(Fix("t", (Edit("create", ".dockerignore", text=b"new\n"),)))])
    assert outcome.fixed == [] and (root / ".dockerignore").read_text() == "keep\n"


def test_a_rename_never_replaces_its_target(app):
    root = app({"Procfile.txt": "web: a\n", "Procfile": "web: b\n"})
    fix = Fix("t", (Edit("rename", "Procfile.txt", target="Procfile", digest=sha(b"web: a\n")),))
    outcome = fixer.apply(root, [finding(fix)])
    assert outcome.fixed == [] and (root / "Procfile").read_text() == "web: b\n"


def test_overlapping_fixes_are_not_both_applied_and_separate_ones_compose(app):
    raw = b"0123456789"
    root = app({"f.txt": raw})
    first, overlapping, apart = (replace("f.txt", raw, 2, 5, b"X"), replace("f.txt", raw, 4, 6, b"Y"),
                                 replace("f.txt", raw, 8, 9, b"Z"))
    outcome = fixer.apply(root, [finding(first), finding(overlapping), finding(apart)])
    assert [fix for _, fix in outcome.fixed] == [first, apart]
    assert "overlaps another fix" in outcome.refused[0][1]
    assert (root / "f.txt").read_bytes() == b"01X567Z9"


def test_unsafe_fixes_wait_for_the_flag(app):
    raw = b"postgres://h/db\n"
    root = app({"f.txt": raw})
    fix = replace("f.txt", raw, 0, 11, b"postgresql://", unsafe=True)
    outcome = fixer.apply(root, [finding(fix)])
    assert outcome.fixed == [] and len(outcome.unsafe_skipped) == 1 and (root / "f.txt").read_bytes() == raw
    outcome = fixer.apply(root, [finding(fix)], unsafe=True)
    assert len(outcome.fixed) == 1 and (root / "f.txt").read_bytes() == b"postgresql://h/db\n"


def test_one_fix_for_two_findings_is_applied_once(app):
    raw = b"a\r\n"
    root = app({"f.txt": raw})
    fix = replace("f.txt", raw, 1, 2, b"")
    outcome = fixer.apply(root, [finding(fix), finding(fix)])
    assert len(outcome.fixed) == 2 and outcome.refused == [] and (root / "f.txt").read_bytes() == b"a\n"


def test_preview_writes_nothing(app):
    raw = b"pip==9.0.1\nflask\n"
    root = app({"requirements.txt": raw})
    outcome = fixer.apply(root, [finding(replace("requirements.txt", raw, 0, 11, b""))], write=False)
    assert len(outcome.fixed) == 1 and (root / "requirements.txt").read_bytes() == raw
    assert outcome.diff == "--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1 +0,0 @@\n-pip==9.0.1\n"


def test_fixes_are_not_built_for_files_that_are_not_plain_utf8(app):
    root = app({"Procfile": "web: gunicorn app:app\r\n".encode("utf-16"), "app.py": "import flask\n",
                "requirements.txt": "flask\ngunicorn\n"})
    found = [f for f in run_rules(root, ["procfile-invalid"]).active]
    assert found and all(f.fix is None for f in found)
