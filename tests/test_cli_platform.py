"""--platform on the command line and in the settings: the platform named, inferred and said, and
``--platform all`` with a verdict per platform and the platforms of each finding (issue #13)."""
import json

from conftest import cli

from preflight.project.platform import names

# A Flask app whose only problem is a Procfile.txt: Heroku-lineage platforms read only "Procfile".
MISNAMED = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
            "app.py": "import flask\napp = flask.Flask(__name__)\n", ".python-version": "3.13\n"}


def test_text_report_says_which_platform_and_why(app):
    root = app({**MISNAMED, "fly.toml": "app = 'x'\n"})
    _, out, _ = cli(["check", str(root), "--no-cache", "--select", "procfile-misnamed"])
    assert "Platform: Fly.io (inferred from fly.toml)" in out
    _, out, _ = cli(["check", str(root), "--no-cache", "--select", "procfile-misnamed", "--platform", "dokku"])
    assert "Platform: Dokku\n" in out
    _, out, _ = cli(["check", str(root), "--no-cache", "--select", "procfile-misnamed", "-q"])
    assert "Platform:" not in out


def test_default_platform_is_said_as_such(app):
    root = app({"app.py": "x = 1\n"})
    _, out, _ = cli(["check", str(root), "--no-cache"])
    assert "Platform: Heroku (the default: no other platform's manifest found; use --platform to choose)" in out


def test_json_and_sarif_carry_the_platform(app):
    root = app({**MISNAMED, "render.yaml": "services: []\n"})
    _, out, _ = cli(["check", str(root), "--no-cache", "--format", "json"])
    doc = json.loads(out)
    assert {k: doc["platform"][k] for k in ("name", "how", "evidence")} == \
        {"name": "render", "how": "inferred", "evidence": "render.yaml"}
    _, out, _ = cli(["check", str(root), "--no-cache", "--format", "sarif"])
    assert json.loads(out)["runs"][0]["properties"]["platform"]["name"] == "render"


def test_cached_run_says_the_same_platform(app, tmp_path, monkeypatch):
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(tmp_path / "cache"))
    root = app({**MISNAMED, "fly.toml": "app = 'x'\n"})
    first = cli(["check", str(root)])
    assert cli(["check", str(root)]) == first and "inferred from fly.toml" in first[1]


def test_platform_from_settings_and_unknown_platform(app):
    root = app({**MISNAMED, ".preflight.toml": 'platform = "scalingo"\n'})
    _, out, _ = cli(["check", str(root), "--no-cache", "--select", "procfile-misnamed"])
    assert "Platform: Scalingo\n" in out
    code, _, err = cli(["check", str(root), "--no-cache", "--platform", "herokuu"])
    assert code == 2 and "platform 'herokuu' is not one preflight knows" in err and "do-app-platform" in err


def test_platform_all_prints_a_verdict_per_platform(app):
    root = app(MISNAMED)
    code, out, _ = cli(["check", str(root), "--no-cache", "--platform", "all", "--select", "procfile-misnamed"])
    assert code == 1
    table = out[out.index("Platform  "):]
    rows = {line.split("  ")[0].strip(): line for line in table.splitlines()[1:] if line.strip()
            and not line.startswith(("Found", "Run "))}
    assert len([r for r in rows if r in {"Heroku", "Dokku", "Fly.io", "Render"}]) == 4
    assert len(table.splitlines()[0].split()) == 5


def test_platform_all_json_lists_platforms_per_finding(app):
    root = app(MISNAMED)
    _, out, _ = cli(["check", str(root), "--no-cache", "--platform", "all", "--format", "json",
                     "--select", "procfile-misnamed"])
    doc = json.loads(out)
    assert [v["name"] for v in doc["platforms"]] == list(names())
    found = [f for f in doc["findings"] if f["name"] == "procfile-misnamed"]
    assert found and all(set(f["platforms"]) <= set(names()) for f in found)
    assert {v["verdict"] for v in doc["platforms"]} <= {"deploys as it is"} | {
        v["verdict"] for v in doc["platforms"] if v["verdict"].startswith(("fails", "deploys,"))}


def test_platform_all_refuses_fix_and_baseline(app, tmp_path):
    root = app(MISNAMED)
    for extra in (["--fix"], ["--diff"], ["--write-baseline", str(tmp_path / "b.json")]):
        code, _, err = cli(["check", str(root), "--platform", "all", *extra])
        assert code == 2 and "give --platform NAME" in err


def test_platform_all_keeps_each_platforms_wording(app):
    # no Python pin: each platform names its own default
    files = {k: v for k, v in MISNAMED.items() if k != ".python-version"}
    _, out, _ = cli(["check", str(app(files)), "--no-cache", "--platform", "all", "--format", "json",
                     "--select", "runtime-missing"])
    [f] = [f for f in json.loads(out)["findings"] if f["name"] == "runtime-missing"]
    assert {"heroku", "scalingo", "render"} <= set(f["platforms"])
    assert "3.13" in f["platform_messages"]["scalingo"] and "3.14.3" in f["platform_messages"]["render"]
    assert f["message"] == f["platform_messages"]["heroku"]


def test_quiet_prints_no_verdict_table(app):
    _, out, _ = cli(["check", str(app(MISNAMED)), "--no-cache", "--platform", "all", "-q"])
    assert "procfile-misnamed" in out and "Verdict" not in out and "Platform:" not in out
