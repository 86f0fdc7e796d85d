"""PF809 listen-port-mismatch: on Fly (no PORT) the web server listens elsewhere than internal_port."""
from __future__ import annotations

import pytest
from conftest import where

from pf8_helpers import on

RULE = "listen-port-mismatch"

# The corrected app of seed 000 (examples/flask-bot-clean): a Flask webhook bot served by gunicorn.
FLASK_BOT = {
    "Procfile": "web: gunicorn flask_app:app\n",
    "requirements.txt": "Flask==3.1.2\ngunicorn==23.0.0\npyTelegramBotAPI==4.29.1\n",
    ".python-version": "3.13\n",
    ".gitignore": ".env\n__pycache__/\n.venv/\n",
    "flask_app.py": (
        "import os\n\nimport flask\nimport telebot\n\nTOKEN = os.environ[\"TOKEN\"]\nAPP_URL = os.environ[\"APP_URL\"]\n\n"
        "bot = telebot.TeleBot(TOKEN, threaded=False)\nbot.remove_webhook()\nbot.set_webhook(url=f\"{APP_URL}/bot\")\n\n"
        "app = flask.Flask(__name__)\n\n\n@bot.message_handler(func=lambda m: True)\ndef send_len(message):\n"
        "    bot.send_message(message.chat.id, f\"Your message has {len(message.text)} characters.\")\n\n\n"
        "@app.route(\"/\", methods=[\"GET\", \"HEAD\"])\ndef index():\n    return \"ok\"\n\n\n"
        "@app.route(\"/bot\", methods=[\"POST\"])\ndef webhook():\n"
        "    if flask.request.headers.get(\"content-type\") != \"application/json\":\n        flask.abort(403)\n"
        "    update = telebot.types.Update.de_json(flask.request.get_data().decode(\"utf-8\"))\n"
        "    bot.process_new_updates([update])\n    return \"\"\n\n\n"
        "if __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=int(os.environ.get(\"PORT\", 5000)))\n"),
}


def found(app, files, platform="fly"):
    return on(app, files, RULE, platform)


def test_seed_000_corrected_app_on_fly(app):
    """The acceptance case: PORT is not set on Fly, gunicorn falls back to 127.0.0.1:8000, use internal_port 8080."""
    [f] = found(app, FLASK_BOT)
    assert where([f]) == [(RULE, "Procfile", 1)]
    # Fly runs a Procfile only with a buildpack builder (X-fly-procfile-not-run): info that says so, beside
    # procfile-not-read-by-platform's warning
    assert f.severity.value == "info"
    assert f.message.startswith("if Procfile is used (Fly runs a Procfile only with a buildpack builder in fly.toml "
                                "[build]): 'gunicorn flask_app:app' reads $PORT, which Fly.io does not set: it listens "
                                "on 127.0.0.1:8000, and Fly.io's proxy sends requests to internal_port 8080")
    assert "not listening on the expected address" in f.message
    assert f.hint.startswith("web: gunicorn --bind 0.0.0.0:8080 flask_app:app, and internal_port = 8080 in fly.toml "
                             "[http_service]")
    assert '[env] PORT = "8080"' in f.hint


def test_an_error_when_fly_toml_builds_with_buildpacks(app):
    fly = "app = 'x'\n\n[build]\n  builder = 'paketobuildpacks/builder:base'\n"
    [f] = found(app, {**FLASK_BOT, "fly.toml": fly})
    assert where([f]) == [(RULE, "Procfile", 1)] and f.severity.value == "error"
    assert f.message.startswith("'gunicorn flask_app:app' reads $PORT, which Fly.io does not set")


def test_silent_on_platforms_that_set_port(app):
    for platform in ("heroku", "render", "koyeb", "pythonanywhere"):
        assert found(app, FLASK_BOT, platform) == [], platform


@pytest.mark.parametrize("command,shown", [
    ("gunicorn --bind 0.0.0.0:$PORT flask_app:app", "empty port"),
    ("gunicorn --bind 0.0.0.0:${PORT:-8000} flask_app:app", "0.0.0.0:8000"),
    ("uvicorn flask_app:app --host 0.0.0.0 --port 8000", "0.0.0.0:8000"),
    ("uvicorn flask_app:app", "127.0.0.1:8000"),
])
def test_commands_that_miss_internal_port(app, command, shown):
    [f] = found(app, {**FLASK_BOT, "Procfile": f"web: {command}\n"})
    assert where([f]) == [(RULE, "Procfile", 1)] and shown in f.message


@pytest.mark.parametrize("command", [
    "gunicorn --bind 0.0.0.0:8080 flask_app:app",
    "gunicorn --bind :8080 flask_app:app",
    "gunicorn --bind 0.0.0.0:${PORT:-8080} flask_app:app",
    "uvicorn flask_app:app --host 0.0.0.0 --port 8080",
])
def test_commands_on_internal_port_are_fine(app, command):
    assert found(app, {**FLASK_BOT, "Procfile": f"web: {command}\n"}) == []


def test_server_started_in_code_falls_back_to_its_default(app):
    # python flask_app.py runs the __main__ block: PORT unset, so app.run listens on 5000.
    [f] = found(app, {**FLASK_BOT, "Procfile": "web: python flask_app.py\n"})
    assert where([f]) == [(RULE, "flask_app.py", 36)]
    assert "5000" in f.message and "reads $PORT" in f.message


def test_image_command_on_fly(app):
    files = {k: v for k, v in FLASK_BOT.items() if k != "Procfile"}
    files["Dockerfile"] = "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD gunicorn flask_app:app\n"
    assert [(f.path, f.line) for f in found(app, files)] == [("Dockerfile", 4)]


# -- fly.toml: its internal_port and [env] PORT ---------------------------------------------------------------
FLY_FLASK = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
             "app.py": "import flask\napp = flask.Flask(__name__)\n", "Procfile": "web: gunicorn app:app\n"}


def fly_found(app, fly_toml):
    from conftest import findings

    return findings(app({**FLY_FLASK, "fly.toml": fly_toml}), ["listen-port-mismatch"], platform="fly")


def test_env_port_equal_to_internal_port_is_silent(app):
    assert fly_found(app, "app = 'x'\n\n[env]\n  PORT = '8080'\n\n[http_service]\n  internal_port = 8080\n") == []


def test_env_port_other_than_internal_port_fires(app):
    assert fly_found(app, "app = 'x'\n\n[env]\n  PORT = '5000'\n\n[http_service]\n  internal_port = 8080\n") == [
        ("listen-port-mismatch", "Procfile", 1)]


def test_internal_port_of_fly_toml_is_the_one_compared(app, tmp_path):
    root = app({**FLY_FLASK, "Procfile": "web: gunicorn --bind 0.0.0.0:8000 app:app\n",
                "fly.toml": "app = 'x'\n\n[http_service]\n  internal_port = 8000\n"})
    from conftest import findings

    assert findings(root, ["listen-port-mismatch"], platform="fly") == []
