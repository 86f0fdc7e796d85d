"""PF407 local-file-writes: data written to the dyno's disk by code that runs."""
from __future__ import annotations

from conftest import rule_findings, where

from preflight.findings import Severity

WEB = {"Procfile": "web: gunicorn app:app\n"}
FLASK_REQS = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}


def hits(root):
    return rule_findings(root, "local-file-writes")


def test_cron_job_writing_a_file_fires(app):
    """The flask-bot-broken example: refresh.py, run from crontab, writes news.json."""
    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                "crontab": "# refresh\n0 8 * * * python3 refresh.py\n",
                "refresh.py": "import requests\n\nwith open(\"news.json\", \"w\") as f:\n"
                              "    f.write(requests.get('https://example.org').text)\n"})
    found = hits(root)
    assert where(found) == [("local-file-writes", "refresh.py", 3)]
    assert "news.json" in found[0].message and "cron" in found[0].message
    assert found[0].severity is Severity.INFO


def test_other_writers_fire(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import json, logging, os\nfrom pathlib import Path\nfrom flask import Flask\n"
                          "BASE_DIR = os.path.dirname(__file__)\nDATA = os.path.join(BASE_DIR, 'users.json')\n"
                          "logging.basicConfig(filename='app.log')\napp = Flask(__name__)\n\n"
                          "def save(users, df):\n    with open(DATA, 'a') as f:\n        json.dump(users, f)\n"
                          "    df.to_csv('report.csv')\n    Path('state.txt').write_text('x')\n"})
    found = hits(root)
    assert where(found) == [("local-file-writes", "app.py", 6), ("local-file-writes", "app.py", 10),
                            ("local-file-writes", "app.py", 12), ("local-file-writes", "app.py", 13)]
    log = next(f for f in found if f.line == 6)
    assert log.message == ("logs are written to 'app.log': only stdout/stderr reach `heroku logs`, and the file is "
                           "lost with the dyno's disk on every restart")


def test_path_in_a_local_variable_built_with_an_f_string_fires(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "from flask import Flask\napp = Flask(__name__)\n\n"
                          "def dump(user_id, text):\n    name = f'notes/{user_id}.txt'\n"
                          "    with open(name, 'w') as f:\n        f.write(text)\n"})
    found = hits(root)
    assert where(found) == [("local-file-writes", "app.py", 6)]
    assert "'notes/'" in found[0].message


def test_reads_temp_files_env_paths_media_and_dead_code_are_silent(app):
    root = app({**WEB, **FLASK_REQS,
                "app.py": "import os, tempfile\nfrom flask import Flask\napp = Flask(__name__)\n\n"
                          "def work(img, name):\n    open('config.json').read()\n"
                          "    open('/tmp/out.json', 'w').write('x')\n"
                          "    with tempfile.NamedTemporaryFile('w') as t:\n        t.write('x')\n"
                          "    open(os.path.join(tempfile.gettempdir(), 'a.txt'), 'w')\n"
                          "    open(os.environ['OUT_FILE'], 'w')\n    open(name, 'w')\n"
                          "    img.save('photo.jpg')\n\nif __name__ == '__main__':\n"
                          "    open('debug.json', 'w').write('{}')\n    app.run()\n"})
    assert hits(root) == []


def test_silent_where_the_disk_persists(app):
    from conftest import run_rules

    root = app({**WEB, **FLASK_REQS, "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                "crontab": "# refresh\n0 8 * * * python3 refresh.py\n",
                "refresh.py": "import requests\n\nwith open(\"news.json\", \"w\") as f:\n"
                              "    f.write(requests.get('https://example.org').text)\n"})
    on = {p: where(f for f in run_rules(root, ["local-file-writes"], platform=p).active)
          for p in ("railway", "pythonanywhere")}
    assert on == {"railway": [("local-file-writes", "refresh.py", 3)], "pythonanywhere": []}
