"""runtime-invalid: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import run_rules
from pf2_helpers import LIBRARY, app_with, lock, seen, where


def test_missing_defers_to_a_misspelt_pin(app):
    found = seen(app, app_with(**{".python-version ": "3.13\n"}))
    assert where(found) == [("runtime-invalid", ".python-version ", 0)]
    assert "spelled incorrectly" in found[0][4]


# -- runtime-invalid --------------------------------------------------------------------------------
@pytest.mark.parametrize("minor", ["3.10", "3.11", "3.12", "3.13", "3.14"])
def test_supported_versions_with_a_comment_are_valid(check, minor):
    files = app_with(**{".python-version": f"# The Python version this app uses\n{minor}\n"})
    assert check(files, "runtime-invalid") == []


@pytest.mark.parametrize("name", [".python_version", "python-version.txt", ".python-version.txt", "runtime.txt "])
def test_misspelt_names(check, name):
    expected = [] if name == "runtime.txt " else [("runtime-invalid", name, 0)]
    assert check(app_with(**{name: "3.13\n"}), "runtime-invalid") == expected


@pytest.mark.parametrize("content, line, col, words", [
    # CRLF, tabs and comments around a version with invisible characters (the buildpack's fixture shape)
    ("# comment\r\n\t\r\n  3.12\u200b\r\n# another\r\n", 3, 7, "U+200B"),
    ("3.\u00a012\n", 1, 3, "U+00A0"),
    ("\x1b[0m3.12\n", 1, 1, "U+001B"),
    ("3.12\ufeff\n", 1, 5, "U+FEFF"),
])
def test_invisible_characters(app, content, line, col, words):
    root = app(app_with(**{".python-version": content}))
    result = run_rules(root, select=["runtime-invalid"])
    [f] = result.active
    assert (f.name, f.path, f.line, f.col) == ("runtime-invalid", ".python-version", line, col)
    assert words in f.message and f"column {col}" in f.message


@pytest.mark.parametrize("content", [
    "\u00a03.12\u00a0\n",        # Unicode whitespace at the ends is trimmed, as the buildpack does
    "3.12\r\n",                  # CRLF is fine since v284
    "\n\n  # pinned for the app\n\n\t3.13.1  \n\n",
])
def test_trimmed_values_are_valid(check, content):
    assert check(app_with(**{".python-version": content}), "runtime-invalid") == []


@pytest.mark.parametrize("value, words", [
    ("python-3.12", "prefix"),
    ("'3.12'", "quoted"),
    ('"3.12"', "quoted"),
    ("3.x", "wildcard"),
    ("3.12.*", "wildcard"),
    ("3.12rc1", "pre-release"),
    ("3.13.0-dev", "pre-release"),
    ("3.12.1.4", "4 components"),
    ("3.12.", "ends with a dot"),
    ("3.12 # production", "comment"),
    ("3", "only a major"),
    ("3.09", "leading zero"),
    ("system", "not a version number"),
    ("pypy3.10", "PyPy"),
])
def test_invalid_python_version_values(app, value, words):
    found = seen(app, app_with(**{".python-version": f"# pin\n{value}\n"}), ["runtime-invalid"])
    assert where(found) == [("runtime-invalid", ".python-version", 2)]
    assert words in found[0][4] and found[0][3] == "error"


def test_bom_and_crlf(app):
    found = seen(app, app_with(**{".python-version": b"\xef\xbb\xbf3.13\r\n"}), ["runtime-invalid"])
    assert where(found) == [("runtime-invalid", ".python-version", 1)]
    assert "byte-order mark" in found[0][4]


def test_utf16_from_powershell(app):
    found = seen(app, app_with(**{".python-version": "3.13\r\n".encode("utf-16")}), ["runtime-invalid"])
    assert where(found) == [("runtime-invalid", ".python-version", 1)]
    assert "UTF-16" in found[0][4] and "Set-Content" in found[0][5]


@pytest.mark.parametrize("content", ["", "# 3.12\n\n   \n"])
def test_no_version(check, content):
    assert check(app_with(**{".python-version": content}), "runtime-invalid") == [
        ("runtime-invalid", ".python-version", 0)]


def test_multiple_versions(app):
    found = seen(app, app_with(**{".python-version": "3.12\n# old:\n2.7\n"}), ["runtime-invalid"])
    assert where(found) == [("runtime-invalid", ".python-version", 3)]
    assert "'3.12' (line 1)" in found[0][4] and "'2.7' (line 3)" in found[0][4]


@pytest.mark.parametrize("content, line", [
    ("3.12\n", 1),
    ("Python-3.12\n", 1),
    ("python-3.12.x\n", 1),
    ("python 3.12\n", 1),
    ("# runtime\n\u200bpython-3.12.0\x1b\n", 2),
])
def test_runtime_txt_invalid(check, content, line):
    assert check(app_with(**{"runtime.txt": content}), "runtime-invalid") == [("runtime-invalid", "runtime.txt", line)]


def test_runtime_txt_with_nul_bytes(app):
    """The buildpack's fixture wraps the value in control characters; NUL makes the file binary."""
    found = seen(app, app_with(**{"runtime.txt": "\u200bpython-3.12.0\x00\n"}), ["runtime-invalid", "file-unreadable"])
    assert [f[:4] for f in found] == [("file-unreadable", "runtime.txt", 0, "error"),
                                      ("runtime-invalid", "runtime.txt", 0, "error")]


@pytest.mark.parametrize("content", ["python-3.13\n", "# pinned\npython-3.13.2\r\n", "  python-3.12  \n"])
def test_runtime_txt_valid(check, content):
    assert check(app_with(**{"runtime.txt": content}), "runtime-invalid") == []


@pytest.mark.parametrize("requires, key", [
    ({"python_version": "^3.12"}, "python_version"),
    ({"python_full_version": "3.9.*", "python_version": "3.9"}, "python_full_version"),
])
def test_pipfile_lock_version_invalid(app, requires, key):
    text = lock(requires)
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if f'"{key}"' in ln)
    files = {"Pipfile": '[packages]\nflask = "*"\n', "Pipfile.lock": text, "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files, ["runtime-invalid"])
    assert where(found) == [("runtime-invalid", "Pipfile.lock", line)]


def test_pipfile_lock_not_read_when_python_version_exists(check):
    files = {"Pipfile": '[packages]\nflask = "*"\n', "Pipfile.lock": lock({"python_version": "^3.12"}),
             ".python-version": "3.12\n"}
    assert check(files, "runtime-invalid") == []


def test_invalid_is_quiet_in_container_mode(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
             ".python-version": "python-3.13\n"}
    assert check(files, "runtime-invalid") == []


def test_runtime_rules_quiet_for_a_published_library(app):
    # pyenv users commit several versions for tox; a library is never deployed, so nothing applies.
    assert seen(app, {**LIBRARY, ".python-version": "3.12.4\n3.9.19\n"}) == []


@pytest.mark.parametrize("value, words", [
    ("pypy3.10-7.3.16", "PyPy"),
    ("3.13t", "free-threaded"),
    ("3.14t", "free-threaded"),
])
def test_invalid_names_pypy_and_free_threaded_builds(app, value, words):
    [found] = seen(app, app_with(**{".python-version": value + "\n"}))
    assert where([found]) == [("runtime-invalid", ".python-version", 1)]
    assert words in found[4]


def test_only_the_files_the_platform_reads(app):
    """A broken runtime.txt breaks the build where runtime.txt is read (Railway), not where it is ignored
    (Render); nothing builds Python from these files on Fly. A broken .python-version breaks it everywhere
    it is read."""
    files = app_with(**{"runtime.txt": "python3.12\n"})
    assert where(seen(app, files, ["runtime-invalid"], platform="railway")) == [
        ("runtime-invalid", "runtime.txt", 1)]
    assert seen(app, files, ["runtime-invalid"], platform="render") == []
    files = app_with(**{".python-version": "python-3.12\n"})
    assert where(seen(app, files, ["runtime-invalid"], platform="render")) == [
        ("runtime-invalid", ".python-version", 1)]
    assert seen(app, files, ["runtime-invalid"], platform="fly") == []
