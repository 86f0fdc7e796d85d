"""PF826 pythonanywhere-app-run-at-import: app.run() at module level hangs the WSGI worker."""
from __future__ import annotations

from conftest import where

from pf8_helpers import on

RULE = "pythonanywhere-app-run-at-import"
FLASK = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'ok'\n\n\n"
REQS = {"requirements.txt": "flask==3.1.2\n"}


def test_app_run_at_module_level_fires(app):
    [f] = on(app, {**REQS, "flask_app.py": FLASK + "app.run()\n"}, RULE, "pythonanywhere")
    assert where([f]) == [(RULE, "flask_app.py", 11)] and f.severity.value == "error"
    assert "__main__" in f.hint


def test_uvicorn_run_at_module_level_in_the_named_module(app):
    files = {"requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\n", "Procfile": "web: python src/main.py\n",
             "src/main.py": "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\nuvicorn.run(app)\n"}
    assert where(on(app, files, RULE, "pythonanywhere")) == [(RULE, "src/main.py", 5)]


def test_guarded_or_conditional_calls_are_fine(app):
    guarded = FLASK + "if __name__ == '__main__':\n    app.run(debug=True)\n"
    assert on(app, {**REQS, "flask_app.py": guarded}, RULE, "pythonanywhere") == []


def test_conditional_call_is_not_sure(app):
    conditional = FLASK + "import os\nif os.environ.get('LOCAL'):\n    app.run()\n"
    assert on(app, {**REQS, "flask_app.py": conditional}, RULE, "pythonanywhere") == []


def test_only_on_pythonanywhere(app):
    assert on(app, {**REQS, "flask_app.py": FLASK + "app.run()\n"}, RULE, "heroku") == []
