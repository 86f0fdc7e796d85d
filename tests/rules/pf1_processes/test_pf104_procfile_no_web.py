"""PF104 procfile-no-web: a web app whose Procfile declares no web process."""
from __future__ import annotations

from procfile_apps import (  # noqa: F401  (declared: a fixture)
    AIOHTTP_BOT, AIOHTTP_SERVER, BOT_APP, FLASK_APP, declared, hits,
)


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


def test_no_web_silent_for_a_bot_that_uses_aiohttp_as_a_client(check):
    # aiohttp (and tornado) are HTTP clients too: declaring one does not make a bot a web app.
    assert check({**AIOHTTP_BOT, "Procfile": "worker: python bot.py\n"}, "procfile-no-web") == []


def test_no_web_fires_for_an_aiohttp_server(check):
    assert check({**AIOHTTP_SERVER, "Procfile": "worker: python server.py\n"}, "procfile-no-web") == \
        [("procfile-no-web", "Procfile", 0)]


def test_no_web_silent_where_no_procfile_is_read(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Procfile": "worker: gunicorn app:app\n"}, "procfile-no-web", platform="render") == []


def test_no_web_silent_where_the_one_entry_run_serves_http(check, declared):
    # Railway runs one entry (web, else worker, else another) and routes to it whatever its name
    declared("flask", "gunicorn")
    files = {**FLASK_APP, "Procfile": "release: flask db upgrade\nworker: gunicorn app:app\n"}
    assert check(files, "procfile-no-web", platform="railway") == []
    assert check(files, "procfile-no-web", platform="koyeb") == [("procfile-no-web", "Procfile", 2)]


def test_no_web_left_to_procfile_web_required_on_cloud_run(check, declared):
    declared("flask", "gunicorn")
    assert check({**FLASK_APP, "Procfile": "worker: gunicorn app:app\n"}, "procfile-no-web",
                 platform="cloud-run") == []
