"""The engine: a crashing rule is isolated and named, unreadable files become findings, severity
overrides and the fail-on threshold, dedupe and order."""
import pytest
from conftest import cli, findings, run_rules

from preflight import registry
from preflight.findings import Violation


@pytest.fixture
def temp_rules(monkeypatch):
    """Register throw-away rules for one test (the registry is restored afterwards)."""
    registry.load_rules()  # first: rules imported while the copy is in place would vanish with it
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


@pytest.fixture
def slow_rules(monkeypatch):
    """Three rules that each spin until stopped, and one quick rule after them."""
    import time as _time

    registry.load_rules()
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    monkeypatch.setattr(registry, "BY_NAME", dict(registry.BY_NAME))

    def spin(project):
        end = _time.monotonic() + 30
        while _time.monotonic() < end:
            pass
        yield Violation(".", 0, "never reached")

    def quick(project):
        yield Violation(".", 0, "ran")

    for code, name in (("PF091", "test-spin-a"), ("PF092", "test-spin-b"), ("PF093", "test-spin-c")):
        registry.rule(code, name, "E", "spins", fix="none")(spin)
    registry.rule("PF094", "test-quick", "W", "quick", fix="none")(quick)


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no interval timer here")
def test_time_limits_per_rule_after_a_time_out_and_per_run(app, slow_rules, monkeypatch):
    """A rule is stopped at its limit; after one time-out the later rules get a shorter one (they are
    often rebuilding the same interrupted artifact); the run as a whole has a budget; a quick rule
    after them still runs when budget is left."""
    import time as _time

    from preflight import engine

    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.6)
    monkeypatch.setattr(engine, "AFTER_TIMEOUT_LIMIT", 0.2)
    monkeypatch.setattr(engine, "RUN_TIME_LIMIT", 5.0)
    root = app({"x": "y"})
    start = _time.monotonic()
    result = run_rules(root, select=["PF091", "PF092", "PF093", "PF094"])
    assert _time.monotonic() - start < 2.0  # 0.6 + 0.2 + 0.2, not 3 x 0.6
    assert [(r.name, "ran out of time" in why) for r, why in result.crashes] == [
        ("test-spin-a", True), ("test-spin-b", True), ("test-spin-c", True)]
    assert [f.name for f in result.findings] == ["test-quick"]

    monkeypatch.setattr(engine, "RUN_TIME_LIMIT", 0.7)
    result = run_rules(root, select=["PF091", "PF092", "PF093", "PF094"])
    assert [r.name for r, _ in result.crashes] == ["test-spin-a", "test-spin-b", "test-spin-c", "test-quick"]
    assert "was not run" in result.crashes[-1][1]


def test_filter_stage_overrides_the_severity_of_the_findings_it_adds(app):
    """suppression-unused is added by the filter stage, after the rules: [severity] still applies."""
    root = app({"Procfile": "# preflight: ignore[procfile-invalid]\nweb: gunicorn app:app\n"})
    [f] = run_rules(root, select=["procfile-invalid", "suppression-unused"],
                    severity={"suppression-unused": "error"}).active
    assert (f.name, f.path, f.line, f.severity.value) == ("suppression-unused", "Procfile", 1, "error")


def test_findings_on_excluded_paths_are_dropped(app):
    """exclude hides files from the model, and the filter stage drops findings a rule made on one it
    read directly (the Procfile is read by name)."""
    root = app({"Procfile": "web gunicorn app:app\n"})
    assert findings(root, select=["procfile-invalid"]) == [("procfile-invalid", "Procfile", 1)]
    assert findings(root, select=["procfile-invalid"], exclude=["Procfile"]) == []


def test_every_rule_that_reads_the_secret_scan_starts_it_in_the_background():
    """engine.SECRET_SCAN_RULES starts the scan before the parsing so that the two overlap: a rule that reads
    it (through preflight.project.secrets or project.secret_scan) and is missing there would scan in the
    foreground, after everything else."""
    import inspect

    from preflight.engine import SECRET_SCAN_RULES
    from preflight.registry import REGISTRY, load_rules

    load_rules()
    readers = {r.name for r in REGISTRY.values() if r.check is not None and (
        "preflight.project.secrets" in inspect.getsource(inspect.getmodule(r.check))
        or "secret_scan" in inspect.getsource(inspect.getmodule(r.check)))}
    assert readers == set(SECRET_SCAN_RULES)
