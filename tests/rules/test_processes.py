"""PF1xx rules the Procfile itself shows: missing, misnamed, invalid, no web, tool runners, release steps."""
from __future__ import annotations

import pytest
from conftest import findings, run_rules

from preflight.findings import Severity
from preflight.project import Project
from preflight.project import dependencies as deps_module

FLASK_APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n"}
BOT_APP = {"bot.py": "import telebot\n", "requirements.txt": "pyTelegramBotAPI==4.29.1\n"}


class _Declared:
    def __init__(self, main, dev=()):
        self.main = {name: None for name in main}
        self.dev = {name: None for name in dev}


@pytest.fixture
def declared(monkeypatch):
    """``declared("flask", "gunicorn")``: the dependency model reports these main distributions.

    The rules read ``project.dependencies`` (canonical names); pinning it here keeps these tests about the
    process rules, whatever the requirements parser does.
    """

    def set_(*main, dev=()):
        monkeypatch.setattr(deps_module, "load", lambda project: _Declared(main, dev))

    return set_


def hits(root, name):
    result = run_rules(root, [name])
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == name]


# -- procfile-missing ------------------------------------------------------------------------------

def test_missing_fires_for_a_web_app_without_procfile(check, declared):
    declared("flask", "gunicorn")
    assert check(FLASK_APP, "procfile-missing") == [("procfile-missing", ".", 0)]


def test_missing_message_names_h14_and_the_framework(app, declared):
    declared("flask", "gunicorn")
    [f] = hits(app(FLASK_APP), "procfile-missing")
    assert "H14" in f.message and "flask" in f.message
    assert "web: gunicorn app:app" in f.hint


def test_missing_hint_names_the_django_project(app, declared):
    declared("django", "gunicorn")
    [f] = hits(app({"manage.py": "", "mysite/wsgi.py": "", "mysite/settings.py": "",
                    "requirements.txt": "django\n"}), "procfile-missing")
    assert "web: gunicorn mysite.wsgi" in f.hint


def test_missing_silent_when_procfile_is_misnamed(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile.txt": "web: gunicorn app:app\n"})
    assert [f for f in findings(root, select=["PF1"]) if f[0] in ("procfile-missing", "procfile-misnamed")] == [
        ("procfile-misnamed", "Procfile.txt", 0)]


def test_missing_silent_when_procfile_is_only_in_a_subfolder(check, declared):
    declared("flask")
    assert check({**FLASK_APP, "backend/Procfile": "web: gunicorn app:app\n"}, "procfile-missing") == []


def test_missing_silent_for_a_bot(check, declared):
    declared("pytelegrambotapi")
    assert check(BOT_APP, "procfile-missing") == []


def test_missing_silent_in_container_mode(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Dockerfile": "FROM python:3.13-slim\nCMD gunicorn app:app\n"},
                 "procfile-missing") == []


def test_missing_silent_with_a_heroku_yml_run_section(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "heroku.yml": "run:\n  web: gunicorn app:app\n"}, "procfile-missing") == []


def test_missing_silent_when_procfile_is_on_disk_but_uncommitted(app, declared):
    """deploy-file-untracked speaks for it."""
    declared("flask", "gunicorn")
    root = app(FLASK_APP, git=True)
    (root / "Procfile").write_text("web: gunicorn app:app\n")
    got = findings(root, select=["procfile-missing", "deploy-file-untracked"])
    assert got == [("deploy-file-untracked", "Procfile", 0)]


# -- procfile-misnamed -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["procfile", "PROCFILE", "Procfile.yml", "procfile.TXT"])
def test_misnamed_fires(check, name):
    assert check({name: "web: gunicorn app:app\n"}, "procfile-misnamed") == [("procfile-misnamed", name, 0)]


def test_misnamed_fires_for_a_procfile_folder(check):
    assert check({"Procfile/web": "gunicorn app:app\n"}, "procfile-misnamed") == [
        ("procfile-misnamed", "Procfile", 0)]


def test_misnamed_fires_for_a_nested_procfile(check):
    assert check({"backend/Procfile": "web: gunicorn app:app\n"}, "procfile-misnamed") == [
        ("procfile-misnamed", "backend/Procfile", 0)]


def test_misnamed_silent_for_a_deliberate_local_variant(check):
    files = {"Procfile": "web: gunicorn app:app\n", "Procfile.dev": "web: flask run\n"}
    assert check(files, "procfile-misnamed") == []
    assert check({"Procfile.dev": "web: flask run\n"}, "procfile-misnamed") == []


# -- procfile-invalid ------------------------------------------------------------------------------

INVALID = [
    ("bom", b"\xef\xbb\xbfweb: gunicorn app:app\n", 1),
    ("utf16", "web: gunicorn app:app\n".encode("utf-16"), 1),
    ("utf16-no-bom", "web: gunicorn app:app\n".encode("utf-16-le"), 1),
    ("crlf", b"# processes\r\nweb: gunicorn app:app\r\n", 1),
    ("no-colon", "worker: python w.py\nweb gunicorn app:app\n", 2),
    ("yaml-list", "- web: gunicorn app:app\n", 1),
    ("space-in-type", "my worker: python w.py\n", 1),
    ("dot-in-type", "web.1: gunicorn app:app\n", 1),
    ("empty-command", "web:\n", 1),
    ("duplicate", "web: gunicorn app:app\nworker: python w.py\nweb: gunicorn app:app -w 2\n", 3),
    ("capital-web", "Web: gunicorn app:app\n", 1),
    ("quoted", 'web: "gunicorn app:app"\n', 1),
    ("continuation", "web: gunicorn app:app \\\n  --workers 2\n", 2),
    ("garbage", "&&&&\n", 1),
]


@pytest.mark.parametrize("case,content,line", INVALID, ids=[c[0] for c in INVALID])
def test_invalid_fires(app, case, content, line):
    found = hits(app({"Procfile": content}), "procfile-invalid")
    assert [(f.name, f.path, f.line) for f in found] == [("procfile-invalid", "Procfile", line)]
    assert found[0].severity is Severity.ERROR


@pytest.mark.parametrize("content", ["celery_worker: celery -A tasks worker\n", "Worker: python w.py\n",
                                     "-worker: python w.py\n", "w" * 64 + ": python w.py\n"])
def test_invalid_warns_about_names_the_cnb_rewrites_or_rejects(app, content):
    found = hits(app({"Procfile": content}), "procfile-invalid")
    assert [(f.path, f.line, f.severity) for f in found] == [("Procfile", 1, Severity.WARNING)]


def test_invalid_silent_on_a_valid_procfile(check):
    content = ("# production processes\n\n"
               "  web: gunicorn app:app --bind 0.0.0.0:$PORT  # trailing text goes to the shell\n"
               "release: python manage.py migrate\n"
               "worker-2: celery -A tasks worker\n"
               "clock: python clock.py\n")
    assert check({"Procfile": content}, "procfile-invalid") == []


def test_invalid_empty_procfile_warns_only_when_not_a_web_app(app, declared):
    declared("pytelegrambotapi")
    found = hits(app({**BOT_APP, "Procfile": "# nothing yet\n"}), "procfile-invalid")
    assert [(f.path, f.line, f.severity) for f in found] == [("Procfile", 0, Severity.WARNING)]


def test_invalid_empty_procfile_of_a_web_app_is_left_to_no_web(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": "\n"})
    assert findings(root, select=["procfile-invalid", "procfile-no-web"]) == [("procfile-no-web", "Procfile", 0)]


def test_invalid_broken_web_lines_do_not_also_report_no_web(app, declared):
    declared("flask", "gunicorn")
    for content in ("web gunicorn app:app\n", "Web: gunicorn app:app\n", "web:\n", "- web: gunicorn app:app\n",
                    b"\xef\xbb\xbfweb: gunicorn app:app\n"):
        root = app({**FLASK_APP, "Procfile": content})
        got = findings(root, select=["procfile-invalid", "procfile-no-web"])
        assert got == [("procfile-invalid", "Procfile", 1)], content


def test_parser_keeps_the_last_duplicate_and_strips_bom_and_crlf(app):
    root = app({"Procfile": b"\xef\xbb\xbfweb: a\r\nweb: b\r\n"})
    pf = Project(root).procfile
    assert [(p.name, p.command, p.line) for p in pf.processes] == [("web", "b", 2)]


# -- procfile-no-web -------------------------------------------------------------------------------

def test_no_web_fires_for_a_web_app_with_only_a_worker(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Procfile": "worker: python bot.py\n"}, "procfile-no-web") == [
        ("procfile-no-web", "Procfile", 0)]


def test_no_web_points_at_the_process_that_serves_http(app, declared):
    declared("flask", "gunicorn")
    [f] = hits(app({**FLASK_APP, "Procfile": "release: flask db upgrade\nworker: gunicorn app:app\n"}),
               "procfile-no-web")
    assert (f.path, f.line) == ("Procfile", 2)
    assert "H14" in f.message and "web: gunicorn app:app" in f.hint


def test_no_web_silent_for_a_bot_with_a_worker(check, declared):
    declared("pytelegrambotapi")
    assert check({**BOT_APP, "Procfile": "worker: python bot.py\n"}, "procfile-no-web") == []


def test_no_web_silent_when_web_exists(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Procfile": "worker: python w.py\nweb: gunicorn app:app\n"},
                 "procfile-no-web") == []


def test_no_web_silent_when_the_procfile_is_misnamed(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Procfile.txt": "worker: python w.py\n"}, "procfile-no-web") == []


# -- procfile-tool-runner --------------------------------------------------------------------------

def test_tool_runner_fires_on_poetry_run(app):
    [f] = hits(app({"Procfile": "web: poetry run gunicorn app:app --bind 0.0.0.0:$PORT\n",
                    "poetry.lock": ""}), "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.ERROR)
    assert "H10" in f.message
    assert "'web: gunicorn app:app --bind 0.0.0.0:$PORT'" in f.hint


@pytest.mark.parametrize("content,line,direct", [
    ("web: gunicorn app:app\nrelease: uv run --no-sync alembic upgrade head\n", 2, "alembic upgrade head"),
    ("web: uvx gunicorn app:app\n", 1, "gunicorn app:app"),
    ("web: pdm run gunicorn app:app\n", 1, "gunicorn app:app"),
    ("worker: sh -c 'hatch run python worker.py'\n", 1, None),
    ("web: pipenv run gunicorn app:app\n", 1, "gunicorn app:app"),  # no Pipfile.lock: Pipenv is not installed
])
def test_tool_runner_fires_in_any_process(app, content, line, direct):
    [f] = hits(app({"Procfile": content, "requirements.txt": "gunicorn\n"}), "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", line, Severity.ERROR)
    if direct:
        assert direct in f.hint


def test_tool_runner_release_message_says_the_release_fails(app):
    [f] = hits(app({"Procfile": "release: poetry run python manage.py migrate\n"}), "procfile-tool-runner")
    assert "release is not deployed" in f.message


def test_tool_runner_pipenv_in_a_pipenv_app_is_a_warning(app):
    [f] = hits(app({"Procfile": "web: pipenv run gunicorn app:app\n", "Pipfile": "", "Pipfile.lock": "{}"}),
               "procfile-tool-runner")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.WARNING)


def test_tool_runner_silent_on_look_alikes(check):
    content = ("web: gunicorn app:app\n"
               "worker: python poetry.py run\n"
               "clock: python -m uv_tasks run\n"
               "other: celery -A run worker\n")
    assert check({"Procfile": content}, "procfile-tool-runner") == []


# -- release-in-web --------------------------------------------------------------------------------

@pytest.mark.parametrize("web,advice", [
    ("python manage.py migrate && gunicorn mysite.wsgi", "'release: python manage.py migrate'"),
    ("alembic upgrade head && gunicorn app:app", "'release: alembic upgrade head'"),
    ("sh -c 'flask db upgrade && gunicorn app:app'", "'release: flask db upgrade'"),
    ("python manage.py collectstatic --noinput; gunicorn mysite.wsgi", "runs collectstatic during the build"),
])
def test_release_in_web_fires(app, web, advice):
    [f] = hits(app({"Procfile": f"worker: python w.py\nweb: {web}\n"}), "release-in-web")
    assert (f.path, f.line, f.severity) == ("Procfile", 2, Severity.INFO)
    assert advice in f.hint


@pytest.mark.parametrize("web", ["pip install -r requirements.txt && gunicorn app:app",
                                 "python manage.py makemigrations && python manage.py migrate && gunicorn m.wsgi"])
def test_release_in_web_warns_for_steps_wrong_on_any_dyno(app, web):
    [f] = hits(app({"Procfile": f"web: {web}\n"}), "release-in-web")
    assert (f.path, f.line, f.severity) == ("Procfile", 1, Severity.WARNING)


def test_release_in_web_silent_when_migrations_are_in_release(check):
    content = "release: python manage.py migrate\nweb: gunicorn mysite.wsgi --access-logfile migrate.log\n"
    assert check({"Procfile": content}, "release-in-web") == []


def test_release_in_web_silent_for_a_worker_that_migrates(check):
    assert check({"Procfile": "web: gunicorn migrate:app\nworker: alembic upgrade head && python w.py\n"},
                 "release-in-web") == []


def test_unreadable_procfile_is_left_to_file_unreadable(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": b"\x00\x01\x02binary\x00"})
    got = findings(root, select=["PF1", "file-unreadable"])
    assert got == [("file-unreadable", "Procfile", 0)]


def test_missing_with_the_real_dependency_model(app, tmp_path):
    """End to end through requirements.txt, once the dependency model reads it."""
    probe = app(FLASK_APP)
    if not Project(probe).dependencies.main:
        pytest.skip("the dependency model does not read requirements.txt yet")
    assert findings(probe, select=["procfile-missing"]) == [("procfile-missing", ".", 0)]
    [f] = hits(probe, "procfile-missing")
    assert "flask is declared in requirements.txt:1" in f.message
    (probe / "Procfile").write_text("worker: python bot.py\n")
    assert findings(probe, select=["procfile-missing", "procfile-no-web"]) == [("procfile-no-web", "Procfile", 0)]


def test_a_trailing_shell_comment_is_not_part_of_the_command(app):
    root = app({"Procfile": "web: gunicorn app:app  # poetry run gunicorn app:app was slow\n"})
    assert Project(root).procfile.get("web").command == "gunicorn app:app"
    assert findings(root, select=["PF1"]) == []


def test_an_own_line_directive_suppresses_the_process_below(app):
    """ux.md A3: in a Procfile only whole-line comments are safe, so the directive goes above the line."""
    root = app({"Procfile": "# preflight: ignore[procfile-tool-runner]\nweb: poetry run gunicorn app:app\n"
                            "worker: poetry run python w.py\n"})
    assert findings(root, select=["PF1"]) == [("procfile-tool-runner", "Procfile", 3)]


# -- review: Procfiles as people write them ---------------------------------------------------------

@pytest.mark.parametrize("content, hint", [
    ("gunicorn app:app\n", "web: gunicorn app:app"),
    ("python app.py\n", "web: python app.py"),
    ("./start.sh\n", "web: ./start.sh"),
    ("celery -A tasks worker\n", "worker: celery -A tasks worker"),
])
def test_invalid_a_bare_command_needs_a_process_type(app, declared, content, hint):
    # The whole file is just the start command: the fix is a process type in front, not a colon after
    # the program's name ('gunicorn: app:app').
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": content})
    found = hits(root, "procfile-invalid")
    assert [(f.path, f.line) for f in found] == [("Procfile", 1)]
    assert "no process type" in found[0].message and hint in found[0].hint
    assert "colon" not in found[0].hint


def test_invalid_a_bare_server_command_is_the_web_process(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": "gunicorn app:app\n"})
    assert findings(root, select=["procfile-invalid", "procfile-no-web"]) == [("procfile-invalid", "Procfile", 1)]


@pytest.mark.parametrize("line2, words, hint", [
    ("heroku ps:scale web=1", "Heroku CLI command", "run 'heroku ps:scale web=1' in a terminal"),
    ('export GOOGLE_APPLICATION_CREDENTIALS="authentication.json"', "config var",
     "heroku config:set GOOGLE_APPLICATION_CREDENTIALS=authentication.json"),
    ("DEBUG=0", "config var", "heroku config:set DEBUG=0"),
    ("pip install -r requirements.txt", "shell command", "the build installs the dependencies itself"),
])
def test_invalid_shell_commands_pasted_into_the_procfile(app, line2, words, hint):
    found = hits(app({"Procfile": f"web: gunicorn app:app\n{line2}\n"}), "procfile-invalid")
    assert [(f.path, f.line) for f in found] == [("Procfile", 2)]
    assert words in found[0].message
    assert hint in found[0].hint


def test_invalid_space_before_the_colon(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": "web : gunicorn app:app\nworker: python w.py\n"})
    found = hits(root, "procfile-invalid")
    assert [(f.path, f.line, f.severity) for f in found] == [("Procfile", 1, Severity.ERROR)]
    assert "space" in found[0].message and "'web: gunicorn app:app'" in found[0].hint
    assert findings(root, select=["procfile-no-web"]) == []


def test_invalid_look_alikes_of_pasted_commands_stay_valid(check):
    content = ("web: FLASK_ENV=production gunicorn app:app\n"
               "worker: sh -c 'python manage.py rqworker default'\n"
               "heroku-sync: python sync.py\n"
               "export: python export_reports.py\n")
    assert check({"Procfile": content}, "procfile-invalid") == []


def test_missing_silent_for_a_flask_extension_library(check):
    pyproject = ('[build-system]\nrequires = ["flit_core>=3.9"]\nbuild-backend = "flit_core.buildapi"\n\n'
                 '[project]\nname = "flask-tinycache"\nversion = "0.3.0"\ndependencies = ["flask>=2.3"]\n')
    files = {"pyproject.toml": pyproject, "src/flask_tinycache/__init__.py": "from flask import current_app\n",
             "tests/test_cache.py": "from flask import Flask\n"}
    assert check(files, "procfile-missing") == []
    # The same project with an entry module at the root is an app someone means to run.
    assert check({**files, "app.py": "from flask import Flask\napp = Flask(__name__)\n"}, "procfile-missing") == \
        [("procfile-missing", ".", 0)]


AIOHTTP_BOT = {"bot.py": "import aiohttp\nfrom aiogram import Bot, Dispatcher\n\nasync def fetch():\n"
                         "    async with aiohttp.ClientSession() as s:\n        return await s.get('https://x.org')\n",
               "requirements.txt": "aiogram==3.13.1\naiohttp[speedups]==3.10.5\n"}
AIOHTTP_SERVER = {"server.py": "from aiohttp import web\n\napp = web.Application()\nweb.run_app(app)\n",
                  "requirements.txt": "aiohttp==3.10.5\n"}


def test_no_web_silent_for_a_bot_that_uses_aiohttp_as_a_client(check):
    # aiohttp (and tornado) are HTTP clients too: declaring one does not make a bot a web app.
    assert check({**AIOHTTP_BOT, "Procfile": "worker: python bot.py\n"}, "procfile-no-web") == []


def test_missing_silent_for_a_bot_that_uses_aiohttp_as_a_client(check):
    assert check(AIOHTTP_BOT, "procfile-missing") == []


def test_no_web_fires_for_an_aiohttp_server(check):
    assert check({**AIOHTTP_SERVER, "Procfile": "worker: python server.py\n"}, "procfile-no-web") == \
        [("procfile-no-web", "Procfile", 0)]


def test_missing_fires_for_an_aiohttp_server(check):
    assert check(AIOHTTP_SERVER, "procfile-missing") == [("procfile-missing", ".", 0)]


@pytest.mark.parametrize("content, words", [
    ("web:\u00a0gunicorn app:app\n", "no-break space (U+00A0)"),
    ("web: gunicorn app:app\u200b\n", "zero-width space (U+200B)"),
    ("web: gunicorn app:app \u2014workers 2\n", "em dash (U+2014)"),
    ("web: sh -c \u201cgunicorn app:app\u201d\n", "curly quote (U+201C)"),
])
def test_invalid_typographic_characters_pasted_from_a_web_page(app, content, words):
    found = hits(app({"Procfile": "# processes\n" + content}), "procfile-invalid")
    assert [(f.path, f.line, f.severity) for f in found] == [("Procfile", 2, Severity.ERROR)]
    assert words in found[0].message


def test_invalid_non_ascii_names_are_fine(check):
    procfile = "worker: python \u0431\u043e\u0442.py --name '\u00e9t\u00e9'\n"
    assert check({"Procfile": procfile}, "procfile-invalid") == []


def test_parser_keeps_the_meant_command_without_typographic_characters(app):
    root = app({"Procfile": "web:\u00a0gunicorn app:app \u2014workers 2\u200b\n"
                            "worker: sh -c \u201cpython w.py\u201d\n"})
    pf = Project(root).procfile
    assert [(p.name, p.command) for p in pf.processes] == [("web", "gunicorn app:app --workers 2"),
                                                           ("worker", 'sh -c "python w.py"')]


@pytest.mark.parametrize("path", ["examples/heroku/Procfile", "docs/deploy/Procfile", "tests/fixtures/app/Procfile"])
def test_misnamed_silent_for_a_procfile_in_examples_docs_or_tests(check, path):
    files = {"app.py": "print(1)\n", "requirements.txt": "six==1.16.0\n", path: "web: gunicorn demo:app\n"}
    assert check(files, "procfile-misnamed") == []


def test_misnamed_still_names_an_app_folder_beside_examples(check):
    files = {"examples/Procfile": "web: x\n", "backend/Procfile": "web: gunicorn app:app\n", "README.md": "x\n"}
    assert check(files, "procfile-misnamed") == [("procfile-misnamed", "backend/Procfile", 0)]
