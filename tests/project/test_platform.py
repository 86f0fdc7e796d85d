"""Platform profiles as data (preflight/data/platforms/*.json) and the platform a run checks against:
given (--platform, ``platform =``) or inferred from the repository's manifests (issue #13)."""
import re

import pytest

from preflight.project import Project
from preflight.project.platform import DEFAULT, load_profile, names

EXPECTED_PROFILES = {"heroku", "heroku-fir", "dokku", "scalingo", "render", "railway", "fly", "koyeb",
                     "do-app-platform", "cloud-run", "pythonanywhere"}
CAPABILITIES = {"procfile", "procfile_required", "port_env", "runtime_txt", "python_buildpack", "heroku_yml", "collectstatic",
                "app_json", "ephemeral_fs", "release_phase"}


def test_every_profile_is_there_default_first():
    assert set(names()) == EXPECTED_PROFILES
    assert names()[0] == DEFAULT == "heroku"


@pytest.mark.parametrize("name", sorted(EXPECTED_PROFILES))
def test_profile_is_complete_data_with_sources(name):
    p, heroku = load_profile(name), load_profile("heroku")
    assert p.name == name and p.title
    assert p.sources and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.checked), "each fact needs its source and date"
    assert set(heroku.words) <= set(p.words), f"{name} lacks words {sorted(set(heroku.words) - set(p.words))}"
    assert p.capabilities <= CAPABILITIES, sorted(p.capabilities - CAPABILITIES)
    for key in ("builder", "port", "python", "package_managers", "worker", "manifests", "ephemeral_fs"):
        assert key in p.facts, f"{name}: facts.{key} missing"
    if p.procfile is not None:
        re.compile(p.procfile["names"])
        assert p.has("procfile")
    assert p.has("port_env") == (p.port.get("var") == "PORT")


def test_contract_facts_that_rules_rely_on():
    """The matrix of research/platforms.md §13, spot-checked where a rule's verdict depends on it."""
    assert load_profile("fly").port["var"] is None and load_profile("fly").port["default"] == 8080
    assert load_profile("render").port["default"] == 10000
    assert load_profile("dokku").port["default"] == 5000
    assert load_profile("heroku-fir").port["bind"] == "[::]"
    assert load_profile("heroku-fir").python["runtime_txt"] == "error"
    assert "pipenv" not in load_profile("heroku-fir").facts["package_managers"]
    assert load_profile("scalingo").procfile["release"] == "ignored"
    assert load_profile("render").procfile is None and load_profile("pythonanywhere").procfile is None
    assert load_profile("cloud-run").procfile["web_required"] is True


@pytest.mark.parametrize("files, expected", [
    ({"fly.toml": "app = 'x'\n"}, ("fly", "inferred", "fly.toml")),
    ({"render.yaml": "services: []\n", "Procfile": "web: gunicorn app:app\n"}, ("render", "inferred", "render.yaml")),
    ({"railway.json": "{}\n"}, ("railway", "inferred", "railway.json")),
    ({"railway.toml": "[deploy]\n"}, ("railway", "inferred", "railway.toml")),
    ({".do/app.yaml": "name: x\n"}, ("do-app-platform", "inferred", ".do/app.yaml")),
    ({"scalingo.json": "{}\n"}, ("scalingo", "inferred", "scalingo.json")),
    ({"cron.json": '{"jobs": []}\n'}, ("scalingo", "inferred", "cron.json")),
    ({"project.toml": '[_]\nschema-version = "0.2"\n[[io.buildpacks.group]]\nuri = "heroku/python"\n'},
     ("heroku-fir", "inferred", "project.toml")),
    ({"app.json": '{"healthchecks": {"web": []}, "cron": []}\n', "Procfile": "web: x\n"}, ("dokku", "inferred", "app.json")),
    ({"Procfile": "web: gunicorn app:app\n"}, ("heroku", "inferred", "Procfile")),
    ({"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"}, ("heroku", "inferred", "heroku.yml")),
    ({"Procfile.txt": "web: gunicorn app:app\n"}, ("heroku", "inferred", "Procfile.txt")),
    # look-alikes: a project.toml without Heroku's buildpacks, a Heroku app.json, nothing at all
    ({"project.toml": '[_]\nschema-version = "0.2"\n'}, ("heroku", "default", "")),
    ({"app.json": '{"name": "x", "env": {}}\n'}, ("heroku", "inferred", "app.json")),
    ({"app.py": "print(1)\n"}, ("heroku", "default", "")),
])
def test_inferred_platform_and_why(app, files, expected):
    choice = Project(app(files), platform=None).platform_choice
    assert (choice.name, choice.how, choice.evidence) == expected


def test_several_manifests_name_the_first_and_list_the_others(app):
    choice = Project(app({"fly.toml": "app = 'x'\n", "render.yaml": "services: []\n"}), platform=None).platform_choice
    assert (choice.name, choice.also) == ("fly", ("render",))
    assert "inferred from fly.toml; also found: render" in str(choice)


def test_given_platform_wins_and_other_manifests_are_elsewhere(app, tmp_path):
    root = app({"fly.toml": "app = 'x'\n", "Procfile": "web: gunicorn app:app\n"})
    assert Project(root, platform="heroku").platform == "heroku"
    assert str(Project(root, platform="heroku").deploy_target) == "platform (Procfile)"
    assert str(Project(root, platform="fly").deploy_target) == "platform (fly.toml)"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "render.yaml").write_text("services: []\n")
    assert str(Project(tmp_path / "other", platform="fly").deploy_target) == "elsewhere: Render (render.yaml)"


def test_sibling_shares_files_not_facts(app):
    first = Project(app({"fly.toml": "app = 'x'\n", "app.py": "x = 1\n"}), platform="heroku")
    assert first.text("app.py") is not None
    other = first.sibling("fly")
    assert other.platform == "fly" and other.profile.name == "fly"
    assert other.index is first.index and other.text("app.py") is first.text("app.py")
    assert first.deploy_target.kind == "elsewhere" and other.deploy_target.kind == "platform"


@pytest.mark.parametrize("platform, files, mode", [
    ("fly", {"Dockerfile": "FROM python:3.13\n", "Procfile": "web: x\n"}, "container"),       # always built
    ("scalingo", {"Dockerfile": "FROM python:3.13\n"}, "buildpack"),                         # never built
    ("dokku", {"Dockerfile": "FROM python:3.13\n", ".buildpacks": "heroku/python\n"}, "buildpack"),
    ("dokku", {"Dockerfile": "FROM python:3.13\n", "Procfile": "web: x\n"}, "container"),
    ("render", {"Dockerfile": "FROM python:3.13\n"}, "container"),                           # no render.yaml
    ("render", {"Dockerfile": "FROM python:3.13\n", "render.yaml":
                "services:\n  - type: web\n    name: a\n    runtime: python\n    startCommand: x\n"}, "buildpack"),
    ("heroku", {"Dockerfile": "FROM python:3.13\n", "Procfile": "web: x\n"}, "buildpack"),
])
def test_the_deploy_mode_follows_the_platform(app, platform, files, mode):
    assert Project(app(files), platform=platform).mode == mode
