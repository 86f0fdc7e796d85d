"""PF2xx Python runtime rules: each fires at the right (file, line) and stays quiet on its look-alikes.

The fixtures follow the shapes of the Heroku Python buildpack's spec fixtures (research/heroku.md (c)),
written here from scratch.
"""
from __future__ import annotations

import datetime
import json

import pytest

from conftest import run_rules

REQS = {"requirements.txt": "flask==3.0.0\n", "Procfile": "web: gunicorn app:app\n", "app.py": "app = None\n"}
RUNTIME_RULES = ["runtime-missing", "runtime-invalid", "runtime-unsupported", "runtime-txt-deprecated",
                 "runtime-mismatch"]


def app_with(**files) -> dict:
    out = dict(REQS)
    for name, content in files.items():
        out[name] = content
    return out


def seen(app, files, rules=RUNTIME_RULES, git=False):
    """(rule, path, line, severity, message, hint) of each runtime finding."""
    root = app(files, git=git)
    result = run_rules(root, select=rules)
    assert not result.crashes, result.crashes
    return sorted((f.name, f.path, f.line, f.severity.value, f.message, f.hint) for f in result.active
                  if f.name in rules)


def where(findings):
    return [(f[0], f[1], f[2]) for f in findings]


def lock(requires: dict) -> str:
    return json.dumps({"_meta": {"hash": {"sha256": "x"}, "requires": requires, "sources": []},
                       "default": {}, "develop": {}}, indent=4)


@pytest.fixture
def today(monkeypatch):
    """Pretend today is a given date for the rules' date comparisons."""
    from preflight.project import runtime

    def set_today(day: datetime.date):
        monkeypatch.setattr(runtime, "today", lambda: day)

    return set_today


# -- runtime-missing --------------------------------------------------------------------------------
def test_missing_fires_on_requirements_only(check):
    assert check(REQS, "runtime-missing") == [("runtime-missing", ".", 0)]


def test_missing_is_an_error_with_uv(app):
    files = {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.12"\n',
             "uv.lock": "version = 1\n", "Procfile": "web: gunicorn app:app\n"}
    found = seen(app, files)
    assert where(found) == [("runtime-missing", ".", 0)]
    assert found[0][3] == "error" and "uv python pin 3.14" in found[0][5]


def test_missing_defers_a_gitignored_pin_to_deploy_file_untracked(app):
    # One finding for one problem: deploy-file-untracked names the ignore pattern, and its fix keeps the
    # version the file names (runtime-missing's 'echo 3.14 > .python-version' would overwrite it).
    files = app_with(**{".python-version": "3.12.4\n", ".gitignore": ".python-version\n"})
    found = seen(app, files, ["runtime-missing", "deploy-file-untracked"], git=True)
    assert where(found) == [("deploy-file-untracked", ".python-version", 0)]
    assert found[0][3] == "warning" and ".gitignore:1" in found[0][4]


@pytest.mark.parametrize("extra", [
    {".python-version": "3.13\n"},
    {"runtime.txt": "python-3.13\n"},
    {"Pipfile.lock": lock({"python_version": "3.13"})},
])
def test_missing_quiet_when_a_version_is_pinned(check, extra):
    assert check(app_with(**extra), "runtime-missing") == []


def test_missing_quiet_in_container_mode(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
             "requirements.txt": ""}
    assert check(files, "runtime-missing") == []


def test_missing_quiet_when_not_a_python_project(check):
    assert check({"README.md": "hello\n"}, "runtime-missing") == []


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


# -- runtime-mismatch -------------------------------------------------------------------------------
def test_runtime_txt_shadows_python_version(app):
    found = seen(app, app_with(**{"runtime.txt": "python-3.13\n", ".python-version": "# app\n3.9\n"}),
                 ["runtime-mismatch"])
    assert where(found) == [("runtime-mismatch", ".python-version", 2)]
    assert "3.9" in found[0][4] and "python-3.13" in found[0][4]


@pytest.mark.parametrize("pv", ["3.13\n", "3.13.4\n"])
def test_runtime_txt_agreeing_with_python_version(check, pv):
    assert check(app_with(**{"runtime.txt": "python-3.13\n", ".python-version": pv}), "runtime-mismatch") == []


PYPROJECT = '[project]\nname = "x"\nversion = "1"\n# keep in sync with .python-version\nrequires-python = "{spec}"\n'


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


# -- review: realistic repositories -----------------------------------------------------------------
LIBRARY_PYPROJECT = ('[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n'
                     '[project]\nname = "tinyparse"\nversion = "1.4.2"\nrequires-python = ">=3.9"\n'
                     'dependencies = ["typing-extensions>=4.7"]\n')
LIBRARY = {"pyproject.toml": LIBRARY_PYPROJECT, "src/tinyparse/__init__.py": "X = 1\n",
           "tests/test_x.py": "from tinyparse import X\n", "README.md": "# tinyparse\n"}


def test_missing_quiet_for_a_node_app_with_a_helper_script(check):
    # Python only in a helper folder: the buildpack's detection never sees a Python app at the root.
    files = {"package.json": '{"name": "web"}\n', "index.js": "", "Procfile": "web: node index.js\n",
             "scripts/gen_fixtures.py": "import json\n"}
    assert check(files, "runtime-missing") == []


def test_missing_quiet_at_the_root_of_a_monorepo(check):
    files = {"backend/requirements.txt": "fastapi==0.115.0\n", "backend/api/main.py": "app = None\n",
             "backend/.python-version": "3.12\n", "frontend/package.json": "{}\n", "README.md": "# mono\n"}
    assert check(files, "runtime-missing") == []


def test_missing_still_fires_for_a_bot_with_only_a_script_at_the_root(check):
    files = {"bot.py": "import telebot\n", "Procfile": "worker: python bot.py\n"}
    assert check(files, "runtime-missing") == [("runtime-missing", ".", 0)]


def test_runtime_rules_quiet_for_a_published_library(app):
    # pyenv users commit several versions for tox; a library is never deployed, so nothing applies.
    assert seen(app, {**LIBRARY, ".python-version": "3.12.4\n3.9.19\n"}) == []


def test_runtime_missing_quiet_for_a_published_library(app):
    assert seen(app, LIBRARY) == []


def test_runtime_rules_apply_to_a_library_shaped_app_with_a_procfile(app):
    found = seen(app, {**LIBRARY, "Procfile": "worker: python -m tinyparse\n"})
    assert where(found) == [("runtime-missing", ".", 0)]


@pytest.mark.parametrize("value, words", [
    ("pypy3.10-7.3.16", "PyPy"),
    ("3.13t", "free-threaded"),
    ("3.14t", "free-threaded"),
])
def test_invalid_names_pypy_and_free_threaded_builds(app, value, words):
    [found] = seen(app, app_with(**{".python-version": value + "\n"}))
    assert where([found]) == [("runtime-invalid", ".python-version", 1)]
    assert words in found[4]
