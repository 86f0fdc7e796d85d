"""requirements-invalid: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

from conftest import findings
from pf3_helpers import APP, messages


# -- requirements-invalid ---------------------------------------------------------------------------
def test_invalid_requirement_like_the_buildpack_fixture(app):
    root = app({**APP, "requirements.txt": "flask==3.1.2\nan-invalid-requirement!\n"})
    assert findings(root, ["requirements-invalid"]) == [("requirements-invalid", "requirements.txt", 2)]
    assert "an-invalid-requirement!" in messages(root, "requirements-invalid")[0]


def test_invalid_include_problems_point_at_the_including_line(check):
    files = {**APP, "requirements.txt": "-r base.txt\n-r missing.txt\n", "base.txt": "six\n-r requirements.txt\n"}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "base.txt", 2),
                                                    ("requirements-invalid", "requirements.txt", 2)]


def test_invalid_line_too_long(check):
    files = {**APP, "requirements.txt": "six\n" + "a" * 20_000 + "\n"}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 2)]


def test_hash_mode_needs_every_line_hashed_and_pinned(check):
    text = ("flask==3.1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n"
            "gunicorn==23.0.0\n"
            "six>=1 --hash=sha256:" + "b" * 64 + "\n"
            "-e .\n")
    files = {**APP, "requirements.txt": text, "setup.py": ""}
    assert check(files, "requirements-invalid") == [("requirements-invalid", "requirements.txt", 3),
                                                    ("requirements-invalid", "requirements.txt", 4),
                                                    ("requirements-invalid", "requirements.txt", 5)]


def test_valid_file_with_every_feature_is_quiet(check):
    text = ("# production\n--index-url https://pypi.org/simple\n-c constraints.txt\n"
            "flask[async]==3.1.2 \\\n    ; python_version >= '3.9'  # web\n"
            "gunicorn==23.0.0\n"
            "-e git+https://github.com/org/lib.git@v1#egg=lib\n"
            "numpy==1.26.4; python_version < '3.13'\nnumpy==2.1.0; python_version >= '3.13'\n")
    files = {**APP, "requirements.txt": text, "constraints.txt": "werkzeug<4\n"}
    assert check(files, "requirements-invalid") == []


def test_hashes_for_every_wheel_are_a_valid_line(check):
    # `uv pip compile --universal --generate-hashes` lists ~150 hashes for markupsafe on one logical line.
    hashes = "".join(f" \\\n    --hash=sha256:{i:064x}" for i in range(160))
    text = ("flask==3.1.3 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via -r requirements.in\n"
            "markupsafe==3.0.4" + hashes + "\n    # via jinja2\n")
    assert check({**APP, "requirements.txt": text}, "requirements-invalid") == []
