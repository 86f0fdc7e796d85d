"""PF821 platform-manifest-invalid: schema problems of the selected platform's manifests."""
from __future__ import annotations

import json

from conftest import run_rules

RULE = "platform-manifest-invalid"

RENDER_BAD = ("services:\n  - type: worker\n    name: bot\n    runtime: python\n    plan: free\n"
              "    startCommand: python bot.py\n  - type: web\n    name: site\n    runtime: python\n"
              "    autoDeploy: false\n")


def test_render_worker_on_free_plan_and_missing_start_command(check):
    assert check({"render.yaml": RENDER_BAD}, RULE, platform="render") == [
        (RULE, "render.yaml", 5), (RULE, "render.yaml", 7), (RULE, "render.yaml", 10)]


def test_deprecated_key_is_a_warning(app):
    result = run_rules(app({"render.yaml": RENDER_BAD}), [RULE], platform="render")
    sev = {f.line: f.severity.value for f in result.active}
    assert sev == {5: "error", 7: "error", 10: "warning"}
    [free] = [f for f in result.active if f.line == 5]
    assert "plan: starter" in free.hint


def test_only_the_selected_platform_is_checked(check):
    files = {"render.yaml": RENDER_BAD, "fly.toml": '[[mounts]]\n  source = "d"\n  destination = "/"\n'}
    assert check(files, RULE, platform="heroku") == []                                  # heroku: neither is read
    assert check(files, RULE, platform="fly") == [(RULE, "fly.toml", 3)]


def test_fly_autostop_value_and_reserved_env(check):
    text = '[env]\n  FLY_APP = "x"\n\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "on"\n'
    assert check({"fly.toml": text}, RULE, platform="fly") == [(RULE, "fly.toml", 2), (RULE, "fly.toml", 6)]


def test_do_spec_wrapper(check):
    files = {".do/app.yaml": "spec:\n  name: x\n  services:\n    - name: web\n      run_command: gunicorn app:app\n"}
    assert check(files, RULE, platform="do-app-platform") == [(RULE, ".do/app.yaml", 1)]


def test_project_toml_include_and_exclude(check):
    text = '[_]\nschema-version = "0.2"\n\n[io.buildpacks]\ninclude = ["src"]\nexclude = ["tests"]\n'
    assert check({"project.toml": text}, RULE, platform="heroku-fir") == [(RULE, "project.toml", 6)]


def test_nixpacks_start_cmd_list(check):
    assert check({"nixpacks.toml": '[start]\ncmd = ["gunicorn", "app:app"]\n'}, RULE, platform="railway") == [
        (RULE, "nixpacks.toml", 2)]


LOOKALIKES = {
    "render": {"render.yaml": "services:\n  - type: worker\n    name: bot\n    runtime: python\n    plan: starter\n"
                              "    startCommand: python bot.py\n  - type: web\n    name: site\n    runtime: docker\n"
                              "  - type: keyvalue\n    name: cache\n    ipAllowList: []\n"},
    "fly": {"fly.toml": '[env]\n  PORT = "8080"\n\n[http_service]\n  internal_port = 8080\n'
                        '  auto_stop_machines = "suspend"\n\n[[mounts]]\n  source = "d"\n  destination = "/data"\n'},
    "do-app-platform": {".do/deploy.template.yaml": "spec:\n  name: x\n  services:\n    - name: web\n",
                        ".do/app.yaml": "name: x\nservices:\n  - name: web\n    http_port: 8080\n"},
    "heroku-fir": {"project.toml": '[_]\nschema-version = "0.2"\n\n[io.buildpacks]\nexclude = ["tests"]\n'},
    "scalingo": {"scalingo.json": json.dumps({"scripts": {"first-deploy": "python manage.py migrate"}})},
}


def test_lookalikes_are_silent(check):
    for platform, files in LOOKALIKES.items():
        assert check(files, RULE, platform=platform) == [], platform


def test_unparsable_manifest_is_file_unreadable(app):
    from conftest import findings

    root = app({"render.yaml": "services:\n  - type: web\n    name: [\n"})
    assert findings(root, select=[RULE, "file-unreadable"], platform="render") == [
        ("file-unreadable", "render.yaml", 4)]
