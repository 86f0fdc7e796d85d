"""Is this a web app, and what shows it: the one notion the Procfile rules share.

A web app is a repository whose declared dependencies (main or dev) name a web framework or server of the
table in ``webservers``, or whose Procfile declares a ``web`` process. aiohttp and tornado are HTTP
clients too (every aiogram bot depends on aiohttp): when they are the only web packages declared and there
is no ``web`` process, they make a web app only when the code imports their server side (the table's
``server_modules``: ``aiohttp.web``, ``tornado.web``, ``tornado.httpserver``).
"""
from __future__ import annotations

import re

from preflight.lazyre import lazy_re
from preflight.project.webservers import (
    http_clients_too, server_modules, server_only, start_examples, web_frameworks,
)

# ``from aiohttp import web`` or ``import tornado.httpserver``: the server modules of the client-too packages
SERVER_SIDE_RE = lazy_re(r"^[ \t]*(?:" + "|".join(
    rf"from[ \t]+{re.escape(pkg)}[ \t]+import[^#\n]*\b{re.escape(sub)}\b|(?:from|import)[ \t]+{re.escape(mod)}\b"
    for mod in server_modules() for pkg, _, sub in [mod.partition(".")]) + ")", re.M)
MAX_SCANNED = 2000  # .py files read to find that server side; past it, stay with what the dependencies say

# The module a start command most likely names, in this order, among the root's scripts.
ENTRY_CANDIDATES = ("app", "main", "wsgi", "server", "application", "run", "bot")
DEFAULT_START = "web: gunicorn {module}:app"


def _declared_web(project) -> set[str]:
    deps = project.dependencies
    return (set(deps.main) | set(deps.dev)) & web_frameworks()


def is_web_app(project) -> bool:
    """``Project.is_web_app`` (see the module docstring)."""
    declared = _declared_web(project)
    pf = project.procfile
    if pf is not None and pf.get("web") is not None:
        return True
    if not declared:
        return False
    if declared - http_clients_too():
        return True
    scripts = [f for f in project.files if f.endswith(".py")]
    if len(scripts) > MAX_SCANNED:
        return True
    names = {m.partition(".")[0] for m in server_modules()}
    for path in scripts:
        tf = project.text(path)
        if tf is not None and any(n in tf.text for n in names) and SERVER_SIDE_RE.search(tf.text):
            return True
    return False


def web_evidence(project) -> tuple[str, str]:
    """(the declared web framework or server that makes this a web app, "is declared in FILE:LINE"); a
    framework is named before a server (flask, not gunicorn)."""
    deps = project.dependencies
    declared = sorted(_declared_web(project))
    frameworks = [d for d in declared if d not in server_only()]
    name = (frameworks or declared or [""])[0]
    if not name:
        return "a web framework", "is declared"
    dep = deps.main.get(name) or deps.dev.get(name)
    path, line = getattr(dep, "path", ""), getattr(dep, "line", 0)
    where = f" in {path}:{line}" if path and line else f" in {path}" if path else ""
    return name, f"is declared{where}"


def start_example(project, framework: str) -> str:
    """A plausible Procfile ``web:`` line for ``framework``, from the files at the root."""
    shipped_root = {f for f in project.files if "/" not in f}
    module = next((m for m in ENTRY_CANDIDATES if f"{m}.py" in shipped_root), None)
    if module is None:
        module = next((f[:-3] for f in sorted(shipped_root) if f.endswith(".py") and f != "setup.py"), "app")
    django = next((f.split("/")[0] for f in project.files if f.count("/") == 1 and f.endswith("/wsgi.py")),
                  "yourproject")
    template = start_examples().get(framework, DEFAULT_START)
    return template.format(module=module, django=django)


# Env templates people commit to document the config vars a deploy sets (.env.example, sample.env...).
ENV_TEMPLATES = (".env.example", ".env.sample", ".env.template", ".env.dist", ".env-example", ".env_example",
                 "example.env", "sample.env", "env.example", "env.sample", ".env.defaults")
_ENV_ASSIGN_RE = lazy_re(r"^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*?)\s*$")


def documented_env(project, name: str) -> tuple[str, str] | None:
    """(value, template path) when a committed env template at the root sets ``name`` to a value: the config
    var the deploy is documented to set (``FLASK_APP=microblog.py`` in .env.example). None otherwise."""
    for path in ENV_TEMPLATES:
        tf = project.text(path) if project.shipped(path) else None
        for line in tf.lines if tf is not None else ():
            m = _ENV_ASSIGN_RE.match(line)
            value = m.group(2).split(" #", 1)[0].strip().strip("'\"") if m and m.group(1) == name else ""
            if value:
                return value, path
    return None
