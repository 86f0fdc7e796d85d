"""Shared pieces of the property tests: the deploy files, content strategies, and a throwaway repository.

Bounded on purpose (few examples, a deadline per example) so the whole fuzz set stays within seconds in
CI; ``PREFLIGHT_FUZZ_EXAMPLES=500 pytest tests/fuzz`` runs a longer campaign locally.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("PREFLIGHT_FUZZ_EXAMPLES", "0") or 0)


def bounded(examples: int, deadline_ms: int = 2000):
    """Hypothesis settings for one property: ``examples`` cases (or the campaign size), a deadline per case."""
    return settings(max_examples=EXAMPLES or examples, deadline=deadline_ms, derandomize=not EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture], database=None)


# Every file the model parses as a deploy artifact, with a plausible start to mutate from.
DEPLOY_FILES = {
    "Procfile": "web: gunicorn app:app --bind 0.0.0.0:$PORT\nworker: python worker.py\n",
    "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n-r base.txt\n",
    "runtime.txt": "python-3.12.7\n",
    ".python-version": "3.13\n",
    "Pipfile": '[packages]\nflask = "*"\n[requires]\npython_version = "3.12"\n',
    "Pipfile.lock": '{"_meta": {"hash": {"sha256": "x"}, "requires": {"python_version": "3.12"}}, "default": {}}',
    "pyproject.toml": '[project]\nname = "app"\nrequires-python = ">=3.12"\ndependencies = ["flask"]\n',
    "poetry.lock": '[[package]]\nname = "flask"\nversion = "3.1.2"\n[metadata]\ncontent-hash = "x"\n',
    "uv.lock": 'version = 1\n[[package]]\nname = "flask"\nversion = "3.1.2"\n',
    "app.json": '{"name": "app", "env": {"SECRET_KEY": {"generator": "secret"}}, "addons": ["heroku-postgresql"]}',
    "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n",
    "Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                  'CMD ["gunicorn", "app:app"]\n',
    ".dockerignore": ".git\n*.pyc\n",
    "docker-compose.yml": "services:\n  web:\n    build: .\n    ports: ['8000:8000']\n",
    "setup.cfg": "[options]\ninstall_requires =\n    flask\n",
    "alembic.ini": "[alembic]\nscript_location = migrations\n",
    "app.py": "import os\nimport flask\napp = flask.Flask(__name__)\napp.run(port=int(os.environ['PORT']))\n",
    "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
    ".env": "SECRET_KEY=abc\n",
    ".gitignore": "venv/\n.env\n",
    ".slugignore": "*.psd\n",
    "entrypoint.sh": "#!/bin/sh\nexec gunicorn app:app\n",
    # configuration files the config rules read (by suffix, under a config folder)
    "config/production.yaml": "database:\n  host: localhost\n  port: 5432\nserver:\n  port: 8080\n",
    "config/prod.env": "PORT=8080\nDATABASE_URL=postgres://localhost/db\n",
    "config/settings.ini": "[server]\nport = 8080\n[db]\nsslmode = disable\n",
    "config/app.json": '{"port": 8080, "debug": true}',
    "config/app.toml": "[server]\nport = 8080\n",
    "gunicorn.conf.py": "bind = '0.0.0.0:8000'\nworkers = 2\n",
}

# Text that resembles the formats: their punctuation, keywords and a little of everything else.
_ALPHABET = st.sampled_from(list("abcdefgz019 \t\n\r:=-[]{}\"'#$\\/.,*<>!~@%&()|;`^?+") +
                            ["web:", "gunicorn", "python", "FROM ", "RUN ", "CMD ", "COPY ", "ENV ", "ARG ",
                             "<<EOF\n", "EOF\n", "-r ", "-e ", "git+", "==", ">=", "; python_version",
                             "${", "$PORT", "\ufeff", "\u00a0", "\u200b", "\x00", "&anchor ", "*anchor",
                             "!!python/object ", "---\n", "[[package]]\n", "import ", "def ", "\ufffd"])
TEXT = st.lists(_ALPHABET, max_size=120).map("".join)
CONTENT = st.one_of(TEXT, st.text(max_size=300), st.binary(max_size=300))


def mutated(start: str):
    """``start`` with a random slice replaced by random text: near-valid input reaches deeper parser code."""
    return st.tuples(st.integers(0, len(start)), st.integers(0, 40), TEXT).map(
        lambda t: start[:t[0]] + t[2] + start[t[0] + t[1]:])


@contextmanager
def repo(files: dict):
    """A temporary folder holding ``files`` (str written as UTF-8, bytes as they are)."""
    with tempfile.TemporaryDirectory(prefix="pf-fuzz-") as d:
        root = Path(d)
        for rel, content in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        yield root
