"""PF606 yaml-invalid: a deploy-relevant YAML file that does not parse, nests too deeply or is an alias bomb."""
import time

from conftest import findings, run_rules

RULE = "yaml-invalid"


def test_syntax_error_at_its_line(check):
    files = {"config/production.yaml": "db:\n  url: x\n\tport: 1\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 3)]


def test_valid_file_and_dev_file_are_quiet(check):
    assert check({"config/production.yaml": "db:\n  url: x\n"}, RULE) == []
    assert check({"config/dev.yaml": "db:\n\tbroken: [\n"}, RULE) == []


def test_heroku_yml_parse_error_is_reported_once_by_file_unreadable(app):
    root = app({"heroku.yml": "build:\n  docker:\n\tweb: Dockerfile\n", "Dockerfile": "FROM python:3.13\n"})
    seen = findings(root)
    assert [f for f in seen if f[0] == RULE] == []
    assert [f for f in seen if f[1] == "heroku.yml" and f[0] == "file-unreadable"]


def test_alias_bomb_ends_quickly_with_a_finding(app):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    root = app({"config/production.yaml": "\n".join(lines) + "\n"})
    start = time.monotonic()
    result = run_rules(root, select=[RULE])
    assert time.monotonic() - start < 5
    assert not result.crashes
    (f,) = result.active
    assert (f.name, f.path) == (RULE, "config/production.yaml") and "alias bomb" in f.message


def test_deep_nesting_ends_quickly_with_a_finding(app):
    root = app({"config/production.yaml": "a: " + "[" * 20000 + "]" * 20000 + "\n"})
    start = time.monotonic()
    result = run_rules(root, select=[RULE])
    assert time.monotonic() - start < 5
    assert not result.crashes
    assert [(f.name, f.path) for f in result.active] == [(RULE, "config/production.yaml")]
    assert "nested too deeply" in result.active[0].message


def test_deep_block_nesting_ends_quickly(app):
    text = "a:\n  " + "- " * 20000 + "x\n"  # block sequences 20,000 deep on one line
    root = app({"config/production.yaml": text})
    start = time.monotonic()
    result = run_rules(root, select=[RULE])
    assert time.monotonic() - start < 10
    assert not result.crashes
    assert [(f.name, f.path) for f in result.active] == [(RULE, "config/production.yaml")]


def test_template_valid_once_filled_is_quiet(check):
    files = {"Procfile": "web: sh run.sh\n", "requirements.txt": "PyYAML\n",
             "run.sh": "envsubst < config/template.yaml > config/config.yaml\npython main.py\n",
             "main.py": "import yaml\ncfg = yaml.safe_load(open('config/config.yaml'))\n",
             "config/template.yaml": "ports: [${PORT}]\nname: app\n"}
    assert check(files, RULE) == []
    files["config/template.yaml"] = "ports: [${PORT}]\nname: [app\n"
    assert check(files, RULE) == [(RULE, "config/template.yaml", 3)]
