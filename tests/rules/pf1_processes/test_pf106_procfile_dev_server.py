"""PF106 procfile-dev-server: the web process runs a development server."""
from __future__ import annotations

import pytest
from start_apps import FLASK, RUN_MAIN, image_app


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


def test_dev_server_started_by_an_imported_module(check):
    files = {"Procfile": "web: python run.py\n", "run.py": "from server import start\nstart()\n",
             "server.py": "import os\nfrom flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n\n"
                          "def start():\n    create_app().run(host='0.0.0.0', port=int(os.environ['PORT']))\n"}
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "Procfile", 1)]


# The image's CMD (and heroku.yml run) is the start path in container mode: reported at its line.
@pytest.mark.parametrize("cmd", ['CMD ["python", "app.py"]', "CMD flask run", "CMD python app.py"])
def test_dev_server_in_the_image_cmd(check, cmd):
    files = image_app(cmd, **{"app.py": FLASK + "\nif __name__ == '__main__':\n    app.run(port=5000)\n"})
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "Dockerfile", 5)]


def test_dev_server_in_heroku_yml_run(check):
    files = image_app('CMD ["gunicorn", "app:app"]', **{"app.py": FLASK, "heroku.yml": (
        "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: flask run --host 0.0.0.0 --port $PORT\n")})
    assert check(files, "procfile-dev-server") == [("procfile-dev-server", "heroku.yml", 5)]


@pytest.mark.parametrize("cmd", ["CMD gunicorn -b 0.0.0.0:$PORT app:app",
                                 'CMD ["sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"]'])
def test_production_server_in_the_image_cmd(check, cmd):
    files = image_app(cmd, **{"app.py": FLASK + "\nif __name__ == '__main__':\n    app.run(port=5000)\n"})
    assert check(files, "procfile-dev-server") == []
