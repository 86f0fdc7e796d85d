"""Apps the application-code rules' tests share: a Flask module, run as a script or served by gunicorn."""
from __future__ import annotations

FLASK = "import os\nimport flask\n\napp = flask.Flask(__name__)\n"


MAIN = "\nif __name__ == '__main__':\n"          # lines 5-6 after FLASK; the block body starts on line 7


AS_SCRIPT = {"Procfile": "web: python app.py\n"}


SERVED = {"Procfile": "web: gunicorn app:app\n"}
