"""The import-name data (preflight/data/import_names.json) and which imports count (preflight/project/imports.py)."""
from __future__ import annotations

import ast
import json

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
