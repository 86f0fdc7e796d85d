"""PF824 builder-detection-surprise: Node.js detected first, or a root Dockerfile that is always built."""
from __future__ import annotations

import pytest
from conftest import rule_findings, where

from preflight.findings import Severity

NAME = "builder-detection-surprise"
DJANGO = {"requirements.txt": "Django==5.1.3\ngunicorn==23.0.0\n", "Procfile": "web: gunicorn mysite.wsgi\n",
          "package.json": '{"scripts": {"build": "tailwindcss -o static/out.css"}}\n'}
DOCKER = {"requirements.txt": "flask\n", "Procfile": "web: gunicorn app:app\n",
          "Dockerfile": "FROM python:3.13\nCMD [\"gunicorn\", \"app:app\"]\n"}


def found(root, platform):
    return rule_findings(root, NAME, platform=platform)


@pytest.mark.parametrize("platform,select", [("scalingo", "BUILDPACK_NAME=python"), ("dokku", ".buildpacks"),
                                             ("heroku", "heroku buildpacks:set heroku/python")])
def test_fires_for_package_json_where_node_is_detected_first(app, platform, select):
    [f] = found(app(DJANGO), platform)
    assert where([f]) == [(NAME, "package.json", 0)]
    assert f.severity == Severity.WARNING and select in f.hint


@pytest.mark.parametrize("extra", [{".buildpacks": "https://github.com/Scalingo/nodejs-buildpack\n"
                                                   "https://github.com/Scalingo/python-buildpack\n"},
                                   {"scalingo.json": '{"env": {"BUILDPACK_NAME": {"value": "python"}}}\n'},
                                   {".env": "BUILDPACK_NAME=python\n"}])
def test_silent_when_the_python_buildpack_is_selected(app, extra):
    assert found(app({**DJANGO, **extra}), "scalingo") == []


@pytest.mark.parametrize("platform", ["railway", "render", "heroku-fir", "koyeb"])
def test_silent_for_package_json_where_python_wins_or_detection_differs(app, platform):
    assert found(app(DJANGO), platform) == []


@pytest.mark.parametrize("platform", ["railway", "do-app-platform", "cloud-run"])
def test_fires_for_a_dockerfile_that_is_always_built(app, platform):
    [f] = found(app(DOCKER), platform)
    assert where([f]) == [(NAME, "Dockerfile", 0)]
    assert f.severity == Severity.WARNING and "Procfile is ignored" in f.message


def test_info_when_only_a_python_pin_is_ignored(app):
    files = {k: v for k, v in DOCKER.items() if k != "Procfile"}
    [f] = found(app({**files, ".python-version": "3.13\n"}), "railway")
    assert (f.path, f.line, f.severity) == ("Dockerfile", 0, Severity.INFO)


def test_silent_for_a_dockerfile_only_repo_or_where_it_is_not_always_built(app):
    files = {k: v for k, v in DOCKER.items() if k != "Procfile"}
    assert found(app(files), "railway") == []
    assert found(app(DOCKER), "koyeb") == []    # Koyeb builds a Dockerfile only when chosen
    assert found(app(DOCKER), "scalingo") == []  # never from git push
    assert found(app(DOCKER), "fly") == []       # no Procfile is read: procfile-not-read-by-platform


def test_silent_on_dokku_when_the_dockerfile_is_built(app):
    # no .buildpacks: Dokku's dockerfile builder wins, and buildpack detection plays no part
    assert found(app({**DJANGO, "Dockerfile": "FROM python:3.13\nCMD [\"gunicorn\", \"mysite.wsgi\"]\n"}),
                 "dokku") == []


def test_info_when_nothing_shows_the_repository_deploys_with_buildpacks(app):
    # saleor, wger: a package.json for the front end, no Procfile: the buildpacks may well be set on the app
    files = {k: v for k, v in DJANGO.items() if k != "Procfile"}
    [f] = found(app(files), "heroku")
    assert where([f]) == [(NAME, "package.json", 0)] and f.severity == Severity.INFO


def test_silent_in_container_mode(app):
    # bakerydemo: heroku.yml builds the Dockerfile; buildpack detection never runs
    files = {**DJANGO, "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n", "Dockerfile": "FROM python:3.13\n"}
    assert found(app(files), "heroku") == []


def test_info_when_the_repository_also_builds_an_image(app):
    # pythondotorg: Procfile, package.json and Dockerfile.cabotage: it deploys as an image elsewhere
    [f] = found(app({**DJANGO, "Dockerfile.cabotage": "FROM python:3.13\n"}), "heroku")
    assert f.severity == Severity.INFO
