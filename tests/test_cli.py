"""The command line as a user meets it: exit codes, formats, output file, rule docs, bad paths."""
import json
import subprocess
import sys

from conftest import cli

MISNAMED = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
            "app.py": "import flask\napp = flask.Flask(__name__)\n", ".python-version": "3.13\n"}


def test_findings_exit_1_and_text_line(app):
    root = app(MISNAMED)
    code, out, _ = cli(["check", str(root), "--select", "procfile-misnamed"])
    assert code == 1
    assert "Procfile.txt:1:1: PF102 procfile-misnamed" in out
    assert "fix: Rename it" in out


def test_clean_exit_0(app):
    root = app({**MISNAMED, "Procfile": "web: gunicorn app:app\n"})
    code, out, _ = cli(["check", str(root), "--select", "procfile-misnamed"])
    assert code == 0, out
    assert "All checks passed." in out


def test_exit_zero_and_fail_on(app):
    root = app(MISNAMED)
    assert cli(["check", str(root), "--select", "PF102", "--exit-zero"])[0] == 0
    # an error-level finding is below no threshold; an info-only threshold keeps failing
    assert cli(["check", str(root), "--select", "PF102", "--fail-on", "error"])[0] == 1
    assert cli(["check", str(root), "--select", "PF102", "--severity-does-not-exist"])[0] == 2


def test_json_format_and_output_file(app, tmp_path):
    root = app(MISNAMED)
    target = tmp_path / "report.json"
    code, out, _ = cli(["check", str(root), "--select", "PF102", "--format", "json", "-o", str(target)])
    assert code == 1 and out == ""
    doc = json.loads(target.read_text())
    assert doc["version"] == 1
    (f,) = doc["findings"]
    assert {k: f[k] for k in ("code", "name", "severity", "path", "line", "col")} == {
        "code": "PF102", "name": "procfile-misnamed", "severity": "error", "path": "Procfile.txt",
        "line": 0, "col": 0}
    assert f["hint"] and f["message"] and len(f["fingerprint"]) == 16


def test_statistics(app):
    root = app(MISNAMED)
    code, out, _ = cli(["check", str(root), "--select", "PF102", "--statistics"])
    assert "    1  PF102  procfile-misnamed" in out


def test_missing_path_is_usage_error(tmp_path):
    code, out, err = cli(["check", str(tmp_path / "nope")])
    assert code == 2
    assert "no such file or folder" in err and "Traceback" not in err


def test_not_a_git_repo_says_so(app):
    root = app(MISNAMED)
    code, _, err = cli(["check", str(root), "--select", "PF102"])
    assert "not a git repository" in err


def test_unknown_selector_is_config_error(app):
    root = app(MISNAMED)
    code, _, err = cli(["check", str(root), "--select", "no-such-rule"])
    assert code == 2 and "unknown rule(s) no-such-rule" in err


def test_rule_explains_by_name_and_code():
    code, out, _ = cli(["rule", "procfile-misnamed"])
    assert code == 0 and out.startswith("PF102 procfile-misnamed") and "## How to fix" in out
    assert cli(["rule", "PF102"])[1] == out
    code, out, _ = cli(["rule", "--all"])
    assert code == 0 and "PF102  procfile-misnamed" in out and "PF001  file-unreadable" in out
    code, out, _ = cli(["rule", "--all", "--format", "json"])
    assert {"code": "PF102", "name": "procfile-misnamed"}.items() <= next(
        r for r in json.loads(out) if r["code"] == "PF102").items()
    code, _, err = cli(["rule", "nope"])
    assert code == 2 and "unknown rule" in err


def test_file_argument_limits_report_to_that_file(app):
    root = app({**MISNAMED, "sub/Procfile.txt": "x"})
    code, out, _ = cli(["check", str(root / "requirements.txt"), "--select", "PF102"])
    assert "procfile-misnamed" not in out and code == 0


def test_python_dash_m_and_version(app):
    root = app(MISNAMED)
    proc = subprocess.run([sys.executable, "-m", "preflight", "check", str(root), "--select", "PF102",
                           "--color", "never"], capture_output=True, text=True)
    assert proc.returncode == 1 and "PF102 procfile-misnamed" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "preflight", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("preflight ")


def test_color_only_when_asked(app):
    root = app(MISNAMED)
    assert "\033[" not in cli(["check", str(root), "--select", "PF102"])[1]
    assert "\033[" in cli(["check", str(root), "--select", "PF102", "--color", "always"])[1]


def test_no_command_prints_help():
    code, out, _ = cli([])
    assert code == 2 and "check" in out
