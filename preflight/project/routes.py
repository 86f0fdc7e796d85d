"""The URL paths the app serves, read from its code: enough to say whether a platform's health check path
(render.yaml ``healthCheckPath``, fly.toml ``[[http_service.checks]] path``...) reaches a route.

Read from the live modules of the start path (``project.code.live_modules()``), with string literals only:
Flask ``@app.route("/x")``, ``@app.get("/x")``, ``add_url_rule("/x", ...)``; FastAPI and Starlette
``@app.get("/x")``, ``add_api_route``, ``Route("/x", ...)``; aiohttp ``router.add_get("/x", h)``,
``web.get("/x", h)``, ``@routes.get("/x")``; Django ``path("x/", ...)`` and ``re_path`` in URLconf modules.
Anything that adds a prefix or routes the model does not follow (a Blueprint or APIRouter with a prefix,
``include()``, ``mount``, a path that is not a literal, a regex route) makes the set incomplete: a rule
may then say a path *is* routed, never that it is not.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from preflight.project.python import call_arg, last_name

# Calls whose first argument is a URL path (a string starting with "/"; Django's path() has none).
_ROUTE_CALLS = ("route", "get", "post", "put", "delete", "patch", "head", "options", "api_route", "add_url_rule",
                "add_api_route", "add_route", "add_get", "add_post", "add_put", "add_delete", "add_patch",
                "add_head", "add_view", "Route", "WebSocketRoute", "websocket")
_DJANGO_CALLS = ("path", "re_path", "url")
# Calls that put routes under a prefix or in a place this model does not follow.
_OPAQUE_CALLS = ("include", "mount", "Mount", "register_blueprint", "include_router", "add_subapp", "Blueprint",
                 "APIRouter", "Router", "add_resource", "add_namespace")
_PARAM_RE = re.compile(r"^(?:<[^>]*>|\{[^}]*\})$")
_CATCH_ALL_RE = re.compile(r"^(?:<path:[^>]*>|\{[^}:]*:path\}|\{[^}]*:\.\*\}|\*)$")


@dataclass
class Routes:
    paths: list[tuple[str, str, int]] = field(default_factory=list)   # (pattern, module, line)
    complete: bool = False   # every route of the app is in ``paths`` (no prefix, include or dynamic path)
    why_incomplete: str = ""

    def serves(self, path: str) -> tuple[str, str, int] | None:
        """The route that answers ``path`` (a health check path), or None."""
        want = _segments(path.split("?", 1)[0])
        for route in self.paths:
            if _matches(_segments(route[0]), want):
                return route
        return None


def _segments(path: str) -> list[str]:
    return [s for s in path.strip().split("/") if s]


def _matches(pattern: list[str], path: list[str]) -> bool:
    for i, seg in enumerate(pattern):
        if _CATCH_ALL_RE.match(seg):
            return True
        if i >= len(path) or not (_PARAM_RE.match(seg) or seg == path[i]):
            return False
    return len(pattern) == len(path)


def _decorator_calls(mod, names: tuple[str, ...]) -> list[ast.Call]:
    """Calls in the decorators of functions and classes (``Module.calls`` judges a function by its lines
    from ``def`` on, so it does not see them). A walk over statements only: expressions are not entered."""
    out: list[ast.Call] = []
    stack = list(mod.tree.body)
    while stack:
        st = stack.pop()
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out += [d for d in st.decorator_list if isinstance(d, ast.Call) and last_name(d.func) in names]
        for name in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(x for x in getattr(st, name, ()) if isinstance(x, (ast.stmt, ast.excepthandler)))
    return out


def app_routes(project) -> Routes:
    def build():
        found = Routes()
        opaque = []
        for mod in project.code.live_modules():
            for call in mod.calls(*_OPAQUE_CALLS):
                if last_name(call.func) in ("Blueprint", "APIRouter", "Router") and not any(
                        kw.arg in ("url_prefix", "prefix") for kw in call.keywords):
                    continue  # a router without a prefix: its routes are where they say
                opaque.append(f"{last_name(call.func)}() in {mod.path}:{call.lineno}")
            present = tuple(n for n in _ROUTE_CALLS if n in mod.text.text)
            calls = mod.calls(*present) + _decorator_calls(mod, present) if present else []
            for call in calls:
                arg = call_arg(call, 0, "rule", "path")
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("/"):
                    found.paths.append((arg.value, mod.path, call.lineno))
                elif arg is not None and last_name(call.func) in ("route", "add_url_rule", "add_api_route",
                                                                   "api_route", "Route"):
                    opaque.append(f"a route path that is not a literal in {mod.path}:{call.lineno}")
            if "urlpatterns" in mod.text.text:
                for call in mod.calls(*_DJANGO_CALLS):
                    arg = call_arg(call, 0, "route")
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        continue
                    if last_name(call.func) == "path":
                        found.paths.append(("/" + arg.value, mod.path, call.lineno))
                    else:
                        opaque.append(f"a regex route in {mod.path}:{call.lineno}")
        found.complete = bool(found.paths) and not opaque
        found.why_incomplete = opaque[0] if opaque else ("" if found.paths else "no route found in the code")
        return found

    return project.memo("routes.app_routes", build)
