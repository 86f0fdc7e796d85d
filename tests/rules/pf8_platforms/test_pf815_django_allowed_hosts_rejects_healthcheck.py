"""PF815 django-allowed-hosts-rejects-healthcheck: ALLOWED_HOSTS refuses the health check's Host header."""
from conftest import findings

DJANGO = {"requirements.txt": "django==5.2.8\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
          "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
          "site/__init__.py": "", "site/urls.py": "from django.urls import path\nurlpatterns = []\n",
          "site/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
                          "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"}
SETTINGS = "SECRET_KEY = __import__('os').environ['SECRET_KEY']\nDEBUG = False\nROOT_URLCONF = 'site.urls'\n" \
           "ALLOWED_HOSTS = {hosts}\n"
RAILWAY = '{"deploy": {"startCommand": "gunicorn site.wsgi", "healthcheckPath": "/health/"}}\n'


def found(app, hosts, manifest=RAILWAY, platform=None):
    files = {**DJANGO, "site/settings.py": SETTINGS.format(hosts=hosts), "railway.json": manifest}
    return findings(app(files), ["django-allowed-hosts-rejects-healthcheck"], platform=platform)


def test_railway_health_host_not_allowed(app):
    assert found(app, "['myapp.up.railway.app']") == [
        ("django-allowed-hosts-rejects-healthcheck", "site/settings.py", 4)]


def test_allowed_health_host_wildcard_or_env_stay_silent(app, tmp_path):
    assert found(app, "['myapp.up.railway.app', 'healthcheck.railway.app']") == []


def test_star_is_silent(app):
    assert found(app, "['*']") == []


def test_no_health_check_configured_is_silent(app):
    assert found(app, "['myapp.up.railway.app']", manifest='{"deploy": {"startCommand": "gunicorn site.wsgi"}}\n') == []


def test_heroku_run_of_the_same_repo_is_silent(app):
    assert found(app, "['myapp.up.railway.app']", platform="heroku") == []
