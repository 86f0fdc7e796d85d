"""Debug mode switched on in the code the web process runs, as the process would see it.

``debug_switches(project)`` lists each place that turns debug mode on for production: ``app.debug = True``,
``app.run(debug=True)``, ``app.config["DEBUG"] = True``, ``config.update(DEBUG=True)``,
``FastAPI(debug=True)``, and Django's ``DEBUG = True`` in the settings the web process loads (as Django
resolves them: ``production.py`` overriding the ``base.py`` it star-imports). A literal ``True`` only,
possibly through a constant; a value read from the environment, a switch under a condition
(``if os.environ.get("DEBUG"):``) and a flag set again elsewhere in the module are not switches. Sources:
Flask "Debug Mode" and Django "Deployment checklist" docs; research/heroku.md E11 and H.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from preflight.messages import clip
from preflight.project.python import call_arg, dotted, last_name
from preflight.project.servers import kind_of

DEBUG_KINDS = ("flask", "quart", "dash", "sanic", "fastapi", "starlette", "socketio")
DEBUG_CALLS = ("run", "run_server", "update", "from_mapping", "FastAPI", "Starlette", "Quart", "Sanic")


@dataclass(frozen=True)
class DebugSwitch:
    """Where debug mode goes on: ``what`` is the code as the message quotes it ("app.debug = True"), ``effect``
    one of "debugger-code" (the Werkzeug debugger, reachable through ``app.debug``), "debugger",
    "tracebacks" (a framework's error pages), "django" (Django's debug pages)."""
    path: str
    line: int
    col: int       # 1-based
    what: str
    effect: str


def debug_switches(project) -> list[DebugSwitch]:
    """Every debug switch in the web process's code, in start-path then line order; computed once."""
    return project.memo("code.debug_switches", lambda: list(_switches(project)) + list(_django_debug(project)))


def _switches(project):
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
                yield DebugSwitch(mod.path, node.lineno, getattr(node, "col_offset", -1) + 1, *hit)


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
            yield DebugSwitch(mod.path, st.lineno, st.col_offset + 1, "DEBUG = True", "django")
        elif records and not _conditional(*records[-1]) and (name := on_unless_set(records[-1][1].value)):
            mod, st = records[-1]
            yield DebugSwitch(mod.path, st.lineno, st.col_offset + 1,
                              f"DEBUG = {clip(ast.unparse(st.value), 50)} (True while {name} is unset)", "django")


def on_unless_set(node) -> str | None:
    """The variable of a test that is True while the variable is unset (``os.environ.get('DEBUG', '') !=
    'False'``, ``os.getenv('DEBUG', 'True') == 'True'``): debug is on until someone turns it off. None
    otherwise (``os.environ.get('DEBUG') == '1'`` is off by default, and so is pontoon's
    ``os.environ.get('DJANGO_DEBUG', 'False') != 'False'``)."""
    from preflight.project.python import env_read

    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
            and isinstance(node.comparators[0], ast.Constant) and isinstance(node.comparators[0].value, str)):
        return None
    read, methods = node.left, []
    while isinstance(read, ast.Call) and isinstance(read.func, ast.Attribute) and \
            read.func.attr in ("lower", "upper", "strip", "casefold") and not read.args:
        methods.append(read.func.attr)
        read = read.func.value
    name = env_read(read)
    if not name or not isinstance(read, ast.Call) or not dotted(read.func).endswith((".get", "getenv")):
        return None
    default = read.args[1] if len(read.args) > 1 else next((k.value for k in read.keywords if k.arg == "default"),
                                                            None)
    if default is None:
        return None  # unset reads None: None.lower() fails, None == 'x' is False, None != 'x' needs a literal
    if not (isinstance(default, ast.Constant) and isinstance(default.value, str)):
        return None
    value = default.value
    for method in reversed(methods):
        value = getattr(value, method)()
    unset = (value == node.comparators[0].value) if isinstance(node.ops[0], ast.Eq) else \
        (value != node.comparators[0].value)
    return name if unset else None


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


def _debug_node(code, mod, node) -> tuple[str, str] | None:
    if isinstance(node, ast.Assign):
        for t in node.targets:
            if isinstance(t, ast.Attribute) and t.attr == "debug" and _true(code, mod, node.value):
                kind = kind_of(code, mod, t.value)
                if kind in DEBUG_KINDS or kind is None and dotted(t.value) in ("app", "application"):
                    return f"{dotted(t.value) or 'the app'}.debug = True", "debugger-code"
            if isinstance(t, ast.Subscript) and dotted(t.value).endswith(".config") and \
                    _const(t.slice) == "DEBUG" and _true(code, mod, node.value):
                return "config['DEBUG'] = True", "debugger"
        return None  # Django's DEBUG: _django_debug, through the settings the process loads
    if isinstance(node, ast.Call):
        name = last_name(node.func)
        if name in ("run", "run_server") and isinstance(node.func, ast.Attribute):
            debug = call_arg(node, None, "debug")
            if debug is not None and _true(code, mod, debug) and \
                    kind_of(code, mod, node.func.value) in DEBUG_KINDS:
                return f"{dotted(node.func) or name}(debug=True)", "debugger"
        elif name in ("update", "from_mapping") and dotted(node.func).endswith(".config." + name):
            debug = call_arg(node, None, "DEBUG")
            if debug is not None and _true(code, mod, debug):
                return f"config.{name}(DEBUG=True)", "debugger"
        elif name in ("FastAPI", "Starlette", "Quart", "Sanic"):
            debug = call_arg(node, None, "debug")
            if debug is not None and _true(code, mod, debug):
                return f"{name}(debug=True)", "tracebacks"
    return None


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None
