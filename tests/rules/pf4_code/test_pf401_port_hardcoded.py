"""PF401 port-hardcoded: the server listens on a fixed port instead of $PORT."""
from __future__ import annotations

import pytest
from code_apps import AS_SCRIPT, FLASK, MAIN, SERVED


@pytest.mark.parametrize("body,line", [
    ("    app.run(host='0.0.0.0', port=5000)\n", 7),
    ("    app.run('0.0.0.0', 5000)\n", 7),
    ("    PORT = 8080\n    app.run(host='0.0.0.0', port=PORT)\n", 8),
    ("    app.run(host='0.0.0.0')\n", 7),          # Flask's default: 5000
])
def test_port_literal_in_a_script(check, body, line):
    files = {**AS_SCRIPT, "app.py": FLASK + MAIN + body}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", line)]


def test_port_through_another_modules_constant(check):
    files = {**AS_SCRIPT, "config.py": "PORT = 8000\n",
             "app.py": FLASK + "import config\nfrom config import PORT\n" + MAIN +
             "    app.run(host='0.0.0.0', port=config.PORT)\n    app.run(host='0.0.0.0', port=PORT)\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", 9), ("port-hardcoded", "app.py", 10)]


def test_port_through_a_star_import_of_a_config_module(check):
    files = {**AS_SCRIPT, "config.py": "HOST = '0.0.0.0'\nPORT = 5000\n",
             "app.py": FLASK + "from config import *\n" + MAIN + "    app.run(host=HOST, port=PORT)\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", 8)]
    files["config.py"] = "import os\nHOST = '0.0.0.0'\nPORT = int(os.environ.get('PORT', 5000))\n"
    assert check(files, "port-hardcoded") == []


@pytest.mark.parametrize("src,line", [
    ("import os\nfrom aiohttp import web\napp = web.Application()\nweb.run_app(app, host='0.0.0.0')\n", 4),
    ("import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
     "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n", 5),
    ("from waitress import serve\nfrom app_factory import make\nserve(make(), listen='*:8080')\n", 3),
    ("from http.server import HTTPServer, SimpleHTTPRequestHandler\n"
     "HTTPServer(('', 8000), SimpleHTTPRequestHandler).serve_forever()\n", 2),
])
def test_port_literal_in_other_servers(check, src, line):
    files = {"Procfile": "web: python main.py\n", "main.py": src, "app_factory.py": "def make():\n    pass\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "main.py", line)]


@pytest.mark.parametrize("start, line", [
    ("Thread(target=app.run, kwargs={'host': '0.0.0.0', 'port': 8080}).start()", 6),
    ("Thread(target=app.run, args=('0.0.0.0', 8080), daemon=True).start()", 6),
])
def test_port_of_a_server_started_as_a_thread_target(check, start, line):
    files = {**AS_SCRIPT, "app.py": FLASK + "from threading import Thread\n" + start + "\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", line)]
    opaque = FLASK + "from threading import Thread\nThread(target=app.run, kwargs=CONF).start()\n"
    assert check({**AS_SCRIPT, "app.py": opaque}, "port-hardcoded") == []


@pytest.mark.parametrize("files", [
    # the seed's right pattern
    {**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n"},
    # the same in a variable, as the seed writes it
    {**AS_SCRIPT, "app.py": FLASK + MAIN + "    port = int(os.environ.get('PORT', 5000))\n"
                                           "    app.run(host='0.0.0.0', port=port)\n"},
    # PORT read through a helper function
    {**AS_SCRIPT, "app.py": FLASK + "def get_port():\n    return int(os.environ.get('PORT', 5000))\n" + MAIN +
     "    app.run(host='0.0.0.0', port=get_port())\n"},
    # a literal port in a __main__ block gunicorn never runs
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(host='127.0.0.1', port=5000, debug=True)\n"},
    # ... also through a main() function only that block calls
    {**SERVED, "app.py": FLASK + "def main():\n    app.run(port=5000)\n" + MAIN + "    main()\n"},
    # aiohttp with the port from a config mapping (the seed; config-port-hardcoded reads the YAML)
    {"Procfile": "web: python main.py\n", "main.py": "from aiohttp import web\napp = web.Application()\n"
     "app['config'] = {}\nweb.run_app(app, host='0.0.0.0', port=app['config']['common']['port'])\n"},
    # Dash reads $PORT itself
    {**AS_SCRIPT, "app.py": "import dash\napp = dash.Dash(__name__)\n" + MAIN + "    app.run(host='0.0.0.0')\n"},
    # a worker's server is not the web process
    {"Procfile": "web: gunicorn other:app\nworker: python app.py\n", "other.py": FLASK,
     "app.py": FLASK + MAIN + "    app.run(port=5000)\n"},
    # not a server: subprocess.run, asyncio.run
    {**AS_SCRIPT, "app.py": "import subprocess, asyncio\nsubprocess.run(['ls'])\nasyncio.run(main(port=1))\n"},
])
def test_port_from_the_environment_or_not_running(check, files):
    assert check(files, "port-hardcoded") == []


def test_module_level_app_run_in_a_served_module(check):
    files = {**SERVED, "app.py": FLASK + "app.run(host='0.0.0.0', port=5000)\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", 5)]


@pytest.mark.parametrize("src,rule,fires", [
    ("from telegram.ext import Application\napp = Application.builder().token('x').build()\n"
     "app.run_webhook(listen='0.0.0.0', port=8443, webhook_url='https://x/')\n", "port-hardcoded", True),
    ("import os\nfrom telegram.ext import Application\napp = Application.builder().token('x').build()\n"
     "app.run_webhook(port=int(os.environ['PORT']), webhook_url='https://x/')\n", "host-localhost", True),
    ("import os\nfrom telegram.ext import Application\napp = Application.builder().token('x').build()\n"
     "app.run_webhook(listen='0.0.0.0', port=int(os.environ['PORT']))\n", "port-hardcoded", False),
    ("import os\nfrom aiogram.utils import executor\nexecutor.start_webhook(dispatcher=None, webhook_path='/b', "
     "host='0.0.0.0', port=int(os.getenv('PORT')))\n", "port-hardcoded", False),
])
def test_telegram_webhook_servers(check, src, rule, fires):
    got = check({"Procfile": "web: python bot.py\n", "bot.py": src}, rule)
    assert got == ([(rule, "bot.py", src.count("\n"))] if fires else [])


def test_seed_patterns_never_fire(check):
    """The seed's corrected bot: secrets from os.environ, host 0.0.0.0, port from $PORT, under gunicorn."""
    files = {"Procfile": "web: gunicorn flask_app:app\n", ".gitignore": ".env\n",
             "flask_app.py": "import os\nimport flask\nimport telebot\n\nTOKEN = os.environ['TOKEN']\n"
                             "bot = telebot.TeleBot(TOKEN, threaded=False)\napp = flask.Flask(__name__)\n\n"
                             "if __name__ == '__main__':\n    import os\n    app.debug = True\n"
                             "    port = int(os.environ.get('PORT', 5000))\n    app.run(host='0.0.0.0', port=port)\n"}
    for name in ("port-hardcoded", "host-localhost", "debug-enabled", "module-gitignored", "entry-broken",
                 "procfile-dev-server", "web-port-unbound", "procfile-target-missing"):
        assert check(files, name) == [], name


@pytest.mark.parametrize("cmd", ['CMD ["python", "app.py"]', "CMD python app.py"])
def test_port_literal_in_a_script_the_image_runs(check, cmd):
    """Container mode: the image's CMD runs app.py as a script, so its app.run() is the server."""
    files = {"Dockerfile": f"FROM python:3.12-slim\nCOPY . .\n{cmd}\n", "requirements.txt": "flask\n",
             "app.py": FLASK + MAIN + "    app.run(host='0.0.0.0', port=5000)\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", 7)]
    files["Dockerfile"] = "FROM python:3.12-slim\nCOPY . .\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n"
    assert check(files, "port-hardcoded") == []


def test_runs_only_where_the_platform_sets_port(check):
    files = {**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(host='0.0.0.0', port=5000)\n"}
    assert check(files, "port-hardcoded", platform="koyeb") == [("port-hardcoded", "app.py", 7)]
    assert check(files, "port-hardcoded", platform="fly") == []
