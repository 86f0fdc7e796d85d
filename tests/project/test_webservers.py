"""The one table of servers, frameworks and bot libraries (preflight/project/webservers.py) and its views."""
from __future__ import annotations

import pytest

from preflight.project import entrypoints, servers, webservers
from preflight.project.webservers import PACKAGES

VIEWS = {"executables": "executables", "modules": "python_modules", "commands": "command_specs",
         "calls": "call_specs", "classes": "kinds", "polling": "polling_labels", "worker_classes": "worker_classes",
         "worker_programs": "task_workers"}


@pytest.mark.parametrize("field", sorted(VIEWS))
def test_no_two_packages_claim_the_same_key(field):
    """A view merges the packages' entries: a key claimed twice would silently keep only the last claim."""
    seen: dict = {}
    for pkg in PACKAGES:
        for key in getattr(pkg, field):
            assert key not in seen, f"{field} {key!r}: {seen.get(key)} and {pkg.name}"
            seen[key] = pkg.name
    assert set(getattr(webservers, VIEWS[field])()) == set(seen)


def test_packages_have_one_name_each():
    names = [p.name for p in PACKAGES]
    assert len(names) == len(set(names))


def test_servers_and_clients_are_web_packages():
    web = webservers.web_frameworks()
    assert webservers.http_clients_too() <= web and "gunicorn" in web
    assert "flask" in web and "aiohttp" in webservers.http_clients_too() and "gunicorn" in webservers.server_only()
    assert "pytelegrambotapi" not in {n.lower() for n in web}


def test_model_modules_read_the_table():
    assert servers.SPECS is webservers.call_specs() and servers.KINDS == webservers.kinds()
    assert entrypoints.SERVERS is webservers.command_specs()
    # every server the resolver imports module:attr for has its listening defaults
    assert set(entrypoints.APP_SERVERS) <= set(entrypoints.SERVERS)
    assert entrypoints.APP_SERVERS["gunicorn"] == "application" and entrypoints.APP_SERVERS["uvicorn"] is None


def test_command_specs_say_how_to_listen_on_port():
    for name, spec in webservers.command_specs().items():
        assert "$PORT" in spec.fix, name
        assert spec.default_port in (None, "$PORT") or spec.default_port.isdigit(), name


def test_polling_methods_and_blocking_clients():
    assert "infinity_polling" in webservers.polling_methods()
    assert "discord" not in webservers.polling_methods()     # a client kind, not a method name
    assert webservers.blocking_runs() == {"discord": ("run", "start"), "pyrogram": ("run",)}
    assert all(kind in webservers.polling_labels() for kind in webservers.blocking_runs())


def test_programs_map_to_the_distributions_that_install_them():
    assert webservers.executables()["waitress-serve"] == ("waitress",)
    assert webservers.executables()["fastapi"] == ("fastapi-cli",)   # the CLI is its own distribution
    assert webservers.python_modules()["django"] == ("django",)
    assert webservers.worker_classes()["uvicorn_worker"] == ("uvicorn-worker",)
