"""PF107 web-port-unbound: the web process never listens on $PORT."""
from __future__ import annotations

import pytest
from conftest import severities_at
from start_apps import BOTS, FLASK, image_app


# The Heroku Streamlit tutorial: setup.sh writes ~/.streamlit/config.toml with the shell expanding $PORT
# (HOME is /app on a dyno), then `streamlit run` reads it.
ST_APP = "import streamlit as st\n\nst.title('Hello')\n"


SETUP_SH = ('mkdir -p ~/.streamlit/\n\necho "\\\n[general]\\n\\\nemail = \\"you@example.com\\"\\n\\\n" > '
            '~/.streamlit/credentials.toml\n\necho "\\\n[server]\\n\\\nheadless = true\\n\\\nenableCORS=false\\n\\\n'
            'port = $PORT\\n\\\n" > ~/.streamlit/config.toml\n')


SETUP_HEREDOC = "mkdir -p ~/.streamlit\ncat > ~/.streamlit/config.toml <<EOF\n[server]\nheadless = true\n" \
                "port = ${PORT}\nenableCORS = false\nEOF\n"


@pytest.mark.parametrize("command", [
    "uvicorn main:app --host 0.0.0.0",
    "hypercorn main:app",
    "daphne -b 0.0.0.0 main:app",
    "waitress-serve main:app",
    "streamlit run main.py",
    "flask --app main run --host 0.0.0.0",
    "python manage.py runserver 0.0.0.0",
    "gunicorn --bind 0.0.0.0:8000 main:app",
    "gunicorn -b :5000 main:app",
    "uvicorn main:app --host 0.0.0.0 --port $APP_PORT",
])
def test_server_commands_without_port(check, command):
    files = {"Procfile": f"web: {command}\n", "main.py": "app = 1\n", "manage.py": ""}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Procfile", 1)]


@pytest.mark.parametrize("command", [
    "gunicorn main:app",
    "gunicorn main:app --bind 0.0.0.0:$PORT --workers 2",
    "uvicorn main:app --host 0.0.0.0 --port $PORT",
    "uvicorn main:app --host=0.0.0.0 --port=${PORT:-8000}",
    "hypercorn main:app --bind 0.0.0.0:$PORT",
    "streamlit run main.py --server.port=$PORT --server.address=0.0.0.0",
    "waitress-serve --port=$PORT main:app",
    "daphne -b 0.0.0.0 -p $PORT main:app",
    "python manage.py runserver 0.0.0.0:$PORT",
])
def test_server_commands_with_port(check, command):
    files = {"Procfile": f"web: {command}\n", "main.py": "app = 1\n", "manage.py": ""}
    assert check(files, "web-port-unbound") == []


@pytest.mark.parametrize("bot", sorted(BOTS))
def test_polling_bot_run_as_web(check, bot):
    files = {"Procfile": "web: python bot.py\n", "bot.py": BOTS[bot]}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Procfile", 1)]


@pytest.mark.parametrize("bot", sorted(BOTS))
def test_polling_bot_run_as_worker_is_right(check, bot):
    files = {"Procfile": "worker: python bot.py\n", "bot.py": BOTS[bot]}
    assert check(files, "web-port-unbound") == []


def test_polling_bot_in_a_django_management_command_run_as_web(check):
    command = ("import telebot\nfrom django.core.management.base import BaseCommand\nbot = telebot.TeleBot('x')\n\n"
               "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        bot.infinity_polling()\n")
    files = {"Procfile": "web: python manage.py runbot\n", "manage.py": "import os\n",
             "bot/__init__.py": "", "bot/management/__init__.py": "", "bot/management/commands/__init__.py": "",
             "bot/management/commands/runbot.py": command}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Procfile", 1)]
    files["Procfile"] = "worker: python manage.py runbot\n"
    assert check(files, "web-port-unbound") == []


def test_start_of_something_else_is_not_a_bot(check):
    files = {"Procfile": "web: python main.py\n",
             "main.py": "import threading\nclass Worker(threading.Thread):\n    pass\nw = Worker()\nw.start()\n"
                        "from scheduler import Scheduler\nScheduler().start()\n"}
    assert check(files, "web-port-unbound") == []


def test_polling_at_import_blocks_the_server(check):
    files = {"Procfile": "web: gunicorn app:app\n", "app.py": FLASK + "import bot\n", "bot.py": BOTS["telebot"]}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Procfile", 1)]


def test_polling_in_a_thread_next_to_a_server_is_fine(check):
    app = (FLASK + "import threading\nimport telebot\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n"
           "def run_bot():\n    bot.infinity_polling()\n\nthreading.Thread(target=run_bot, daemon=True).start()\n")
    assert check({"Procfile": "web: gunicorn app:app\n", "app.py": app}, "web-port-unbound") == []


def test_polling_next_to_a_server_started_as_a_thread_target_is_fine(check):
    app = FLASK + ("import threading\nimport telebot\nbot = telebot.TeleBot('x')\n"
                   "threading.Thread(target=app.run,\n"
                   "                 kwargs={'host': '0.0.0.0', 'port': int(os.environ['PORT'])}).start()\n"
                   "bot.infinity_polling()\n")
    assert check({"Procfile": "web: python bot.py\n", "bot.py": app}, "web-port-unbound") == []


def test_polling_under_a_dead_main_block_is_fine(check):
    app = FLASK + "import telebot\nbot = telebot.TeleBot('x')\nif __name__ == '__main__':\n    bot.polling()\n"
    assert check({"Procfile": "web: gunicorn app:app\n", "app.py": app}, "web-port-unbound") == []


def test_a_task_worker_as_web(check):
    files = {"Procfile": "web: celery -A tasks worker --loglevel=info\n", "tasks.py": "app = 1\n"}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Procfile", 1)]
    files["Procfile"] = "web: gunicorn tasks:app\nworker: celery -A tasks worker --loglevel=info\n"
    assert check(files, "web-port-unbound") == []


def test_container_cmd_without_port(check):
    files = {"Dockerfile": 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n',
             "main.py": "app = 1\n"}
    assert check(files, "web-port-unbound") == [("web-port-unbound", "Dockerfile", 4)]


@pytest.mark.parametrize("files", [
    {"Procfile": "web: sh setup.sh && streamlit run app.py\n", "setup.sh": SETUP_SH},
    {"Procfile": "web: bash setup.sh; streamlit run app.py\n", "setup.sh": SETUP_HEREDOC},
    # printf turns \n into new lines in every shell; so does echo -e in bash
    {"Procfile": 'web: mkdir -p ~/.streamlit && printf "[server]\\nport = $PORT\\n" > ~/.streamlit/config.toml '
                 '&& streamlit run app.py\n'},
    {"Procfile": "web: bash setup.sh && streamlit run app.py\n", "setup.sh": SETUP_SH.replace('echo "', 'echo -e "')},
    # the script runs streamlit itself after writing the config
    {"Procfile": "web: sh start.sh\n", "start.sh": SETUP_HEREDOC + "streamlit run app.py\n"},
    # a committed config that reads the variable itself (Streamlit's "env:" values)
    {"Procfile": "web: streamlit run app.py\n", ".streamlit/config.toml": '[server]\nport = "env:PORT"\n'},
    # the environment variable and the flag, which both outrank the config files
    {"Procfile": "web: STREAMLIT_SERVER_PORT=$PORT streamlit run app.py\n"},
    {"Procfile": "web: sh start.sh\n", "start.sh": "export STREAMLIT_SERVER_PORT=$PORT\nstreamlit run app.py\n"},
    {"Procfile": "web: streamlit run app.py --server.port=$PORT\n",
     ".streamlit/config.toml": "[server]\nport = 8501\n"},
    {"Procfile": "web: streamlit run app.py --server.port $PORT --server.address 0.0.0.0\n"},
])
def test_streamlit_port_from_a_config_or_variable_is_bound(check, files):
    assert check({"app.py": ST_APP, **files}, "web-port-unbound") == []


@pytest.mark.parametrize("files, says", [
    # no port anywhere: 8501
    ({"Procfile": "web: sh setup.sh && streamlit run app.py\n",
      "setup.sh": SETUP_SH.replace("port = $PORT\\n\\\n", "")}, "listens on 8501"),
    # the config the setup script writes pins a port
    ({"Procfile": "web: sh setup.sh && streamlit run app.py\n", "setup.sh": SETUP_SH.replace("$PORT", "8501")},
     "fixed port 8501 (setup.sh:12)"),
    # bash's echo keeps \n as two characters: the tutorial's setup.sh run by bash writes one line, not TOML
    ({"Procfile": "web: bash setup.sh && streamlit run app.py\n", "setup.sh": SETUP_SH},
     "setup.sh:12 is written by echo with \\n escapes, which bash's echo keeps"),
    ({"Procfile": 'web: echo "[server]\\nport = $PORT" > ~/.streamlit/config.toml && streamlit run app.py\n'},
     "Procfile:1 is written by echo with \\n escapes"),
    # a quoted heredoc writes '$PORT' unexpanded: the file is not TOML and Streamlit ignores it
    ({"Procfile": "web: sh setup.sh && streamlit run app.py\n", "setup.sh": SETUP_HEREDOC.replace("<<EOF", "<<'EOF'")},
     "setup.sh:5 writes port = ${PORT} unexpanded"),
    # the committed config: a literal port, or a shell variable TOML does not expand
    ({"Procfile": "web: streamlit run app.py\n", ".streamlit/config.toml": "[server]\nheadless = true\nport = 8080\n"},
     "fixed port 8080 (.streamlit/config.toml:3)"),
    ({"Procfile": "web: streamlit run app.py\n", ".streamlit/config.toml": '[server]\nport = "$PORT"\n'},
     '.streamlit/config.toml:2 sets port to the text "$PORT"'),
    ({"Procfile": "web: streamlit run app.py\n", ".streamlit/config.toml": "[server]\nport = $PORT\n"},
     ".streamlit/config.toml does not parse as TOML"),
    # a config beside the script outranks the one the setup script writes
    ({"Procfile": "web: sh setup.sh && streamlit run web/app.py\n", "setup.sh": SETUP_SH, "web/app.py": ST_APP,
      "web/.streamlit/config.toml": "[server]\nport = 8501\n"}, "fixed port 8501 (web/.streamlit/config.toml:2)"),
])
def test_streamlit_port_from_a_config_that_is_not_port(app, files, says):
    from conftest import run_rules

    found = run_rules(app({"app.py": ST_APP, **files}), ["web-port-unbound"]).active
    assert [(f.path, f.line) for f in found] == [("Procfile", 1)]
    assert says in found[0].message, found[0].message


# Container mode: the image's CMD, or heroku.yml run, is the web command; findings are at its line.
def test_flask_run_in_the_image_cmd(check):
    assert check(image_app("CMD flask run", **{"app.py": FLASK}), "web-port-unbound") == [
        ("web-port-unbound", "Dockerfile", 5)]


@pytest.mark.parametrize("cmd,where", [('CMD ["python", "bot.py"]', ("Dockerfile", 5)),
                                       ("CMD python bot.py", ("Dockerfile", 5)),
                                       ('CMD ["./start.sh"]', ("start.sh", 2))])   # the script's line that runs it
def test_polling_bot_as_the_image_cmd(check, cmd, where):
    files = image_app(cmd, **{"bot.py": BOTS["telebot"], "start.sh": "#!/bin/sh\nexec python bot.py\n"})
    assert check(files, "web-port-unbound") == [("web-port-unbound", *where)]


def test_polling_bot_run_as_a_heroku_yml_worker_is_right(check):
    files = image_app('CMD ["python", "bot.py"]', **{"bot.py": BOTS["telebot"], "heroku.yml": (
        "build:\n  docker:\n    worker: Dockerfile\nrun:\n  worker: python bot.py\n")})
    assert check(files, "web-port-unbound") == []
    files["heroku.yml"] = "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: python bot.py\n"
    assert check(files, "web-port-unbound") == [("web-port-unbound", "heroku.yml", 5)]


@pytest.mark.parametrize("cmd", ["CMD gunicorn -b 0.0.0.0:$PORT app:app",
                                 # exec form: the text $PORT reaches gunicorn; dockerfile-port reports that one
                                 'CMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"]'])
def test_gunicorn_on_port_in_the_image_cmd(check, cmd):
    assert check(image_app(cmd, **{"app.py": FLASK}), "web-port-unbound") == []


# FALSE_ALARMS.md W-compose-only-app: ('web-port-unbound', 'Dockerfile', 6) must drop to info;
# its true look-alike ('web-port-unbound', 'Dockerfile', 6) still fires.
COMPOSE_ONLY = {
    '.gitignore': '.env\n__pycache__/\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\n',
    'app.py': 'import flask\n\napp = flask.Flask(__name__)\n',
    'Dockerfile': ('FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000'
                   '\nCMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]\n'),
    'docker-compose.yml': 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n',
}
COMPOSE_ONLY_LOOKALIKE = {
    **{k: v for k, v in COMPOSE_ONLY.items() if k not in ('docker-compose.yml',)},
    'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\n',
}


def test_w_compose_only_app_is_info(app):
    assert severities_at(app(COMPOSE_ONLY, git=True), 'web-port-unbound', 'Dockerfile', 6) == ['info']


def test_w_compose_only_app_lookalike_fires(app):
    found = severities_at(app(COMPOSE_ONLY_LOOKALIKE, git=True), 'web-port-unbound', 'Dockerfile', 6)
    assert found in (['error'], ['warning'])


def test_runs_only_where_the_platform_sets_port(check):
    # Fly sets no PORT (listen-port-mismatch compares with internal_port) and PythonAnywhere has no port:
    # the rule needs the profile's port_env. Render sets PORT but reads no Procfile (X-render-procfile-port):
    # its start command is render.yaml's startCommand.
    files = {"Procfile": "web: uvicorn main:app --host 0.0.0.0\n", "main.py": "app = 1\n"}
    assert check(files, "web-port-unbound", platform="koyeb") == [("web-port-unbound", "Procfile", 1)]
    assert check(files, "web-port-unbound", platform="render") == []
    render = {"render.yaml": "services:\n  - type: web\n    name: a\n    runtime: python\n"
                             "    startCommand: uvicorn main:app --host 0.0.0.0\n", "main.py": "app = 1\n"}
    assert check(render, "web-port-unbound", platform="render") == [("web-port-unbound", "render.yaml", 5)]
    assert check(files, "web-port-unbound", platform="fly") == []
    assert check(files, "web-port-unbound", platform="pythonanywhere") == []


def test_polling_bot_left_to_bot_deployed_as_web_service_where_it_runs(check):
    files = {"Procfile": "web: python bot.py\n", "requirements.txt": "pyTelegramBotAPI==4.29.1\n",
             "bot.py": "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"}
    assert check(files, "web-port-unbound", platform="dokku") == [("web-port-unbound", "Procfile", 1)]
    assert check(files, "web-port-unbound", platform="render") == []


def test_bind_with_a_port_fallback_reads_port(check):
    # 0.0.0.0:${PORT:-8000}: the colon inside ${...} is not the host:port separator.
    files = {"Procfile": "web: gunicorn --bind 0.0.0.0:${PORT:-8000} main:app\n", "main.py": "app = 1\n"}
    assert check(files, "web-port-unbound") == []
