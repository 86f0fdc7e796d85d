"""Settings from .preflight.toml / pyproject [tool.paas-preflight]: selection, severity, errors."""
from conftest import cli

APP = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "gunicorn==23.0.0\n"}


def test_standalone_config_ignores_rule(app):
    root = app({**APP, ".preflight.toml": 'ignore = ["procfile-misnamed"]\n'})
    code, out, _ = cli(["check", str(root), "--select", "PF1", "--isolated"])
    assert "procfile-misnamed" in out  # --isolated: the file is not read
    code, out, _ = cli(["check", str(root)])
    assert "procfile-misnamed" not in out


def test_pyproject_table(app):
    root = app({**APP, "pyproject.toml": '[tool.paas-preflight]\nseverity = {procfile-misnamed = "info"}\n'
                                         'fail-on = "warning"\nselect = ["PF102"]\n'})
    code, out, _ = cli(["check", str(root)])
    assert code == 0  # the finding is info now, below the threshold
    assert "PF102" in out


def test_standalone_wins_over_pyproject(app):
    root = app({**APP, ".preflight.toml": 'select = ["PF102"]\n',
                "pyproject.toml": '[tool.paas-preflight]\nignore = ["PF102"]\n'})
    assert "PF102" in cli(["check", str(root)])[1]


def test_per_file_ignores(app):
    root = app({**APP, ".preflight.toml": 'select = ["PF102"]\n[per-file-ignores]\n"Procfile.*" = ["PF1"]\n'})
    code, out, _ = cli(["check", str(root)])
    assert code == 0 and "1 suppressed" in out


def test_exclude(app):
    root = app({**APP, ".preflight.toml": 'select = ["PF102"]\nexclude = ["Procfile.txt"]\n'})
    assert cli(["check", str(root)])[0] == 0


def test_unknown_key_names_it(app):
    root = app({**APP, ".preflight.toml": 'selct = ["PF102"]\n'})
    code, out, err = cli(["check", str(root)])
    assert code == 2 and "unknown key(s) selct" in err and out == ""


def test_unknown_rule_in_config(app):
    root = app({**APP, ".preflight.toml": 'ignore = ["procfile-mispelled"]\n'})
    code, _, err = cli(["check", str(root)])
    assert code == 2 and "procfile-mispelled" in err


def test_bad_severity_and_toml(app):
    root = app({**APP, ".preflight.toml": '[severity]\nPF102 = "fatal"\n'})
    code, _, err = cli(["check", str(root)])
    assert code == 2 and "fatal" in err
    root2 = app({**APP, ".preflight.toml": 'select = [\n'})
    code, _, err = cli(["check", str(root2)])
    assert code == 2 and "not valid TOML" in err


def test_unsupported_platform(app):
    root = app(APP)
    code, _, err = cli(["check", str(root), "--platform", "mars"])
    assert code == 2 and "mars" in err


def test_cli_overrides_config(app):
    root = app({**APP, ".preflight.toml": 'ignore = ["PF102"]\n'})
    code, out, _ = cli(["check", str(root), "--select", "PF102"])
    # ignore from the file still applies on top of a CLI select (ruff semantics: ignore wins on equal
    # specificity only when more specific) -- here both name the same rule, select wins the tie
    assert "PF102" in out


def test_per_file_ignores_all(app):
    """ALL works in per-file-ignores as in select and ignore (the matcher is the registry's)."""
    root = app({**APP, ".preflight.toml": 'select = ["PF102"]\n[per-file-ignores]\n"Procfile.*" = ["ALL"]\n'
                                          '"other/*" = ["PF102"]\n'})
    code, out, _ = cli(["check", str(root)])
    assert code == 0 and "1 suppressed" in out
