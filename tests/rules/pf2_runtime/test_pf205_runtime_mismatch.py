"""runtime-mismatch: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf2_helpers import app_with, lock, seen, where


PYPROJECT = '[project]\nname = "x"\nversion = "1"\n# keep in sync with .python-version\nrequires-python = "{spec}"\n'


# -- runtime-mismatch -------------------------------------------------------------------------------
def test_runtime_txt_shadows_python_version(app):
    found = seen(app, app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "# app\n3.9\n"}),
                 ["runtime-mismatch"])
    assert where(found) == [("runtime-mismatch", ".python-version", 2)]
    assert "3.9" in found[0][4] and "python-3.13" in found[0][4]


@pytest.mark.parametrize("pv", ["3.13\n", "3.13.4\n"])
def test_runtime_txt_agreeing_with_python_version(check, pv):
    assert check(app_with(**{"runtime.txt": "python-3.13\n", ".python-version": pv}), "runtime-mismatch") == []


@pytest.mark.parametrize("spec", [">=3.13", "==3.12.*", "<3.12"])
def test_requires_python_excludes_the_pin_with_uv(app, spec):
    pin = "3.12" if spec == ">=3.13" else "3.13"
    files = {"pyproject.toml": PYPROJECT.format(spec=spec), "uv.lock": "version = 1\n", ".python-version": pin,
             "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files)
    assert [f[:4] for f in found] == [("runtime-mismatch", "pyproject.toml", 5, "error")]
    assert spec in found[0][4]


def test_requires_python_mismatch_is_a_warning_with_pip(app):
    files = app_with(**{"pyproject.toml": PYPROJECT.format(spec=">=3.13"), ".python-version": "3.12\n"})
    assert [f[:4] for f in seen(app, files, ["runtime-mismatch"])] == [
        ("runtime-mismatch", "pyproject.toml", 5, "warning")]


@pytest.mark.parametrize("spec, pin", [(">=3.10", "3.13"), (">=3.13.2", "3.13"), ("~=3.12", "3.14"),
                                       (">=3.11,<3.15", "3.14.7")])
def test_requires_python_admitting_the_pin(check, spec, pin):
    files = {"pyproject.toml": PYPROJECT.format(spec=spec), "uv.lock": "version = 1\n", ".python-version": pin}
    assert check(files, "runtime-mismatch") == []


def test_poetry_python_constraint(app):
    files = {"pyproject.toml": '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "3.12.*"\n'
                               'flask = "^3.0"\n',
             "poetry.lock": "# lock\n", ".python-version": "3.13\n", "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files, ["runtime-mismatch"])
    assert [f[:4] for f in found] == [("runtime-mismatch", "pyproject.toml", 5, "error")]


def test_poetry_caret_admits_the_pin(check):
    files = {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\n', "poetry.lock": "# lock\n",
             ".python-version": "3.13\n"}
    assert check(files, "runtime-mismatch") == []


def test_constraint_against_the_platform_default_when_nothing_is_pinned(app):
    files = {"pyproject.toml": '[tool.poetry.dependencies]\npython = ">=3.10,<3.13"\n', "poetry.lock": "# lock\n",
             "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files, ["runtime-mismatch"])
    assert [f[:4] for f in found] == [("runtime-mismatch", "pyproject.toml", 2, "error")]
    assert "default" in found[0][4]


def test_pipfile_requires_mismatch(app):
    files = {"Pipfile": '[packages]\nflask = "*"\n\n[requires]\npython_version = "3.12"\n',
             "Pipfile.lock": lock({"python_version": "3.12"}), ".python-version": "3.13\n",
             "Procfile": "web: gunicorn app:app\n"}
    text = files["Pipfile.lock"]
    lock_line = next(n for n, ln in enumerate(text.splitlines(), 1) if '"python_version"' in ln)
    assert where(seen(app, files, ["runtime-mismatch"])) == [("runtime-mismatch", "Pipfile", 5),
                                                             ("runtime-mismatch", "Pipfile.lock", lock_line)]


def test_pipfile_agreeing(check):
    files = {"Pipfile": '[requires]\npython_version = "3.13"\n', "Pipfile.lock": lock({"python_version": "3.13"}),
             ".python-version": "3.13\n"}
    assert check(files, "runtime-mismatch") == []


def test_dockerfile_in_buildpack_mode(app):
    files = app_with(**{".python-version": "3.13\n",
                        "Dockerfile": "# local dev image\nFROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n"})
    found = seen(app, files, ["runtime-mismatch"])
    assert where(found) == [("runtime-mismatch", "Dockerfile", 2)]


def test_dockerfile_global_arg(check):
    files = app_with(**{".python-version": "3.13\n",
                        "Dockerfile": "ARG PY=3.11\nFROM --platform=linux/amd64 python:${PY}-slim AS base\n"
                                      "FROM base\nCMD [\"python\", \"app.py\"]\n"})
    assert check(files, "runtime-mismatch") == [("runtime-mismatch", "Dockerfile", 2)]


@pytest.mark.parametrize("dockerfile", [
    "FROM python:3.13-slim\n",
    "FROM python:3.12 AS build\nRUN pip wheel -r requirements.txt\nFROM python:3.13.1-slim\n",
    "FROM ubuntu:24.04\n",
    "FROM python:3\n",
])
def test_dockerfile_agreeing_or_unknown(check, dockerfile):
    files = app_with(**{".python-version": "3.13\n", "Dockerfile": dockerfile})
    assert check(files, "runtime-mismatch") == []


def test_container_mode_compares_with_the_image(app):
    files = {"Dockerfile": "FROM python:3.13-slim\nCOPY . .\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
             "requirements.txt": "", ".python-version": "3.11\n",
             "pyproject.toml": PYPROJECT.format(spec="<3.13")}
    found = seen(app, files)
    assert [f[:4] for f in found] == [("runtime-mismatch", ".python-version", 1, "warning"),
                                      ("runtime-mismatch", "pyproject.toml", 5, "warning")]


def test_container_mode_without_other_pins(check):
    files = {"Dockerfile": "FROM python:3.7\nCMD [\"./run.sh\"]\n", "run.sh": "exec python app.py\n",
             "requirements.txt": ""}
    assert check(files, "runtime-mismatch") == []


def test_heroku_yml_dockerfile_path(check):
    files = {"heroku.yml": "build:\n  docker:\n    web: ./docker/Dockerfile.web\n",
             "docker/Dockerfile.web": "FROM python:3.12-slim\n", "Dockerfile": "FROM python:3.13-slim\n",
             ".python-version": "3.13\n", "app.py": "print(1)\n"}
    assert check(files, "runtime-mismatch") == [("runtime-mismatch", ".python-version", 1)]


def test_container_mode_the_image_is_the_runtime(app):
    """In container mode the image's Python is what runs: the .python-version that disagrees is the one that
    misleads, and the message says the platform never reads it."""
    files = {"Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
             ".python-version": "3.13\n", "runtime.txt": "python-3.12.4\n"}
    [(_, path, line, _, message, _)] = seen(app, files, ["runtime-mismatch"])
    assert (path, line) == (".python-version", 1)
    assert message == (".python-version names Python 3.13, but the image runs Python 3.12 (Dockerfile FROM "
                       "python:3.12-slim, line 1): the platform never reads it, so local runs use another Python than "
                       "the image")


def test_container_mode_reads_the_target_stage_at_its_column(app):
    files = {"heroku.yml": "build:\n  docker:\n    web:\n      dockerfile: Dockerfile\n      target: app\n",
             "Dockerfile": "ARG PY=3.11\nFROM python:3.13 AS tools\nFROM   python:${PY}-slim AS app\nFROM tools\n",
             ".python-version": "3.11\n", "pyproject.toml": PYPROJECT.format(spec=">=3.12")}
    [(_, path, line, _, message, _)] = seen(app, files, ["runtime-mismatch"])
    # the image's own version, not the platform table's latest patch: the image picks its patch itself
    assert (path, line) == ("pyproject.toml", 5) and message.startswith(
        "pyproject.toml requires-python '>=3.12' excludes Python 3.11, but the image runs Python 3.11 (Dockerfile FROM "
        "python:3.11-slim, line 3)")
    from preflight.project import Project

    rt = Project(app(files)).runtime
    assert (rt.dockerfile.label, rt.dockerfile.line, rt.dockerfile.col) == ("Dockerfile FROM python:3.11-slim", 3, 8)


def test_the_platforms_own_version_source_is_the_reference(app):
    """Render ignores runtime.txt: .python-version is what it runs, so the runtime.txt is the one that disagrees;
    PythonAnywhere builds nothing from these files (the Web tab chooses): no finding."""
    files = app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "# app\n3.12\n"})
    assert where(seen(app, files, ["runtime-mismatch"], platform="render")) == [
        ("runtime-mismatch", "runtime.txt", 1)]
    assert seen(app, files, ["runtime-mismatch"], platform="pythonanywhere") == []
