"""PF402 host-localhost: the server binds localhost or an address that is not the machine's."""
from __future__ import annotations

import pytest
from code_apps import AS_SCRIPT, FLASK, MAIN, SERVED


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


def test_on_fir_the_hint_binds_ipv6_and_commands_are_web_bind_not_ipv6s(app):
    from conftest import run_rules

    files = {"requirements.txt": "flask==3.1.2\nuvicorn==0.32.0\n", ".python-version": "3.13\n",
             "Procfile": "web: uvicorn app:app --host 127.0.0.1 --port $PORT\n",
             "app.py": "import os\nimport flask\napp = flask.Flask(__name__)\n"
                       "app.run(host='127.0.0.1', port=int(os.environ['PORT']))\n"}
    found = run_rules(app(files), ["host-localhost", "web-bind-not-ipv6"], platform="heroku-fir").active
    assert sorted((f.name, f.path, f.line) for f in found) == [("host-localhost", "app.py", 4),
                                                              ("web-bind-not-ipv6", "Procfile", 1)]
    assert next(f for f in found if f.name == "host-localhost").hint == "Pass host='::'."
