"""requirements-pip-listed: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf3_helpers import APP


# -- requirements-pip-listed ------------------------------------------------------------------------
def test_pip_listed_like_the_example(check):
    files = {**APP, "requirements.txt": "Flask==0.12.1\npyTelegramBotAPI==3.6.6\npip==9.0.1\nsetuptools==28.8.0\n"
                                        "requests\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "requirements.txt", 3),
                                                       ("requirements-pip-listed", "requirements.txt", 4)]


def test_pip_listed_in_an_include_and_capped(check):
    files = {**APP, "requirements.txt": "-r base.txt\n", "base.txt": "six\nwheel<0.40\n"}
    assert check(files, "requirements-pip-listed") == [("requirements-pip-listed", "base.txt", 2)]


@pytest.mark.parametrize("text", ["setuptools\n", "setuptools>=70\n", "pip\n", "pipenv==2025.0.1\n",
                                  "wheel-filename==1.4\n"])
def test_pip_listed_look_alikes(check, text):
    assert check({**APP, "requirements.txt": text}, "requirements-pip-listed") == []


def test_pip_listed_is_buildpack_only(check):
    files = {**APP, "requirements.txt": "pip==24.0\n", "Dockerfile": "FROM python:3.13\n"}
    assert check(files, "requirements-pip-listed") == []
