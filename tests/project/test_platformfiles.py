"""The platform manifests model (preflight/project/platformfiles.py): services, commands, ports, health paths,
schedules and release commands with their lines; hostile input gives problems, never an exception."""
from __future__ import annotations

import json

import pytest

from conftest import write_files
from preflight.project import Project
from preflight.project.platformfiles import min_interval, worker_reason


def model(tmp_path, files: dict, platform: str = "heroku"):
    write_files(tmp_path, files)
    return Project(tmp_path, platform=platform).platform_files


def one(pfs, path):
    pf = pfs.files[path]
    assert pf.parsed, pf
    return pf


RENDER = """\
services:
  - type: web
    name: site
    runtime: python
    buildCommand: pip install -r requirements.txt
    startCommand: gunicorn app:app
    preDeployCommand: python manage.py migrate
    healthCheckPath: /healthz
    plan: starter
    envVars:
      - key: PORT
        value: 8000
      - key: DATABASE_URL
        fromDatabase:
          name: db
          property: connectionString
  - type: worker
    name: bot
    runtime: python
    startCommand: python bot.py
  - type: cron
    name: nightly
    runtime: python
    schedule: "0 3 * * *"
    startCommand: python job.py
  - type: keyvalue
    name: cache
databases:
  - name: db
"""


def test_render_services(tmp_path):
    pf = one(model(tmp_path, {"render.yaml": RENDER}), "render.yaml")
    web, bot, cron = pf.services
    assert (web.kind, web.name, web.line, web.command, web.command_line) == ("web", "site", 2, "gunicorn app:app", 6)
    assert (web.port, web.port_line, web.health_path, web.plan) == (8000, 12, ("/healthz", 8), "starter")
    assert web.env == {"PORT": ("8000", 11), "DATABASE_URL": (None, 13)}
    assert web.extra["buildCommand"] == ("pip install -r requirements.txt", 5)
    assert (bot.kind, bot.command, bot.command_line) == ("worker", "python bot.py", 20)
    assert (cron.kind, cron.schedule) == ("cron", ("0 3 * * *", 24))
    assert pf.release == [("python manage.py migrate", 7)]
    assert pf.problems == [] and pf.cron_problems == []


def test_render_problems(tmp_path):
    text = ("previewsEnabled: true\nservices:\n  - type: worker\n    name: w\n    env: python\n    plan: free\n"
            "    startCommand: python w.py\n  - type: web\n    name: site\n    runtime: python\n"
            "    disk:\n      name: d\n      mountPath: /data\n    numInstances: 2\n  - type: banana\n    name: b\n"
            "  - type: cron\n    name: c\n    runtime: python\n    startCommand: x\n")
    pf = one(model(tmp_path, {"render.yaml": text}), "render.yaml")
    assert [(line, sev) for line, _, _, sev in pf.problems] == [
        (1, "W"), (5, "W"), (6, "E"), (8, "E"), (14, "E"), (15, "E")]
    assert [line for line, *_ in pf.cron_problems] == [17]


FLY = """\
app = "demo"
primary_region = "ams"

[build]
  dockerfile = "Dockerfile"

[env]
  PORT = "8080"

[processes]
  web = "gunicorn app:app"
  worker = "celery -A app worker"

[http_service]
  internal_port = 8080
  force_https = true
  auto_stop_machines = "stop"
  min_machines_running = 0
  processes = ["web"]

  [[http_service.checks]]
    path = "/health"

[[services]]
  internal_port = 9000
  processes = ["worker"]

[[mounts]]
  source = "data"
  destination = "/data"
  processes = ["web"]

[deploy]
  release_command = "python manage.py migrate"
"""


def test_fly_groups_ports_checks(tmp_path):
    pf = one(model(tmp_path, {"fly.toml": FLY}), "fly.toml")
    web, worker = pf.services
    assert (web.name, web.kind, web.line, web.command, web.port, web.port_line) == (
        "web", "web", 11, "gunicorn app:app", 8080, 15)
    assert web.health_path == ("/health", 22) and web.processes == ("web",)
    assert web.extra["auto_stop_machines"] == ("stop", 17) and web.extra["min_machines_running"] == (0, 18)
    assert web.env == {"PORT": ("8080", 8)}
    assert (worker.name, worker.kind, worker.port, worker.port_line) == ("worker", "web", 9000, 25)
    assert pf.release == [("python manage.py migrate", 34)]
    assert pf.extra["groups"] == {"web": 11, "worker": 12}
    assert pf.extra["process_refs"] == [("web", 19, "http_service.processes"), ("worker", 26, "services.processes"),
                                        ("web", 31, "mounts.processes")]
    assert pf.extra["mounts"] == [{"source": "data", "destination": "/data", "line": 30, "processes": ("web",)}]
    assert pf.problems == []


def test_fly_without_processes_has_the_app_group(tmp_path):
    text = ('app = "x"\n\n[experimental]\n  cmd = ["python", "bot.py"]\n\n[http_service]\n  internal_port = 8000\n'
            '  processes = ["app"]\n')
    pf = one(model(tmp_path, {"fly.toml": text}), "fly.toml")
    [app] = pf.services
    assert (app.name, app.kind, app.command, app.command_line, app.port) == ("app", "web", "python bot.py", 4, 8000)
    assert pf.extra["groups"] is None


def test_fly_problems(tmp_path):
    text = ('[env]\n  FLY_REGION = "x"\n\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "on"\n\n'
            '[[mounts]]\n  source = "d"\n  destination = "/"\n')
    pf = one(model(tmp_path, {"fly.toml": text}), "fly.toml")
    assert sorted((line, sev) for line, _, _, sev in pf.problems) == [(2, "W"), (6, "E"), (10, "E")]


def test_fly_boolean_autostop_is_accepted(tmp_path):
    pf = one(model(tmp_path, {"fly.toml": "[http_service]\n  auto_stop_machines = true\n"}), "fly.toml")
    assert pf.problems == []


def test_do_app_spec(tmp_path):
    text = ("name: demo\nenvs:\n  - key: A\n    value: '1'\nservices:\n  - name: web\n"
            "    run_command: gunicorn app:app\n"
            "    http_port: 8000\n    health_check:\n      http_path: /up\nworkers:\n  - name: bot\n"
            "    run_command: python bot.py\njobs:\n  - name: migrate\n    kind: PRE_DEPLOY\n"
            "    run_command: python manage.py migrate\n  - name: nightly\n    kind: SCHEDULED\n"
            "    run_command: python job.py\n    schedule:\n      cron: 0 3 * * *\n")
    pf = one(model(tmp_path, {".do/app.yaml": text}), ".do/app.yaml")
    web, bot, migrate, nightly = pf.services
    assert (web.kind, web.line, web.command_line, web.port, web.port_line, web.health_path) == (
        "web", 6, 7, 8000, 8, ("/up", 10))
    assert web.env == {"A": ("1", 3)}
    assert (bot.kind, bot.command) == ("worker", "python bot.py")
    assert migrate.kind == "release" and pf.release == [("python manage.py migrate", 17)]
    assert (nightly.kind, nightly.schedule) == ("cron", ("0 3 * * *", 22))
    assert pf.problems == [] and pf.cron_problems == []


def test_do_wrappers(tmp_path):
    pfs = model(tmp_path, {".do/app.yaml": "spec:\n  name: x\n  services:\n    - name: web\n",
                           ".do/deploy.template.yaml": "name: x\nservices:\n  - name: web\n"})
    assert [p[0] for p in pfs.files[".do/app.yaml"].problems] == [1]
    assert pfs.files[".do/app.yaml"].services[0].name == "web"   # read through the wrapper all the same
    assert [p[0] for p in pfs.files[".do/deploy.template.yaml"].problems] == [1]


def test_do_scheduled_job_without_cron(tmp_path):
    spec = "name: x\njobs:\n  - name: j\n    kind: SCHEDULED\n    run_command: x\n"
    pf = one(model(tmp_path, {".do/app.yaml": spec}), ".do/app.yaml")
    assert [p[0] for p in pf.cron_problems] == [3]


def test_railway_json_and_toml(tmp_path):
    doc = {"$schema": "https://railway.com/railway.schema.json", "build": {"builder": "RAILPACK"},
           "deploy": {"startCommand": "gunicorn app:app", "preDeployCommand": ["python manage.py migrate"],
                      "healthcheckPath": "/health", "restartPolicyType": "ON_FAILURE"}}
    pfs = model(tmp_path, {"railway.json": json.dumps(doc, indent=2),
                           "railway.toml": '[deploy]\nstartCommand = "python job.py"\ncronSchedule = "*/2 * * * *"\n'})
    pf = one(pfs, "railway.json")
    [svc] = pf.services
    assert pf.deprecated and (svc.kind, svc.command, svc.command_line, svc.health_path) == (
        "web", "gunicorn app:app", 7, ("/health", 11))
    assert pf.release == [("python manage.py migrate", 8)]
    toml = one(pfs, "railway.toml")
    assert (toml.services[0].kind, toml.services[0].schedule, toml.services[0].command_line) == (
        "cron", ("*/2 * * * *", 3), 2)
    assert [p[0] for p in toml.cron_problems] == [3]


def test_railpack_and_nixpacks(tmp_path):
    pfs = model(tmp_path, {"railpack.json": '{\n  "deploy": {\n    "startCommand": "gunicorn app:app"\n  }\n}\n',
                           "nixpacks.toml": '[phases.setup]\nnixPkgs = ["python311"]\n\n'
                                            '[start]\ncmd = "python bot.py"\n'})
    assert [(s.command, s.command_line) for s in pfs.files["railpack.json"].services] == [("gunicorn app:app", 3)]
    assert [(s.command, s.command_line) for s in pfs.files["nixpacks.toml"].services] == [("python bot.py", 5)]
    assert pfs.for_platform("dokku") == [pfs.files["railpack.json"], pfs.files["nixpacks.toml"]]


def test_nixpacks_start_cmd_as_a_list(tmp_path):
    pf = one(model(tmp_path, {"nixpacks.toml": '[start]\ncmd = ["python", "bot.py"]\n'}), "nixpacks.toml")
    assert [(p[0], p[3]) for p in pf.problems] == [(2, "E")]


def test_scalingo_json_and_cron_json(tmp_path):
    manifest = {"env": {"SECRET": {"generator": "secret"}, "MODE": {"value": "prod"}},
                "formation": {"web": {"amount": 1, "size": "S"}, "worker": {"amount": 1}},
                "scripts": {"first-deploy": "python manage.py migrate"}}
    cron = {"jobs": [{"command": "0 * * * * python hourly.py", "size": "S"}, {"command": "*/15 * * * * python q.py"}]}
    pfs = model(tmp_path, {"scalingo.json": json.dumps(manifest, indent=2), "cron.json": json.dumps(cron, indent=2)})
    sc = one(pfs, "scalingo.json")
    assert [(s.name, s.kind) for s in sc.services] == [("web", "web"), ("worker", "worker")]
    assert sc.services[0].env == {"SECRET": (None, 3), "MODE": ("prod", 6)}
    assert sc.release == [("python manage.py migrate", 20)]
    cj = one(pfs, "cron.json")
    assert [(s.kind, s.command, s.schedule) for s in cj.services] == [
        ("cron", "python hourly.py", ("0 * * * *", 4)), ("cron", "python q.py", ("*/15 * * * *", 8))]
    assert cj.cron_problems == []


def test_cron_json_limits(tmp_path):
    jobs = [{"command": f"{m} * * * * python t.py"} for m in range(6)] + [{"command": "@daily python d.py"},
                                                                           {"command": "*/5 * * * * python f.py"}]
    cj = one(model(tmp_path, {"cron.json": json.dumps({"jobs": jobs}, indent=1)}), "cron.json")
    messages = [m for _, m, _, _ in cj.cron_problems]
    assert len(messages) == 3
    assert "8 jobs" in messages[0] and "@daily" in messages[1] and "every 5 minutes" in messages[2]


def test_project_toml(tmp_path):
    text = ('[_]\nschema-version = "0.2"\n\n[[io.buildpacks.group]]\nid = "heroku/python"\n\n'
            '[io.buildpacks]\ninclude = ["a"]\nexclude = ["b"]\n')
    pfs = model(tmp_path, {"project.toml": text})
    pf = pfs.files["project.toml"]
    assert pf.platform == "heroku-fir" and pfs.for_platform("dokku") == [pf]
    assert [(p[0], p[3]) for p in pf.problems] == [(9, "E")]


def test_project_toml_without_schema_version_is_dokku(tmp_path):
    pf = model(tmp_path, {"project.toml": '[[io.buildpacks.group]]\nuri = "docker://x"\n'}).files["project.toml"]
    assert pf.platform == "dokku" and [(p[0], p[3]) for p in pf.problems] == [(1, "W")]


def test_dokku_app_json(tmp_path):
    doc = {"healthchecks": {"web": [{"type": "startup", "path": "/ready", "attempts": 3}]},
           "cron": [{"command": "python manage.py clear", "schedule": "0 0 * * *"},
                    {"command": "cd app && python x.py", "schedule": "5 * * * *"}],
           "scripts": {"dokku": {"predeploy": "python manage.py migrate"}}}
    pf = one(model(tmp_path, {"app.json": json.dumps(doc, indent=2)}), "app.json")
    web, c1, c2 = pf.services
    assert (web.platform, web.name, web.health_path) == ("dokku", "web", ("/ready", 6))
    assert (c1.kind, c1.command, c1.schedule) == ("cron", "python manage.py clear", ("0 0 * * *", 14))
    assert pf.release == [("python manage.py migrate", 23)]
    assert [p[0] for p in pf.cron_problems] == [17]


def test_only_existing_files_and_per_platform(tmp_path):
    pfs = model(tmp_path, {"render.yaml": RENDER, "fly.toml": FLY})
    assert set(pfs.files) == {"render.yaml", "fly.toml"}
    assert [s.name for s in pfs.services("fly")] == ["web", "worker"]
    assert pfs.for_platform("heroku") == [] and pfs.services("koyeb") == []


@pytest.mark.parametrize("path,text,line", [
    ("render.yaml", "services:\n  - type: web\n    name: [\n", 4),
    ("fly.toml", "[http_service\n", 1),
    ("cron.json", '{"jobs": [\n', 2),
    (".do/app.yaml", "name: x\n  bad: : :\n", 2),
])
def test_unparsable_manifest_is_recorded(tmp_path, path, text, line):
    write_files(tmp_path, {path: text})
    project = Project(tmp_path)
    pf = project.platform_files.files[path]
    assert not pf.parsed and pf.services == []
    reason, at = project.unreadable[path]
    assert reason.startswith("does not parse") and at == line


HOSTILE_VALUES = [None, 1, "x", True, [], {}, [1, "a", None, [2]], {"a": [None]}, [[[[]]]]]


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=repr)
def test_wrong_types_everywhere_never_raise(tmp_path, value):
    import yaml

    keys = ["services", "type", "name", "runtime", "startCommand", "envVars", "plan", "disk", "numInstances",
            "schedule", "healthCheckPath", "workers", "jobs", "envs", "http_port", "health_check", "spec", "kind"]
    render = {"services": [{k: value for k in keys}, value], "projects": value, "previewsEnabled": value}
    do = {"name": "x", "services": [{k: value for k in keys}], "workers": value, "jobs": [value, {"kind": value}]}
    js = json.dumps
    deep = "[" * 5000 + "]" * 5000
    files = {
        "render.yaml": yaml.safe_dump(render), ".do/app.yaml": yaml.safe_dump(do),
        ".do/deploy.template.yaml": yaml.safe_dump({"spec": value}),
        "railway.json": js({"deploy": value, "build": value}), "railpack.json": js({"deploy": {"startCommand": value}}),
        "scalingo.json": js({"formation": value, "env": value, "scripts": value}),
        "cron.json": js({"jobs": [value, {"command": value}]}),
        "app.json": js({"healthchecks": {"web": value}, "cron": [value, {"command": value, "schedule": value}],
                        "scripts": {"dokku": value}}),
    }
    toml_value = ("[1, \"a\"]" if isinstance(value, list) else "{a = 1}" if isinstance(value, dict) else
                  '""' if value is None else "true" if value is True else json.dumps(value))
    files["fly.toml"] = (f"processes = {toml_value}\nenv = {toml_value}\nmounts = {toml_value}\n"
                         f"http_service = {toml_value}\nservices = {toml_value}\nvm = {toml_value}\n"
                         f"checks = {toml_value}\n[deploy]\nrelease_command = {toml_value}\n")
    files["nixpacks.toml"] = f"start = {toml_value}\n"
    files["project.toml"] = f"_ = {toml_value}\nio = {toml_value}\n"
    files["railway.toml"] = f"deploy = {toml_value}\n"
    write_files(tmp_path, files)
    pfs = Project(tmp_path, platform="render").platform_files
    assert set(pfs.files) == set(files)
    for pf in pfs.files.values():
        for problem in pf.problems + pf.cron_problems:
            assert isinstance(problem[0], int) and problem[0] >= 1 and problem[3] in "EW"
    write_files(tmp_path, {"render.yaml": deep, "railway.json": deep, "fly.toml": "a = " + deep})
    Project(tmp_path).platform_files  # noqa: B018  (nested too deeply: recorded, not raised)


def test_yaml_alias_bomb_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    lines.append("services: [*a8]")
    pf = model(tmp_path, {"render.yaml": "\n".join(lines) + "\n"}).files["render.yaml"]
    assert pf.parsed


@pytest.mark.parametrize("schedule,gap", [("*/2 * * * *", 2), ("* * * * *", 1), ("0,3 * * * *", 3),
                                         ("0,59 * * * *", 1), ("0,59 5 * * *", 59), ("15 * * * *", None),
                                         ("0-10 * * * *", 1), ("*/0 * * * *", None), ("bad", None)])
def test_min_interval(schedule, gap):
    assert min_interval(schedule) == gap


@pytest.mark.parametrize("name,command,reason", [
    ("worker", "celery -A app worker", "a Celery worker"),
    ("jobs", "python -m celery -A app worker", "a Celery worker"),
    ("app", "python bot.py", "a bot or worker (by its name)"), ("bot", None, "a bot or worker (by its name)"),
    ("web", "gunicorn app:app", None), ("flower", "celery -A app flower", None), ("app", "python main.py", None),
    ("robot", "python robots.py", None)])
def test_worker_reason(name, command, reason):
    from preflight.project.platformfiles import Service

    assert worker_reason(Service("fly", "fly.toml", 1, name, "web", command)) == reason


def test_random_text_in_every_manifest_never_raises(tmp_path_factory):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    samples = {"render.yaml": RENDER, "fly.toml": FLY, ".do/app.yaml": "name: x\nservices:\n  - name: web\n",
               "cron.json": '{"jobs": [{"command": "0 * * * * x"}]}', "railway.toml": '[deploy]\ncronSchedule = "x"\n',
               "app.json": '{"cron": [{"command": "a", "schedule": "b"}]}', "project.toml": '[_]\nschema-version = "0.2"\n'}
    alphabet = st.sampled_from(list("[]{}:,-\"'=#\n  \t*/0aZ@.") + ["services", "type", "processes", "jobs", "- "])

    @settings(max_examples=40, deadline=2000, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.sampled_from(sorted(samples)), st.integers(0, 400), st.lists(alphabet, max_size=30))
    def run(path, at, noise):
        root = tmp_path_factory.mktemp("fuzz")
        text = samples[path]
        write_files(root, {path: text[:at] + "".join(noise) + text[at:]})
        pfs = Project(root, platform="render").platform_files
        for pf in pfs.files.values():
            assert all(isinstance(p[0], int) for p in pf.problems + pf.cron_problems)

    run()
