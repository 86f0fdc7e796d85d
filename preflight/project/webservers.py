"""The one table of web servers, web frameworks, task workers and bot libraries preflight knows.

``PACKAGES`` holds, per distribution: the programs it installs, what ``python -m`` runs from it, whether
declaring it makes a web app, how its command line takes a host and a port (``CommandSpec``), the calls in
code that start its server (``ServerSpec``), the classes whose objects the code model recognises, and the
long-polling methods of bot libraries. Everything else is a view of this table, computed once:
``web_frameworks()``, ``command_specs()``, ``call_specs()``, ``executables()``, ``python_modules()``...
Rules and model modules read the views, never their own copies.

Sources (checked 2026-12-01): each server's ``--help`` and docs for its defaults (gunicorn: "If the PORT
environment variable is defined, the default is ['0.0.0.0:$PORT']", else ['127.0.0.1:8000']; uvicorn,
hypercorn and daphne bind 127.0.0.1:8000; ``flask run`` 127.0.0.1:5000; ``manage.py runserver`` 127.0.0.1:8000;
streamlit 0.0.0.0:8501; waitress-serve 0.0.0.0:8080); the servers' call defaults (Flask ``app.run`` binds
127.0.0.1:5000, uvicorn.run 127.0.0.1:8000, aiohttp ``run_app`` 0.0.0.0:8080, waitress 0.0.0.0:8080,
bottle 127.0.0.1:8080, Sanic 127.0.0.1:8000, Dash reads $HOST/$PORT, gradio 127.0.0.1:7860); each
package's console-script entry points on PyPI for the programs; research/heroku.md E04, E07, E08, E11.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class ServerSpec:
    """How a server-starting call in code takes its address, and what it does without one."""
    label: str                     # how the message names it
    host_arg: tuple = ("host", None)   # (keyword, position)
    port_arg: tuple = ("port", None)
    default_host: str | None = "0.0.0.0"   # None: reads the environment
    default_port: str | None = None        # None: reads $PORT (or needs no port)
    dev: str | None = None          # "Flask's development server" when it is one
    debug_arg: tuple | None = None


@dataclass(frozen=True)
class CommandSpec:
    """How a server started from the command line listens, keyed by ``EntryPoint.server``."""
    default_host: str | None       # None: set by its config (uwsgi)
    default_port: str | None       # "$PORT": reads it; None: set by its config
    fix: str                       # the options that make it listen on $PORT
    host_fix: str                  # the options that make it listen on all interfaces
    app_attr: str | None = None    # the object ``module`` (no ``:attr``) means, for servers that import one
    takes_app: bool = False        # it imports ``module:attr`` (gunicorn, uvicorn...)
    reload_flag: str | None = None  # the option that turns on its development reloader
    dev: str | None = None         # "Flask's development server" when the command is one
    dev_hint: str | None = None    # what to run instead, when the rule's own fix does not say it
    without_port_env: tuple | None = None  # (host, port) it binds when it reads $PORT and PORT is unset


@dataclass(frozen=True)
class Package:
    """One distribution and what preflight knows of it (see the module docstring)."""
    distributions: tuple            # the PyPI distributions that provide it (the first is its name)
    executables: tuple = ()         # the programs it installs, as a Procfile names them
    modules: tuple = ()             # what ``python -m`` runs from it
    web: bool = False               # declaring it makes a web app
    server_only: bool = False       # a WSGI/ASGI server, not a framework: messages name the framework first
    client_too: bool = False        # an HTTP client as well: a web app only when the code serves with it
    server_modules: tuple = ()      # for such a package, the modules whose import shows it serves
    serving: tuple = ()             # its programs that start an HTTP server whatever the arguments
    commands: dict = field(default_factory=dict)   # EntryPoint.server -> CommandSpec
    calls: dict = field(default_factory=dict)      # server-call kind -> ServerSpec
    classes: tuple = ()             # (top-level module, class) whose objects are of ``kind``
    kind: str | None = None         # the code model's name for its objects ("flask", "telebot")
    polling: dict = field(default_factory=dict)    # long-polling method -> how the message names it
    blocking_runs: tuple = ()       # methods of its client objects that block in a gateway loop
    task_worker: str | None = None  # "a Celery worker": what its worker command is
    worker_programs: tuple = ()     # EntryPoint.server values that run that worker
    worker_classes: tuple = ()      # gunicorn --worker-class values (and module prefixes) that import it
    start_example: str | None = None  # a Procfile web line for a framework app ({module}, {django})

    @property
    def name(self) -> str:
        return self.distributions[0]


_UVICORN_START = "web: uvicorn {module}:app --host 0.0.0.0 --port $PORT"

PACKAGES = (
    # -- WSGI/ASGI servers ----------------------------------------------------------------------------
    Package(("gunicorn",), ("gunicorn",), ("gunicorn",), web=True, server_only=True, serving=("gunicorn",),
            commands={"gunicorn": CommandSpec("0.0.0.0", "$PORT", "--bind 0.0.0.0:$PORT (or no --bind)",
                                              "--bind 0.0.0.0:$PORT", "application", True, "--reload",
                                              without_port_env=("127.0.0.1", "8000"))}),
    Package(("uvicorn",), ("uvicorn",), ("uvicorn",), web=True, server_only=True, serving=("uvicorn",),
            commands={"uvicorn": CommandSpec("127.0.0.1", "8000", "--host 0.0.0.0 --port $PORT",
                                             "--host 0.0.0.0", None, True, "--reload")},
            calls={"uvicorn": ServerSpec("uvicorn.run()", ("host", None), ("port", None), "127.0.0.1", "8000")},
            worker_classes=("uvicorn",)),
    Package(("uvicorn-worker",), worker_classes=("uvicorn_worker",)),
    Package(("hypercorn",), ("hypercorn",), ("hypercorn",), web=True, server_only=True, serving=("hypercorn",),
            commands={"hypercorn": CommandSpec("127.0.0.1", "8000", "--bind 0.0.0.0:$PORT", "--bind 0.0.0.0:$PORT",
                                               "app", True, "--reload")}),
    Package(("daphne",), ("daphne",), ("daphne",), web=True, server_only=True, serving=("daphne",),
            commands={"daphne": CommandSpec("127.0.0.1", "8000", "-b 0.0.0.0 -p $PORT", "-b 0.0.0.0", None,
                                            True)}),
    Package(("waitress",), ("waitress-serve",), ("waitress",), web=True, server_only=True,
            serving=("waitress-serve",),
            commands={"waitress": CommandSpec("0.0.0.0", "8080", "--port=$PORT", "--host=0.0.0.0", "application",
                                              True)},
            calls={"waitress": ServerSpec("waitress.serve()", ("host", None), ("port", None), "0.0.0.0", "8080")}),
    # granian is not (yet) counted as making a web app: the table keeps the web-app notion as it was
    Package(("granian",), ("granian",), ("granian",), server_only=True, serving=("granian",)),
    Package(("uwsgi",), commands={"uwsgi": CommandSpec(None, None, "--http :$PORT", "--http :$PORT",
                                                       "application", True)}),
    # -- web frameworks -------------------------------------------------------------------------------
    Package(("flask",), ("flask",), ("flask",), web=True, classes=(("flask", "Flask"),), kind="flask",
            commands={"flask": CommandSpec("127.0.0.1", "5000", "--host 0.0.0.0 --port $PORT", "--host 0.0.0.0",
                                           dev="Flask's development server")},
            calls={"flask": ServerSpec("app.run()", ("host", 0), ("port", 1), "127.0.0.1", "5000",
                                       "Flask's development server (Werkzeug)", ("debug", 2))}),
    Package(("django",), ("django-admin",), ("django",), web=True, start_example="web: gunicorn {django}.wsgi",
            commands={"django-runserver": CommandSpec("127.0.0.1", "8000", "runserver 0.0.0.0:$PORT",
                                                      "runserver 0.0.0.0:$PORT", dev="Django's development server",
                                                      dev_hint="web: gunicorn <project>.wsgi (and add gunicorn to "
                                                               "requirements.txt).")}),
    Package(("fastapi",), web=True, classes=(("fastapi", "FastAPI"),), kind="fastapi", start_example=_UVICORN_START),
    Package(("fastapi-cli",), ("fastapi",), ("fastapi",)),
    Package(("starlette",), web=True, classes=(("starlette", "Starlette"),), kind="starlette",
            start_example=_UVICORN_START),
    Package(("litestar",), ("litestar",), web=True, start_example=_UVICORN_START),
    Package(("aiohttp",), web=True, client_too=True, server_modules=("aiohttp.web",), classes=(("aiohttp", "Application"),), kind="aiohttp",
            worker_classes=("aiohttp",),
            start_example="web: python {module}.py  (listening on 0.0.0.0 and int(os.environ['PORT']))",
            calls={"aiohttp": ServerSpec("web.run_app()", ("host", None), ("port", None), "0.0.0.0", "8080"),
                   "aiohttp-site": ServerSpec("web.TCPSite()", ("host", 1), ("port", 2), "0.0.0.0", "8080")}),
    Package(("aiohttp-devtools",),
            commands={"adev": CommandSpec("0.0.0.0", "8000", "--port $PORT", "--host 0.0.0.0",
                                          dev="aiohttp-devtools' development server",
                                          dev_hint="Start the app with web.run_app(app, port=int(os.environ['PORT'])) "
                                                   "or gunicorn with the aiohttp worker.")}),
    Package(("tornado",), web=True, client_too=True, server_modules=("tornado.web", "tornado.httpserver"),
            classes=(("tornado", "Application"),), kind="tornado",
            worker_classes=("tornado",),
            calls={"tornado": ServerSpec("app.listen()", ("address", 1), ("port", 0), "0.0.0.0", None)}),
    Package(("bottle",), web=True, classes=(("bottle", "Bottle"),), kind="bottle",
            calls={"bottle": ServerSpec("bottle run()", ("host", None), ("port", None), "127.0.0.1", "8080",
                                        "bottle's default wsgiref server", ("debug", None))}),
    Package(("sanic",), ("sanic",), ("sanic",), web=True, classes=(("sanic", "Sanic"),), kind="sanic",
            calls={"sanic": ServerSpec("app.run()", ("host", 0), ("port", 1), "127.0.0.1", "8000", None,
                                       ("debug", None))}),
    Package(("quart",), web=True, classes=(("quart", "Quart"),), kind="quart",
            calls={"quart": ServerSpec("app.run()", ("host", 0), ("port", 1), "127.0.0.1", "5000",
                                       "Quart's development runner", ("debug", 2))}),
    Package(("streamlit",), ("streamlit",), ("streamlit",), web=True, serving=("streamlit",),
            start_example="web: streamlit run {module}.py --server.port $PORT --server.address 0.0.0.0",
            commands={"streamlit": CommandSpec("0.0.0.0", "8501", "--server.port $PORT --server.address 0.0.0.0",
                                               "--server.address 0.0.0.0")}),
    Package(("dash",), web=True, classes=(("dash", "Dash"),), kind="dash",
            calls={"dash": ServerSpec("app.run()", ("host", 0), ("port", 1), "127.0.0.1", None,
                                      "Flask's development server (through Dash)", ("debug", 4))}),
    Package(("falcon",), web=True),
    Package(("pyramid",), web=True),
    Package(("gradio",), ("gradio",), web=True, kind="gradio",
            classes=(("gradio", "Blocks"), ("gradio", "Interface"), ("gradio", "ChatInterface"),
                     ("gradio", "TabbedInterface")),
            calls={"gradio": ServerSpec("launch()", ("server_name", None), ("server_port", None), "127.0.0.1",
                                        "7860")}),
    Package(("panel",), ("panel",), ("panel",), web=True),
    Package(("cherrypy",), web=True),
    Package(("web-py",), web=True),
    Package(("flask-socketio",), classes=(("flask_socketio", "SocketIO"),), kind="socketio",
            calls={"socketio": ServerSpec("socketio.run()", ("host", 1), ("port", 2), "127.0.0.1", "5000", None,
                                          ("debug", None))}),
    Package(("chainlit",), ("chainlit",), ("chainlit",)),
    Package(("bokeh",), ("bokeh",)),
    Package(("voila",), ("voila",)),
    # -- the standard library's servers (no distribution to declare) -------------------------------
    Package(("(stdlib) wsgiref",),
            calls={"wsgiref": ServerSpec("make_server()", ("host", 0), ("port", 1), None, None,
                                         "wsgiref's development server")}),
    Package(("(stdlib) socketserver",),
            calls={"socketserver": ServerSpec("the server", ("server_address", 0), ("server_address", 0), None,
                                              None)}),
    # -- task workers ---------------------------------------------------------------------------------
    Package(("celery",), ("celery",), ("celery",), task_worker="a Celery worker", worker_programs=("celery",)),
    Package(("rq",), ("rq", "rqworker"), ("rq",), task_worker="an RQ worker", worker_programs=("rq",)),
    Package(("dramatiq",), ("dramatiq",), ("dramatiq",), task_worker="a Dramatiq worker",
            worker_programs=("dramatiq",)),
    Package(("huey",), ("huey_consumer", "huey_consumer.py"), task_worker="a Huey consumer",
            worker_programs=("huey", "huey_consumer")),
    Package(("arq",), ("arq",), ("arq",), task_worker="an arq worker", worker_programs=("arq",)),
    Package(("taskiq",), ("taskiq",), ("taskiq",)),
    Package(("faust", "faust-streaming"), ("faust",)),
    Package(("gevent",), worker_classes=("gevent",)),
    Package(("eventlet",), worker_classes=("eventlet",)),
    # -- bot libraries (long polling blocks without opening a port: research/heroku.md E04) -----------
    Package(("pyTelegramBotAPI",), kind="telebot", classes=(("telebot", "TeleBot"), ("telebot", "AsyncTeleBot")),
            polling={"polling": "pyTelegramBotAPI polling", "infinity_polling": "pyTelegramBotAPI polling"},
            calls={"telebot-webhook": ServerSpec("bot.run_webhooks()", ("listen", 0), ("port", 1), "127.0.0.1",
                                                 "443")}),
    # aiogram's Dispatcher.start_polling and python-telegram-bot's Updater.start_polling share a name
    Package(("aiogram",), polling={"start_polling": "aiogram/python-telegram-bot polling"},
            calls={"aiogram-webhook": ServerSpec("executor.start_webhook()", ("host", None), ("port", None),
                                                 "0.0.0.0", "8080")}),
    Package(("python-telegram-bot",), polling={"run_polling": "python-telegram-bot polling"},
            calls={"ptb-webhook": ServerSpec("run_webhook()", ("listen", 0), ("port", 1), "127.0.0.1", "80")}),
    Package(("telethon",), kind="telethon", classes=(("telethon", "TelegramClient"),),
            polling={"run_until_disconnected": "Telethon's client loop"}),
    Package(("vk-api",), polling={"VkLongPoll": "vk_api long poll", "VkBotLongPoll": "vk_api long poll"}),
    # discord.py's run() and start() hold the gateway connection; Pyrogram's run() blocks
    Package(("discord.py",), kind="discord", blocking_runs=("run", "start"),
            polling={"discord": "discord.py's client.run()"},
            classes=(("discord", "Client"), ("discord", "Bot"), ("discord", "AutoShardedBot"),
                     ("discord", "AutoShardedClient"))),
    Package(("pyrogram",), kind="pyrogram", blocking_runs=("run",), classes=(("pyrogram", "Client"),),
            polling={"pyrogram": "Pyrogram's app.run()"}),
    # -- tools a process runs ---------------------------------------------------------------------------
    Package(("alembic",), ("alembic",), ("alembic",)),
    Package(("scrapy",), ("scrapy",), ("scrapy",)),
    Package(("newrelic",), ("newrelic-admin",)),
    Package(("ddtrace",), ("ddtrace-run",)),
    Package(("opentelemetry-instrumentation", "opentelemetry-distro"), ("opentelemetry-instrument",)),
)


def _merged(attr: str) -> dict:
    out: dict = {}
    for pkg in PACKAGES:
        out.update(getattr(pkg, attr))
    return out


@lru_cache(maxsize=None)
def web_frameworks() -> frozenset:
    """Distributions whose declaration makes a web app (frameworks and servers)."""
    return frozenset(p.name for p in PACKAGES if p.web)


@lru_cache(maxsize=None)
def bot_libraries() -> frozenset:
    """Distributions that run a long-polling chat bot (a process that needs no port and no platform)."""
    return frozenset(p.name for p in PACKAGES if p.polling)


@lru_cache(maxsize=None)
def server_only() -> frozenset:
    """The WSGI/ASGI servers (gunicorn, uvicorn...): they serve a framework's app, so a message names the
    framework before them, and declaring one shows an app meant to be run."""
    return frozenset(p.name for p in PACKAGES if p.server_only)


@lru_cache(maxsize=None)
def http_clients_too() -> frozenset:
    """Web frameworks that are HTTP clients too (every aiogram bot depends on aiohttp)."""
    return frozenset(p.name for p in PACKAGES if p.client_too)


@lru_cache(maxsize=None)
def server_modules() -> tuple:
    """The modules of those client-too packages whose import shows the code serves HTTP ("aiohttp.web")."""
    return tuple(m for p in PACKAGES for m in p.server_modules)


@lru_cache(maxsize=None)
def serving_programs() -> frozenset:
    """Programs that start an HTTP server whatever their arguments (a process running one means web)."""
    return frozenset(e for p in PACKAGES for e in p.serving)


@lru_cache(maxsize=None)
def command_specs() -> dict:
    """``EntryPoint.server`` -> ``CommandSpec``: how each server's command line takes host and port."""
    return _merged("commands")


@lru_cache(maxsize=None)
def call_specs() -> dict:
    """Server-call kind -> ``ServerSpec``: how each server-starting call takes host and port."""
    return _merged("calls")


@lru_cache(maxsize=None)
def kinds() -> dict:
    """(top-level module, class) -> the kind of object that constructor makes."""
    return {cls: p.kind for p in PACKAGES for cls in p.classes}


@lru_cache(maxsize=None)
def polling_labels() -> dict:
    """Long-polling method (or blocking client kind) -> how a message names it."""
    return _merged("polling")


@lru_cache(maxsize=None)
def polling_methods() -> tuple:
    """Method names whose call blocks in a long-polling loop."""
    return tuple(m for p in PACKAGES for m in p.polling if not p.blocking_runs)


@lru_cache(maxsize=None)
def blocking_runs() -> dict:
    """Client kind -> its methods that block in a gateway loop (``discord``: run, start)."""
    return {p.kind: p.blocking_runs for p in PACKAGES if p.blocking_runs}


@lru_cache(maxsize=None)
def task_workers() -> dict:
    """``EntryPoint.server`` of a task worker -> "a Celery worker"."""
    return {prog: p.task_worker for p in PACKAGES for prog in p.worker_programs}


@lru_cache(maxsize=None)
def task_worker_programs() -> frozenset:
    """Programs that start a task worker (celery, rq, rqworker...), as a Procfile names them."""
    return frozenset(e for p in PACKAGES if p.task_worker for e in p.executables if not e.endswith(".py"))


@lru_cache(maxsize=None)
def start_examples() -> dict:
    """Framework -> a Procfile web line for it (``{module}``, ``{django}`` to fill in)."""
    return {p.name: p.start_example for p in PACKAGES if p.start_example}


@lru_cache(maxsize=None)
def executables() -> dict:
    """Program a process runs -> the distributions that provide it."""
    return {e: p.distributions for p in PACKAGES for e in p.executables}


@lru_cache(maxsize=None)
def python_modules() -> dict:
    """Module ``python -m`` runs -> the distributions that provide it."""
    return {m: p.distributions for p in PACKAGES for m in p.modules}


@lru_cache(maxsize=None)
def worker_classes() -> dict:
    """gunicorn ``--worker-class`` value (or module prefix) -> the distributions it imports."""
    return {w: p.distributions for p in PACKAGES for w in p.worker_classes}
