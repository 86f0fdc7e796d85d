"""runtime-txt-deprecated: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from pf2_helpers import app_with, seen


# -- runtime-txt-deprecated -------------------------------------------------------------------------
def test_runtime_txt_deprecated(app):
    found = seen(app, app_with(**{"runtime.txt": "python-3.13.1\n"}), ["runtime-txt-deprecated"])
    assert [f[:4] for f in found] == [("runtime-txt-deprecated", "runtime.txt", 1, "warning")]
    assert "echo 3.13 > .python-version && git rm runtime.txt" in found[0][5]


def test_runtime_txt_hint_keeps_the_version_in_use(app):
    """Deleting runtime.txt would switch to the .python-version it shadows: the hint moves its version instead."""
    files = app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "3.9\n"})
    [found] = seen(app, files, ["runtime-txt-deprecated"])
    assert "echo 3.13 > .python-version && git rm runtime.txt" in found[5]
    files = app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "3.13\n"})
    [found] = seen(app, files, ["runtime-txt-deprecated"])
    assert found[5].startswith("Delete it: git rm runtime.txt")


def test_runtime_txt_with_uv_is_an_error(app):
    files = {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\n', "uv.lock": "version = 1\n",
             "runtime.txt": "python-3.13\n", "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files)
    assert [f[:4] for f in found] == [("runtime-txt-deprecated", "runtime.txt", 1, "error")]
    assert "uv python pin 3.13" in found[0][5]


@pytest.mark.parametrize("files", [{".python-version": "3.13\n"}, {"docs/runtime.txt": "python-3.13\n"}])
def test_runtime_txt_deprecated_quiet(check, files):
    assert check(app_with(**files), "runtime-txt-deprecated") == []


def test_runtime_txt_fires_at_its_line(check):
    files = app_with(**{"runtime.txt": "# pinned for the platform\npython-3.13\n"})
    assert check(files, "runtime-txt-deprecated") == [("runtime-txt-deprecated", "runtime.txt", 2)]


def test_runtime_txt_per_platform(app):
    """An error on Heroku Fir (its build fails), the deprecation warning where the buildpack deprecates it,
    nothing where the build reads it (Railway) or ignores it (Render: python-version-source-ignored) or
    builds no Python from it (Fly)."""
    files = app_with(**{"runtime.txt": "python-3.13\n"})
    fir = seen(app, files, ["runtime-txt-deprecated"], platform="heroku-fir")
    assert [f[:4] for f in fir] == [("runtime-txt-deprecated", "runtime.txt", 1, "error")]
    assert "The runtime.txt file isn't supported" in fir[0][4]
    do = seen(app, files, ["runtime-txt-deprecated"], platform="do-app-platform")
    assert [f[:4] for f in do] == [("runtime-txt-deprecated", "runtime.txt", 1, "warning")]
    assert "DigitalOcean App Platform's Python buildpack" in do[0][4]
    for platform in ("railway", "render", "fly"):
        assert seen(app, files, ["runtime-txt-deprecated"], platform=platform) == [], platform
