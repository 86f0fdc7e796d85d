"""PF401-PF405 Application code: what the code on the start path does when the platform runs it.

The code is read statically (project.code: entry points, the start path, what runs under ``__main__``).
Only code that runs in production counts: with ``web: gunicorn app:app`` the ``app.run(...)`` under
``if __name__ == "__main__":`` never runs and is never reported.

Sources: research/heroku.md E07 (web ignores $PORT -> R10), E08 (binds localhost -> R10), E10/F (H10),
E11 (dev server, debug), help.heroku.com/P1AVPANS; the servers' own defaults (Flask ``app.run`` binds
127.0.0.1:5000, uvicorn.run 127.0.0.1:8000, aiohttp ``run_app`` 0.0.0.0:8080, waitress 0.0.0.0:8080,
bottle 127.0.0.1:8080, Sanic 127.0.0.1:8000, Dash reads $HOST/$PORT, gradio 127.0.0.1:7860).
"""
from __future__ import annotations

import ast
import fnmatch
import re

from preflight.findings import Violation
from preflight.lazyre import lazy_re
from preflight.project.python import Value, call_arg, dotted, last_name
from preflight.project.servers import (
    ALL_INTERFACES, LOOPBACK_RE, ServerCall, kind_of, process_phrase, server_calls,
)
from preflight.project.stdlib import is_stdlib
from preflight.registry import rule

# --------------------------------------------------------------------------------------------------
@rule("PF401", "port-hardcoded", "E", "The server listens on a fixed port instead of $PORT",
      fix="Listen on the port the platform gives: port=int(os.environ.get('PORT', 5000)).")
def port_hardcoded(project):
    """
    ## What it does
    Finds the code that starts the web server (`app.run`, `web.run_app`, `uvicorn.run`,
    `waitress.serve`, `socketio.run`, bottle's `run`, tornado's `listen`, `make_server`, gradio's
    `launch`, a Telegram bot's `run_webhook`/`start_webhook`/`run_webhooks`...) on a literal port: written in the call, through a constant (`PORT = 5000`), another
    module's constant (`config.PORT`), or the server's default when no port is given. Only code that
    runs in the web process counts: a `__main__` block the server never runs is ignored.

    ## Why it breaks the deploy
    The platform picks the port at boot and passes it in `$PORT`; the router only reaches the web
    process there. A server on 5000 or 8080 is never found: **R10 Boot timeout** after 60 seconds,
    then the dyno crashes (H10).

    ## Example
    ```python
    if __name__ == "__main__":          # web: python app.py
        app.run(host="0.0.0.0", port=5000)
    ```

    ## How to fix
    `app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))`, or better, serve the app with
    gunicorn (`web: gunicorn app:app`), which reads `$PORT` itself.

    ## Source
    research/heroku.md E07 and F (R10); help.heroku.com/P1AVPANS; the servers' documented defaults.
    """
    for sc in server_calls(project):
        if sc.port is not None and sc.port.kind != "literal":
            continue
        if sc.port is None:
            if sc.spec.default_port is None:
                continue
            msg = (f"{sc.spec.label} is given no port, so it listens on {sc.spec.default_port}, not on $PORT: "
                   f"the router never reaches it (R10 boot timeout)")
        else:
            msg = (f"{sc.spec.label} listens on port {sc.port.value}{_set_at(sc, sc.port)} instead of $PORT: the "
                   "router never reaches it (R10 boot timeout)")
        yield Violation(sc.module.path, sc.line, msg, col=sc.call.col_offset + 1, anchor=f"{sc.kind}-port",
                        hint=_port_hint(sc))


def _set_at(sc: ServerCall, value: Value) -> str:
    """' (set at settings.py:2)' when the literal is written away from the call."""
    if not value.path or value.path == sc.module.path and value.line == sc.line:
        return ""
    return f" (set at {value.path}:{value.line})"


def _port_hint(sc: ServerCall) -> str:
    keyword = sc.spec.port_arg[0]
    if sc.kind == "socketserver":
        return "Bind ('0.0.0.0', int(os.environ['PORT'])), or serve the app with gunicorn."
    return f"Pass {keyword}=int(os.environ.get('PORT', {sc.spec.default_port or 5000})), or serve the app " \
           "with gunicorn (web: gunicorn module:app), which reads $PORT itself."


@rule("PF402", "host-localhost", "E", "The server binds localhost or an invalid address instead of 0.0.0.0",
      fix="Bind all interfaces: host='0.0.0.0' (on the command line: --host 0.0.0.0).")
def host_localhost(project):
    """
    ## What it does
    Finds a web server bound to `127.0.0.1`, `localhost`, `::1`, or an address that is not one of the
    machine's (`'0,0,0,0'`, a host name, a LAN address), in code that runs in the web process or on
    the web command line (`uvicorn --host 127.0.0.1`, `gunicorn -b 127.0.0.1:$PORT`). A missing host
    counts when the server's default is localhost: Flask's `app.run()`, `uvicorn.run()`, bottle, Sanic,
    `flask run`, `uvicorn`/`hypercorn`/`daphne` without `--host`, `manage.py runserver` without an
    address.

    ## Why it breaks the deploy
    The router connects to the dyno from outside; a socket on the loopback interface cannot be
    reached, so the web process never answers: **R10 Boot timeout**, then H10. An address that does not
    belong to the dyno fails to bind at all and the process crashes at boot.

    ## Example
    ```python
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
    ```

    ## How to fix
    Use `host="0.0.0.0"` (or `--host 0.0.0.0`, `-b 0.0.0.0:$PORT`).

    ## Source
    research/heroku.md E08; help.heroku.com/P1AVPANS; the servers' documented defaults.
    """
    for sc in server_calls(project):
        if sc.host is not None and sc.host.kind != "literal":
            continue
        if sc.host is None:
            if sc.spec.default_host in (None, "0.0.0.0"):
                continue
            msg = (f"{sc.spec.label} is given no host, so it binds {sc.spec.default_host}, which the router "
                   "cannot reach (R10 boot timeout)")
        else:
            why = _bad_host(str(sc.host.value))
            if why is None:
                continue
            msg = f"{sc.spec.label} binds {sc.host.value!r}{_set_at(sc, sc.host)}: {why}"
        keyword = sc.spec.host_arg[0]
        yield Violation(sc.module.path, sc.line, msg, col=sc.call.col_offset + 1, anchor=f"{sc.kind}-host",
                        hint=f"Pass {keyword}='0.0.0.0'.")
    for ep in _web_entrypoints(project):
        from preflight.project.entrypoints import SERVERS

        spec = SERVERS.get(ep.server or "")
        if spec is None or ep.server in ("uwsgi",) or ep.port in ("socket", "endpoint"):
            continue
        host = ep.host
        if host is None:
            if spec["default_host"] in (None, "0.0.0.0") or ep.server == "gunicorn":
                continue
            msg = (f"'{_clip(ep.command.text)}' gives {ep.server} no host, so it binds {spec['default_host']}, "
                   "which the router cannot reach (R10 boot timeout)")
        else:
            if "$" in host:
                continue
            why = _bad_host(host)
            if why is None:
                continue
            msg = f"'{_clip(ep.command.text)}' binds {host!r}: {why}"
        yield Violation(ep.source, ep.line, msg, anchor=f"{ep.process}-host",
                        hint=f"Listen on all interfaces: {spec['host_fix']}.")


def _bad_host(host: str) -> str | None:
    host = host.strip()
    if host in ALL_INTERFACES:
        return None
    if LOOPBACK_RE.match(host):
        return "the loopback interface, which the router cannot reach (R10 boot timeout)"
    return "not an address of the dyno, so binding fails and the process crashes at boot (H10)"


def _web_entrypoints(project):
    return [ep for ep in project.code.entrypoints if ep.process == "web"]


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# --------------------------------------------------------------------------------------------------
DEBUG_KINDS = ("flask", "quart", "dash", "sanic", "fastapi", "starlette", "socketio")
DEBUG_CALLS = ("run", "run_server", "update", "from_mapping", "FastAPI", "Starlette", "Quart", "Sanic")


@rule("PF403", "debug-enabled", "W", "Debug mode is on in the production code path",
      fix="Turn debug off in production: read it from the environment (DEBUG = os.environ.get('DEBUG') == '1').")
def debug_enabled(project):
    """
    ## What it does
    Finds debug mode switched on in code the web process runs: `app.debug = True`,
    `app.run(debug=True)`, `app.config["DEBUG"] = True`, `FastAPI(debug=True)`, Django's
    `DEBUG = True` in the settings module, and `flask --debug run` / `FLASK_DEBUG=1` on the command
    line. A literal `True` only, possibly through a constant; a value read from the environment is fine,
    and so is debug switched on under a condition (`if os.environ.get("DEBUG"):`) or set again elsewhere
    in the module (`if 'DYNO' in os.environ: DEBUG = False`). Django's `DEBUG` is read from the settings
    the web process loads, as Django resolves it (`production.py` overriding the `base.py` it
    star-imports).

    ## Why it matters
    The Werkzeug debugger lets anyone who reaches an error page run Python code on the dyno, and
    Django's debug pages print settings and environment to every visitor. Debug mode also turns on
    the reloader and slows the app down.

    ## Example
    ```python
    if __name__ == "__main__":   # web: python app.py
        app.debug = True
        app.run(...)
    ```

    ## How to fix
    Delete the line, or read the flag from a config var that is off in production.

    ## Source
    research/heroku.md E11 and H; Flask "Debug Mode" and Django "Deployment checklist" docs.
    """
    code = project.code
    for mod in code.start_path("web"):
        text = mod.text.text
        if mod.tree is None or not ("debug" in text or "DEBUG" in text):
            continue
        nodes = mod.assigns("debug", "DEBUG") + mod.calls(*DEBUG_CALLS)
        for node in sorted(nodes, key=lambda n: (n.lineno, n.col_offset)):
            hit = _debug_node(code, mod, node)
            if hit and code.live(mod.path, node) and not _conditional(mod, node) and \
                    not _overridden(code, mod, node):
                yield Violation(mod.path, node.lineno, hit, col=getattr(node, "col_offset", -1) + 1, anchor="debug")
    yield from _django_debug(project)
    for ep in _web_entrypoints(project):
        if ep.server in ("flask", "flask-cli"):
            on = ep.command.has("--debug") or ep.env.get("FLASK_DEBUG", "").lower() in ("1", "true", "yes") \
                or ep.env.get("FLASK_ENV") == "development"
            if on:
                yield Violation(ep.source, ep.line, f"'{_clip(ep.command.text)}' runs Flask in debug mode: the "
                                                    "interactive debugger is open to every visitor",
                                hint="Remove --debug / FLASK_DEBUG, and serve the app with gunicorn.",
                                anchor=f"{ep.process}-debug")


def _django_debug(project):
    """DEBUG = True as the settings the web process loads decide it (``production.py`` may override the
    ``DEBUG = True`` of the ``base.py`` it star-imports; ``if 'DYNO' in os.environ: DEBUG = False``)."""
    from preflight.project.django import runtime_settings

    code = project.code
    web = {m.path for m in code.start_path("web")}
    for settings in runtime_settings(project):
        if settings.path not in web or not settings.complete:
            continue
        records = [(mod, st) for mod, st in settings.assigned("DEBUG") if code.live(mod.path, st)]
        if records and all(_true(code, mod, st.value) and not _conditional(mod, st) for mod, st in records):
            mod, st = records[-1]
            yield Violation(mod.path, st.lineno, "DEBUG = True in the Django settings the app runs with: error pages "
                                                 "show settings and code to every visitor",
                            col=st.col_offset + 1, anchor="debug")


def _overridden(code, mod, node) -> bool:
    """The same flag is set again elsewhere in the module to something else (``app.debug = True`` and, under
    a condition, ``app.debug = False``): the value in production is not known."""
    if not isinstance(node, ast.Assign):
        return False
    from preflight.project.python import _target_key

    keys = {_target_key(t) for t in node.targets} - {""}
    for other in mod.assigns(*keys) if keys else ():
        if other is not node and (getattr(other, "value", None) is None or not _true(code, mod, other.value)):
            return True
    return False


def _conditional(mod, node) -> bool:
    """Inside an ``if`` that tests something (``if os.environ.get("DEBUG"):``, ``if config.DEV:``): debug is
    switched on only where that holds, which is how it should be done."""
    return any(not isinstance(i.test, ast.Constant) for i in mod.enclosing_ifs(node))


def _true(code, mod, node) -> bool:
    value = code.evaluate(mod, node)
    return value.kind == "literal" and value.value is True


def _debug_node(code, mod, node) -> str | None:
    if isinstance(node, ast.Assign):
        for t in node.targets:
            if isinstance(t, ast.Attribute) and t.attr == "debug" and _true(code, mod, node.value):
                kind = kind_of(code, mod, t.value)
                if kind in DEBUG_KINDS or kind is None and dotted(t.value) in ("app", "application"):
                    return (f"{dotted(t.value) or 'the app'}.debug = True turns on the debugger in production: "
                            "anyone who triggers an error can run code on the dyno")
            if isinstance(t, ast.Subscript) and dotted(t.value).endswith(".config") and \
                    _const(t.slice) == "DEBUG" and _true(code, mod, node.value):
                return "config['DEBUG'] = True turns on the debugger in production"
        return None  # Django's DEBUG: _django_debug, through the settings the process loads
    if isinstance(node, ast.Call):
        name = last_name(node.func)
        if name in ("run", "run_server") and isinstance(node.func, ast.Attribute):
            debug = call_arg(node, None, "debug")
            if debug is not None and _true(code, mod, debug) and \
                    kind_of(code, mod, node.func.value) in DEBUG_KINDS:
                return f"{dotted(node.func) or name}(debug=True) turns on the debugger in production"
        elif name in ("update", "from_mapping") and dotted(node.func).endswith(".config." + name):
            debug = call_arg(node, None, "DEBUG")
            if debug is not None and _true(code, mod, debug):
                return f"config.{name}(DEBUG=True) turns on the debugger in production"
        elif name in ("FastAPI", "Starlette", "Quart", "Sanic"):
            debug = call_arg(node, None, "debug")
            if debug is not None and _true(code, mod, debug):
                return f"{name}(debug=True) shows tracebacks to every visitor"
    return None


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


# --------------------------------------------------------------------------------------------------
@rule("PF404", "module-gitignored", "E", "The start path imports a local module that git does not ship",
      fix="Read secrets from os.environ (heroku config:set NAME=value) instead of an ignored module, or "
          "commit the module if it holds no secrets.")
def module_gitignored(project):
    """
    ## What it does
    Follows the imports of the code each process runs and finds a local module that git leaves out:
    ignored by `.gitignore` (the classic `from conf import *` with `conf.py` ignored because it holds
    the bot token) or on disk but never committed. Imports inside `try: ... except ImportError:` are
    optional and not reported (Django's `local_settings` pattern), nor are imports under a test of the
    configuration (`if os.path.exists("local.py"):`, `if os.environ.get("DEBUG"):`).

    ## Why it breaks the deploy
    The platform builds what git pushes. The module is missing on the dyno, so the import raises
    `ModuleNotFoundError` at boot and the process crashes (**H10 App crashed** for the web process).

    ## Example
    ```python
    from conf import *      # .gitignore: conf.py
    ```

    ## How to fix
    Move the secrets into config vars (`heroku config:set TOKEN=...`) and read them with
    `os.environ["TOKEN"]`; commit the module if it holds nothing secret.

    ## Source
    research/heroku.md E10, F (H10) and A05; the seed tutorial's "Секретные ключи" section.
    """
    from preflight.project.imports import module_skipped_ranges

    code = project.code
    found: list[tuple[object, object, list[str]]] = []   # (module, import, paths it may load that git lacks)
    for mod in code.start_path():
        main = code.main_runs(mod.path)
        skip = None
        for imp in mod.imports:
            if imp.guarded or not imp.module or (imp.main_guard and (imp.main_guard > 0) != main):
                continue
            unshipped = [p for p in code.imported_paths(mod, imp) if not project.shipped(p)]
            candidates = unshipped or _absent_candidates(code, mod, imp)
            if not candidates:
                continue
            if skip is None:
                skip = module_skipped_ranges(mod)
            if any(a <= imp.line <= b for a, b in skip):
                continue  # under 'if os.path.exists("conf.py"):', 'if DEBUG:': may never run on the dyno
            found.append((mod, imp, candidates))
    paths = [p for _, _, ps in found for p in ps]
    if not paths:
        return
    ignored = _ignored_paths(project, paths)
    reported = set()
    for mod, imp, ps in found:
        for path in ps:
            exists = code.is_file(path)
            if not exists and path not in ignored or (mod.path, imp.line) in reported:
                continue
            reported.add((mod.path, imp.line))
            if path in ignored:
                state = f"ignored by {ignored[path]}"
            else:
                state = "ignored by git" if project.index.ignored(path) else "not committed (git add it)"
            yield _gitignored(mod, imp, path, state, absent=not exists)
            break


def _gitignored(mod, imp, path: str, state: str, absent: bool = False) -> Violation:
    name = imp.module if not imp.names or imp.names == ["*"] else f"{imp.module}.{'/'.join(imp.names)}"
    where = " (and not on disk here either)" if absent else ""
    return Violation(mod.path, imp.line,
                     f"{mod.path} imports {name}, but {path} is {state}{where}: git never pushes it, so the "
                     f"import fails with ModuleNotFoundError at boot (H10)", col=imp.col + 1, anchor=imp.module)


def _absent_candidates(code, mod, imp) -> list[str]:
    """Files that would provide an import nothing here provides: ``conf.py`` for ``import conf``, and
    ``pkg/conf.py`` for ``from pkg import conf`` when the package has no such name."""
    parts = imp.module.split(".")
    base = code.find_module(imp.module, code.roots)
    if base is None:
        if imp.level or is_stdlib(parts[0]) or len(parts) > 1 and code.find_module(parts[0], code.roots):
            return []
        out = []
        for root in code.roots:
            stem = f"{root}/{parts[0]}" if root else parts[0]
            out += [stem + ".py", stem + "/__init__.py"]
        return out
    if not imp.names or not (base.endswith("/__init__.py") or not base.endswith(".py")):
        return []
    folder = base[: -len("/__init__.py")] if base.endswith("/__init__.py") else base
    package = code.module(base) if base.endswith(".py") else None
    out = []
    for name in imp.names:
        if name == "*" or (package is not None and name in package.top_names):
            continue
        if code.find_module(f"{imp.module}.{name}", code.roots) is None:
            out += [f"{folder}/{name}.py", f"{folder}/{name}/__init__.py"]
    return out


def _ignored_paths(project, paths: list[str]) -> dict[str, str]:
    """Which of these paths (present or not) git ignores -> ".gitignore:LINE ('pattern')"."""
    lines = _gitignore_lines(project)
    could = _prefilter(lines)
    maybe = [p for p in dict.fromkeys(paths) if could(p)]
    if not maybe:
        return {}
    return project.index.ignore_sources(maybe)


def _gitignore_lines(project) -> list[str]:
    tf = project.text(".gitignore") if project.exists(".gitignore") else None
    return list(tf.lines) if tf else []


def _prefilter(lines: list[str]):
    """A cheap over-approximation of gitignore matching (one regex), so git runs only when it may matter."""
    simple, nested = [], []
    for line in lines:
        pat = line.strip()
        if not pat or pat.startswith(("#", "!")):
            continue
        pat = pat.rstrip("/").lstrip("/")
        if pat:
            (nested if "/" in pat else simple).append(pat)
    segment_re = re.compile("|".join(fnmatch.translate(p) for p in simple)) if simple else None

    def could(path: str) -> bool:
        if segment_re is not None and any(segment_re.match(seg) for seg in path.split("/")):
            return True
        return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p + "/*") or
                   fnmatch.fnmatch(path, p.lstrip("*/")) or path.startswith(p.lstrip("*/") + "/") for p in nested)

    return could


# --------------------------------------------------------------------------------------------------
# pyflakes messages that mean the module cannot be compiled (Python raises SyntaxError on import)
COMPILE_ERRORS = ("ReturnOutsideFunction", "YieldOutsideFunction", "ContinueOutsideLoop", "BreakOutsideLoop",
                  "DefaultExceptNotLast", "TwoStarredExpressions", "TooManyExpressionsInStarredAssignment",
                  "DuplicateArgument", "FutureFeatureNotDefined", "LateFutureImport")


@rule("PF405", "entry-broken", "E", "A module on the start path does not compile or fails at import",
      fix="Fix the error at this line; run 'python -c \"import <module>\"' locally to see it.")
def entry_broken(project):
    """
    ## What it does
    Checks every module a process runs or imports (following local imports from the Procfile,
    Dockerfile or heroku.yml command): it must compile, and pyflakes must find no undefined name in
    the code that runs at import time (module level, class bodies, a `__main__` block that runs). A
    name that a `from local_module import *` does not provide counts; names from a star import of a
    module git does not ship are left to module-gitignored. Names a module sets through `globals()` or
    `exec`, and names put into builtins (`gettext.install()`, `builtins.X = ...`), are not reported. It
    also reports a local module imported in another letter case (`import Config` with `config.py`),
    which works on Windows and macOS disks and fails on the platform's Linux.

    ## Why it breaks the deploy
    The build succeeds, then the process dies on import with `SyntaxError`, `NameError` or
    `ModuleNotFoundError`: the web dyno crashes (**H10 App crashed**), workers restart in a loop.
    Python 2 code (`print "x"`) is the classic case in old tutorials.

    ## Example
    ```python
    print "starting"          # SyntaxError on Python 3
    bot = telebot.TeleBot(TOKEN)   # NameError: TOKEN is never defined
    ```

    ## How to fix
    Fix the syntax error or define the name; `python -c "import app"` reproduces the crash.

    ## Source
    research/heroku.md E10 and F (H10); research/architecture.md B1 (pyflakes as a library).
    """
    code = project.code
    for mod in code.start_path():
        if mod.error:
            yield Violation(mod.path, mod.error_line, f"{mod.path} does not compile ({mod.error}): "
                                                      f"{process_phrase(project, mod.path)} crashes when it "
                                                      "loads it (H10)", col=mod.error_col, anchor="syntax")
            continue
        problems = list(_import_time_errors(code, mod)) + list(_case_mismatches(project, mod))
        problems += [(imp.line, imp.col, f"'from {imp.module} import *' inside a function is a SyntaxError in "
                                         "Python 3", "star-in-function")
                     for imp in mod.imports if imp.in_function and imp.names == ["*"]]
        for line, col, msg, anchor in sorted(problems):
            yield Violation(mod.path, line, f"{msg}: {process_phrase(project, mod.path)} crashes when it loads "
                                            f"{mod.path} (H10)", col=col + 1, anchor=anchor)


def _import_time_errors(code, mod):
    if not _suspicious(mod):
        return
    from pyflakes import checker, messages

    tree = _module_level(mod)
    try:
        flakes = checker.Checker(tree, filename=mod.path, builtins=NEWER_BUILTINS | _injected_builtins(code))
    except Exception:  # pyflakes on a tree it does not expect: no verdict rather than a crash
        return
    star_names = None
    dynamic = bool(_DYNAMIC_GLOBALS_RE.search(mod.text.text))
    for m in sorted(flakes.messages, key=lambda m: (m.lineno, m.col)):
        cls = type(m).__name__
        if not code.live(mod.path, m.lineno):
            continue
        if dynamic and cls in ("UndefinedName", "ImportStarUsage"):
            continue  # globals()[name] = ..., exec(...): names pyflakes cannot see
        if isinstance(m, messages.UndefinedName):
            name = m.message_args[0]
            yield m.lineno, m.col, f"name '{name}' is not defined (NameError at import)", name
        elif cls in ("ImportStarUsage",):
            name = m.message_args[0]
            if star_names is None:
                star_names = _star_exports(code, mod)
            if star_names is not False and name not in star_names:
                yield m.lineno, m.col, (f"name '{name}' is not defined: no module star-imported here "
                                        "provides it (NameError at import)"), name
        elif cls in COMPILE_ERRORS:
            yield m.lineno, m.col, f"SyntaxError: {m.message % m.message_args}", cls


def _case_mismatches(project, mod):
    """``import Config`` where the file is config.py: found on a case-insensitive disk (Windows, macOS), not
    on the platform's Linux."""
    code = project.code
    if mod.tree is None:
        return
    from preflight.project.imports import import_data
    from preflight.project.names import canonical

    data = None
    roots = code.roots
    for imp in mod.imports:
        if imp.guarded or not imp.module or is_stdlib(imp.module):
            continue
        # cheap first: only a name some file matches in another case can be such an import
        for name in [imp.module] + [f"{imp.module}.{n}" for n in imp.names if n != "*"]:
            variant = code.case_variant(name, roots)
            if variant is None or code.find_module(name, roots) is not None:
                continue
            if name != imp.module:  # from pkg import Name: the package may define Name itself
                base = code.find_module(imp.module, roots)
                package = code.module(base) if base and base.endswith(".py") else None
                if base is None or package is not None and name.rpartition(".")[2] in package.top_names or \
                        base.endswith(".py") and not base.endswith("/__init__.py"):
                    continue
            if not code.live(mod.path, imp.line):
                continue
            if data is None:
                data = import_data()
                declared = set(getattr(project.dependencies, "main", {}) or {})
            top = name.split(".")[0]
            if top in data.modules or canonical(top) in declared:
                continue  # a third-party module spelt so (Crypto, PIL): not a local file's other case
            yield imp.line, imp.col, (f"importing '{name}' fails with ModuleNotFoundError: the file is {variant}, "
                                      "and module names are case-sensitive on the platform"), f"case-{name}"
            break


# Module globals set in ways pyflakes cannot follow.
_DYNAMIC_GLOBALS_RE = lazy_re(r"\b(globals|vars|locals)\(\)\s*(\[|\.update\b|\.setdefault\b)|\bexec\s*\(|"
                              r"setattr\(\s*sys\.modules\[")
# Names put into builtins for every module: gettext.install() adds _ (and, with names=, the others).
_BUILTIN_SET_RE = lazy_re(r"\b(?:builtins|__builtin__)\.(\w+)\s*=[^=]|__builtins__\[\s*['\"](\w+)['\"]\s*\]\s*=[^=]|"
                          r"setattr\(\s*(?:builtins|__builtin__)\s*,\s*['\"](\w+)['\"]")


def _injected_builtins(code) -> frozenset:
    """Names some module on the start path adds to builtins (``gettext.install``, ``builtins.X = ...``)."""
    key = "code.injected_builtins"
    if key not in code.cache:
        names: set[str] = set()
        for mod in code.start_path():
            text = mod.text.text
            if "install(" in text and "gettext" in text:
                names |= {"_", "gettext", "ngettext", "pgettext", "npgettext"}
            if "builtin" in text:
                for m in _BUILTIN_SET_RE.finditer(text):
                    names.add(next(g for g in m.groups() if g))
        code.cache[key] = frozenset(names)
    return code.cache[key]


def _star_exports(code, mod, depth: int = 0):
    """Names the module's star imports provide; False when one of them cannot be read (not local)."""
    names: set[str] = set()
    for st in mod.star_imports:
        level = st.level
        path = code.resolve_import(st.module or "", mod.path, level) if level else \
            code.find_module(st.module or "", code.roots)
        if path is None or not path.endswith(".py") or not code.project.shipped(path):
            return False
        target = code.module(path)
        if target is None or target.tree is None or depth > 3:
            return False
        if "__all__" in target.assignments:
            value = target.assignments["__all__"][-1][0]
            if isinstance(value, (ast.List, ast.Tuple)):
                names |= {e.value for e in value.elts if isinstance(e, ast.Constant)}
                continue
            return False
        names |= {n for n in target.top_names if not n.startswith("_")}
        if target.star_imports:
            inner = _star_exports(code, target, depth + 1)
            if inner is False:
                return False
            names |= inner
    return names


# Builtins of Pythons newer than the one preflight may run on (pyflakes knows only its own interpreter's):
# 3.10 aiter/anext/EncodingWarning, 3.11 ExceptionGroup/BaseExceptionGroup, 3.13 PythonFinalizationError.
NEWER_BUILTINS = frozenset({"aiter", "anext", "EncodingWarning", "ExceptionGroup", "BaseExceptionGroup",
                            "PythonFinalizationError"})
_BUILTINS = NEWER_BUILTINS | frozenset(dir(__import__("builtins"))) | {"__file__", "__name__", "__doc__", "__spec__",
                                                       "__loader__", "__package__", "__path__", "__builtins__",
                                                       "__annotations__", "__cached__", "__dict__", "__module__",
                                                       "__qualname__", "WindowsError"}


def _suspicious(mod) -> bool:
    """A cheap pass over import-time code: could pyflakes find something? (Most modules: no.)"""
    if mod.star_imports:
        return True
    bound = {}
    for name, bindings in mod.top_names.items():
        bound[name] = min(line for line, _ in bindings)
    for node in _walk_import_time(_non_trivial(mod.tree)):
        if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom, ast.Await, ast.Break, ast.Continue,
                             ast.Global, ast.Nonlocal)):
            return True
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                first = bound.get(node.id)
                if node.id not in _BUILTINS and (first is None or first > node.lineno):
                    return True
            else:
                bound.setdefault(node.id, node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            names = [a.arg for a in args.args + args.kwonlyargs + getattr(args, "posonlyargs", [])]
            if len(names) != len(set(names)):
                return True
        elif isinstance(node, ast.ImportFrom) and node.module == "__future__":
            return True
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.setdefault(node.name, node.lineno)
    return False


def _non_trivial(tree):
    """The module without the statements that cannot hold an import-time error (fast path)."""
    body = []
    for st in tree.body:
        if isinstance(st, ast.Import) or isinstance(st, ast.ImportFrom) and st.module != "__future__":
            continue
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant):
            continue
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) and not st.decorator_list and \
                st.returns is None and _plain_arguments(st.args):
            continue
        body.append(st)
    return ast.Module(body=body, type_ignores=[])


def _plain_arguments(args) -> bool:
    """Distinct names, no annotations, constant defaults (plain loops: this runs for every function)."""
    seen = set()
    for a in (*args.args, *args.kwonlyargs, *getattr(args, "posonlyargs", ()), args.vararg, args.kwarg):
        if a is None:
            continue
        if a.annotation is not None or a.arg in seen:
            return False
        seen.add(a.arg)
    for d in (*args.defaults, *args.kw_defaults):
        if d is not None and not isinstance(d, ast.Constant):
            return False
    return True


def _walk_import_time(tree):
    """Nodes evaluated at import: everything except function and lambda bodies (comprehension targets
    and class bodies included)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack.extend(node.decorator_list)
            stack.extend(d for d in node.args.defaults + node.args.kw_defaults if d is not None)
            stack.append(node.args)
            if node.returns is not None:
                stack.append(node.returns)
            continue
        if isinstance(node, ast.Lambda):
            stack.extend(d for d in node.args.defaults + node.args.kw_defaults if d is not None)
            continue
        if isinstance(node, ast.arguments):
            stack.extend(a.annotation for a in node.args + node.kwonlyargs + getattr(node, "posonlyargs", [])
                         if a.annotation is not None)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _module_level(mod):
    """A copy of the module where function bodies are reduced to their ``global`` statements."""
    import copy

    lines = mod.text.lines

    def globals_in(fn):
        segment = "\n".join(lines[fn.lineno - 1: getattr(fn, "end_lineno", None) or fn.lineno])
        return [n for n in ast.walk(fn) if isinstance(n, ast.Global)] if "global" in segment else []

    def strip(stmts):
        out = []
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                new = copy.copy(st)
                globs = globals_in(st)
                new.body = globs or [ast.Pass(lineno=st.lineno, col_offset=st.col_offset,
                                              end_lineno=st.lineno, end_col_offset=st.col_offset)]
                out.append(new)
            elif isinstance(st, ast.ClassDef):
                new = copy.copy(st)
                new.body = strip(st.body) or [ast.Pass(lineno=st.lineno, col_offset=st.col_offset)]
                out.append(new)
            else:
                for fname in ("body", "orelse", "finalbody"):
                    sub = getattr(st, fname, None)
                    if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt) and \
                            any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for s in sub):
                        st = copy.copy(st)
                        setattr(st, fname, strip(sub))
                out.append(st)
        return out

    return ast.Module(body=strip(mod.tree.body), type_ignores=[])
