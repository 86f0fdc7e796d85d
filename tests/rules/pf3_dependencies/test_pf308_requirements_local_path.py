"""requirements-local-path: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

import pytest

from conftest import findings
from pf3_helpers import APP, messages


# -- requirements-local-path ------------------------------------------------------------------------
def test_local_paths_from_other_machines(app):
    text = ("numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_170/work\n"
            "mylib @ file:///Users/me/code/mylib\n"
            "-e ../shared-lib\n"
            "./vendor/missing\n"
            "C:\\Users\\me\\wheels\\x-1.0-py3-none-any.whl\n"
            "pkg-resources==0.0.0\n"
            "tool @ https://example.com/tool-1.0.tar.gz\n"
            "six==1.16.0\n")
    root = app({**APP, "requirements.txt": text})
    assert findings(root, ["requirements-local-path"]) == [("requirements-local-path", "requirements.txt", n)
                                                           for n in range(1, 8)]
    msgs = messages(root, "requirements-local-path")
    assert "conda" in msgs[0] and "outside the repository" in msgs[2]


def test_env_reference_is_not_passed_to_pip(check):
    text = "--extra-index-url ${PIP_EXTRA_INDEX_URL}\ngit+https://${GITHUB_TOKEN}@github.com/org/x.git#egg=x\n"
    assert check({**APP, "requirements.txt": text}, "requirements-local-path") == \
        [("requirements-local-path", "requirements.txt", 2)]


@pytest.mark.parametrize("files", [
    {"requirements.txt": "-e .\n", "pyproject.toml": "[project]\nname = 'x'\n"},
    {"requirements.txt": "--editable ./libs/shared\n", "libs/shared/setup.py": ""},
    {"requirements.txt": "./dist/tool-1.0-py3-none-any.whl\n", "dist/tool-1.0-py3-none-any.whl": b"PK"},
    {"requirements.txt": "git+https://github.com/pallets/flask.git@3.1.2#egg=flask\n"},
    {"requirements.txt": "pkg-resources==0.0.1\n"},
])
def test_local_path_look_alikes(check, files):
    assert check({**APP, **files}, "requirements-local-path") == []


def test_local_path_not_committed(check):
    files = {**APP, "requirements.txt": "-e ./libs/shared\n", "libs/shared/setup.py": "", ".gitignore": "libs/\n"}
    assert check(files, "requirements-local-path", git=True) == [("requirements-local-path", "requirements.txt", 1)]


def test_placeholder_index_url(check):
    text = "--extra-index-url https://<your-token>@pypi.example.com/simple\n--index-url https://pypi.org/simple\nsix==1\n"
    assert check({**APP, "requirements.txt": text}, "requirements-local-path") == \
        [("requirements-local-path", "requirements.txt", 1)]


def test_local_path_names_anaconda_build_folders(app):
    # `pip freeze` in an Anaconda environment on Linux (old /tmp/build/<hash>) and on Windows (C:/ci, C:/b/abs_).
    text = ("charset-normalizer @ file:///tmp/build/80754af9/charset-normalizer_1630003229654/work\n"
            "PySocks @ file:///C:/ci/pysocks_1605287845585/work\n"
            "numpy @ file:///C:/b/abs_c1ywpu18ar/croot/numpy_1708638681471/work/dist/numpy-1.26.4.whl\n"
            "mylib @ file:///C:/Users/me/code/mylib\n"
            "flask==3.1.2\n")
    root = app({**APP, "requirements.txt": text})
    assert findings(root, ["requirements-local-path"]) == [("requirements-local-path", "requirements.txt", n)
                                                           for n in range(1, 5)]
    msgs = messages(root, "requirements-local-path")
    assert all("conda" in m for m in msgs[:3]), msgs
    assert "Windows path" in msgs[3]


# issue #8 miss: heroku-telegram-bot's requirements.txt:11, the template's example line left in
@pytest.mark.parametrize("url", ["https://site.org/files/package.zip", "https://files.acme.dev/dl/package.tar.gz"])
def test_placeholder_download_url(check, url):
    text = f"requests==2.32.3\n# Or you have .zip library\n{url}\n"
    assert check({**APP, "requirements.txt": text}, "requirements-local-path") == \
        [("requirements-local-path", "requirements.txt", 3)]


@pytest.mark.parametrize("url", ["https://github.com/psf/requests/archive/refs/tags/v2.32.3.zip",
                                 "https://files.acme.dev/dl/acme-sdk-1.2.tar.gz"])
def test_real_download_urls_are_not_placeholders(check, url):
    assert check({**APP, "requirements.txt": f"requests==2.32.3\n{url}\n"}, "requirements-local-path") == []
