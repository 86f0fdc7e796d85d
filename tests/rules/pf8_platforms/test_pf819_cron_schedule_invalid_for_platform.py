"""PF819 cron-schedule-invalid-for-platform: schedules the platform's scheduler rejects."""
from __future__ import annotations

import json

RULE = "cron-schedule-invalid-for-platform"


def test_scalingo_cron_json_interval_and_macro(check):
    jobs = {"jobs": [{"command": "*/5 * * * * python sync.py"}, {"command": "@daily python report.py"},
                     {"command": "*/10 * * * * python ok.py"}]}
    assert check({"cron.json": json.dumps(jobs, indent=2)}, RULE, platform="scalingo") == [
        (RULE, "cron.json", 4), (RULE, "cron.json", 7)]


def test_scalingo_too_many_jobs(check):
    jobs = {"jobs": [{"command": f"{m} * * * * python t{m}.py"} for m in range(6)]}
    assert check({"cron.json": json.dumps(jobs, indent=2)}, RULE, platform="scalingo") == [(RULE, "cron.json", 18)]


def test_railway_cron_schedule_under_five_minutes(check):
    files = {"railway.toml": '[deploy]\nstartCommand = "python job.py"\ncronSchedule = "*/2 * * * *"\n'}
    assert check(files, RULE, platform="railway") == [(RULE, "railway.toml", 3)]


def test_render_cron_without_schedule(check):
    files = {"render.yaml": "services:\n  - type: cron\n    name: nightly\n    runtime: python\n"
                            "    startCommand: python job.py\n"}
    assert check(files, RULE, platform="render") == [(RULE, "render.yaml", 2)]


def test_do_scheduled_job_without_cron(check):
    files = {".do/app.yaml": "name: x\njobs:\n  - name: nightly\n    kind: SCHEDULED\n    run_command: python job.py\n"}
    assert check(files, RULE, platform="do-app-platform") == [(RULE, ".do/app.yaml", 3)]


def test_dokku_cron_command_with_bare_shell_operator(check):
    doc = {"cron": [{"command": "cd app && python job.py", "schedule": "0 * * * *"}]}
    assert check({"app.json": json.dumps(doc, indent=2)}, RULE, platform="dokku") == [(RULE, "app.json", 4)]


def test_lookalikes_are_silent(check):
    ok = {"jobs": [{"command": "*/10 * * * * python sync.py"}, {"command": "0 3 * * * python report.py"}]}
    assert check({"cron.json": json.dumps(ok)}, RULE, platform="scalingo") == []
    assert check({"railway.json": '{"deploy": {"cronSchedule": "*/5 * * * *"}}'}, RULE, platform="railway") == []
    assert check({"render.yaml": "services:\n  - type: cron\n    name: n\n    runtime: python\n"
                                 "    schedule: \"0 3 * * *\"\n    startCommand: python job.py\n"}, RULE,
                 platform="render") == []
    doc = {"cron": [{"command": "sh -c 'cd app && python job.py'", "schedule": "0 * * * *"}]}
    assert check({"app.json": json.dumps(doc)}, RULE, platform="dokku") == []
    bad = {"jobs": [{"command": "* * * * * python x.py"}]}
    assert check({"cron.json": json.dumps(bad)}, RULE, platform="heroku") == []          # heroku does not read cron.json
