"""Each platform's contract end to end (issue #13): for every profile, a repository that deploys there
cleanly gets no error or warning, and one with that platform's top failure (research/platforms.md, the
"Common failures" part of each section) is caught at the right line; plus the cross-platform false
alarms the precision benchmark found (bench/precision/FALSE_ALARMS.md, X-*) and their look-alikes."""

import pytest

from conftest import DJANGO_APPS, DJANGO_SETTINGS_HEAD, django_files, run_rules

FLASK_APP = (
    "import os\n\nimport flask\n\napp = flask.Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'ok'\n"
)
BASE = {
    ".gitignore": ".env\n.venv/\n__pycache__/\n",
    "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
    ".python-version": "3.13\n",
    "app.py": FLASK_APP,
}
BOT = (
    "import os\n\nimport telebot\n\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n\n"
    "@bot.message_handler(commands=['start'])\ndef start(m):\n    bot.reply_to(m, 'hi')\n\n\nbot.infinity_polling()\n"
)
BOTBASE = {
    ".gitignore": ".env\n",
    "requirements.txt": "pytelegrambotapi==4.29.1\n",
    ".python-version": "3.13\n",
    "bot.py": BOT,
}
DOCKER = (
    "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
    'COPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]\n'
)
RENDER = (
    "services:\n  - type: web\n    name: {name}\n    runtime: python\n"
    "    buildCommand: pip install -r requirements.txt\n    startCommand: {command}\n"
)
DO_SPEC = (
    "name: x\nservices:\n  - name: web\n    run_command: gunicorn --bind 0.0.0.0:{port} app:app\n    http_port: 8080\n"
)
CASES = {
    "heroku-clean": ("heroku", {**BASE, "Procfile": "web: gunicorn app:app\n"}, []),
    "heroku-fail": (
        "heroku",
        {**BASE, "Procfile.txt": "web: gunicorn app:app\n"},
        [("procfile-misnamed", "Procfile.txt", 0)],
    ),
    "fir-clean": ("heroku-fir", {**BASE, "Procfile": "web: gunicorn --bind [::]:$PORT app:app\n"}, []),
    "fir-fail": (
        "heroku-fir",
        {
            **BASE,
            ".python-version": None,
            "runtime.txt": "python-3.13\n",
            "Procfile": "web: gunicorn --bind [::]:$PORT app:app\n",
        },
        [("runtime-txt-deprecated", "runtime.txt", 1)],
    ),
    "dokku-clean": (
        "dokku",
        {**BASE, "Procfile": "web: gunicorn app:app\nworker: python jobs.py\n", "jobs.py": "print(1)\n"},
        [],
    ),
    "dokku-fail": (
        "dokku",
        {**BASE, "Procfile": "web: gunicorn app:app\ncelery_worker: python jobs.py\n", "jobs.py": "print(1)\n"},
        [("procfile-process-name-invalid", "Procfile", 2)],
    ),
    "scalingo-clean": (
        "scalingo",
        {**BASE, "Procfile": "web: gunicorn app:app\npostdeploy: python migrate.py\n", "migrate.py": "print(1)\n"},
        [],
    ),
    "scalingo-fail": (
        "scalingo",
        {**BASE, "Procfile": "web: gunicorn app:app\nrelease: python migrate.py\n", "migrate.py": "print(1)\n"},
        [("procfile-release-not-executed", "Procfile", 2)],
    ),
    "render-clean": (
        "render",
        {
            **BASE,
            "render.yaml": RENDER.format(name="app", command="gunicorn app:app"),
        },
        [],
    ),
    "render-fail": (
        "render",
        {
            **BOTBASE,
            "render.yaml": RENDER.format(name="bot", command="python bot.py"),
        },
        [("bot-deployed-as-web-service", "render.yaml", 6)],
    ),
    "railway-clean": ("railway", {**BASE, "Procfile": "web: gunicorn app:app\n"}, []),
    "railway-fail": (
        "railway",
        {**BASE, "Procfile": "web: gunicorn app:app\nworker: python jobs.py\n", "jobs.py": "print(1)\n"},
        [("procfile-extra-processes-ignored", "Procfile", 2)],
    ),
    "fly-clean": (
        "fly",
        {
            **BASE,
            ".dockerignore": ".git\n.venv\n",
            "Dockerfile": DOCKER,
            "fly.toml": "app = 'x'\n\n[http_service]\n  internal_port = 8080\n  force_https = true\n",
        },
        [],
    ),
    "fly-fail": (
        "fly",
        {
            **BASE,
            ".dockerignore": ".git\n.venv\n",
            "Dockerfile": DOCKER.replace('"--bind", "0.0.0.0:8080", ', ""),
            "fly.toml": "app = 'x'\n\n[http_service]\n  internal_port = 8080\n",
        },
        [("listen-port-mismatch", "Dockerfile", 6)],
    ),
    "koyeb-clean": ("koyeb", {**BASE, "Procfile": "web: gunicorn app:app\n"}, []),
    "koyeb-fail": (
        "koyeb",
        {**BOTBASE, "Procfile": "web: python bot.py\n"},
        [("bot-deployed-as-web-service", "Procfile", 1)],
    ),
    "do-clean": (
        "do-app-platform",
        {
            **BASE,
            ".do/app.yaml": DO_SPEC.format(port=8080),
        },
        [],
    ),
    "do-fail": (
        "do-app-platform",
        {
            **BASE,
            ".do/app.yaml": DO_SPEC.format(port=5000),
        },
        [("web-port-unbound", ".do/app.yaml", 4)],
    ),
    "cloudrun-clean": ("cloud-run", {**BASE, "Procfile": "web: gunicorn --bind :$PORT app:app\n"}, []),
    "cloudrun-fail": (
        "cloud-run",
        {**BASE, "Procfile": "worker: gunicorn --bind :$PORT app:app\n"},
        [("procfile-web-required", "Procfile", 0)],
    ),
    "pa-clean": (
        "pythonanywhere",
        {**BASE, "app.py": FLASK_APP + "\n\nif __name__ == '__main__':\n    app.run()\n"},
        [],
    ),
    "pa-fail": (
        "pythonanywhere",
        {**BASE, "app.py": FLASK_APP + "\n\napp.run()\n"},
        [("pythonanywhere-app-run-at-import", "app.py", 13)],
    ),
}
for _platform, _files, _expected in CASES.values():
    for _path in [p for p, v in _files.items() if v is None]:
        del _files[_path]


def problems(app, platform, files):
    """(rule, path, line) of the error and warning findings on ``platform``: what fails or may fail there."""
    result = run_rules(app(files), platform=platform)
    assert not result.crashes, result.crashes
    return sorted((f.name, f.path, f.line) for f in result.active if f.severity.value != "info")


@pytest.mark.parametrize("case", sorted(CASES))
def test_clean_repo_is_silent_and_top_failure_is_caught(app, case):
    platform, files, expected = CASES[case]
    assert problems(app, platform, files) == expected


def test_every_profile_has_a_clean_and_a_failing_case():
    from preflight.project.platform import names

    covered = {platform for platform, _, expected in CASES.values() if expected}
    clean = {platform for platform, _, expected in CASES.values() if not expected}
    assert covered == clean == set(names())


def test_a_repo_with_only_railway_json_is_checked_along_its_start_command(app):
    files = {
        **BASE,
        "railway.json": '{"deploy": {"startCommand": "python web.py"}}\n',
        "web.py": "import flask\napp = flask.Flask(__name__)\napp.run(host='127.0.0.1', port=5000)\n",
    }
    found = problems(app, None, files)
    assert ("port-hardcoded", "web.py", 3) in found and ("host-localhost", "web.py", 3) in found
    assert ("railway-config-as-code-deprecated", "railway.json", 0) in found


# -- fixed ports the platform routes to (X-dokku-exposed-port, X-dokku-buildpack-port-5000) ------------------
def fixed_port(app, platform, files):
    result = run_rules(app(files), ["web-port-unbound"], platform=platform)
    return [(f.path, f.line, f.severity.value) for f in result.active]


def test_the_port_a_dockerfile_exposes_on_dokku_is_fine(app):
    dockerfile = DOCKER.replace("COPY . .\n", "COPY . .\nEXPOSE 8080\n")
    assert fixed_port(app, "dokku", {**BASE, "Dockerfile": dockerfile}) == []
    # the look-alike: a port the Dockerfile does not expose is not where Dokku routes
    assert fixed_port(app, "dokku", {**BASE, "Dockerfile": dockerfile.replace("EXPOSE 8080", "EXPOSE 5000")}) == [
        ("Dockerfile", 7, "error")
    ]


def test_a_platform_default_port_is_info_or_warning_not_error(app):
    procfile = {**BASE, "Procfile": "web: gunicorn --bind 0.0.0.0:5000 app:app\n"}
    assert fixed_port(app, "dokku", procfile) == [("Procfile", 1, "info")]  # Dokku sets PORT=5000
    assert fixed_port(app, "heroku", procfile) == [("Procfile", 1, "error")]  # $PORT is random
    cloud = {**BASE, "Procfile": "web: gunicorn --bind 0.0.0.0:8080 app:app\n"}
    assert fixed_port(app, "cloud-run", cloud) == [("Procfile", 1, "warning")]  # 8080 unless --port changes it
    assert fixed_port(app, "cloud-run", procfile) == [("Procfile", 1, "error")]


# -- what the platform builds (X-dockerfile-suffix-not-built, X-dokku-procfile-over-cmd) ----------------------
def test_dockerfile_of_a_process_is_heroku_only(app):
    files = {
        **BASE,
        ".dockerignore": ".git\n",
        "Dockerfile": DOCKER,
        "Dockerfile.worker": "FROM python:3.13-slim\nCOPY . .\n",
    }
    found = run_rules(app(files), ["dockerfile-no-cmd"], platform="fly").active
    assert found == []
    found = run_rules(app(files), ["dockerfile-no-cmd"], platform="heroku").active
    assert [(f.path, f.line) for f in found] == [("Dockerfile.worker", 1)]


def test_dokku_runs_the_procfile_in_a_dockerfile_image(app):
    files = {
        **BASE,
        ".dockerignore": ".git\n",
        "Dockerfile": DOCKER.replace('CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]\n', ""),
        "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    }
    assert [f.name for f in run_rules(app(files), ["dockerfile-no-cmd"], platform="dokku").active] == []
    assert [f.name for f in run_rules(app(files), ["dockerfile-no-cmd"], platform="fly").active] == [
        "dockerfile-no-cmd"
    ]


# -- no build at all (X-pythonanywhere-*) ----------------------------------------------------------------------
def test_build_rules_are_silent_where_nothing_is_built(app):
    files = {
        **BASE,
        "Pipfile": "[packages]\nflask = '*'\n",
        "runtime.txt": "python-3.13\n",
        "requirements.txt": "pip==25.0\nflask==3.1.2\n",
    }
    rules = ["lockfile-missing", "requirements-pip-listed", "runtime-txt-deprecated"]
    assert {f.name for f in run_rules(app(files), rules, platform="heroku").active} == set(rules)
    assert run_rules(app(files), rules, platform="pythonanywhere").active == []


def test_collectstatic_rule_only_where_the_build_runs_it(app):
    files = django_files(
        DJANGO_SETTINGS_HEAD + DJANGO_APPS + "STATIC_URL = '/static/'\nALLOWED_HOSTS = ['.herokuapp.com']\n"
    )
    on = {
        p: [f.path for f in run_rules(app(files), ["django-static-root-missing"], platform=p).active]
        for p in ("heroku", "scalingo", "render", "pythonanywhere")
    }
    assert on == {
        "heroku": ["mysite/settings.py"],
        "scalingo": ["mysite/settings.py"],
        "render": [],
        "pythonanywhere": [],
    }


# -- second cross-platform pass (FALSE_ALARMS.md "Cross-platform, second pass") ---------------------------------
def rule_on(app, files, rule, platform):
    return [(f.path, f.line, f.severity.value) for f in run_rules(app(files), [rule], platform=platform).active]


def test_fly_launch_ports_without_fly_toml(app):
    # fly launch makes the Dockerfile's first EXPOSE the internal_port (X-fly-launch-exposed-port)...
    exposed = DOCKER.replace("0.0.0.0:8080", "0.0.0.0:5000").replace("COPY . .\n", "COPY . .\nEXPOSE 5000\n")
    assert rule_on(app, {**BASE, "Dockerfile": exposed}, "listen-port-mismatch", "fly") == []
    assert rule_on(app, {**BASE, "Dockerfile": exposed.replace("EXPOSE 5000", "EXPOSE 8000")},
                   "listen-port-mismatch", "fly") == [("Dockerfile", 7, "error")]


def test_fly_launch_django_port(app, tmp_path):
    # ...and 8000 with PORT=8000 for a Django project (X-fly-launch-django-8000)
    files = django_files(DJANGO_SETTINGS_HEAD + "ALLOWED_HOSTS = ['*']\n")
    files["Dockerfile"] = "FROM python:3.13-slim\nCOPY . .\nCMD gunicorn --bind 0.0.0.0:8000 mysite.wsgi\n"
    assert rule_on(app, files, "listen-port-mismatch", "fly") == []


def test_dokku_dockerfile_port_is_the_exposed_one(app, tmp_path):
    # X-dokku-dockerfile-port-exposed: Dokku proxies a Dockerfile app to its EXPOSE port; the Procfile's command
    # goes to the ENTRYPOINT script as arguments, which it ignores
    dockerfile = ("FROM python:3.13-slim\nCOPY . .\nRUN chmod +x boot.sh\nEXPOSE 5000\n"
                  'ENTRYPOINT ["./boot.sh"]\n')
    files = {**BASE, "Dockerfile": dockerfile, "boot.sh": "#!/bin/bash\nexec gunicorn -b :5000 app:app\n",
             "Procfile": "web: gunicorn app:app\n"}
    assert rule_on(app, files, "dockerfile-port", "dokku") == []
    # the look-alike: no EXPOSE, and a port other than Dokku's 5000
    (tmp_path / "other").mkdir()
    other = {**files, "Dockerfile": dockerfile.replace("EXPOSE 5000\n", ""),
             "boot.sh": "#!/bin/bash\nexec gunicorn -b :8000 app:app\n"}
    from conftest import write_files

    write_files(tmp_path / "other", other)
    found = run_rules(tmp_path / "other", ["dockerfile-port"], platform="dokku").active
    assert [(f.path, f.line) for f in found] == [("Dockerfile", 4)]   # the ENTRYPOINT


def test_dokku_bot_as_web_is_a_warning_unless_a_health_check_is_declared(app):
    files = {**BOTBASE, "Procfile": "web: python bot.py\n"}
    assert rule_on(app, files, "web-port-unbound", "dokku") == [("Procfile", 1, "warning")]
    checked = {**files, "app.json": '{"healthchecks": {"web": [{"type": "startup", "path": "/"}]}}\n'}
    assert rule_on(app, checked, "web-port-unbound", "dokku") == [("Procfile", 1, "error")]


def test_python_range_of_a_build_that_does_not_run(app):
    # X-koyeb-version-of-undetected-python: uv.lock only, which Koyeb's build does not detect
    files = {".python-version": "3.14\n", "pyproject.toml": '[project]\nname = "a"\nversion = "1"\n',
             "uv.lock": "version = 1\n", "app.py": FLASK_APP}
    assert rule_on(app, files, "python-version-unavailable-on-platform", "koyeb") == []
    pip = {**files, "requirements.txt": "flask==3.1.2\n"}
    assert rule_on(app, pip, "python-version-unavailable-on-platform", "koyeb") == [(".python-version", 1, "error")]


# -- platform-native sample apps (FALSE_ALARMS.md "Platform-native apps") ----------------------------------------
def test_a_fallback_of_a_variable_the_manifest_sets_is_info(app, tmp_path):
    settings = DJANGO_SETTINGS_HEAD.replace("SECRET_KEY = 'x'", "SECRET_KEY = os.environ.get('SECRET_KEY', "
                                            "'django-insecure-7q3vk2mx9pw8rt1z0ye5u4n6bch2s8df3gq')")
    files = django_files("import os\n" + settings + "ALLOWED_HOSTS = ['*']\n")
    render = ("services:\n  - type: web\n    name: a\n    runtime: python\n    startCommand: gunicorn mysite.wsgi\n"
              "    envVars:\n      - key: SECRET_KEY\n        generateValue: true\n      - fromGroup: shared\n")
    found = run_rules(app({**files, "render.yaml": render}), ["secret-committed", "platform-manifest-invalid"],
                      platform="render").active
    assert [(f.name, f.severity.value) for f in found] == [("secret-committed", "info")]
    assert "render.yaml:7 sets SECRET_KEY on the platform" in found[0].message
    # the look-alike: no manifest sets it, so the fallback is what runs
    bare = run_rules(tmp_path_app(tmp_path, files), ["secret-committed"], platform="render").active
    assert [f.severity.value for f in bare] == ["error"]


def tmp_path_app(tmp_path, files):
    from conftest import write_files

    root = tmp_path / "bare"
    root.mkdir()
    write_files(root, files)
    return root


def test_a_config_bind_on_the_spec_port_is_fine_on_digitalocean(app):
    files = {**BASE, "gunicorn_config.py": "bind = '0.0.0.0:8080'\nworkers = 2\n",
             ".do/app.yaml": "name: x\nservices:\n  - name: web\n    run_command: gunicorn --config gunicorn_config.py "
                             "app:app\n"}
    assert rule_on(app, files, "config-port-hardcoded", "do-app-platform") == []
    assert rule_on(app, {**files, "gunicorn_config.py": "bind = '0.0.0.0:5000'\n"}, "config-port-hardcoded",
                   "do-app-platform") == [("gunicorn_config.py", 1, "error")]
