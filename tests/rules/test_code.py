"""PF401 port-hardcoded, PF402 host-localhost, PF403 debug-enabled, PF404 module-gitignored, PF405 entry-broken."""
from __future__ import annotations

import pytest

FLASK = "import os\nimport flask\n\napp = flask.Flask(__name__)\n"
MAIN = "\nif __name__ == '__main__':\n"          # lines 5-6 after FLASK; the block body starts on line 7
AS_SCRIPT = {"Procfile": "web: python app.py\n"}
SERVED = {"Procfile": "web: gunicorn app:app\n"}


# -- port-hardcoded --------------------------------------------------------------------------------------
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


def test_module_level_app_run_in_a_served_module(check):
    files = {**SERVED, "app.py": FLASK + "app.run(host='0.0.0.0', port=5000)\n"}
    assert check(files, "port-hardcoded") == [("port-hardcoded", "app.py", 5)]


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


# -- host-localhost ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    "app.run(host='127.0.0.1', port=int(os.environ['PORT']))",
    "app.run(host='localhost', port=int(os.environ['PORT']))",
    "app.run(host='0,0,0,0', port=int(os.environ['PORT']))",
    "app.run(port=int(os.environ['PORT']))",                 # Flask's default host is 127.0.0.1
])
def test_host_localhost_in_code(check, call):
    files = {**AS_SCRIPT, "app.py": FLASK + MAIN + f"    {call}\n"}
    assert check(files, "host-localhost") == [("host-localhost", "app.py", 7)]


def test_host_from_a_settings_module_says_where_it_is_set(app):
    from conftest import run_rules

    root = app({"Procfile": "web: python main.py\n", "settings.py": "HOST = 'localhost'\nPORT = 8080\n",
                "main.py": "from aiohttp import web\nimport settings\n"
                           "web.run_app(web.Application(), host=settings.HOST, port=settings.PORT)\n"})
    found = sorted((f.name, f.path, f.line, f.message) for f in run_rules(root, ["PF401", "PF402"]).active)
    assert [f[:3] for f in found] == [("host-localhost", "main.py", 3), ("port-hardcoded", "main.py", 3)]
    assert "'localhost' (set at settings.py:1)" in found[0][3] and "8080 (set at settings.py:2)" in found[1][3]


@pytest.mark.parametrize("command", [
    "uvicorn main:app --host 127.0.0.1 --port $PORT",
    "uvicorn main:app --port $PORT",
    "gunicorn -b 127.0.0.1:$PORT main:app",
    "gunicorn --bind localhost:$PORT main:app",
    "flask --app main run --port $PORT",
])
def test_host_localhost_on_the_command_line(check, command):
    files = {"Procfile": f"web: {command}\n", "main.py": "app = 1\n"}
    assert check(files, "host-localhost") == [("host-localhost", "Procfile", 1)]


@pytest.mark.parametrize("files", [
    {**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n"},
    {**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(host=os.environ.get('HOST', '0.0.0.0'), port=1)\n"},
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(host='127.0.0.1')\n"},
    {"Procfile": "web: python main.py\n", "main.py": "from aiohttp import web\nweb.run_app(web.Application(), "
                                                     "port=8080)\n"},
    {"Procfile": "web: gunicorn main:app\n", "main.py": "app = 1\n"},
    {"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port $PORT\n", "main.py": "app = 1\n"},
    {"Procfile": "web: gunicorn -b 0.0.0.0:$PORT main:app\n", "main.py": "app = 1\n"},
])
def test_host_all_interfaces_is_fine(check, files):
    assert check(files, "host-localhost") == []


# -- debug-enabled -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("files,where", [
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.debug = True\n    app.run()\n"}, ("app.py", 7)),
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(debug=True)\n"}, ("app.py", 7)),
    ({**SERVED, "app.py": FLASK + "app.config['DEBUG'] = True\n"}, ("app.py", 5)),
    ({**SERVED, "app.py": FLASK + "DEBUG = True\napp.config.update(DEBUG=DEBUG)\n"}, ("app.py", 6)),
    ({"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port $PORT\n",
      "main.py": "from fastapi import FastAPI\napp = FastAPI(debug=True)\n"}, ("main.py", 2)),
    ({"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
      "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      "mysite/settings.py": "SECRET_KEY = 'x'\nDEBUG = True\nALLOWED_HOSTS = ['*']\n"}, ("mysite/settings.py", 2)),
    ({"Procfile": "web: FLASK_DEBUG=1 flask --app app run --host 0.0.0.0 --port $PORT\n", "app.py": FLASK},
     ("Procfile", 1)),
    # an if that tests nothing does not make it conditional
    ({**SERVED, "app.py": FLASK + "if True:\n    app.debug = True\n"}, ("app.py", 6)),
    # split settings: the production module the WSGI file names sets it
    ({"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "", "mysite/settings/__init__.py": "",
      "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.prod')\n",
      "mysite/settings/base.py": "DEBUG = False\nINSTALLED_APPS = []\n",
      "mysite/settings/prod.py": "from .base import *\nDEBUG = True\n"}, ("mysite/settings/prod.py", 2)),
])
def test_debug_enabled(check, files, where):
    assert check(files, "debug-enabled") == [("debug-enabled", *where)]


@pytest.mark.parametrize("files", [
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(debug=True)\n"},
    {**SERVED, "app.py": FLASK + "app.debug = os.environ.get('DEBUG') == '1'\n"},
    {**SERVED, "app.py": FLASK + "app.run = None\nlogger_debug = True\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = os.environ.get('DJANGO_DEBUG') == '1'\n"},
    # Django: production.py overrides the DEBUG = True of the base.py it star-imports; the Heroku 'DYNO' check
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "", "mysite/settings/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.production')\n",
     "mysite/settings/base.py": "DEBUG = True\nINSTALLED_APPS = []\n",
     "mysite/settings/production.py": "from .base import *\nDEBUG = False\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = True\nif 'DYNO' in os.environ:\n    DEBUG = False\n"},
    {**SERVED, "app.py": FLASK + "app.debug = True\nif os.environ.get('DYNO'):\n    app.debug = False\n"},
    # switched on only when a config var asks for it (in a factory, and at module level)
    {"Procfile": "web: gunicorn 'app:create_app()'\n",
     "app.py": FLASK + "def create_app():\n    if os.environ.get('DEBUG'):\n        app.debug = True\n"
                       "    return app\n"},
    {**SERVED, "app.py": FLASK + "if os.environ.get('FLASK_ENV') == 'development':\n    app.config['DEBUG'] = True\n"
                                 "else:\n    app.config.update(DEBUG=True) if False else None\n"},
    {"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
     "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
     "mysite/settings.py": "import os\nDEBUG = False\nif os.environ.get('LOCAL'): DEBUG = True\n"},
])
def test_debug_off_or_not_running(check, files):
    assert check(files, "debug-enabled") == []


# -- module-gitignored -------------------------------------------------------------------------------------
def test_star_import_of_an_ignored_absent_module(check):
    """The seed: from conf import * with conf.py in .gitignore (and so not in the clone)."""
    files = {"Procfile": "web: python flask_app.py\n", ".gitignore": "conf.py\n__pycache__/\n",
             "flask_app.py": "import flask\nimport telebot\nfrom conf import *\n\nbot = telebot.TeleBot(TOKEN)\n"}
    assert check(files, "module-gitignored", git=True) == [("module-gitignored", "flask_app.py", 3)]


def test_ignored_module_on_disk_and_untracked_module(check, app):
    files = {"Procfile": "web: gunicorn app:app\n", ".gitignore": "secrets/\n", "app.py": FLASK +
             "from secrets.keys import TOKEN\nimport helpers\n", "secrets/__init__.py": "", "secrets/keys.py": "",
             "helpers.py": ""}
    from conftest import findings, git_init, write_files
    root = app(files)
    git_init(root)
    write_files(root, {"helpers.py": "x = 1\n"})
    import subprocess
    subprocess.run(["git", "rm", "-q", "--cached", "helpers.py"], cwd=root, check=True)
    got = [f for f in findings(root, select=["module-gitignored"])]
    assert got == [("module-gitignored", "app.py", 5), ("module-gitignored", "app.py", 6)]


@pytest.mark.parametrize("files", [
    # Django's optional local settings
    {"Procfile": "web: python app.py\n", ".gitignore": "local_settings.py\n",
     "app.py": "try:\n    from local_settings import *\nexcept ImportError:\n    pass\n"},
    # the module is committed
    {"Procfile": "web: python app.py\n", ".gitignore": "*.pyc\n", "app.py": "from conf import TOKEN\n",
     "conf.py": "import os\nTOKEN = os.environ['TOKEN']\n"},
    # a third-party module whose name the .gitignore does not cover
    {"Procfile": "web: python app.py\n", ".gitignore": "venv/\nconfig.json\n", "app.py": "import config_loader\n"},
    # imported only in a __main__ block gunicorn never runs
    {"Procfile": "web: gunicorn app:app\n", ".gitignore": "devconf.py\n",
     "app.py": FLASK + MAIN + "    import devconf\n"},
    # imported only when the file is there, or in development
    {"Procfile": "web: python app.py\n", ".gitignore": "devconf.py\nlocal_settings.py\n",
     "app.py": "import os\nif os.path.exists('devconf.py'):\n    from devconf import *\n"
               "if os.environ.get('DEBUG'):\n    import local_settings\n"},
])
def test_shipped_or_optional_modules(check, files):
    assert check(files, "module-gitignored", git=True) == []


def test_module_gitignored_outside_git(check):
    files = {"Procfile": "web: python app.py\n", ".gitignore": "conf.py\n", "app.py": "from conf import *\n"}
    assert check(files, "module-gitignored") == [("module-gitignored", "app.py", 1)]


# -- entry-broken ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("files,where", [
    ({**AS_SCRIPT, "app.py": "import os\n\nprint 'starting'\n"}, ("app.py", 3)),
    ({**SERVED, "app.py": FLASK + "from views import *\n", "views.py": "def index():\n    return 1\n  x = 2\n"},
     ("views.py", 3)),
    ({**AS_SCRIPT, "app.py": "import telebot\nbot = telebot.TeleBot(TOKEN)\n"}, ("app.py", 2)),
    ({**SERVED, "app.py": "app = create_app()\n\ndef create_app():\n    return 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from settings import *\nbot = make(TOKEN)\n", "settings.py": "def make(t):\n    pass\n"},
     ("app.py", 2)),
    ({**SERVED, "app.py": "def f():\n    from os import *\napp = 1\n"}, ("app.py", 2)),
    ({**SERVED, "app.py": "app = 1\nreturn app\n"}, ("app.py", 2)),
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(port=PORT)\n"}, ("app.py", 7)),
    # a module imported in another letter case: works on Windows/macOS disks, not on the platform
    ({**SERVED, "app.py": "import Config\napp = Config.APP\n", "config.py": "APP = 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from Handlers.start import app\n", "handlers/__init__.py": "",
      "handlers/start.py": "app = 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from handlers import Start\napp = 1\n", "handlers/__init__.py": "",
      "handlers/start.py": ""}, ("app.py", 1)),
    # globals() only read, and gettext without install(): still a NameError
    ({**SERVED, "app.py": "import gettext\nt = gettext.translation('x')\nconf = globals()\napp = _('x')\n"},
     ("app.py", 4)),
])
def test_entry_broken(check, files, where):
    assert check(files, "entry-broken") == [("entry-broken", *where)]


@pytest.mark.parametrize("files", [
    # an undefined name inside a function only fails when it is called
    {**SERVED, "app.py": FLASK + "def handler():\n    return missing_name\n"},
    # ... and in a __main__ block gunicorn never runs
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(port=PORT)\n"},
    # names a local star import provides
    {**SERVED, "app.py": "from settings import *\napp = make(TOKEN)\n",
     "settings.py": "import os\nTOKEN = os.environ['TOKEN']\ndef make(t):\n    return t\n"},
    # a star import of an ignored module: module-gitignored says it, not this rule
    {"Procfile": "web: python flask_app.py\n", ".gitignore": "conf.py\n",
     "flask_app.py": "import telebot\nfrom conf import *\nbot = telebot.TeleBot(TOKEN)\n"},
    # a broken file that no process loads
    {**SERVED, "app.py": FLASK, "scratch.py": "print 'old'\n"},
    # class bodies, comprehensions, globals set by a function, conditional definitions
    {**SERVED, "app.py": "import os\nclass C:\n    A = 1\n    B = A + 1\nXS = [x * 2 for x in range(3)]\n"
                         "def setup():\n    global G\n    G = 1\nsetup()\nprint(G)\n"
                         "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
                         "app = json.dumps(XS)\n"},
    # the right case; a third-party module that a local file's name resembles; a name the package defines
    {**SERVED, "app.py": "import config\nimport Crypto\nfrom handlers import Start\napp = 1\n",
     "config.py": "", "crypto.py": "", "handlers/__init__.py": "Start = 1\n", "handlers/start.py": ""},
    # globals set dynamically, names gettext.install() or another module puts into builtins
    {**SERVED, "app.py": "import os\nfor _n in ('KEY', 'DB'):\n    globals()[_n] = os.environ.get(_n)\napp = KEY\n"},
    {**SERVED, "app.py": "import i18n\nimport setup_env\nTITLE = _('Shop')\napp = ROOT\n",
     "i18n.py": "import gettext\ngettext.install('shop', localedir='locale')\n",
     "setup_env.py": "import builtins\nbuiltins.ROOT = '/app'\n"},
    # builtins of a newer Python than the one preflight runs on (3.13 here)
    {**SERVED, ".python-version": "3.13\n",
     "app.py": "from conf import *\nFATAL = (PythonFinalizationError, ExceptionGroup)\nnxt = anext\napp = X\n",
     "conf.py": "X = 1\n"},
])
def test_entry_not_broken(check, files):
    assert check(files, "entry-broken") == []


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


def test_submodule_of_a_shipped_package_ignored(check):
    files = {"Procfile": "web: python app.py\n", ".gitignore": "settings/secret.py\n", "settings/__init__.py": "",
             "app.py": "from settings import secret\nfrom settings import __version__\n"}
    assert check(files, "module-gitignored", git=True) == [("module-gitignored", "app.py", 1)]
