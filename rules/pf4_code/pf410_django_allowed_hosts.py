"""PF410 django-allowed-hosts: ALLOWED_HOSTS cannot match the app's host, so every request is a 400.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.django import allowed_hosts_unreachable
from preflight.registry import rule


@rule("PF410", "django-allowed-hosts", "E",
      "Django ALLOWED_HOSTS cannot match the app's host, so every request gets 400 Bad Request",
      fix="ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(','), then heroku config:set "
          "ALLOWED_HOSTS=<app>.herokuapp.com,<your domain>")
def check(project):
    """
    ## What it does
    Reads `ALLOWED_HOSTS` in the settings the running app loads (following `from .base import *`) and
    reports a value that cannot match the deployed host: an empty list (also Django's default when the
    setting is missing), only `localhost`/`127.0.0.1`/private addresses, only another platform's domain
    (`*.pythonanywhere.com`), a placeholder (`example.com`), or `*.herokuapp.com` (Django has no such
    wildcard; `.herokuapp.com` is the form it understands). A value read from the environment, one
    changed later (`+=`, `.append`) and `['*']` are not reported. When the web process and a worker name
    different settings (cookiecutter-django's `production.py` and `local.py`), the web's are judged.

    ## Why it breaks the deploy
    With `DEBUG = False` Django answers every request whose `Host` is not in `ALLOWED_HOSTS` with
    400 Bad Request (DisallowedHost). With `DEBUG = True` and an empty list it still only accepts
    `localhost`, `127.0.0.1` and `[::1]`. The app boots, the router reaches it, and every page is a 400.

    ## Example
    ```python
    DEBUG = False
    ALLOWED_HOSTS = []
    ```

    ## How to fix
    `ALLOWED_HOSTS = ["<app>.herokuapp.com", "www.example.org"]`, or read them from a config var.

    ## Source
    research/heroku.md H04 and (d) row 16; Django documentation, settings `ALLOWED_HOSTS`.
    """
    p = project.profile
    hint = (f"ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(','), then {p.config_set} "
            f"ALLOWED_HOSTS={p.app_host},<your domain>")
    for found in allowed_hosts_unreachable(project):
        if found.hosts is None:
            yield Violation(found.path, 0,
                            "ALLOWED_HOSTS is never set, so Django uses [] and accepts only localhost: every request "
                            "to the app's host gets 400 Bad Request (DisallowedHost)", hint=hint, anchor="ALLOWED_HOSTS")
            continue
        shown = "[" + ", ".join(repr(h) for h in found.hosts) + "]"
        why = ""
        if found.star:
            why = f" ({found.star!r} is not a wildcard in Django: write {'.' + found.star.split('*', 1)[1].lstrip('.')!r})"
        yield Violation(found.path, found.line,
                        f"ALLOWED_HOSTS = {shown} cannot match the app's host ({p.app_host} or your domain){why}: "
                        "every request gets 400 Bad Request (DisallowedHost)", hint=hint, anchor="ALLOWED_HOSTS")
