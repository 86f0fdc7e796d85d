"""PF105 procfile-target-missing, PF106 procfile-dev-server, PF107 web-port-unbound."""
from __future__ import annotations

import pytest

FLASK = "import os\nimport flask\n\napp = flask.Flask(__name__)\n"
RUN_MAIN = "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n"


# -- procfile-target-missing ---------------------------------------------------------------------------
@pytest.mark.parametrize("files", [
    {"Procfile": "web: python flask_app.py\n", "app.py": FLASK},
    {"Procfile": "web: gunicorn app:app\n", "main.py": FLASK},
    {"Procfile": "web: gunicorn main:application\n", "main.py": FLASK},
    {"Procfile": "web: gunicorn 'main:create_app()'\n", "main.py": FLASK},
    {"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port $PORT\n", "src/main.py": "app = 1\n"},
    {"Procfile": "worker: celery -A tasks worker\n", "app.py": FLASK},
    {"Procfile": "web: flask --app server run\n", "app.py": FLASK},
])
def test_target_missing_fires_at_the_procfile_line(check, files):
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]


@pytest.mark.parametrize("files,hint", [
    ({"Procfile": "web: gunicorn app:app\n", "main.py": FLASK, "models.py": "db = 1\n"},
     "(main.py defines 'app': did you mean 'main:app'?)"),
    ({"Procfile": "web: gunicorn 'app:create_app()'\n", "wsgi.py": "def create_app():\n    pass\n"},
     "(wsgi.py defines 'create_app': did you mean 'wsgi:create_app()'?)"),
    ({"Procfile": "web: gunicorn App:app\n", "app.py": FLASK}, "(app.py exists: module names are case-sensitive"),
    ({"Procfile": "web: python Bot.py\n", "bot.py": FLASK}, "(bot.py is: file names are case-sensitive"),
    # two modules define it, or none does: no guess
    ({"Procfile": "web: gunicorn app:app\n", "main.py": FLASK, "wsgi.py": FLASK}, "repository: the web"),
    ({"Procfile": "web: gunicorn app:app\n", "main.py": "x = 1\n"}, "repository: the web"),
])
def test_target_missing_names_the_module_that_has_the_app(app, files, hint):
    from conftest import run_rules

    found = [f for f in run_rules(app(files), ["procfile-target-missing"]).active]
    assert [(f.path, f.line) for f in found] == [("Procfile", 1)]
    assert hint in found[0].message


def test_target_missing_in_a_script_run_by_the_container(check):
    files = {"Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["./run.sh"]\n',
             "run.sh": "#!/bin/sh\nexport PYTHONPATH=.\nexec python server.py\n", "main.py": ""}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "run.sh", 3)]


def test_target_missing_in_heroku_yml_and_dockerfile(check):
    files = {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n    worker: Dockerfile\n"
                           "run:\n  worker: python worker.py\n",
             "Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD gunicorn web:app\n", "main.py": FLASK}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Dockerfile", 4),
                                                        ("procfile-target-missing", "heroku.yml", 6)]


@pytest.mark.parametrize("files", [
    {"Procfile": "web: gunicorn flask_app:app\n", "flask_app.py": FLASK},
    {"Procfile": "web: gunicorn 'factory:create_app()'\n", "factory.py": "def create_app():\n    pass\n"},
    {"Procfile": "web: gunicorn --chdir src app:app\n", "src/app.py": FLASK},
    {"Procfile": "web: gunicorn main:app\n", "main.py": "from setup_app import *\n", "setup_app.py": FLASK},
    {"Procfile": "web: gunicorn main:app\n", "main.py": "from factory import app\n", "factory.py": FLASK},
    {"Procfile": "web: python flask_app.py\n"},               # no Python code at all: nothing to compare with
    {"Procfile": "web: python -m http.server $PORT\n", "app.py": ""},
])
def test_target_present_is_silent(check, files):
    assert check(files, "procfile-target-missing") == []


# -- procfile-dev-server --------------------------------------------------------------------------------
def test_python_file_ending_in_app_run_is_a_dev_server(check):
    """The seed: web: python flask_app.py, in a Procfile.txt the user meant as the Procfile."""
    files = {"Procfile.txt": "web: python flask_app.py\n", "flask_app.py": FLASK + RUN_MAIN}
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "Procfile.txt", 1)]


@pytest.mark.parametrize("command", [
    "flask run --host 0.0.0.0 --port $PORT",
    "python manage.py runserver 0.0.0.0:$PORT",
    "adev runserver app.py --port $PORT",
    "uvicorn app:app --reload --host 0.0.0.0 --port $PORT",
])
def test_dev_server_commands(check, command):
    files = {"Procfile": f"release: echo\nweb: {command}\n", "app.py": FLASK, "manage.py": ""}
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "Procfile", 2)]


@pytest.mark.parametrize("files", [
    # the same app.run under __main__, but gunicorn imports the module: that block never runs
    {"Procfile": "web: gunicorn flask_app:app\n", "flask_app.py": FLASK + RUN_MAIN},
    # aiohttp's run_app is a production server
    {"Procfile": "web: python main.py\n", "main.py": "import os\nfrom aiohttp import web\napp = web.Application()\n"
                                                     "web.run_app(app, port=int(os.environ['PORT']))\n"},
    # bottle told to use a production server
    {"Procfile": "web: python app.py\n", "app.py": "import os\nfrom bottle import run, Bottle\napp = Bottle()\n"
                                                   "run(app, server='gunicorn', host='0.0.0.0', "
                                                   "port=int(os.environ['PORT']))\n"},
    # a dev server in a worker process is not serving traffic
    {"Procfile": "worker: python flask_app.py\n", "flask_app.py": FLASK + RUN_MAIN},
])
def test_production_servers_are_not_dev_servers(check, files):
    assert check(files, "procfile-dev-server") == []


# -- web-port-unbound ----------------------------------------------------------------------------------------
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


BOTS = {
    "telebot": "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n"
               "@bot.message_handler(commands=['start'])\ndef start(m):\n    bot.reply_to(m, 'hi')\n\n"
               "bot.infinity_polling()\n",
    "aiogram2": "from aiogram import Bot, Dispatcher, executor\nbot = Bot('x')\ndp = Dispatcher(bot)\n"
                "if __name__ == '__main__':\n    executor.start_polling(dp, skip_updates=True)\n",
    "aiogram3": "import asyncio\nfrom aiogram import Bot, Dispatcher\ndp = Dispatcher()\n\n"
                "async def main():\n    await dp.start_polling(Bot('x'))\n\n"
                "if __name__ == '__main__':\n    asyncio.run(main())\n",
    "ptb": "from telegram.ext import Application\napp = Application.builder().token('x').build()\n"
           "app.run_polling()\n",
    "discord": "import os\nimport discord\nclient = discord.Client(intents=discord.Intents.default())\n"
               "client.run(os.environ['TOKEN'])\n",
    # discord.py as its docs write it: a Client subclass, and commands.Bot started inside an async main()
    "discord-subclass": "import os\nimport discord\n\nclass MyClient(discord.Client):\n"
                        "    async def on_ready(self):\n        print('ready')\n\n"
                        "client = MyClient(intents=discord.Intents.default())\nclient.run(os.environ['TOKEN'])\n",
    "discord-start": "import asyncio\nimport os\nfrom discord.ext import commands\n"
                     "bot = commands.Bot(command_prefix='!', intents=None)\n\n"
                     "async def main():\n    async with bot:\n        await bot.start(os.environ['TOKEN'])\n\n"
                     "asyncio.run(main())\n",
    "vk": "import vk_api\nfrom vk_api.longpoll import VkLongPoll\nsession = vk_api.VkApi(token='x')\n"
          "for event in VkLongPoll(session).listen():\n    pass\n",
}


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


def test_dev_server_started_by_an_imported_module(check):
    files = {"Procfile": "web: python run.py\n", "run.py": "from server import start\nstart()\n",
             "server.py": "import os\nfrom flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n\n"
                          "def start():\n    create_app().run(host='0.0.0.0', port=int(os.environ['PORT']))\n"}
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "Procfile", 1)]


# -- procfile-target-missing: the project itself installed by the package manager -----------------------
# Layouts as the tools make them (`uv init --package`, `poetry new`, a setuptools src layout installed by
# `-e .`): the buildpack's install puts src/<name> on sys.path, so `gunicorn <name>:app` imports.
FLASK_PKG = "import flask\n\napp = flask.Flask(__name__)\n\n\ndef main() -> None:\n    print('Hello')\n"
UV_PACKAGE = """[project]
name = "uvapp"
version = "0.1.0"
description = "Add your description here"
readme = "README.md"
authors = [
    { name = "Ann Dev", email = "ann@example.com" }
]
requires-python = ">=3.12"
dependencies = [
    "flask>=3.1.0",
    "gunicorn>=23.0.0",
]

[project.scripts]
uvapp = "uvapp:main"

[build-system]
requires = ["uv_build>=0.8.13,<0.9.0"]
build-backend = "uv_build"
"""
UV_HATCHLING = UV_PACKAGE.replace('requires = ["uv_build>=0.8.13,<0.9.0"]\nbuild-backend = "uv_build"',
                                  'requires = ["hatchling"]\nbuild-backend = "hatchling.build"')


def uv_package_lock(name="uvapp", source='{ editable = "." }'):
    return (f'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n\n[[package]]\nname = "flask"\n'
            f'version = "3.1.2"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n[[package]]\n'
            f'name = "gunicorn"\nversion = "23.0.0"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n'
            f'[[package]]\nname = "{name}"\nversion = "0.1.0"\nsource = {source}\ndependencies = [\n'
            f'    {{ name = "flask" }},\n    {{ name = "gunicorn" }},\n]\n\n[package.metadata]\nrequires-dist = [\n'
            f'    {{ name = "flask", specifier = ">=3.1.0" }},\n    {{ name = "gunicorn", specifier = ">=23.0.0" }},\n]\n')


POETRY_PACKAGE = """[project]
name = "poetryapp"
version = "0.1.0"
description = ""
authors = [
    {name = "Ann Dev",email = "ann@example.com"}
]
readme = "README.md"
requires-python = ">=3.12"
dependencies = [
    "flask (>=3.1.0,<4.0.0)",
    "gunicorn (>=23.0.0,<24.0.0)"
]

[tool.poetry]
packages = [{include = "poetryapp", from = "src"}]

[build-system]
requires = ["poetry-core>=2.0.0,<3.0.0"]
build-backend = "poetry.core.masonry.api"
"""
POETRY_LOCK = ('[[package]]\nname = "flask"\nversion = "3.1.2"\ndescription = ""\noptional = false\n'
               'python-versions = ">=3.9"\ngroups = ["main"]\nfiles = []\n\n[metadata]\nlock-version = "2.1"\n'
               'python-versions = ">=3.12"\ncontent-hash = "0"\n')
SETUPTOOLS_SRC = """[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "pipapp"
version = "0.1.0"
dependencies = ["flask>=3.1", "gunicorn>=23"]

[tool.setuptools.packages.find]
where = ["src"]
"""
INSTALLED_LAYOUTS = {
    "uv-init-package": {"pyproject.toml": UV_PACKAGE, "uv.lock": uv_package_lock(), ".python-version": "3.12\n",
                        "README.md": "", "src/uvapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn uvapp:app\n"},
    "uv-hatchling": {"pyproject.toml": UV_HATCHLING, "uv.lock": uv_package_lock(), ".python-version": "3.12\n",
                     "README.md": "", "src/uvapp/__init__.py": FLASK_PKG, "src/uvapp/py.typed": "",
                     "Procfile": "web: gunicorn uvapp:app\n"},
    "poetry-new": {"pyproject.toml": POETRY_PACKAGE, "poetry.lock": POETRY_LOCK, "README.md": "",
                   "src/poetryapp/__init__.py": "", "src/poetryapp/web.py": FLASK_PKG, "tests/__init__.py": "",
                   "Procfile": "web: gunicorn poetryapp.web:app\n"},
    "poetry-auto-src": {"pyproject.toml": POETRY_PACKAGE.replace('packages = [{include = "poetryapp", '
                                                                 'from = "src"}]\n', 'package-mode = true\n'),
                        "poetry.lock": POETRY_LOCK, "README.md": "", "src/poetryapp/__init__.py": FLASK_PKG,
                        "Procfile": "web: gunicorn poetryapp:app\n"},
    "pip-editable-src": {"requirements.txt": "-e .\n", "pyproject.toml": SETUPTOOLS_SRC,
                         "src/pipapp/__init__.py": "", "src/pipapp/wsgi.py": FLASK_PKG,
                         "Procfile": "web: gunicorn pipapp.wsgi:app\n"},
    "pip-dot-package-dir": {"requirements.txt": "gunicorn==23.0.0\n.\n",
                            "pyproject.toml": SETUPTOOLS_SRC.replace(
                                '[tool.setuptools.packages.find]\nwhere = ["src"]',
                                '[tool.setuptools]\npackage-dir = {"" = "lib"}\npackages = ["pipapp"]'),
                            "lib/pipapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn pipapp:app\n"},
    "pip-setup-py-src": {"requirements.txt": "--editable .\n",
                         "setup.py": "from setuptools import find_packages, setup\n\nsetup(name='pipapp', "
                                     "package_dir={'': 'src'}, packages=find_packages('src'))\n",
                         "src/pipapp/__init__.py": FLASK_PKG, "Procfile": "web: gunicorn pipapp:app\n"},
}


@pytest.mark.parametrize("layout", sorted(INSTALLED_LAYOUTS))
def test_installed_project_package_is_importable(check, layout):
    assert check(INSTALLED_LAYOUTS[layout], "procfile-target-missing") == []


@pytest.mark.parametrize("layout, change", [
    # uv: a project without a build system (or with package = false) is virtual; uv installs only its deps
    ("uv-init-package", {"pyproject.toml": UV_PACKAGE.split("[project.scripts]")[0],
                         "uv.lock": uv_package_lock(source='{ virtual = "." }')}),
    ("uv-init-package", {"pyproject.toml": UV_PACKAGE + "\n[tool.uv]\npackage = false\n"}),
    # Poetry with package-mode = false installs no root package
    ("poetry-new", {"pyproject.toml": POETRY_PACKAGE.replace('packages = [{include = "poetryapp", from = "src"}]',
                                                             "package-mode = false")}),
    # pip installs only what requirements.txt lists: no `-e .` -> the project is not installed
    ("pip-editable-src", {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}),
    # installed, but the module is not one of its packages
    ("uv-init-package", {"Procfile": "web: gunicorn webapp:app\n"}),
])
def test_project_not_installed_still_misses_src_modules(check, layout, change):
    files = {**INSTALLED_LAYOUTS[layout], **change}
    assert check(files, "procfile-target-missing") == [("procfile-target-missing", "Procfile", 1)]


# -- web-port-unbound: Streamlit's port from its config files ---------------------------------------------
# The Heroku Streamlit tutorial: setup.sh writes ~/.streamlit/config.toml with the shell expanding $PORT
# (HOME is /app on a dyno), then `streamlit run` reads it.
ST_APP = "import streamlit as st\n\nst.title('Hello')\n"
SETUP_SH = ('mkdir -p ~/.streamlit/\n\necho "\\\n[general]\\n\\\nemail = \\"you@example.com\\"\\n\\\n" > '
            '~/.streamlit/credentials.toml\n\necho "\\\n[server]\\n\\\nheadless = true\\n\\\nenableCORS=false\\n\\\n'
            'port = $PORT\\n\\\n" > ~/.streamlit/config.toml\n')
SETUP_HEREDOC = "mkdir -p ~/.streamlit\ncat > ~/.streamlit/config.toml <<EOF\n[server]\nheadless = true\n" \
                "port = ${PORT}\nenableCORS = false\nEOF\n"


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
