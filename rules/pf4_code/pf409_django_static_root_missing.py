"""PF409 django-static-root-missing: staticfiles without STATIC_ROOT fails the build's collectstatic.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.deploytarget import platform_shape
from preflight.project.django import static_root_missing
from preflight.registry import rule


@rule("PF409", "django-static-root-missing", "E",
      "Django settings enable staticfiles without STATIC_ROOT, so collectstatic fails the build",
      fix="Set STATIC_ROOT = BASE_DIR / 'staticfiles' in the settings (and serve it with WhiteNoise).",
      modes=["buildpack"], needs=("collectstatic",))
@platform_shape
def check(project):
    """
    ## What it does
    Finds the settings module the build's `manage.py` names (`DJANGO_SETTINGS_MODULE`; the buildpack
    looks for `manage.py` at most three levels deep) and reports `django.contrib.staticfiles` in
    `INSTALLED_APPS` with no `STATIC_ROOT`, or `STATIC_ROOT = None`, following `from .base import *`.
    Silent when Django is not a dependency, when collectstatic is disabled (`DISABLE_COLLECTSTATIC` in
    `app.json`, `.heroku/collectstatic_disabled`), when settings are filled in at run time
    (`django_heroku.settings(locals())`), and when the settings the web process names (`wsgi.py` ->
    `production.py`, which the `DJANGO_SETTINGS_MODULE` config var selects at build time too) set it.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, PythonAnywhere...) and
    has no Procfile, app.json or heroku.yml, the finding is info: no buildpack runs collectstatic there.

    ## Why it breaks the deploy
    The Python buildpack runs `python manage.py collectstatic --noinput` on every build of a Django app.
    Without `STATIC_ROOT` Django raises ImproperlyConfigured ("You're using the staticfiles app without
    having set the STATIC_ROOT setting") and the build is rejected ("Unable to generate Django static
    files").

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.staticfiles", "blog"]
    STATIC_URL = "/static/"          # no STATIC_ROOT
    ```

    ## How to fix
    `STATIC_ROOT = BASE_DIR / "staticfiles"`, and serve the files with WhiteNoise. Setting
    `DISABLE_COLLECTSTATIC=1` only hides the problem.

    ## Source
    research/heroku.md D04 and (d) row 12; heroku-buildpack-python `bin/steps/collectstatic`, fixture
    `django_staticfiles_misconfigured`.
    """
    found = static_root_missing(project)
    if found is None:
        return
    where = f" ({found.manage_py} names {found.settings})"
    what = "STATIC_ROOT = None with django.contrib.staticfiles installed" if found.none else \
        "django.contrib.staticfiles is installed but STATIC_ROOT is not set"
    yield Violation(found.path, found.line,
                    f"{what}{where}: the build's `manage.py collectstatic` fails and the push is rejected",
                    anchor="STATIC_ROOT")
