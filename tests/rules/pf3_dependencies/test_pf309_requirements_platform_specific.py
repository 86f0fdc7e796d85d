"""requirements-platform-specific: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf3_helpers import APP


# -- requirements-platform-specific -----------------------------------------------------------------
def test_windows_only_in_requirements(check):
    files = {**APP, "requirements.txt": "flask\npywin32==306\nwindows-curses; python_version >= '3.8'\n"}
    assert check(files, "requirements-platform-specific") == [
        ("requirements-platform-specific", "requirements.txt", 2),
        ("requirements-platform-specific", "requirements.txt", 3)]


def test_windows_only_in_a_uv_project(check):
    pyproject = "[project]\nname = 'x'\ndependencies = [\n  'flask',\n  'pywinpty>=2',\n]\n"
    files = {**APP, "pyproject.toml": pyproject, "uv.lock": "version = 1\n"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "pyproject.toml", 5)]


@pytest.mark.parametrize("line", ['pywin32==306; sys_platform == "win32"', "pywin32; platform_system == 'Windows'",
                                  "pywin32-ctypes==0.2.3", "pyreadline3"])
def test_windows_only_look_alikes(check, line):
    assert check({**APP, "requirements.txt": line + "\n"}, "requirements-platform-specific") == []


@pytest.mark.parametrize("pipfile", [
    "[packages]\npywin32 = {version = '*', sys_platform = \"== 'win32'\"}\n",
    "[packages]\npywin32 = {version = '*', markers = \"platform_system == 'Windows'\"}\n",
])
def test_windows_only_in_pipfile_with_markers(check, pipfile):
    files = {**APP, "Pipfile": pipfile, "Pipfile.lock": "{}"}
    assert check(files, "requirements-platform-specific") == []


def test_windows_only_in_pipfile(check):
    files = {**APP, "Pipfile": "[packages]\nflask = '*'\npywin32 = '*'\n", "Pipfile.lock": "{}"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "Pipfile", 3)]


def test_windows_only_in_poetry(check):
    pyproject = ("[tool.poetry.dependencies]\npython = '^3.12'\npywin32 = {version = '*', platform = 'win32'}\n"
                 "wmi = '*'\n")
    files = {**APP, "pyproject.toml": pyproject, "poetry.lock": ""}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "pyproject.toml", 4)]


def test_windows_only_from_a_windows_freeze_of_a_twisted_app(check):
    # `pip freeze` on Windows of a Channels/Scrapy app: Twisted's Windows-only helper loses its marker.
    text = ("channels==4.1.0\ndaphne==4.1.2\nTwisted==24.7.0\ntwisted-iocpsupport==1.0.4\ncolorama==0.4.6\n"
            "msvc-runtime==14.40.33807\n")
    assert check({**APP, "requirements.txt": text}, "requirements-platform-specific") == [
        ("requirements-platform-specific", "requirements.txt", 4),
        ("requirements-platform-specific", "requirements.txt", 6)]
    marked = text.replace("twisted-iocpsupport==1.0.4", "twisted-iocpsupport==1.0.4; platform_system == 'Windows'")
    marked = marked.replace("msvc-runtime==14.40.33807\n", "")
    assert check({**APP, "requirements.txt": marked}, "requirements-platform-specific") == []


# issue #8 miss: a wheel URL whose cpXY tag does not match the runtime
WHEELS = "https://files.acme.dev/whl/"


@pytest.mark.parametrize("wheel", [
    "torch-1.8.0%2Bcpu-cp38-cp38-linux_x86_64.whl",          # CPython 3.8 on a 3.12 app
    "numpy-2.1.0-cp312-cp312-win_amd64.whl",                  # Windows
    "lxml-5.3.0-cp312-cp312-macosx_10_9_universal2.whl",      # macOS
])
def test_wheel_for_another_python_or_platform_fires(check, wheel):
    files = {"app.py": "import flask\n", ".python-version": "3.12\n",
             "requirements.txt": f"flask==3.1.2\n{WHEELS}{wheel}\n"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "requirements.txt", 2)]


@pytest.mark.parametrize("wheel", [
    "numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "cryptography-43.0.0-cp39-abi3-manylinux_2_28_x86_64.whl",   # abi3: 3.9 and later
    "requests-2.32.3-py3-none-any.whl",
])
def test_wheel_that_fits_the_runtime_is_quiet(check, wheel):
    files = {"app.py": "import flask\n", ".python-version": "3.12\n",
             "requirements.txt": f"flask==3.1.2\n{WHEELS}{wheel}\n"}
    assert check(files, "requirements-platform-specific") == []


@pytest.mark.parametrize("pin", ["wsgiref==0.1.2", "MySQL-python==1.2.5"])
def test_python2_only_pin_fires(check, pin):
    files = {"app.py": "import flask\n", "requirements.txt": f"flask==3.1.2\n{pin}\n"}
    assert check(files, "requirements-platform-specific") == [("requirements-platform-specific", "requirements.txt", 2)]


def test_python2_only_pin_behind_a_python2_marker_is_quiet(check):
    files = {"app.py": "import flask\n", "requirements.txt": "flask==3.1.2\nmysqlclient==2.2.4\n"
                                                             "wsgiref==0.1.2; python_version < '3'\n"}
    assert check(files, "requirements-platform-specific") == []
