"""The whole engine on generated repositories: random bytes and random text in the deploy files give
findings (file-unreadable, procfile-invalid...), never a rule crash, a time-out or a traceback."""
from __future__ import annotations

import time

from fuzzing import CONTENT, DEPLOY_FILES, bounded, mutated, repo
from hypothesis import given
from hypothesis import strategies as st

from preflight import engine
from preflight.config import Settings
from preflight.project import Project
from preflight.registry import load_rules, resolve

RUN_BOUND = 10.0  # seconds for one whole check of a small generated repository


def _run(root):
    load_rules()
    s = Settings()
    result = engine.run(Project(root, platform=s.platform), resolve(s.select, s.extend_select, s.ignore), s)
    assert not result.crashes, "\n".join(str(trace) for _, trace in result.crashes)
    for f in result.findings:
        assert f.hint, f  # every problem is a finding a user can act on
    return result


def _repository():
    """A working app with some of its deploy files replaced by random content or near-valid mutations."""
    def build(choices):
        files = dict(DEPLOY_FILES)
        files.update(choices)
        return files

    names = sorted(DEPLOY_FILES)
    entry = st.sampled_from(names).flatmap(
        lambda n: st.tuples(st.just(n), st.one_of(CONTENT, mutated(DEPLOY_FILES[n]))))
    return st.lists(entry, min_size=1, max_size=6).map(lambda pairs: build(dict(pairs)))


@bounded(25, deadline_ms=RUN_BOUND * 1000)
@given(_repository())
def test_engine_on_random_deploy_files(files):
    with repo(files) as root:
        start = time.perf_counter()
        _run(root)
        assert time.perf_counter() - start < RUN_BOUND


@bounded(10, deadline_ms=RUN_BOUND * 1000)
@given(st.binary(max_size=200))
def test_engine_with_the_same_bytes_in_every_deploy_file(raw):
    with repo({name: raw for name in DEPLOY_FILES}) as root:
        _run(root)


# Statements the code rules look for (servers, ports, env reads, writes, webhooks, threads, settings),
# combined at random into the web process's module and a module it imports.
_PYTHON = [
    "import os\n", "import flask\n", "from helper import *\n", "import helper\n", "app = flask.Flask(__name__)\n",
    "PORT = int(os.environ.get('PORT', 5000))\n", "PORT = os.getenv('PORT') or 8000\n", "HOST = '0.0.0.0'\n",
    "app.run(host=HOST, port=PORT)\n", "app.run(debug=True)\n", "app.run(port=helper.PORT)\n",
    "if __name__ == '__main__':\n    app.run()\n", "def main():\n    app.run(port=PORT)\n",
    "open('data.json', 'w').write('x')\n", "with open(os.path.join(BASE, 'log.txt'), 'a') as fh:\n    pass\n",
    "bot.set_webhook(url=f'https://{HOST}/hook')\n", "bot.set_webhook('https://example.ngrok.io/x')\n",
    "threading.Thread(target=bot.polling).start()\n", "bot.infinity_polling()\n", "DEBUG = True\n",
    "SECRET_KEY = 'django-insecure-abc'\n",  # preflight: ignore[secret-committed]
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n",
    "ALLOWED_HOSTS = ['*']\n", "x = PORT + 1\n", "PORT += 1\n", "s = 'a' 'b' f'{PORT}'\n", "del PORT\n",
    "class Config:\n    PORT = 80\n", "app.config['DEBUG'] = os.environ['DEBUG']\n", "global PORT\n",
    "try:\n    import gevent\nexcept ImportError:\n    gevent = None\n", "lambda: app.run()\n",
    "from . import helper\n", "from .. import up\n", "import app\n", "from app import app as application\n",
    "logging.basicConfig(filename='app.log')\n", "asyncio.run(main())\n", "uvicorn.run('app:app', port=PORT)\n",
    "web.run_app(app, port=os.environ['PORT'])\n", "@app.route('/')\ndef index():\n    return open('f').read()\n",
]
_PY_MODULE = st.lists(st.sampled_from(_PYTHON), max_size=12).map("".join)


@bounded(25, deadline_ms=RUN_BOUND * 1000)
@given(_PY_MODULE, _PY_MODULE, st.sampled_from(["web: gunicorn app:app", "web: python app.py",
                                                "web: uvicorn app:app --port $PORT", "worker: python app.py",
                                                "web: python -m app"]))
def test_engine_on_generated_python(app_py, helper_py, process):
    files = {**DEPLOY_FILES, "app.py": app_py, "helper.py": helper_py, "Procfile": process + "\n"}
    with repo(files) as root:
        _run(root)
