"""The engine: a crashing rule is isolated and named, unreadable files become findings, severity
overrides and the fail-on threshold, dedupe and order."""
import pytest
from conftest import cli, findings, run_rules

from preflight import registry
from preflight.findings import Violation


@pytest.fixture
def temp_rules(monkeypatch):
    """Register throw-away rules for one test (the registry is restored afterwards)."""
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    monkeypatch.setattr(registry, "BY_NAME", dict(registry.BY_NAME))

    def crash(project):
        yield Violation("a.txt", 1, "found before the crash")
        raise RuntimeError("boom")

    def reads(project):
        tf = project.text("data.txt")
        if tf is not None:
            yield Violation("data.txt", 1, "read it", severity=None)

    def warns(project):
        yield Violation(".", 0, "a warning")

    registry.rule("PF098", "test-crash", "E", "crashes", fix="none")(crash)
    registry.rule("PF097", "test-reads", "E", "reads data.txt", fix="none")(reads)
    registry.rule("PF096", "test-warns", "W", "warns", fix="none")(warns)


def test_crash_is_isolated_and_named(app, temp_rules):
    root = app({"a.txt": "x\n", "data.txt": "hello\n"})
    result = run_rules(root, select=["PF098", "PF097"])
    assert [r.name for r, _ in result.crashes] == ["test-crash"]
    assert "boom" in result.crashes[0][1]
    names = sorted((f.name, f.path) for f in result.findings)
    assert names == [("test-crash", "a.txt"), ("test-reads", "data.txt")]


def test_crash_exits_2_and_still_prints_other_findings(app, temp_rules):
    root = app({"a.txt": "x\n", "data.txt": "hello\n"})
    code, out, err = cli(["check", str(root), "--select", "PF098,PF097"])
    assert code == 2
    assert "PF097 test-reads" in out and "rule PF098 test-crash crashed" in out
    assert "Traceback" not in out + err
    code, out, _ = cli(["check", str(root), "--select", "PF098", "--exit-zero"])
    assert code == 2  # --exit-zero never hides an internal error


def test_binary_file_becomes_file_unreadable(app, temp_rules):
    root = app({"data.txt": b"\x89PNG\r\n\x1a\n\0\0\0"})
    assert findings(root, select=["PF097", "file-unreadable"]) == [("file-unreadable", "data.txt", 0)]


def test_invalid_utf8_is_reported_with_line_and_still_read(app, temp_rules):
    root = app({"data.txt": b"ok\nbad \xff byte\n"})
    result = run_rules(root, select=["PF097", "file-unreadable"])
    msgs = {(f.name, f.path): f.message for f in result.findings}
    assert ("test-reads", "data.txt") in msgs
    assert "line 2" in msgs[("file-unreadable", "data.txt")]


def test_oversized_file(app, temp_rules):
    root = app({"data.txt": b"x" * (5 * 1024 * 1024 + 10)})
    result = run_rules(root, select=["PF097", "file-unreadable"])
    assert [(f.name, f.path) for f in result.findings] == [("file-unreadable", "data.txt")]
    assert "larger than 5 MB" in result.findings[0].message


def test_symlink_out_of_repo_is_not_followed(app, temp_rules, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("top secret\n")
    root = app({"x": "y"})
    (root / "data.txt").symlink_to(secret)
    result = run_rules(root, select=["PF097", "file-unreadable"])
    assert [(f.name, f.path) for f in result.findings] == [("file-unreadable", "data.txt")]
    assert "outside the repository" in result.findings[0].message


def test_severity_override_and_threshold(app, temp_rules):
    root = app({"x": "y"})
    assert cli(["check", str(root), "--select", "PF096"])[0] == 1
    assert cli(["check", str(root), "--select", "PF096", "--fail-on", "error"])[0] == 0
    (root / ".preflight.toml").write_text('[severity]\ntest-warns = "error"\n')
    code, out, _ = cli(["check", str(root), "--select", "PF096", "--fail-on", "error"])
    assert code == 1 and "1 error" in out


def test_selection_longest_prefix_wins():
    registry.load_rules()
    enabled = {r.code for r in registry.resolve(["PF1"], [], ["PF10"])}
    assert "PF102" not in enabled
    enabled = {r.code for r in registry.resolve(["PF102"], [], ["PF1"])}
    assert "PF102" in enabled
    enabled = {r.code for r in registry.resolve(None, [], ["procfile-misnamed"])}
    assert "PF102" not in enabled and "PF001" in enabled
