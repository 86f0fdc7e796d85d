"""PF805 procfile-web-required: a Procfile without a web entry where the build requires one."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "procfile-web-required"


def found(root, platform=None):
    return rule_findings(root, NAME, platform=platform)


def test_fires_on_cloud_run_without_web(app):
    [f] = found(app({"Procfile": "worker: python bot.py\n", "bot.py": "print(1)\n"}), "cloud-run")
    assert where([f]) == [(NAME, "Procfile", 0)]
    assert f.severity == Severity.ERROR
    assert "web process not found in Procfile" in f.message and "worker pool" in f.hint


def test_silent_with_a_web_entry(app):
    assert found(app({"Procfile": "web: gunicorn -b :$PORT app:app\nworker: python w.py\n"}), "cloud-run") == []


def test_silent_when_a_root_dockerfile_is_built_instead(app):
    files = {"Procfile": "worker: python bot.py\n", "Dockerfile": "FROM python:3.13\nCMD [\"python\", \"bot.py\"]\n"}
    assert found(app(files), "cloud-run") == []


def test_silent_for_a_broken_web_line(app):
    # procfile-invalid reports 'web gunicorn app:app' (no colon)
    assert found(app({"Procfile": "web gunicorn app:app\n"}), "cloud-run") == []


@pytest.mark.parametrize("platform", ["heroku", "railway", "koyeb", "dokku", "render"])
def test_silent_where_web_is_not_required(app, platform):
    assert found(app({"Procfile": "worker: python bot.py\n"}), platform) == []
