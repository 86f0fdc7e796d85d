"""PF603 database-url-scheme: the platform's postgres:// URL reaches SQLAlchemy 1.4+ unconverted."""
from __future__ import annotations

from conftest import rule_findings, severities_at, where

WEB = {"Procfile": "web: gunicorn app:app\n"}
# Built from parts so that preflight's own secret scan does not see a credential URL in this file.
CLOUD_URL = ("postgres" + "://forum:" + "Xq7pL2" + "vR9sKd"
             + "@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432/d3k9a8b7c6")


def hits(root):
    return rule_findings(root, "database-url-scheme")


def worker(requirements: str, code: str) -> dict:
    return {"Procfile": "worker: python worker.py\n", "requirements.txt": requirements, "worker.py": code}


def test_raw_database_url_into_create_engine_fires(app):
    root = app(worker("SQLAlchemy==2.0.36\npsycopg2-binary\n", "import os\nfrom sqlalchemy import create_engine\n\n"
                      "engine = create_engine(os.environ['DATABASE_URL'])\n"))
    found = hits(root)
    assert where(found) == [("database-url-scheme", "worker.py", 4)]
    assert found[0].message == ("create_engine() gets DATABASE_URL unchanged: the platform sets it as postgres://..., "
                                "which SQLAlchemy 1.4+ rejects at boot (NoSuchModuleError: Can't load plugin: "
                                "sqlalchemy.dialects:postgres)")


def test_database_url_through_variables_fires(app):
    root = app(worker("SQLAlchemy>=2\n", "import os\nfrom sqlalchemy import create_engine\n"
                      "URL = os.environ.get('DATABASE_URL')\n\n"
                      "def make():\n    url = os.getenv('DATABASE_URL', 'sqlite://')\n"
                      "    return create_engine(url)\n\nengine = create_engine(URL)\n"))
    assert where(hits(root)) == [("database-url-scheme", "worker.py", 7), ("database-url-scheme", "worker.py", 9)]


def test_literal_postgres_url_in_code_fires_masked(app):
    root = app(worker("SQLAlchemy\n", f"from sqlalchemy import create_engine\nengine = create_engine({CLOUD_URL!r})\n"))
    found = hits(root)
    assert where(found) == [("database-url-scheme", "worker.py", 2)]
    assert "create_engine() gets the literal URL postgres://forum:****@ec2-" in found[0].message
    assert "Xq7p" not in found[0].message


def test_other_config_vars_and_postgresql_literals_are_fine(app):
    root = app(worker("SQLAlchemy\n", "import os\nfrom sqlalchemy import create_engine\n"
                      "a = create_engine(os.environ['ANALYTICS_DB'])\n"
                      "b = create_engine('postgresql://u@localhost/db')\n"))
    assert hits(root) == []


def test_flask_sqlalchemy_config_class_fires(app):
    root = app({**WEB, "requirements.txt": "flask\nflask-sqlalchemy\ngunicorn\n",
                "config.py": "import os\n\nclass Config:\n    SQLALCHEMY_DATABASE_URI = os.getenv('DATABASE_URL')\n",
                "app.py": "from flask import Flask\nfrom config import Config\napp = Flask(__name__)\n"
                          "app.config.from_object(Config)\n"})
    assert where(hits(root)) == [("database-url-scheme", "config.py", 4)]


def test_lstrip_is_reported_as_a_bug(app):
    root = app(worker("SQLAlchemy\n", "import os\nfrom sqlalchemy import create_engine\n"
                      "url = 'postgresql://' + os.environ['DATABASE_URL'].lstrip('postgres://')\n"
                      "engine = create_engine(url)\n"))
    found = hits(root)
    assert where(found) == [("database-url-scheme", "worker.py", 3)]
    assert "not the 'postgres://' prefix" in found[0].message


def test_alembic_env_py_without_rewrite_fires(app):
    files = {"Procfile": "web: gunicorn app:app\nrelease: alembic upgrade head\n",
             "requirements.txt": "flask\ngunicorn\nSQLAlchemy==2.0.44\nalembic\n",
             "alembic.ini": "[alembic]\nscript_location = migrations\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "migrations/env.py": "import os\nfrom alembic import context\nconfig = context.config\n"
                                  "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])\n"}
    assert where(hits(app(files))) == [("database-url-scheme", "migrations/env.py", 4)]


def test_scheme_rewrite_anywhere_and_other_drivers_are_fine(app):
    """The aiohttp-docker-clean example's migrations/env.py pattern, and look-alikes."""
    files = {"Procfile": "web: gunicorn app:app\nrelease: alembic upgrade head\n",
             "requirements.txt": "flask\ngunicorn\nflask-sqlalchemy\nSQLAlchemy==2.0.44\nalembic\npsycopg2-binary\n",
             "alembic.ini": "[alembic]\nscript_location = migrations\n",
             "migrations/env.py": "import os\nfrom alembic import context\nconfig = context.config\n"
                                  "config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL']"
                                  ".replace('postgres://', 'postgresql://', 1))\n",
             "app.py": "import os\nimport psycopg2\nfrom flask import Flask\nimport settings\n"
                       "app = Flask(__name__)\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\n"
                       "app.config['SQLALCHEMY_DATABASE_URI'] = os.environ['DATABASE_URL']\n",
             "settings.py": "import os\nif os.environ.get('DATABASE_URL', '').startswith('postgres://'):\n"
                            "    os.environ['DATABASE_URL'] = 'postgresql://' + os.environ['DATABASE_URL'][11:]\n"}
    assert hits(app(files)) == []


def test_sqlalchemy_older_than_1_4_is_fine(app):
    root = app(worker("SQLAlchemy==1.3.24\n", "import os\nfrom sqlalchemy import create_engine\n"
                      "engine = create_engine(os.environ['DATABASE_URL'])\n"))
    assert hits(root) == []


def test_literal_postgres_url_in_a_config_file_fires_masked(app):
    """The aiohttp-docker-broken example: config/heroku_config.yaml:4 with SQLAlchemy==1.4.46."""
    root = app({"Dockerfile": "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python main.py\n",
                "requirements.txt": "aiohttp==3.6.2\nSQLAlchemy==1.4.46\nalembic==1.4.3\n",
                "main.py": "from aiohttp import web\n",
                "config/heroku_config.yaml": f"common:\n  port: 8080\npostgres:\n  database_url: {CLOUD_URL}\n",
                "config/clean.yaml": "postgres:\n  database_url: $DATABASE_URL\n  other: postgresql://u@h/db\n",
                "docker-compose.yml": "services:\n  db:\n    environment:\n      URL: postgres://a:b@db/x\n"})
    found = hits(root)
    assert where(found) == [("database-url-scheme", "config/heroku_config.yaml", 4)]
    assert "postgres://forum:****@ec2-54-75-184-144" in found[0].message
    assert "Xq7p" not in found[0].message + found[0].hint


def test_config_file_url_without_sqlalchemy_is_fine(app):
    root = app({**WEB, "requirements.txt": "flask\ngunicorn\npsycopg2-binary\n",
                "app.py": "from flask import Flask\napp = Flask(__name__)\n",
                "config.yaml": "db: postgres://u:p@host:5432/db\n"})
    assert hits(root) == []



# FALSE_ALARMS.md U-lock-pins-old-sqlalchemy: ('database-url-scheme', 'app.py', 7) must stay quiet;
# its true look-alike ('database-url-scheme', 'app.py', 7) still fires.
OLD_LOCK = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: gunicorn app:app\n',
    'Pipfile': ('[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\nflask'
                ' = "*"\ngunicorn = "*"\nsqlalchemy = "*"\nflask-sqlalchemy = "*"\n\n[requires]\npython_version = "'
                '3.13"\n'),
    'Pipfile.lock': ('{\n    "_meta": {\n        "hash": {\n            "sha256": "50b749aceaf373c7dd3d3f4b791bdfdb'
                     'db4067cfbfa8dbd74c1d1fcbe4573be7"\n        },\n        "pipfile-spec": 6,\n        "requires"'
                     ': {\n            "python_version": "3.13"\n        },\n        "sources": [\n            {\n '
                     '               "url": "https://pypi.org/simple",\n                "verify_ssl": true,\n      '
                     '          "name": "pypi"\n            }\n        ]\n    },\n    "default": {\n        "flask"'
                     ': {\n            "version": "==1.1.4"\n        },\n        "flask-sqlalchemy": {\n           '
                     ' "version": "==2.5.1"\n        },\n        "gunicorn": {\n            "version": "==23.0.0"\n'
                     '        },\n        "sqlalchemy": {\n            "version": "==1.3.24"\n        }\n    },\n  '
                     '  "develop": {}\n}\n'),
    'app.py': ('import os\n\nimport flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = flask.Flask(__name__)\n'
               "app.config['SQLALCHEMY_DATABASE_URI'] = os.environ['DATABASE_URL']\ndb = SQLAlchemy(app)\n"),
}
OLD_LOCK_LOOKALIKE = {
    **{k: v for k, v in OLD_LOCK.items() if k not in ('Pipfile', 'Pipfile.lock')},
    '.python-version': '3.13\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\nflask-sqlalchemy==3.1.1\nSQLAlchemy==2.0.36\n',
}


def test_u_lock_pins_old_sqlalchemy_is_quiet(app):
    assert severities_at(app(OLD_LOCK, git=True), 'database-url-scheme', 'app.py', 7) == []


def test_u_lock_pins_old_sqlalchemy_lookalike_fires(app):
    found = severities_at(app(OLD_LOCK_LOOKALIKE, git=True), 'database-url-scheme', 'app.py', 7)
    assert found in (['error'], ['warning'])


def test_lock_pinning_sqlalchemy_14_still_fires(check):
    # the look-alike on the lock side: the same Pipfile, the lock pins a SQLAlchemy that rejects postgres://
    files = {**OLD_LOCK, "Pipfile.lock": OLD_LOCK["Pipfile.lock"].replace("==1.3.24", "==2.0.36")}
    assert check(files, "database-url-scheme", git=True) == [("database-url-scheme", "app.py", 7)]
