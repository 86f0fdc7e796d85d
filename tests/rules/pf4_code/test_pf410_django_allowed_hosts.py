"""PF410 django-allowed-hosts: ALLOWED_HOSTS that no request to the app can match (every page a 400)."""
from __future__ import annotations

import pytest
from conftest import DJANGO_APPS as APPS
from conftest import DJANGO_SETTINGS_HEAD as SETTINGS_HEAD
from conftest import django_files, rule_findings, where


def hits(root):
    return rule_findings(root, "django-allowed-hosts")


@pytest.mark.parametrize("hosts", ["[]", "['localhost', '127.0.0.1']", "['myname.pythonanywhere.com']",
                                   "['*.herokuapp.com', 'localhost']"])
def test_allowed_hosts_that_cannot_match_fire(app, hosts):
    settings = SETTINGS_HEAD + APPS + f"ALLOWED_HOSTS = {hosts}\nSTATIC_ROOT = 'static'\n"
    found = hits(app(django_files(settings)))
    assert where(found) == [("django-allowed-hosts", "mysite/settings.py", 9)]
    assert "400" in found[0].message and "(<app>.herokuapp.com or your domain)" in found[0].message
    assert found[0].hint == ("ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(','), then heroku config:set "
                             "ALLOWED_HOSTS=<app>.herokuapp.com,<your domain>")
    if "*" in hosts:
        assert "'*.herokuapp.com' is not a wildcard in Django: write '.herokuapp.com'" in found[0].message


def test_allowed_hosts_never_set_fires_on_the_settings_file(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_ROOT = 'static'\n"
    found = hits(app(django_files(settings)))
    assert where(found) == [("django-allowed-hosts", "mysite/settings.py", 0)]
    assert "never set" in found[0].message


@pytest.mark.parametrize("hosts", [
    "['*']", "['.herokuapp.com']", "['www.mysite.org']", "os.environ.get('ALLOWED_HOSTS', '').split(',')",
    "[]\nALLOWED_HOSTS += ['myapp.herokuapp.com']", "[os.environ['HOST']]",
])
def test_allowed_hosts_that_can_match_are_fine(app, hosts):
    settings = "import os\n" + SETTINGS_HEAD + APPS + f"ALLOWED_HOSTS = {hosts}\n"
    assert hits(app(django_files(settings))) == []


def test_split_settings_judge_what_the_web_process_loads(app):
    """wsgi.py names production.py, which only star-imports base.py; manage.py's local.py is for development
    (release runs it, but ALLOWED_HOSTS does not matter there)."""
    files = django_files(None, {
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": "import os\n" + SETTINGS_HEAD + APPS + "STATIC_ROOT = 'static'\n",
        "mysite/settings/local.py": "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['localhost']\n",
        "mysite/settings/production.py": "from .base import *\nALLOWED_HOSTS = os.environ['HOSTS'].split(',')\n",
        "Procfile": "release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n",
    }, manage="mysite.settings.local", wsgi="mysite.settings.production")
    assert hits(app(files)) == []
    files["mysite/settings/production.py"] = "from .base import *\nALLOWED_HOSTS = []\n"
    assert where(hits(app(files))) == [("django-allowed-hosts", "mysite/settings/production.py", 2)]
