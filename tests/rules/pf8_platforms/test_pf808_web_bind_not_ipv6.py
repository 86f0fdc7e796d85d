"""PF808 web-bind-not-ipv6: an IPv4 bind where the platform routes to [::] (Heroku Fir)."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "web-bind-not-ipv6"
APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n",
       "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
       "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\nuvicorn==0.30.0\n"}


def found(root, platform="heroku-fir"):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("web,fix", [
    ("gunicorn -b 0.0.0.0:$PORT app:app", "--bind '[::]:$PORT'"),
    ("gunicorn --bind=127.0.0.1:$PORT app:app", "--bind '[::]:$PORT'"),
    ("gunicorn -b :$PORT app:app", "--bind '[::]:$PORT'"),
    ("gunicorn app:app", "--bind '[::]:$PORT'"),
    ("uvicorn main:app --host 0.0.0.0 --port $PORT", "--host :: --port $PORT"),
    ("hypercorn -b 0.0.0.0:$PORT main:app", "--bind '[::]:$PORT'"),
])
def test_fires_for_an_ipv4_bind_on_fir(app, web, fix):
    [f] = found(app({**APP, "Procfile": f"release: python m.py\nweb: {web}\n"}))
    assert where([f]) == [(NAME, "Procfile", 2)]
    assert f.severity == Severity.ERROR and fix in f.hint and "IPv6" in f.message


def test_fires_at_the_gunicorn_config_bind(app):
    files = {**APP, "Procfile": "web: gunicorn app:app\n", "gunicorn.conf.py": "workers = 2\nbind = '0.0.0.0:8000'\n"}
    assert where(found(app(files))) == [(NAME, "gunicorn.conf.py", 2)]


@pytest.mark.parametrize("files", [
    {"Procfile": "web: gunicorn --bind '[::]:$PORT' app:app\n"},
    {"Procfile": "web: uvicorn main:app --host :: --port $PORT\n"},
    {"Procfile": "web: gunicorn app:app\n", "gunicorn.conf.py": "import os\nbind = ['[::]:' + os.environ['PORT']]\n"},
    {"Procfile": "worker: gunicorn -b 0.0.0.0:9000 app:app\n"},   # not the web process
    {"Procfile": "web: python app.py\n"},                          # not a server command it reads
])
def test_silent_for_an_ipv6_bind_or_no_server_command(app, files):
    assert found(app({**APP, **files})) == []


@pytest.mark.parametrize("platform", ["heroku", "dokku", "scalingo", "railway", "cloud-run"])
def test_silent_where_the_platform_routes_ipv4(app, platform):
    assert found(app({**APP, "Procfile": "web: gunicorn -b 0.0.0.0:$PORT app:app\n"}), platform) == []
