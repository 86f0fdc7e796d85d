"""preflight.project.storage (SQLite files, local writes) and preflight.project.database (database URLs)."""
from __future__ import annotations

from preflight.project import Project
from preflight.project.database import (converts_scheme, database_urls, installs_sqlalchemy_14,
                                        scheme_strips)
from preflight.project.storage import local_writes, sqlite_uses


def test_database_urls_from_code_sinks_and_config_files(app):
    root = app({"Procfile": "worker: python worker.py\n", "requirements.txt": "SQLAlchemy==1.4.46\n",
                "worker.py": "import os\nfrom sqlalchemy import create_engine\n"
                             "a = create_engine(os.environ['DATABASE_URL'])\n"
                             "b = create_engine('sqlite:///x.db')\n"
                             "c = create_engine(os.environ['OTHER'])\n"
                             "if __name__ == '__main__':\n    pass\n",
                "settings.yaml": "db: postgresql+psycopg2://u:p@db.internal:5432/app\n"
                                 "# old: postgres://u:p@old/db\ntemplate: postgres://${USER}@h/db\n",
                "tests/conf.yaml": "db: postgres://u:p@h/db\n"})
    project = Project(root)
    urls = [(u.path, u.line, u.url, u.reaches, u.env, u.scheme) for u in database_urls(project)]
    assert urls == [("worker.py", 3, "", "create_engine()", "DATABASE_URL", ""),
                    ("worker.py", 4, "sqlite:///x.db", "create_engine()", "", "sqlite"),
                    ("settings.yaml", 1, "postgresql+psycopg2://u:p@db.internal:5432/app", "config file", "",
                     "postgresql+psycopg2")]
    assert installs_sqlalchemy_14(project) and not converts_scheme(project) and scheme_strips(project) == []


def test_sqlalchemy_versions(app):
    for reqs, expected in [("SQLAlchemy==1.3.24\n", False), ("SQLAlchemy<1.4\n", False), ("SQLAlchemy~=1.4.0\n", True),
                           ("flask-sqlalchemy\n", True), ("flask\n", False), ("SQLAlchemy\n", True)]:
        root = app({"requirements.txt": reqs})
        assert installs_sqlalchemy_14(Project(root)) is expected, reqs


def test_sqlite_uses_and_local_writes(app):
    root = app({"Procfile": "web: gunicorn app:app\nworker: python job.py\n",
                "app.py": "import sqlite3\nconn = sqlite3.connect('app.db')\nmem = sqlite3.connect(':memory:')\n",
                "job.py": "import logging\nlogging.basicConfig(filename='job.log')\n"
                          "open('out.csv', 'w')\nopen('out.csv', 'a')\nopen('/tmp/x', 'w')\n"})
    project = Project(root)
    assert [(u.path, u.line, u.what, u.django) for u in sqlite_uses(project)] == [
        ("app.py", 2, "sqlite3.connect('app.db')", False)]
    assert [(w.path, w.line, w.target, w.kind, sorted(w.processes)) for w in local_writes(project)] == [
        ("job.py", 2, "job.log", "log", ["worker"]), ("job.py", 3, "out.csv", "data", ["worker"])]
