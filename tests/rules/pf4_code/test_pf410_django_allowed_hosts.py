"""PF410 django-allowed-hosts: ALLOWED_HOSTS that no request to the app can match (every page a 400)."""
from __future__ import annotations

import pytest
from conftest import DJANGO_APPS as APPS
from conftest import DJANGO_SETTINGS_HEAD as SETTINGS_HEAD
from conftest import django_files, rule_findings, severities_at, where


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



# FALSE_ALARMS.md H-dev-settings-module: ('django-allowed-hosts', 'site_cfg/settings/dev.py', 3) must stay quiet;
# its true look-alike ('django-allowed-hosts', 'site_cfg/settings.py', 5) still fires.
DEV_SETTINGS = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: gunicorn site_cfg.wsgi\n',
    '.python-version': '3.13\n',
    'requirements.txt': 'django==5.2.8\ngunicorn==23.0.0\n',
    'manage.py': "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings.dev')\n",
    'site_cfg/__init__.py': '',
    'site_cfg/wsgi.py': ("import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('"
                         "DJANGO_SETTINGS_MODULE', 'site_cfg.settings.dev')\napplication = get_wsgi_application()\n"),
    'site_cfg/settings/__init__.py': '',
    'site_cfg/settings/common.py': ("import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nSTATIC_ROOT"
                                    " = 'staticfiles'\nINSTALLED_APPS = ['django.contrib.auth']\n"),
    'site_cfg/settings/dev.py': ("from .common import *  # noqa\n\nALLOWED_HOSTS = ['www.example.localhost', 'examp"
                                 "le.localhost']\n"),
    'site_cfg/settings/prod.py': "from .common import *  # noqa\n\nALLOWED_HOSTS = ['www.example.com']\n",
}
DEV_SETTINGS_LOOKALIKE = {
    **{k: v for k, v in DEV_SETTINGS.items() if not k.startswith('site_cfg/settings/')},
    'manage.py': "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
    'site_cfg/wsgi.py': ("import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('"
                         "DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\napplication = get_wsgi_application()\n"),
    'site_cfg/settings.py': ("import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = ['"
                             "www.example.localhost']\nSTATIC_ROOT = 'staticfiles'\nINSTALLED_APPS = ['django.contr"
                             "ib.auth']\n"),
}


def test_h_dev_settings_module_is_quiet(app):
    assert severities_at(app(DEV_SETTINGS, git=True), 'django-allowed-hosts', 'site_cfg/settings/dev.py', 3) == []


def test_h_dev_settings_module_lookalike_fires(app):
    found = severities_at(app(DEV_SETTINGS_LOOKALIKE, git=True), 'django-allowed-hosts', 'site_cfg/settings.py', 5)
    assert found in (['error'], ['warning'])


def test_production_sibling_is_judged_instead_of_the_dev_default(check):
    # the web process's setdefault names settings.dev; prod.py beside it is what DJANGO_SETTINGS_MODULE selects
    files = {**DEV_SETTINGS, "site_cfg/settings/prod.py": "from .common import *  # noqa\n\nALLOWED_HOSTS = []\n"}
    assert check(files, "django-allowed-hosts", git=True) == [("django-allowed-hosts", "site_cfg/settings/prod.py", 3)]
    fine = {**DEV_SETTINGS, "site_cfg/settings/prod.py": "from .common import *  # noqa\n\n"
                                                         "ALLOWED_HOSTS = ['www.djangoproject.com']\n"}
    assert check(fine, "django-allowed-hosts", git=True) == []


def test_dev_settings_without_a_production_sibling_still_fire(check):
    files = {k: v for k, v in DEV_SETTINGS.items() if k != "site_cfg/settings/prod.py"}
    assert check(files, "django-allowed-hosts", git=True) == [("django-allowed-hosts", "site_cfg/settings/dev.py", 3)]
