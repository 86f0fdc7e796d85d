"""PF810 python-version-source-ignored: the only Python pin is in a file the platform does not read."""
from __future__ import annotations

from conftest import where

from pf8_helpers import on

RULE = "python-version-source-ignored"
APP = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", "Procfile": "web: gunicorn app:app\n",
       "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_runtime_txt_alone_is_ignored_on_render_koyeb_cloud_run(app):
    files = {**APP, "runtime.txt": "python-3.11.9\n"}
    for platform in ("render", "koyeb", "cloud-run"):
        found = on(app, files, RULE, platform)
        assert where(found) == [(RULE, "runtime.txt", 1)], platform
        assert found[0].severity.value == "warning" and "echo 3.11 > .python-version" in found[0].hint


def test_runtime_txt_beside_python_version_or_where_read_is_fine(app):
    assert on(app, {**APP, "runtime.txt": "python-3.11.9\n", ".python-version": "3.11\n"}, RULE, "render") == []


def test_runtime_txt_where_the_platform_reads_it(app):
    # Heroku deprecates it (runtime-txt-deprecated), Railway reads it: not this rule's.
    files = {**APP, "runtime.txt": "python-3.11.9\n"}
    assert on(app, files, RULE, "heroku") == [] and on(app, files, RULE, "railway") == []


def test_comment_in_python_version_on_cloud_run(app):
    files = {**APP, ".python-version": "# pinned for the app\n3.12\n"}
    found = on(app, files, RULE, "cloud-run")
    assert where(found) == [(RULE, ".python-version", 1)]
    assert "echo 3.12 > .python-version" in found[0].hint


def test_comment_in_python_version_elsewhere_is_fine(app):
    files = {**APP, ".python-version": "# pinned for the app\n3.12\n"}
    assert on(app, files, RULE, "render") == []


def test_any_pin_on_pythonanywhere_is_info(app):
    found = on(app, {**APP, ".python-version": "3.12\n"}, RULE, "pythonanywhere")
    assert where(found) == [(RULE, ".python-version", 1)] and found[0].severity.value == "info"
    assert "Web tab" in found[0].hint
