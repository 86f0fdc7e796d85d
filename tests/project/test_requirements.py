"""The requirements.txt model: pip's reading rules, line numbers, includes, and bad input as problems."""
from __future__ import annotations

import codecs
import time

import pytest

from preflight.project import Project
from preflight.project.dependencies import TomlLines
from preflight.project.requirements import (MAX_LINE, logical_lines, parse_text, satisfiable,
                                            split_line, LineError)


def reqs_of(result):
    return [(r.key, r.path, r.line) for r in result.requirements]


# -- logical lines ---------------------------------------------------------------------------------
def test_continuations_join_and_keep_the_first_line_number():
    text = "flask==3.1.2 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\ngunicorn==23.0.0\n"
    r = parse_text(text)
    assert reqs_of(r) == [("flask", "requirements.txt", 1), ("gunicorn", "requirements.txt", 4)]
    assert r.requirements[0].hashes == ["sha256:aaa", "sha256:bbb"]
    assert r.requirements[0].specifier == "==3.1.2"


def test_comments_are_cut_after_the_join():
    # pip joins first: the '#' on the continued line comments out the rest of the logical line,
    # and a '#' glued to a word (a URL fragment) is not a comment.
    lines = ["requests \\", ">=2.31  # http", "# a whole comment line \\", "six"]
    assert list(logical_lines(lines)) == [(1, "requests >=2.31"), (4, "six")]
    r = parse_text("pkg @ https://example.invalid/p.zip#sha1=abc  # trailing\n")
    assert r.requirements[0].url == "https://example.invalid/p.zip#sha1=abc"


def test_a_comment_line_ends_a_continuation():
    assert list(logical_lines(["flask \\", "# comment", "six"])) == [(1, "flask"), (3, "six")]


def test_a_trailing_backslash_on_the_last_line():
    assert list(logical_lines(["six \\"])) == [(1, "six")]


def test_blank_lines_and_crlf_are_ignored():
    r = parse_text("\r\n\r\nflask==3.1.2\r\n\r\n")
    assert reqs_of(r) == [("flask", "requirements.txt", 3)]
    assert r.problems == []


# -- options ---------------------------------------------------------------------------------------
def test_file_level_options_are_recorded_not_required():
    text = ("-i https://pypi.org/simple\n--extra-index-url https://x.invalid/simple\n--pre\n"
            "--only-binary :all:\n--no-binary=psycopg2\n--trusted-host x.invalid\n-f ./wheels\nflask\n")
    r = parse_text(text)
    assert [o.name for o in r.options] == ["--index-url", "--extra-index-url", "--pre", "--only-binary",
                                            "--no-binary", "--trusted-host", "--find-links"]
    assert reqs_of(r) == [("flask", "requirements.txt", 8)]
    assert r.problems == []


def test_long_options_may_be_abbreviated_like_optparse():
    assert split_line("--extra-index x") == ("", [("--extra-index-url", "x")])
    assert split_line("-rbase.txt") == ("", [("--requirement", "base.txt")])


@pytest.mark.parametrize("line, message", [
    ("--install-option=--prefix=/x", "no such option: --install-option"),
    ("-x foo", "no such option: -x"),
    ("--index-url", "requires 1 argument"),
    ("--pre=yes", "does not take a value"),
    ("--no", "ambiguous"),
])
def test_bad_options(line, message):
    with pytest.raises(LineError, match=message):
        split_line(line)
    r = parse_text(line + "\n")
    assert [(p.line, p.kind) for p in r.problems] == [(1, "option")]


def test_requirement_options_and_markers():
    r = parse_text('pywin32==306; sys_platform == "win32" --hash=sha256:abc\n')
    [req] = r.requirements
    assert (req.key, req.specifier, req.marker, req.hashes) == ("pywin32", "==306", 'sys_platform == "win32"',
                                                                ["sha256:abc"])


# -- requirement kinds -----------------------------------------------------------------------------
@pytest.mark.parametrize("line, kind, key, url", [
    ("Flask[async]>=3,<4", "name", "flask", ""),
    ("numpy @ file:///home/conda/feedstock_root/build/work", "path", "numpy", "file:///home/conda/feedstock_root/build/work"),
    ("django @ https://example.invalid/django-5.0.tar.gz", "url", "django", "https://example.invalid/django-5.0.tar.gz"),
    ("git+https://github.com/org/lib.git@v1#egg=my_lib", "vcs", "my-lib", "git+https://github.com/org/lib.git@v1#egg=my_lib"),
    ("https://files.invalid/pkgs/Some_Pkg-1.2-py3-none-any.whl", "url", "some-pkg", "https://files.invalid/pkgs/Some_Pkg-1.2-py3-none-any.whl"),
    ("./vendor/mylib", "path", "", "./vendor/mylib"),
    ("./vendor/mylib[extra]", "path", "", "./vendor/mylib"),
    ("dist/tool-2.0-py3-none-any.whl", "path", "tool", "dist/tool-2.0-py3-none-any.whl"),
    ("lib.tar.gz", "path", "", "lib.tar.gz"),
])
def test_requirement_kinds(line, kind, key, url):
    [req] = parse_text(line + "\n").requirements
    assert (req.kind, req.key, req.url) == (kind, key, url)


@pytest.mark.parametrize("line, kind, url, name", [
    ("-e .", "path", ".", ""),
    ("--editable=./libs/shared[dev]", "path", "./libs/shared", ""),
    ("-e git+https://github.com/org/repo.git#egg=repo", "vcs", "git+https://github.com/org/repo.git#egg=repo", "repo"),
    ("-e file:../other", "path", "file:../other", ""),
])
def test_editables(line, kind, url, name):
    [req] = parse_text(line + "\n").requirements
    assert (req.kind, req.url, req.name, req.editable) == (kind, url, name, True)


def test_an_editable_http_url_is_invalid():
    r = parse_text("-e https://example.invalid/pkg.zip\n")
    assert r.requirements == [] and [p.line for p in r.problems] == [1]


@pytest.mark.parametrize("line, fragment", [
    ("an-invalid-requirement!", "not a valid requirement"),
    ("flask=2.0", "did you mean '=='"),
    ("requests>=2; python_version >> '3'", "invalid environment marker"),
    ("django (>=4", "not a valid requirement"),
])
def test_invalid_requirements_become_problems(line, fragment):
    r = parse_text("six\n" + line + "\n")
    assert [(p.line, p.kind) for p in r.problems] == [(2, "invalid")]
    assert fragment in r.problems[0].message
    assert reqs_of(r) == [("six", "requirements.txt", 1)]


def test_env_references_are_noted_with_their_line():
    r = parse_text("flask\ngit+https://${GITHUB_TOKEN}@github.com/org/x.git#egg=x\n--extra-index-url ${PIP_EXTRA_INDEX_URL}\n")
    assert [(e.name, e.line) for e in r.env_refs] == [("GITHUB_TOKEN", 2), ("PIP_EXTRA_INDEX_URL", 3)]


# -- includes --------------------------------------------------------------------------------------
def test_includes_are_relative_to_the_including_file():
    files = {"requirements/base.txt": "flask==3.1.2\n-c ../constraints.txt\n",
             "requirements/prod.txt": "-r base.txt\ngunicorn==23.0.0\n",
             "constraints.txt": "werkzeug<4\n"}
    r = parse_text("-r requirements/prod.txt\nsix\n", others=files)
    assert reqs_of(r) == [("flask", "requirements/base.txt", 1), ("werkzeug", "constraints.txt", 1),
                          ("gunicorn", "requirements/prod.txt", 2), ("six", "requirements.txt", 2)]
    assert [r_.constraint for r_ in r.requirements] == [False, True, False, False]
    assert [x.key for x in r.installs] == ["flask", "gunicorn", "six"]
    assert r.files == ["requirements.txt", "requirements/prod.txt", "requirements/base.txt", "constraints.txt"]
    assert r.problems == []


def test_missing_include_is_a_problem_at_its_line():
    r = parse_text("flask\n--requirement=missing.txt\n")
    assert [(p.path, p.line, p.kind) for p in r.problems] == [("requirements.txt", 2, "include")]
    assert "Could not open requirements file" in r.problems[0].message


def test_include_cycle_is_detected():
    files = {"a.txt": "six\n-r b.txt\n", "b.txt": "-r a.txt\n"}
    r = parse_text("-r a.txt\n", others=files)
    assert [(p.path, p.line, p.kind) for p in r.problems] == [("b.txt", 1, "cycle")]
    assert reqs_of(r) == [("six", "a.txt", 1)]


def test_a_self_include_is_a_cycle():
    r = parse_text("-r requirements.txt\n")
    assert [p.kind for p in r.problems] == ["cycle"]


def test_a_diamond_is_read_once_without_problems():
    files = {"a.txt": "-r c.txt\n", "b.txt": "-r c.txt\n", "c.txt": "six\n"}
    r = parse_text("-r a.txt\n-r b.txt\n", others=files)
    assert r.problems == [] and reqs_of(r) == [("six", "c.txt", 1)]


def test_include_depth_is_bounded():
    files = {f"r{i}.txt": f"-r r{i + 1}.txt\n" for i in range(30)}
    r = parse_text("-r r0.txt\n", others=files)
    assert [p.kind for p in r.problems] == ["depth"]


def test_include_outside_the_repository():
    r = parse_text("-r ../shared/requirements.txt\n-c /etc/constraints.txt\n")
    assert [(p.line, p.kind) for p in r.problems] == [(1, "include"), (2, "include")]


def test_remote_include_is_recorded_not_fetched():
    r = parse_text("-r https://example.invalid/req.txt\n")
    assert r.problems == [] and r.remote_includes == [("requirements.txt", 1, "https://example.invalid/req.txt")]


# -- bad input stays fast --------------------------------------------------------------------------
def test_a_ten_megabyte_line_is_reported_fast():
    huge = "flask" + " " * (10 * 1024 * 1024) + "x\nsix\n"
    start = time.perf_counter()
    r = parse_text(huge)
    elapsed = time.perf_counter() - start
    assert [(p.line, p.kind) for p in r.problems] == [(1, "too-long")]
    assert reqs_of(r) == [("six", "requirements.txt", 2)]
    assert elapsed < 1.0, elapsed


def test_long_continuations_are_measured_after_the_join():
    parts = ["pkg[\\"] + ["    " + "a" * 64 + ", \\"] * (MAX_LINE // 70 + 5) + ["    b]"]
    r = parse_text("\n".join(parts) + "\n")
    assert [(p.line, p.kind) for p in r.problems] == [(1, "too-long")]


def test_a_wheel_per_platform_hash_list_is_not_too_long():
    # pip-compile --generate-hashes / uv pip compile --universal: markupsafe, numpy, pydantic-core list a hash
    # for each of their 100-300 wheels on one logical line, far over MAX_LINE.
    hashes = [f"    --hash=sha256:{i:064x} \\" for i in range(300)]
    text = "\n".join(["markupsafe==3.0.2 \\"] + hashes + ["    --hash=sha256:" + "f" * 64, "    # via jinja2",
                                                         "six==1.16.0 --hash=sha256:" + "e" * 64]) + "\n"
    r = parse_text(text)
    assert r.problems == []
    assert [(q.key, q.line, len(q.hashes)) for q in r.requirements] == [("markupsafe", 1, 301), ("six", 304, 1)]


def test_many_spaces_before_a_hash_do_not_backtrack():
    line = "flask" + " " * 200_000 + "#comment\n"
    start = time.perf_counter()
    r = parse_text(line)
    assert time.perf_counter() - start < 1.0
    assert reqs_of(r) == [("flask", "requirements.txt", 1)] and r.problems == []  # the comment is cut first


# -- through the Project -----------------------------------------------------------------------------
def test_utf16_requirements_are_read_as_pip_reads_them(app):
    raw = codecs.BOM_UTF16_LE + "flask==3.1.2\r\ngunicorn==23.0.0\r\n".encode("utf-16-le")
    root = app({"requirements.txt": raw})
    project = Project(root)
    r = project.requirements
    assert reqs_of(r) == [("flask", "requirements.txt", 1), ("gunicorn", "requirements.txt", 2)]
    assert r.encodings["requirements.txt"] == "utf-16"
    assert project.unreadable == {}


def test_project_includes_that_are_not_committed(app):
    root = app({"requirements.txt": "-r base.txt\n-r local.txt\n", "base.txt": "six\n", "local.txt": "x\n",
                ".gitignore": "local.txt\n"}, git=True)
    r = Project(root).requirements
    assert reqs_of(r) == [("six", "base.txt", 1)]
    assert [(p.line, p.kind) for p in r.problems] == [(2, "include")]
    assert "ignored by .gitignore" in r.problems[0].message


def test_no_requirements_file_means_no_model(app):
    assert Project(app({"app.py": "print(1)\n"})).requirements is None


# -- version sets ----------------------------------------------------------------------------------
@pytest.mark.parametrize("specs, expected", [
    (["==2.0", ">=3"], False),
    (["~=1.4", ">=2"], False),
    (["==1.4.*", "<1.4"], False),
    ([">1", "<=1"], False),
    (["!=1.0", "==1.0"], False),
    ([">=1.0", "<1.0.1"], True),
    (["==1.*", "!=1.0"], True),
    (["==2.0", "==2.0.0"], True),
    ([">=1", "<2", "!=1.5"], True),
    (["==1.2.3", "~=1.2"], True),
    (["===weird", "==1"], True),
    ([">=2.0rc1", "<2.0"], True),
])
def test_satisfiable(specs, expected):
    assert satisfiable(specs) is expected


# -- TOML lines ------------------------------------------------------------------------------------
def test_toml_lines_find_tables_keys_and_array_items():
    lines = ['[project]', 'name = "demo"', 'dependencies = [', '  "flask>=3",', "  'httpx',", ']',
             '', '[tool.poetry.dependencies]', 'python = "^3.12"', '"Flask-Cors" = {version = "*"}',
             '[tool.poetry]', 'group.dev.dependencies = {pytest = "*"}']
    t = TomlLines(lines)
    assert t.table("project") == 1 and t.key("project", "name") == 2
    assert t.value("project", "dependencies", "flask>=3") == 4
    assert t.value("project", "dependencies", "httpx") == 5
    assert t.entry("tool.poetry.dependencies", "Flask-Cors") == 10
    assert t.entry("tool.poetry.group.dev.dependencies", "pytest") == 12
    assert t.table("nothing.here") == 0


# -- the packaging-free fast path agrees with packaging ----------------------------------------------
@pytest.mark.parametrize("text", [
    "flask", "Flask==3.1.2", "flask >= 3 , < 4", "Django~=5.1", "requests[socks,security]>=2.31",
    "zope.interface==6.0", "a_b-c.d!=1.0.*", "x==1.0rc1", "x>=1.0.post2", "x<2.0.dev0", "x==1.*,!=1.5",
    "pkg[ extra ]==1", "x~=1.4.5a1", "x>1,>1", "n  ==  2",
])
def test_simple_parse_matches_packaging(text):
    from packaging.requirements import Requirement

    from preflight.project.requirements import parse_simple

    simple = parse_simple(text)
    assert simple is not None
    req = Requirement(text)
    assert simple == (req.name, tuple(sorted(req.extras)), str(req.specifier))


@pytest.mark.parametrize("text", ["x>=1.0.*", "x~=1", "x===1", "x==1.0+local", "x==1!2", "x==1.0,", "x @ https://a/b",
                                  "x; python_version < '3'", "x==v1", "-x", "x==1.0a1.*"])
def test_simple_parse_leaves_the_rest_to_packaging(text):
    from preflight.project.requirements import parse_simple

    assert parse_simple(text) is None


def test_canonical_matches_packaging():
    from packaging.utils import canonicalize_name

    from preflight.project.requirements import canonical

    for name in ("Flask_SQLAlchemy", "zope.interface", "A--B__C..D", "pyTelegramBotAPI"):
        assert canonical(name) == canonicalize_name(name)


# -- lock files are read without their per-file tables --------------------------------------------
def test_slim_lock_keeps_what_the_rules_read():
    from preflight.project.dependencies import _slim_lock
    from preflight.project.manifests import tomllib_module

    uv = ('version = 1\nrequires-python = ">=3.12"\n\n[[package]]\nname = "flask"\nversion = "3.1.2"\n'
          'source = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "werkzeug" },\n]\n'
          'sdist = { url = "https://x.invalid/flask.tar.gz", hash = "sha256:00", size = 1 }\nwheels = [\n'
          '    { url = "https://x.invalid/flask.whl", hash = "sha256:11", size = 2 },\n]\n\n'
          '[package.optional-dependencies]\nasync = [\n    { name = "asgiref" },\n]\n')
    poetry1 = ('[[package]]\nname = "six"\nversion = "1.16.0"\ncategory = "main"\noptional = false\n'
               'python-versions = "*"\n\n[metadata]\nlock-version = "1.1"\ncontent-hash = "abc"\n\n'
               '[metadata.files]\nsix = [\n    {file = "six.whl", hash = "sha256:22"},\n]\nx = []\n')
    poetry2 = ('[[package]]\nname = "six"\nversion = "1.16.0"\nfiles = [\n    {file = "six.whl", hash = "sha256:22"},\n'
               ']\n\n[package.dependencies]\nx = ">=1"\n\n[metadata]\nlock-version = "2.1"\ncontent-hash = "def"\n')
    toml = tomllib_module()
    slim = toml.loads(_slim_lock(uv))
    assert slim["package"] == [{"name": "flask", "version": "3.1.2", "source": {"registry": "https://pypi.org/simple"},
                                "dependencies": [{"name": "werkzeug"}],
                                "optional-dependencies": {"async": [{"name": "asgiref"}]}}]
    assert toml.loads(_slim_lock(poetry1))["metadata"] == {"lock-version": "1.1", "content-hash": "abc", "files": {}}
    slim2 = toml.loads(_slim_lock(poetry2))
    assert slim2["package"][0]["dependencies"] == {"x": ">=1"} and "files" not in slim2["package"][0]
    assert slim2["metadata"]["content-hash"] == "def"


def test_a_broken_lock_is_reported_once_as_unreadable(app):
    root = app({"pyproject.toml": "[project]\nname = 'x'\n", "uv.lock": "version = 1\n[[package]\n"})
    project = Project(root)
    assert project.dependencies.lock("uv.lock") is None
    assert project.unreadable["uv.lock"][1] == 2


@pytest.mark.parametrize("line", ["x " + " " * 9000 + "!", "x" + " , " * 3000, "x[" + " ," * 3000 + "]",
                                  "a" * 9999 + "!", "x" + ">=1," * 2000 + "!"])
def test_pathological_lines_stay_fast(line):
    start = time.perf_counter()
    r = parse_text(line + "\n")
    assert time.perf_counter() - start < 0.5
    assert [p.kind for p in r.problems] == ["invalid"]


def test_a_marker_packaging_cannot_tokenize_is_a_problem_not_a_crash():
    # packaging.markers raises SyntaxError (not InvalidMarker) on a quoted value holding a carriage return.
    reqs = parse_text("flask==3.1.2; os_name == 'pos\rix'\ngunicorn==23.0.0; os_name == 'posix\r'\nsix==1.16.0\n")
    assert [(p.line, p.kind) for p in reqs.problems] == [(1, "invalid"), (2, "invalid")]
    assert [r.key for r in reqs.requirements] == ["six"]
