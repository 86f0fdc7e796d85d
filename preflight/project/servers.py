"""What the code on the start path serves and how: the server calls, the polling bots, object kinds.

``server_calls(project, process)`` finds every call that starts a web server on that process's start path
(``app.run``, ``uvicorn.run``, ``web.run_app``...), with the host and port it is given and the server's own
defaults (``SPECS``); ``polling_calls`` finds long-polling bot loops; ``kind_of`` says which framework made
an object. The servers, frameworks and bot libraries and their defaults (with sources) are the one table
in ``preflight/project/webservers.py``; this module reads views of it.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re
from preflight.project.python import UNKNOWN, Value, call_arg, dotted, last_name
from preflight.project.webservers import (  # noqa: F401  (ServerSpec: re-exported, part of this API)
    ServerSpec, blocking_runs, call_specs, kinds, polling_labels, polling_methods,
)

KINDS = kinds()          # (top-level package, class name) -> the kind of object it makes
SPECS = call_specs()     # server-call kind -> ServerSpec
SERVER_CALL_NAMES = ("run", "run_server", "run_app", "serve", "listen", "make_server", "HTTPServer",
                     "ThreadingHTTPServer", "TCPServer", "ThreadingTCPServer", "TCPSite", "launch",
                     "run_webhook", "start_webhook", "run_webhooks")
ALL_INTERFACES = {"0.0.0.0", "::", "", "*", "::0", "0:0:0:0:0:0:0:0"}
LOOPBACK_RE = lazy_re(r"^(localhost|127(\.\d{1,3}){3}|::1|ip6-localhost)$", re.I)

# Long-polling bots: calls that block forever without opening a port (research/heroku.md E04).
POLLING_METHODS = polling_methods()
POLLING_LABELS = polling_labels()
BLOCKING_RUNS = blocking_runs()   # client kind -> its methods that block in a gateway loop (discord: run, start)


@dataclass
class ServerCall:
    module: object      # the Module
    call: ast.Call
    kind: str
    spec: ServerSpec
    host: Value | None   # None: not given
    host_node: ast.AST | None
    port: Value | None
    port_node: ast.AST | None

    @property
    def line(self) -> int:
        return self.call.lineno

    @property
    def dev_server(self) -> str | None:
        """The development server the call starts ("Flask's development server"), None for a production one
        (bottle's ``run(server='gunicorn')`` picks a production server)."""
        if any(kw.arg == "server" for kw in self.call.keywords):
            return None
        return self.spec.dev

    def set_at(self, value: Value) -> str:
        """Where the literal ``value`` is written ("settings.py:2") when that is not the call itself, else ""."""
        if not value.path or value.path == self.module.path and value.line == self.line:
            return ""
        return f"{value.path}:{value.line}"


# -- origins and kinds --------------------------------------------------------------------------------
def full_name(mod, node) -> str:
    """``web.run_app`` -> ``aiohttp.web.run_app`` (through the module's imports); "" when not dotted."""
    name = dotted(node)
    if not name:
        return ""
    head, _, rest = name.partition(".")
    origin = mod.origins.get(head)
    if origin:
        return f"{origin}.{rest}" if rest else origin
    return name


def kind_of(code, mod, expr, depth: int = 0) -> str | None:
    """What made the object ``expr`` names: "flask", "aiohttp", "telebot"... (None when unknown)."""
    if depth > 4 or mod is None:
        return None
    if isinstance(expr, ast.Call):
        full = full_name(mod, expr.func)
        if isinstance(expr.func, ast.Attribute) and expr.func.attr in ("build", "builder"):
            return None
        if full:
            parts = full.split(".")
            kind = KINDS.get((parts[0], parts[-1]))
            if kind:
                return kind
        if isinstance(expr.func, ast.Name):  # a factory: create_app(), or a subclass: MyClient(...)
            return _factory_kind(code, mod, expr.func.id, depth) or _class_kind(code, mod, expr.func.id, depth)
        return None
    if not isinstance(expr, ast.Name):
        return None
    value = _binding(mod, expr.id, expr)
    if value is not None:
        return kind_of(code, mod, value, depth + 1)
    origin = mod.origins.get(expr.id)
    if origin and "." in origin:  # from app import app
        target = code.module(code.find_module(origin.rsplit(".", 1)[0], code.roots) or "")
        if target is not None and target is not mod:
            return kind_of(code, target, ast.Name(id=origin.rsplit(".", 1)[1], ctx=ast.Load()), depth + 1)
    return None


def _binding(mod, name: str, node) -> ast.AST | None:
    """The value last assigned to ``name`` in the function around ``node``, else at module level."""
    func = mod.enclosing_function(node)
    if func is not None:
        local = [sub for sub in ast.walk(func) if isinstance(sub, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == name for t in sub.targets)]
        if local:
            return max(local, key=lambda a: a.lineno).value
    values = [v for v, _ in mod.assignments.get(name, ()) if v is not None]
    return values[-1] if values else None


def _class_kind(code, mod, name: str, depth: int) -> str | None:
    """The kind of a module-level class's bases: ``class MyClient(discord.Client)`` -> "discord"."""
    if depth > 4 or mod.tree is None or name not in mod.top_names:
        return None
    cls = next((st for st in mod.tree.body if isinstance(st, ast.ClassDef) and st.name == name), None)
    if cls is None:
        origin = mod.origins.get(name)
        if origin and "." in origin:  # from bot.client import MyClient
            target = code.module(code.find_module(origin.rsplit(".", 1)[0], code.roots) or "")
            if target is not None and target is not mod:
                return _class_kind(code, target, origin.rsplit(".", 1)[1], depth + 1)
        return None
    for base in cls.bases:
        full = full_name(mod, base)
        parts = full.split(".") if full else []
        kind = KINDS.get((parts[0], parts[-1])) if parts else None
        if kind is None and isinstance(base, ast.Name) and base.id != name:
            kind = _class_kind(code, mod, base.id, depth + 1)
        if kind:
            return kind
    return None


def _factory_kind(code, mod, name: str, depth: int) -> str | None:
    fn = mod.functions.get(name)
    if fn is None:
        origin = mod.origins.get(name)
        if origin and "." in origin:
            target = code.module(code.find_module(origin.rsplit(".", 1)[0], code.roots) or "")
            if target is not None and target is not mod:
                return _factory_kind(code, target, origin.rsplit(".", 1)[1], depth + 1)
        return None
    for sub in ast.walk(fn):
        if isinstance(sub, ast.Return) and sub.value is not None:
            value = sub.value
            if isinstance(value, ast.Name):
                for inner in ast.walk(fn):
                    if isinstance(inner, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == value.id for t in inner.targets):
                        kind = kind_of(code, mod, inner.value, depth + 1)
                        if kind:
                            return kind
            else:
                kind = kind_of(code, mod, value, depth + 1)
                if kind:
                    return kind
    return None


# -- server calls -----------------------------------------------------------------------------------
def _has_kwargs(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args)


def _server_kind(code, mod, call: ast.Call) -> str | None:
    name = last_name(call.func)
    full = full_name(mod, call.func)
    root = full.split(".")[0] if full else ""
    if name == "run_app":
        return "aiohttp"
    if name in ("run_webhook", "start_webhook", "run_webhooks"):
        imported = {o.split(".")[0] for o in mod.origins.values()}
        if name == "run_webhooks" and "telebot" in imported:
            return "telebot-webhook"
        if name == "start_webhook" and "aiogram" in imported:
            return "aiogram-webhook"
        if name != "run_webhooks" and "telegram" in imported:
            return "ptb-webhook"
        return None
    if name == "TCPSite" and root == "aiohttp":
        return "aiohttp-site"
    if name == "serve" and root == "waitress":
        return "waitress"
    if name == "make_server" and root == "wsgiref":
        return "wsgiref"
    if name in ("HTTPServer", "ThreadingHTTPServer", "TCPServer", "ThreadingTCPServer") and \
            root in ("http", "socketserver"):
        return "socketserver"
    if name == "run" and full in ("uvicorn.run", "uvicorn.main.run"):
        return "uvicorn"
    if name == "run" and root == "bottle" and isinstance(call.func, ast.Name) or full == "bottle.run":
        return "bottle"
    if not isinstance(call.func, ast.Attribute):
        return None
    kind = kind_of(code, mod, call.func.value)
    if name == "run" and kind in ("flask", "quart", "dash", "sanic", "socketio", "bottle"):
        return kind
    if name == "run_server" and kind == "dash":
        return "dash"
    if name == "listen" and kind == "tornado":
        return "tornado"
    if name == "launch" and kind == "gradio":
        return "gradio"
    return None


def server_calls(project, process: str = "web") -> list[ServerCall]:
    """Live calls that start an HTTP server, in the modules the process runs."""
    code = project.code
    key = ("code.server_calls", process)
    cache = code.cache
    if key in cache:
        return cache[key]
    found = []
    for mod in code.start_path(process):
        for call in mod.calls(*SERVER_CALL_NAMES) + _thread_targets(mod):
            if not code.live(mod.path, call):
                continue
            kind = _server_kind(code, mod, call)
            if kind is None:
                continue
            spec = SPECS[kind]
            host_node = call_arg(call, spec.host_arg[1], spec.host_arg[0])
            port_node = call_arg(call, spec.port_arg[1], spec.port_arg[0])
            if kind == "socketserver":
                addr = host_node
                host_node = port_node = None
                if isinstance(addr, ast.Tuple) and len(addr.elts) == 2:
                    host_node, port_node = addr.elts
            if kind == "waitress" and host_node is None and port_node is None:
                listen = call_arg(call, None, "listen")
                if listen is not None:
                    value = code.evaluate(mod, listen)
                    port_node = host_node = listen if value.kind != "literal" else None
                    if value.kind == "literal" and ":" in str(value.value):
                        h, _, p = str(value.value).rpartition(":")
                        found.append(ServerCall(mod, call, kind, spec, Value("literal", h, listen.lineno, mod.path),
                                                listen, Value("literal", p, listen.lineno, mod.path), listen))
                        continue
            opaque = _has_kwargs(call)
            host = code.evaluate(mod, host_node) if host_node is not None else (UNKNOWN if opaque else None)
            port = code.evaluate(mod, port_node) if port_node is not None else (UNKNOWN if opaque else None)
            found.append(ServerCall(mod, call, kind, spec, host, host_node, port, port_node))
    cache[key] = found
    return found


def _thread_targets(mod) -> list[ast.Call]:
    """``Thread(target=app.run, kwargs={"port": ...})`` as the call it makes in the thread: ``app.run(port=...)``
    (positioned at the Thread call, so findings point there)."""
    out = []
    for call in mod.calls("Thread", "Process"):
        target = call_arg(call, None, "target")
        if not (isinstance(target, ast.Attribute) and target.attr in SERVER_CALL_NAMES):
            continue
        args, kwargs = call_arg(call, None, "args"), call_arg(call, None, "kwargs")
        if args is not None and not isinstance(args, (ast.Tuple, ast.List)) or \
                kwargs is not None and not isinstance(kwargs, ast.Dict):
            keywords = [ast.keyword(arg=None, value=args or kwargs)]  # built elsewhere: opaque
            positional = []
        else:
            positional = list(args.elts) if args is not None else []
            keywords = [ast.keyword(arg=k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None,
                                    value=v) for k, v in zip(kwargs.keys, kwargs.values)] if kwargs is not None else []
        out.append(ast.Call(func=target, args=positional, keywords=keywords, lineno=call.lineno,
                            col_offset=call.col_offset, end_lineno=getattr(call, "end_lineno", call.lineno),
                            end_col_offset=getattr(call, "end_col_offset", call.col_offset)))
    return out


def polling_calls(project, process: str = "web") -> list[tuple[object, ast.Call, str, bool]]:
    """Live calls that run a long-polling bot: (module, call, label, at module level)."""
    code = project.code
    out = []
    for mod in code.start_path(process):
        for call in mod.calls(*POLLING_METHODS, "run", "start"):
            if not code.live(mod.path, call) or mod.deferred(call):
                continue
            name = last_name(call.func)
            label = POLLING_LABELS.get(name)
            if name in ("run", "start"):
                if not isinstance(call.func, ast.Attribute):
                    continue
                kind = kind_of(code, mod, call.func.value)
                if name not in BLOCKING_RUNS.get(kind, ()):
                    continue
                label = POLLING_LABELS[kind].replace("run()", f"{name}()")
            elif name == "polling" and not isinstance(call.func, ast.Attribute):
                continue
            out.append((mod, call, label, mod.enclosing_function(call) is None))
    return out


def web_serves_http(project) -> bool:
    """The web process starts an HTTP server: a server command (gunicorn, uvicorn...) or a server call on
    its start path."""
    from preflight.project.webservers import command_specs

    def build():
        web = [ep for ep in project.code.entrypoints if ep.process == "web"]
        return any(ep.server in command_specs() for ep in web) or bool(server_calls(project))

    return project.memo("servers.web_serves_http", build)


@dataclass(frozen=True)
class PollingWeb:
    """A web process that runs a long-polling bot and never listens on a port."""
    entry: object        # the web EntryPoint that runs the bot
    module: object       # the Module with the polling call
    call: ast.Call
    label: str           # "pyTelegramBotAPI infinity_polling()"...


def web_polling_bot(project) -> PollingWeb | None:
    """The web process's bot that polls and never listens on a port: a polling call on the web start path when
    no server runs there, or one at module level that blocks before a server it starts (not under
    ``__main__``: that one runs only as a script). None when the web process serves HTTP, or runs no bot."""
    def build():
        web = [ep for ep in project.code.entrypoints if ep.process == "web"]
        if not web:
            return None
        serves = web_serves_http(project)
        blocking = [c for c in polling_calls(project) if not serves or (c[3] and not project.code.main_runs(c[0].path))]
        if not blocking:
            return None
        mod, call, label, _ = blocking[0]
        return PollingWeb(entry_running(project, mod.path) or web[0], mod, call, label)

    return project.memo("servers.web_polling_bot", build)


def entry_running(project, path: str, process: str = "web"):
    """The ``process`` entry point that runs the module ``path``: the one whose module it is, else the first
    with a module whose start path reaches it; None when none does."""
    entries = [ep for ep in project.code.entrypoints if ep.process == process]
    for ep in entries:
        if ep.module == path:
            return ep
    for ep in entries:
        if ep.module and path in {m.path for m in project.code.start_path(process)}:
            return ep
    return None


def process_phrase(project, path: str) -> str:
    procs = sorted(project.code.processes_of(path))
    return "the " + "/".join(procs) + " process" if procs else "the app"


def host_problem(host: str) -> str | None:
    """What is wrong with binding ``host`` on the platform: "loopback" (127.0.0.1, localhost, ::1: the router
    cannot reach it), "foreign" (not an address of the machine: '0,0,0,0', a host name, a LAN address: the
    bind fails), None for all interfaces."""
    host = host.strip()
    if host in ALL_INTERFACES:
        return None
    if LOOPBACK_RE.match(host):
        return "loopback"
    return "foreign"


# -- where the web server listens when the platform sets no PORT (Fly) ----------------------------------------
_PORT_FALLBACK_RE = lazy_re(r"^\$\{PORT:?-(\d+)\}$")


@dataclass(frozen=True)
class Listening:
    """Where a web server started by the web process ends up listening when ``PORT`` is not set."""
    path: str
    line: int
    col: int
    what: str                 # the command ("gunicorn app:app"), or how a message names the call ("Flask's app.run()")
    host: str                 # the address it binds
    port: str                 # the port it listens on; "" when an unset $PORT leaves it none
    reads_port: bool          # the address comes from $PORT (unset): the server's fallback or a default
    entry: object = None      # the web EntryPoint (a command), None for a call in code
    option: str = ""          # the command's listen option, "{port}" for the port: "--bind 0.0.0.0:{port}"


def port_env_fallback(node) -> tuple[bool, str | None] | None:
    """``int(os.environ.get("PORT", 5000))`` -> (True, "5000"); ``os.environ["PORT"]`` -> (True, None); None when
    ``node`` does not read PORT from the environment."""
    from preflight.project.python import env_read

    while isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "str") \
            and len(node.args) == 1:
        node = node.args[0]
    if env_read(node) != "PORT":
        return None
    default = node.args[1] if isinstance(node, ast.Call) and len(node.args) > 1 else None
    if default is None and isinstance(node, ast.Call):
        default = next((kw.value for kw in node.keywords if kw.arg == "default"), None)
    if isinstance(default, ast.Constant) and isinstance(default.value, (int, str)) and str(default.value).isdigit():
        return True, str(default.value)
    return True, None


def listening_without_port_env(project) -> list[Listening]:
    """The web process's servers and where each listens with no ``PORT`` in the environment: its command
    line (gunicorn's own fallback, ``${PORT:-8000}``, a literal port, the server's default) and the server
    calls on its start path (``app.run(port=int(os.environ.get("PORT", 5000)))``). Commands whose address is
    unknown (a config file, another variable, a socket) are left out."""
    from preflight.project.webservers import command_specs

    def build():
        out = []
        specs = command_specs()
        # the Procfile too where the platform does not read it (Fly without a buildpack builder): ``read``
        # tells the rule to say "if it is used"
        for ep in project.code.all_entrypoints:
            spec = specs.get(ep.server or "") if ep.process == "web" else None
            if spec is None or ep.server == "uwsgi" or ep.port in ("socket", "endpoint") or ep.port_source \
                    or ep.port_note:
                continue
            option = spec.fix.split(" (")[0].replace("$PORT", "{port}")
            port, reads = ep.port, False
            if port is None:
                if spec.default_port == "$PORT":
                    if spec.without_port_env is None:
                        continue
                    host, port = spec.without_port_env
                    host, reads = ep.host or host, True
                elif spec.default_port is None:
                    continue
                else:
                    host, port = ep.host or spec.default_host or "", spec.default_port
            elif "PORT" in port and "$" in port:
                m = _PORT_FALLBACK_RE.match(port)
                if port not in ("$PORT", "${PORT}") and m is None:
                    continue
                host, port, reads = ep.host or spec.default_host or "", m.group(1) if m else "", True
            elif port.isdigit():
                host = ep.host or spec.default_host or ""
            else:
                continue
            out.append(Listening(ep.source, ep.line, 0, ep.command.text, host, port, reads, ep, option))
        for sc in server_calls(project):
            reads = False
            fallback = port_env_fallback(sc.port_node) if sc.port_node is not None else None
            if fallback is not None:
                if fallback[1] is None:
                    continue  # os.environ["PORT"]: a KeyError at start (config-env-unset's business)
                port, reads = fallback[1], True
            elif sc.port is None:
                if sc.spec.default_port is None:
                    continue
                port = sc.spec.default_port
            elif sc.port.kind == "literal" and str(sc.port.value).isdigit():
                port = str(sc.port.value)
            else:
                continue
            if sc.host is None:
                host = sc.spec.default_host or ""
            elif sc.host.kind == "literal":
                host = str(sc.host.value)
            else:
                continue
            out.append(Listening(sc.module.path, sc.line, sc.call.col_offset + 1, sc.spec.label, host, port, reads))
        return out

    return project.memo("servers.listening_without_port_env", build)


# -- servers started while the module is imported (PythonAnywhere's WSGI worker imports the app) -------------------
_IMPORT_TIME_KINDS = frozenset({"flask", "quart", "dash", "socketio", "bottle", "sanic", "uvicorn"})


def import_time_server_calls(project) -> list[tuple[object, ast.Call, str]]:
    """(module, call, label) of each server started by a statement at the top level of a module that a WSGI file
    would import (``app.run()``, ``uvicorn.run(app)``: not under ``if __name__ == "__main__":``, in no function,
    ``if`` or ``try``): the modules the web process names, else the repository's root modules."""
    def build():
        code = project.code
        paths = [ep.module for ep in code.all_entrypoints if ep.process == "web" and ep.module]
        if not paths:
            paths = sorted(f for f in project.files if f.endswith(".py") and "/" not in f)
        out = []
        for path in dict.fromkeys(paths):
            mod = code.module(path)
            if mod is None or mod.tree is None:
                continue
            for st in mod.tree.body:
                call = st.value if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) else None
                if call is None or last_name(call.func) != "run":
                    continue
                kind = _server_kind(code, mod, call)
                if kind in _IMPORT_TIME_KINDS:
                    out.append((mod, call, SPECS[kind].label))
        return out

    return project.memo("servers.import_time_server_calls", build)
