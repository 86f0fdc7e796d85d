"""PF409 django-static-root-missing: staticfiles without STATIC_ROOT, so the build's collectstatic fails."""
from __future__ import annotations

import pytest
from conftest import DJANGO_APPS as APPS
from conftest import DJANGO_SETTINGS_HEAD as SETTINGS_HEAD
from conftest import django_files, rule_findings, where

from preflight.findings import Severity


def hits(root):
    return rule_findings(root, "django-static-root-missing")


def test_staticfiles_without_static_root_fires(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_URL = '/static/'\nALLOWED_HOSTS = ['.herokuapp.com']\n"
    found = hits(app(django_files(settings)))
    assert where(found) == [("django-static-root-missing", "mysite/settings.py", 7)]
    assert found[0].severity is Severity.ERROR
    assert found[0].message == ("django.contrib.staticfiles is installed but STATIC_ROOT is not set (manage.py names "
                                "mysite/settings.py): the build's `manage.py collectstatic` fails and the push is "
                                "rejected")


def test_static_root_none_fires_at_its_line(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_ROOT = None\n"
    found = hits(app(django_files(settings)))
    assert where(found) == [("django-static-root-missing", "mysite/settings.py", 9)]
    assert found[0].message.startswith("STATIC_ROOT = None with django.contrib.staticfiles installed")


def test_static_root_set_is_fine(app):
    settings = SETTINGS_HEAD + APPS + "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"
    assert hits(app(django_files(settings))) == []


def test_static_root_in_star_imported_base_is_found(app):
    files = django_files("from .base import *\nDEBUG = False\n", {
        "mysite/base.py": SETTINGS_HEAD + APPS + "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"})
    assert hits(app(files)) == []
    files["mysite/base.py"] = SETTINGS_HEAD + APPS
    assert where(hits(app(files))) == [("django-static-root-missing", "mysite/base.py", 7)]


def test_static_root_only_in_the_settings_the_config_var_names_is_no_verdict(app):
    """manage.py defaults to local.py (no STATIC_ROOT), wsgi.py to production.py (which sets it): the build's
    collectstatic uses DJANGO_SETTINGS_MODULE, set to production on the platform as cookiecutter-django says."""
    files = django_files(None, {
        "mysite/settings/__init__.py": "", "mysite/settings/base.py": SETTINGS_HEAD + APPS,
        "mysite/settings/local.py": "from .base import *\n",
        "mysite/settings/production.py": "from .base import *\nSTATIC_ROOT = BASE_DIR / 'static'\n"},
        manage="mysite.settings.local", wsgi="mysite.settings.production")
    assert hits(app(files)) == []
    files["mysite/settings/production.py"] = "from .base import *\n"
    assert where(hits(app(files))) == [("django-static-root-missing", "mysite/settings/base.py", 7)]


@pytest.mark.parametrize("extra", [
    {"app.json": '{"env": {"DISABLE_COLLECTSTATIC": {"value": "1"}}}'},
    {".heroku/collectstatic_disabled": ""},
])
def test_collectstatic_disabled_is_silent(app, extra):
    assert hits(app(django_files(SETTINGS_HEAD + APPS, extra))) == []


def test_django_heroku_and_undeclared_django_are_silent(app):
    dynamic = SETTINGS_HEAD + APPS + "import django_heroku\ndjango_heroku.settings(locals())\n"
    assert hits(app(django_files(dynamic))) == []


def test_undeclared_django_is_silent(app):
    assert hits(app(django_files(SETTINGS_HEAD + APPS, reqs="gunicorn\n"))) == []


def test_manage_py_deeper_than_the_buildpack_looks_is_silent(app):
    files = {f"a/b/c/{k}": v for k, v in django_files(SETTINGS_HEAD + APPS).items() if k != "requirements.txt"}
    files["requirements.txt"] = "Django\n"
    assert hits(app(files)) == []
