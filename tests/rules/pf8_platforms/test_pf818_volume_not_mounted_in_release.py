"""PF818 volume-not-mounted-in-release: a release_command migration of a SQLite file on a Fly volume."""
from conftest import findings

NAME = "volume-not-mounted-in-release"
APP = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
       "app.py": "import flask\napp = flask.Flask(__name__)\n", "Dockerfile": "FROM python:3.13-slim\nCOPY . .\n"
       "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8080\", \"app:app\"]\n"}
FLY = ("app = 'x'\n\n[deploy]\n  release_command = '{release}'\n\n[[mounts]]\n  source = 'data'\n"
       "  destination = '/data'\n\n[env]\n  DATABASE_URL = '{url}'\n\n[http_service]\n  internal_port = 8080\n")


def found(app, release="flask db upgrade", url="sqlite:////data/app.db", platform="fly", **extra):
    return findings(app({**APP, "fly.toml": FLY.format(release=release, url=url), **extra}), [NAME],
                    platform=platform)


def test_migration_of_a_database_on_the_volume(app):
    assert found(app) == [(NAME, "fly.toml", 4)]


def test_database_path_in_the_code(app):
    code = {"app.py": "import flask\nimport sqlite3\napp = flask.Flask(__name__)\n"
                      "db = sqlite3.connect('/data/app.sqlite3')\n"}
    assert found(app, url="postgres://u:p@h/db", **code) == [(NAME, "fly.toml", 4)]


def test_look_alikes_are_silent(app, tmp_path):
    assert found(app, url="postgres://u:p@db.internal:5432/app") == []      # not on the volume
    assert found(app, release="python scripts/warm_cache.py") == []          # not a migration
    assert found(app, platform="heroku") == []                               # fly.toml is Fly's
