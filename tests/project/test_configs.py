"""The config model: envsubst as GNU gettext does it, the readers, YAML trees, which files are production,
and hostile input that must end quickly with a finding."""
import time

import pytest
from conftest import run_rules, write_files

from preflight.project import Project
from preflight.project.configformats import read_env, read_gunicorn, read_ini, read_json, read_toml
from preflight.project.configs import envsubst, envsubst_runs, placeholders
from preflight.project.yamltree import parse as parse_yaml


# -- envsubst ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, out", [
    ("port: $PORT", "port: 5000"),
    ("port: ${PORT}", "port: 5000"),
    ("url: $DATABASE_URL", "url: "),                 # unset: an empty string
    ("port: ${PORT:-8000}", "port: ${PORT:-8000}"),  # no defaults: left as written
    ("cost: $$PORT", "cost: $5000"),
    ("a${PORT}b $PORTX", "a5000b "),
    ("no vars here", "no vars here"),
])
def test_envsubst_forms(text, out):
    assert envsubst(text, {"PORT": "5000"}) == out


def test_envsubst_shell_format_limits_the_variables():
    only = frozenset(placeholders("$PORT"))
    assert envsubst("$PORT $DATABASE_URL", {"PORT": "1"}, only) == "1 $DATABASE_URL"
    assert placeholders("a: $A\nb: ${B}\nc: ${C:-x}\n") == ["A", "B"]


@pytest.mark.parametrize("line, runs", [
    ("envsubst < config/t.yaml > config/c.yaml", [("config/t.yaml", "config/c.yaml", None)]),
    ("cat config/t.yaml | envsubst > config/c.yaml", [("config/t.yaml", "config/c.yaml", None)]),
    ("cat ./t.yaml|envsubst>c.yaml && python main.py", [("./t.yaml", "c.yaml", None)]),
    ("envsubst '$PORT' < t.yaml | tee c.yaml", [("t.yaml", "c.yaml", frozenset({"PORT"}))]),
    ("echo envsubst", []),
    ("python main.py", []),
])
def test_envsubst_runs_in_a_shell_line(line, runs):
    assert envsubst_runs(line) == runs


# -- readers ----------------------------------------------------------------------------------------
def test_yaml_tree_lines_duplicates_and_traps():
    tree = parse_yaml("common:\n  port: 8080\n  port: 9090\n  time: 22:22\n  name: 'x'\n")
    assert [(e.keys, e.value, e.kind, e.line) for e in tree.entries] == [
        (("common", "port"), "8080", "int", 2), (("common", "port"), "9090", "int", 3),
        (("common", "time"), "22:22", "int", 4), (("common", "name"), "x", "str", 5)]
    assert tree.duplicates == [(("common", "port"), 3, 2)]
    assert [(e.line, why.split(" is ")[0]) for e, why in tree.ambiguous] == [(4, "22:22")]
    assert "1342" in tree.ambiguous[0][1]


def test_yaml_tree_error_line_and_several_documents():
    assert parse_yaml("a: [1, 2\nb: 3\n").error[1] == 2
    tree = parse_yaml("a: 1\n---\nb: 2\n")
    assert tree.error is None and [e.line for e in tree.entries] == [1, 3]


def test_json_keys_get_their_lines():
    entries, error = read_json('{\n  "a": {\n    "port": 1\n  },\n  "port": 2\n}\n')
    assert error is None
    assert [(e.keys, e.line) for e in entries] == [(("a", "port"), 3), (("port",), 5)]
    assert read_json("{bad")[1][0].startswith("does not parse as JSON")


def test_toml_ini_and_env_lines():
    text = "[server]\nport = 8080\n"
    entries, _ = read_toml(text, text.splitlines())
    assert [(e.keys, e.value, e.line) for e in entries] == [(("server", "port"), "8080", 2)]
    entries, _ = read_ini(["[alembic]", "; comment", "script_location = migrations", "sqlalchemy.url = x",
                           "  continued"])
    assert [(e.keys, e.value, e.line) for e in entries] == [
        (("alembic", "script_location"), "migrations", 3), (("alembic", "sqlalchemy.url"), "x\ncontinued", 4)]
    entries, _ = read_env(["# c", "export A=1", "B='two words'", "C=3 # note"])
    assert [(e.key, e.value, e.line) for e in entries] == [("A", "1", 2), ("B", "two words", 3), ("C", "3", 4)]


def test_gunicorn_config_is_read_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"open({str(marker)!r}, 'w').write('x')\nimport os\nbind = '0.0.0.0:8080'\nworkers = 3\n" \
           "timeout = int(os.environ.get('TIMEOUT', 30))\n"
    entries, error = read_gunicorn(text)
    assert error is None and not marker.exists()
    assert [(e.key, e.value, e.kind, e.line) for e in entries][:2] == [("bind", "0.0.0.0:8080", "str", 3),
                                                                       ("workers", "3", "int", 4)]
    assert entries[2].kind == "expr env"


# -- which files are production ---------------------------------------------------------------------
def test_production_files(tmp_path):
    write_files(tmp_path, {
        "Procfile": "web: sh run.sh\nrelease: alembic upgrade head\n",
        "run.sh": "envsubst < config/template.yaml > config/config.yaml\npython main.py\n",
        "main.py": "import json\nSETTINGS = json.load(open('settings.json'))\n",
        "requirements.txt": "alembic\n",
        "config/template.yaml": "a: 1\n", "config/config.yaml": "a: 2\n", "settings.json": "{}",
        "alembic.ini": "[alembic]\n", "config/heroku.toml": "", "config/local.yaml": "", "other.yaml": "",
    })
    configs = Project(tmp_path).configs
    assert configs.production("config/template.yaml") == "run.sh fills it with envsubst"
    assert configs.production("config/config.yaml") is None          # generated: the template stands in
    assert configs.template_of("config/config.yaml").template == "config/template.yaml"
    assert configs.production("settings.json") == "main.py opens it"
    assert configs.production("alembic.ini") == "alembic reads it (Procfile)"
    assert configs.production("config/heroku.toml") == "its name says production"
    assert configs.production("config/local.yaml") is None
    assert configs.production("other.yaml") is None


def test_config_database_urls_for_the_scheme_rule(app):
    from preflight.project.dbsettings import config_database_urls

    root = app({"config/heroku_config.yaml": "db:\n  url: postgres://u:p@db.example.com/x\n  other: $DATABASE_URL\n",
                "config/dev.yaml": "db: postgres://u:p@localhost/x\n"})
    assert config_database_urls(Project(root)) == [
        ("config/heroku_config.yaml", 2, "postgres://u:p@db.example.com/x", "its name says production")]


# -- hostile input ----------------------------------------------------------------------------------
def test_ten_megabyte_json_config_ends_quickly_with_a_finding(app):
    root = app({"config/production.json": '{"a": "' + "x" * (10 * 1024 * 1024) + '"}'})
    start = time.monotonic()
    result = run_rules(root)
    assert time.monotonic() - start < 10
    assert not result.crashes
    assert [f.name for f in result.active if f.path == "config/production.json"] == ["file-unreadable"]


def test_large_yaml_config_is_skipped_with_a_finding(app):
    root = app({"config/production.yaml": "".join(f"k{i}: [a, b, {i}]\n" for i in range(80000))})
    start = time.monotonic()
    result = run_rules(root)
    assert time.monotonic() - start < 10
    assert [f.name for f in result.active if f.path == "config/production.yaml"] == ["file-unreadable"]


def test_yaml_tree_from_either_loader_agrees(monkeypatch):
    from preflight.project import manifests

    text = "a: 1\nb: 'x'\nc: yes\nd: |\n  z\ne: [1, {f: 22:22}]\n"
    fast = parse_yaml(text)
    monkeypatch.setattr(manifests, "_SHALLOW", -1)   # every text counts as deep: the pure-Python loader
    slow = parse_yaml(text)
    assert [(e.keys, e.kind, e.plain, e.line) for e in fast.entries] == \
        [(e.keys, e.kind, e.plain, e.line) for e in slow.entries]
    assert [why for _, why in fast.ambiguous] == [why for _, why in slow.ambiguous] != []


def test_deeply_nested_json_config_is_a_finding(app):
    root = app({"config/production.json": "[" * 20000 + "]" * 20000})
    result = run_rules(root)
    assert not result.crashes
    assert [f.name for f in result.active if f.path == "config/production.json"] == ["file-unreadable"]


def test_template_suffix_keeps_the_format(tmp_path):
    write_files(tmp_path, {"Procfile": "web: sh start.sh\n",
                           "start.sh": "envsubst < config.yaml.template > config.yaml\npython main.py\n",
                           "main.py": "import yaml\nc = yaml.safe_load(open('config.yaml'))\n",
                           "config.yaml.template": "port: 8080\n"})
    configs = Project(tmp_path).configs
    assert configs.production("config.yaml.template") == "start.sh fills it with envsubst"
    assert [c.format for c in configs.deployed] == ["yaml"]
