import pytest


def test_fixed_port_fires_at_the_cmd(check):
    files = {"Dockerfile": 'FROM node:20\nEXPOSE 3000\nCOPY . .\nCMD ["node", "server.js", "--port", "3000"]\n'}
    assert check(files, "dockerfile-port") == [("dockerfile-port", "Dockerfile", 4)]


def test_fixed_port_in_heroku_yml_run(check):
    files = {"Dockerfile": "FROM nginx:1.27\nCOPY . /usr/share/nginx/html\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: nginx -g 'daemon off;' -c x "
                           "&& php -S 0.0.0.0:8080\n"}
    assert check(files, "dockerfile-port") == [("dockerfile-port", "heroku.yml", 5)]


LOOKALIKES_CASES = [
    'FROM node:20\nCOPY . .\nCMD node server.js --port $PORT\n',                       # shell form with $PORT
    'FROM node:20\nCOPY . .\nCMD ["sh", "-c", "exec node server.js --port $PORT"]\n',  # a shell expands it
    'FROM node:20\nCOPY . .\nENTRYPOINT ["tini", "--"]\nCMD ["sh", "-c", "node server.js --port $PORT"]\n',
    'FROM node:20\nEXPOSE 3000\nCOPY . .\nCMD ["node", "server.js"]\n',                # no literal port
    'FROM node:20\nARG PORT=3000\nCOPY . .\nCMD node server.js --port ${PORT}\n',
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-port") == []


EXEC_FORM_GUNICORN = {
    "Dockerfile": 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n'
                  'CMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"]\n',
    "app.py": "from flask import Flask\napp = Flask(__name__)\n", "requirements.txt": "flask\ngunicorn\n"}


def test_port_in_an_exec_form_cmd_is_a_warning_at_the_cmd(app):
    """Exec form: Docker never expands $PORT there. dockerfile-port reports it as a warning, not an error, since
    Heroku documents that it runs CMD through a shell (web-port-unbound, which reads the port the command names,
    sees $PORT and stays silent)."""
    from conftest import run_rules

    found = [f for f in run_rules(app(EXEC_FORM_GUNICORN)).active if "port" in f.name]
    assert [(f.name, f.path, f.line, f.severity.value) for f in found] == [
        ("dockerfile-port", "Dockerfile", 5, "warning")]
    assert found[0].message.startswith("'0.0.0.0:$PORT' is in an exec-form command (a JSON array)")
    assert "CMD gunicorn -b 0.0.0.0:$PORT app:app" in found[0].hint


def test_port_in_an_exec_form_entrypoint_and_cmd(check):
    files = {"Dockerfile": 'FROM node:20\nCOPY . .\nENTRYPOINT ["node", "server.js"]\nCMD ["--port", "${PORT}"]\n'}
    assert check(files, "dockerfile-port") == [("dockerfile-port", "Dockerfile", 4)]


def test_shell_form_gunicorn_with_port_is_silent(check):
    files = dict(EXEC_FORM_GUNICORN, Dockerfile=EXEC_FORM_GUNICORN["Dockerfile"].replace(
        'CMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"]', "CMD gunicorn -b 0.0.0.0:$PORT app:app"))
    assert check(files, "dockerfile-port") == [] and check(files, "web-port-unbound") == []


def test_port_read_in_the_entry_script_does_not_fire(check):
    files = {"Dockerfile": 'FROM python:3.13\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh", "--port", "8000"]\n',
             "run.sh": '#!/bin/sh\nexec gunicorn -b 0.0.0.0:${PORT:-8000} app:app\n'}
    assert check(files, "dockerfile-port") == []


def test_python_server_left_to_web_port_unbound(check):
    files = {"Dockerfile": 'FROM python:3.13\nWORKDIR /app\nCOPY . .\nCMD gunicorn -b 0.0.0.0:8000 app:app\n',
             "app.py": "from flask import Flask\napp = Flask(__name__)\n", "requirements.txt": "flask\ngunicorn\n"}
    assert check(files, "dockerfile-port") == []
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Dockerfile", 4)]


def test_a_client_address_is_not_a_listen_port(check):
    files = {"Dockerfile": "FROM node:20\nCOPY . .\nCMD wait-for-it localhost:5432 -- node server.js\n"}
    assert check(files, "dockerfile-port") == []
    files = {"Dockerfile": "FROM node:20\nCOPY . .\nCMD PORT=8000 node server.js 0.0.0.0:8000\n"}
    assert check(files, "dockerfile-port") == [("dockerfile-port", "Dockerfile", 3)]


NODE_IMAGE = {"Dockerfile": 'FROM node:20\nEXPOSE 3000\nCOPY . .\nCMD ["node", "server.js", "--port", "3000"]\n'}


def test_fixed_port_on_a_compose_deploy_is_info_with_the_reason(app):
    # issue #8 item 7: compose maps the port; nothing says this image is pushed to the platform
    from conftest import rule_findings
    found = rule_findings(app({**NODE_IMAGE, "docker-compose.yml": "services:\n  web:\n    build: .\n"}),
                          "dockerfile-port")
    assert [(f.path, f.line, f.severity.value) for f in found] == [("Dockerfile", 4, "info")]
    assert "deploys with docker compose (docker-compose.yml)" in found[0].message


def test_fixed_port_with_heroku_yml_next_to_compose_still_fires(app):
    from conftest import rule_findings
    files = {**NODE_IMAGE, "docker-compose.yml": "services:\n  web:\n    build: .\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"}
    found = rule_findings(app(files), "dockerfile-port")
    assert [(f.path, f.line, f.severity.value) for f in found] == [("Dockerfile", 4, "error")]


def test_runs_only_where_the_platform_sets_port(check):
    files = {"Dockerfile": 'FROM node:20\nEXPOSE 3000\nCOPY . .\nCMD ["node", "server.js", "--port", "3000"]\n'}
    assert check(files, "dockerfile-port", platform="cloud-run") == [("dockerfile-port", "Dockerfile", 4)]
    assert check(files, "dockerfile-port", platform="fly") == []
