"""PF103 procfile-invalid: Procfile lines the platform rejects or misreads."""
from __future__ import annotations

import pytest
from conftest import findings
from procfile_apps import BOT_APP, FLASK_APP, declared, hits  # noqa: F401  (declared: a fixture)

from preflight.findings import Severity


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


def test_unreadable_procfile_is_left_to_file_unreadable(app, declared):
    declared("flask", "gunicorn")
    root = app({**FLASK_APP, "Procfile": b"\x00\x01\x02binary\x00"})
    got = findings(root, select=["PF1", "file-unreadable"])
    assert got == [("file-unreadable", "Procfile", 0)]


def test_invalid_silent_where_no_procfile_is_read(check):
    assert check({"Procfile": "web gunicorn app:app\n"}, "procfile-invalid", platform="fly") == []


@pytest.mark.parametrize("platform", ["dokku", "scalingo", "heroku-fir", "cloud-run"])
def test_invalid_leaves_names_and_duplicates_to_the_platform_grammar(check, platform):
    # procfile-process-name-invalid says them in the platform's own grammar there
    content = "web: gunicorn app:app\ncelery_worker: celery -A app worker\nweb: gunicorn app:app -w 2\n"
    assert check({"Procfile": content}, "procfile-invalid", platform=platform) == []
    assert check({"Procfile": content}, "procfile-invalid", platform="heroku") == [
        ("procfile-invalid", "Procfile", 2), ("procfile-invalid", "Procfile", 3)]
