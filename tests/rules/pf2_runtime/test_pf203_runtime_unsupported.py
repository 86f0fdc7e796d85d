"""runtime-unsupported: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import datetime

import pytest

from pf2_helpers import app_with, lock, seen, where


@pytest.fixture
def today(monkeypatch):
    """Pretend today is a given date for the rules' date comparisons."""
    from preflight.project import runtime

    def set_today(day: datetime.date):
        monkeypatch.setattr(runtime, "today", lambda: day)

    return set_today


# -- runtime-unsupported ----------------------------------------------------------------------------
def test_eol_indented_among_comments(app):
    found = seen(app, app_with(**{".python-version": "# comment\n\n   3.9   \n# more\n"}), ["runtime-unsupported"])
    assert where(found) == [("runtime-unsupported", ".python-version", 3)]
    assert found[0][3] == "error" and "2026-01-07" in found[0][4]


def test_eol_from_runtime_txt(app):
    found = seen(app, app_with(**{"runtime.txt": "python-2.7.18\n"}), ["runtime-unsupported"])
    assert where(found) == [("runtime-unsupported", "runtime.txt", 1)]
    assert found[0][3] == "error" and "git rm runtime.txt" in found[0][5]


def test_eol_from_pipfile_lock(app):
    text = lock({"python_version": "3.8"})
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if '"python_version"' in ln)
    files = {"Pipfile": '[packages]\nflask = "*"\n', "Pipfile.lock": text, "Procfile": "web: gunicorn app:app\n"}
    assert where(seen(app, files, ["runtime-unsupported"])) == [("runtime-unsupported", "Pipfile.lock", line)]


@pytest.mark.parametrize("value, words", [("3.999", "isn't recognised"), ("4.0", "isn't recognised"),
                                          ("3.12.999", "does not exist")])
def test_unknown_versions_are_errors(app, value, words):
    found = seen(app, app_with(**{".python-version": f"{value}\n"}), ["runtime-unsupported"])
    assert [(f[:4]) for f in found] == [("runtime-unsupported", ".python-version", 1, "error")]
    assert words in found[0][4]


def test_outdated_patch_is_info(app):
    found = seen(app, app_with(**{".python-version": "3.14.0\n"}), ["runtime-unsupported"])
    assert [f[:4] for f in found] == [("runtime-unsupported", ".python-version", 1, "info")]
    assert "3.14.7" in found[0][4] and "echo 3.14 > .python-version" in found[0][5]


def test_deprecated_310_warns_until_its_removal_date(app, today):
    files = app_with(**{".python-version": "# pinned\n3.10\n"})
    today(datetime.date(2026, 11, 1))
    found = seen(app, files, ["runtime-unsupported"])
    assert [f[:4] for f in found] == [("runtime-unsupported", ".python-version", 2, "warning")]
    assert "2027-01-06" in found[0][4]
    today(datetime.date(2027, 1, 6))
    assert [f[:4] for f in seen(app, files, ["runtime-unsupported"])] == [
        ("runtime-unsupported", ".python-version", 2, "error")]


def test_oldest_exact_310_warns_twice(app, today):
    """The buildpack's pip_oldest_python: deprecated minor and an old patch."""
    today(datetime.date(2026, 11, 1))
    found = seen(app, app_with(**{".python-version": "3.10.0\n"}), ["runtime-unsupported"])
    assert sorted(f[3] for f in found) == ["info", "warning"]


def test_next_minor_after_its_release_month_is_a_warning(app, today):
    files = app_with(**{".python-version": "3.15\n"})
    today(datetime.date(2026, 9, 1))
    assert [f[3] for f in seen(app, files, ["runtime-unsupported"])] == ["error"]
    today(datetime.date(2026, 11, 1))
    assert [f[3] for f in seen(app, files, ["runtime-unsupported"])] == ["warning"]


@pytest.mark.parametrize("value", ["3.11", "3.13", "3.14", "3.14.7", "3.13.15"])
def test_supported_versions_pass(check, value):
    assert check(app_with(**{".python-version": f"{value}\n"}), "runtime-unsupported") == []


def test_unsupported_only_judges_the_version_in_use(check):
    """runtime.txt wins on the classic buildpack, so the EOL .python-version is not what gets installed."""
    files = app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "3.9\n"})
    assert check(files, "runtime-unsupported") == []


def test_platform_range_and_table(app, today):
    """Scalingo builds with Heroku's table but documents 3.11-3.14: 3.10 stays a warning there and says so;
    Koyeb has no Heroku table (python-version-unavailable-on-platform checks its range): nothing here."""
    today(datetime.date(2026, 9, 1))
    files = app_with(**{".python-version": "3.10\n"})
    scalingo = seen(app, files, ["runtime-unsupported"], platform="scalingo")
    assert [f[:4] for f in scalingo] == [("runtime-unsupported", ".python-version", 1, "warning")]
    assert "Scalingo already lists only 3.11-3.14" in scalingo[0][4]
    assert "echo 3.13 > .python-version" in scalingo[0][5]   # Scalingo's default
    heroku = seen(app, files, ["runtime-unsupported"])
    assert [f[:4] for f in heroku] == [("runtime-unsupported", ".python-version", 1, "warning")]
    assert "lists only" not in heroku[0][4] and "echo 3.14 > .python-version" in heroku[0][5]
    assert seen(app, app_with(**{".python-version": "3.14\n"}), ["runtime-unsupported"], platform="koyeb") == []
    assert seen(app, app_with(**{".python-version": "3.11\n"}), ["runtime-unsupported"], platform="scalingo") == []
