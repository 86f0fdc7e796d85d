"""requirements-pip-listed: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest
from conftest import severities_at

from pf3_helpers import APP


# -- requirements-pip-listed ------------------------------------------------------------------------
def test_pip_listed_like_the_example(check):
    files = {**APP, "requirements.txt": "Flask==0.12.1\npyTelegramBotAPI==3.6.6\npip==9.0.1\nsetuptools==28.8.0\n"
                                        "requests\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "requirements.txt", 3),
                                                       ("requirements-pip-listed", "requirements.txt", 4)]


def test_pip_listed_in_an_include_and_capped(check):
    files = {**APP, "requirements.txt": "-r base.txt\n", "base.txt": "six\nsetuptools<60\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "base.txt", 2)]


@pytest.mark.parametrize("text", ["setuptools\n", "setuptools>=70\n", "pip\n", "pipenv==2025.0.1\n",
                                  "wheel-filename==1.4\n"])
def test_pip_listed_look_alikes(check, text):
    assert check({**APP, "requirements.txt": text}, "requirements-pip-listed") == []


def test_pip_listed_is_buildpack_only(check):
    files = {**APP, "requirements.txt": "pip==24.0\n", "Dockerfile": "FROM python:3.13\n"}
    assert check(files, "requirements-pip-listed") == []



# FALSE_ALARMS.md R-hashed-current-pin: ('requirements-pip-listed', 'requirements.txt', 1) must stay quiet;
# its true look-alike ('requirements-pip-listed', 'requirements.txt', 3) still fires.
HASHED_CURRENT_PIN = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: gunicorn app:app\n',
    '.python-version': '3.13\n',
    'requirements.txt': ('wheel==0.46.3 \\\n    --hash=sha256:4b399d56c9d9338230118d705d9737a2a468ccca63d5e813e2a4f'
                         'c7815d8bc4d \\\n    --hash=sha256:e3e79874b07d776c40bd6033f8ddf76a7dad46a7b8aa1b2787a8308'
                         '3519a1803\n    # via django-pipeline\n'),
    'app.py': 'import flask\n\napp = flask.Flask(__name__)\n',
}
HASHED_CURRENT_PIN_LOOKALIKE = {
    **HASHED_CURRENT_PIN,
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\npip==9.0.1\n',
}


def test_r_hashed_current_pin_is_quiet(app):
    assert severities_at(app(HASHED_CURRENT_PIN, git=True), 'requirements-pip-listed', 'requirements.txt', 1) == []


def test_r_hashed_current_pin_lookalike_fires(app):
    found = severities_at(app(HASHED_CURRENT_PIN_LOOKALIKE, git=True), 'requirements-pip-listed', 'requirements.txt', 3)
    assert found in (['error'], ['warning'])



# FALSE_ALARMS.md R-setuptools-on-python-313: ('requirements-pip-listed', 'requirements.txt', 3) must stay quiet;
# its true look-alike ('requirements-pip-listed', 'requirements.txt', 3) still fires.
SETUPTOOLS_ON_PYTHON_313 = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: gunicorn app:app\n',
    '.python-version': '3.13\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\nsetuptools==68.2.2\n',
    'app.py': 'import flask\n\napp = flask.Flask(__name__)\n',
}
SETUPTOOLS_ON_PYTHON_313_LOOKALIKE = {
    **SETUPTOOLS_ON_PYTHON_313,
    '.python-version': '3.12\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\nsetuptools==28.8.0\n',
}


def test_r_setuptools_on_python_313_is_quiet(app):
    found = severities_at(app(SETUPTOOLS_ON_PYTHON_313, git=True), 'requirements-pip-listed', 'requirements.txt', 3)
    assert found == []


def test_r_setuptools_on_python_313_lookalike_fires(app):
    found = severities_at(app(SETUPTOOLS_ON_PYTHON_313_LOOKALIKE, git=True), 'requirements-pip-listed',
                          'requirements.txt', 3)
    assert found in (['error'], ['warning'])


@pytest.mark.parametrize("pin, python, fires", [
    ("pip==26.2.1", "3.13", False),          # what the platform installs: satisfied
    ("pip==27.0", "3.13", False),            # newer: an upgrade that breaks nothing
    ("pip<24", "3.13", True),                # a cap below the platform's pip: a downgrade
    ("setuptools==70.3.0", "3.12", False),
    ("setuptools==65.5.0", "3.12", True),    # below the platform's 70.3.0 on 3.12
    ("setuptools==65.5.0", "3.13", True),    # no platform setuptools, but too old to import on 3.12+
    ("setuptools==66.1.0", "3.13", False),
    ("wheel==0.30.0", "3.12", False),        # the platform installs no wheel
])
def test_pip_listed_against_what_the_platform_installs(check, pin, python, fires):
    files = {**APP, ".python-version": f"{python}\n", "requirements.txt": f"flask==3.1.2\n{pin}\n"}
    expected = [("requirements-pip-listed", "requirements.txt", 2)] if fires else []
    assert check(files, "requirements-pip-listed") == expected


def test_pip_listed_in_hashed_output_says_regenerate(app):
    from conftest import rule_findings
    files = {**APP, ".python-version": "3.12\n", "requirements.txt": (
        "pip==9.0.1 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via -r requirements.in\n")}
    [found] = rule_findings(app(files), "requirements-pip-listed")
    assert (found.path, found.line) == ("requirements.txt", 1)
    assert "Regenerate requirements.txt" in found.hint and "Delete" not in found.hint
