"""What a string expression in the app's code holds, and the URL helpers the rules that read URLs share.

``string_of(code, mod, expr) -> Str``: ``Str.kind`` is "literal" (the whole string), "prefix" (how it
starts: an f-string or ``%`` format with a known head), "env" (read from the environment; ``.env`` is the
variable name when it is a literal) or "unknown". It builds on ``CodeModel.evaluate`` for names and
module constants. ``env_read(node)`` recognises the environment readers (``os.environ[...]``,
``os.getenv``, ``config("X")``, ``env.str("X")``). ``live_modules(project)``: the parsed modules on any
process's start path, once each. ``host_of``, ``suffix_in``, ``mask_url``: URL helpers (a URL is never
printed with its password).
"""
from __future__ import annotations

import ast
import re
import weakref
from dataclasses import dataclass
from urllib.parse import urlsplit

from preflight.project.python import ENV_OBJECTS, ENV_READERS, dotted

def live_modules(project):
    """Parsed, shipped modules on any process's start path, each once."""
    seen = set()
    for mod in project.code.start_path():
        if mod.path not in seen and mod.tree is not None:
            seen.add(mod.path)
            yield mod


@dataclass
class Str:
    """What a string expression is known to hold: ``literal`` (all of it), ``prefix`` (how it starts),
    ``env`` (read from the environment), or ``unknown``."""

    kind: str
    value: str = ""
    env: str = ""   # the variable name, for an env read with a literal name

    @property
    def known(self) -> str | None:
        """The known leading text (whole literal or prefix)."""
        return self.value if self.kind in ("literal", "prefix") else None


UNKNOWN = Str("unknown")


def env_read(node) -> str | None:
    """``os.environ["X"]``, ``os.environ.get("X")``, ``os.getenv("X", d)``, ``config("X")``, ``env.str("X")`` ->
    "X" ("" when the name is not a literal); None when ``node`` does not read the environment."""
    if isinstance(node, ast.Subscript) and dotted(node.value) in ENV_OBJECTS:
        key = node.slice  # Python >= 3.9: the index expression itself
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        if name in ENV_READERS or name.endswith((".environ.get", ".getenv", ".environ.setdefault")) or \
                name.startswith(("env.", "environ.Env.")) and node.args:
            arg = node.args[0] if node.args else None
            return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else ""
    return None


def string_of(code, mod, expr, depth: int = 0) -> Str:
    """The string an expression builds, as far as literals, module constants and env reads show it."""
    if expr is None or depth > 6:
        return UNKNOWN
    if isinstance(expr, ast.Constant):
        return Str("literal", expr.value) if isinstance(expr.value, str) else UNKNOWN
    var = env_read(expr)
    if var is not None:
        return Str("env", env=var)
    if isinstance(expr, ast.JoinedStr):
        return _concat([v if isinstance(v, ast.Constant) else v.value for v in expr.values], code, mod, depth)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _concat([expr.left, expr.right], code, mod, depth)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
        left = string_of(code, mod, expr.left, depth + 1)
        if left.kind == "literal":
            return Str("prefix", left.value.split("%", 1)[0])
        return left if left.kind == "env" else UNKNOWN
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
        first = string_of(code, mod, expr.values[0], depth + 1)
        return first if first.kind == "env" else UNKNOWN
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            base = string_of(code, mod, func.value, depth + 1)
            if base.kind == "literal":
                return Str("prefix", base.value.split("{", 1)[0]) if "{" in base.value else base
            return UNKNOWN
        if isinstance(func, ast.Name) and func.id == "str" and len(expr.args) == 1:
            return string_of(code, mod, expr.args[0], depth + 1)
        return UNKNOWN
    if isinstance(expr, (ast.Name, ast.Attribute)):
        val = code.evaluate(mod, expr)
        if val.kind == "literal" and isinstance(val.value, str):
            return Str("literal", val.value)
        if isinstance(expr, ast.Name):
            value = single_assignment(mod, expr)
            if value is not None:
                inner = string_of(code, mod, value, depth + 1)
                if inner.kind != "unknown" or val.kind != "env":
                    return inner  # the env read keeps its variable name this way
        if val.kind == "env":
            return Str("env")
    return UNKNOWN


def _concat(parts, code, mod, depth) -> Str:
    text = ""
    for i, part in enumerate(parts):
        s = string_of(code, mod, part, depth + 1)
        if s.kind == "literal":
            text += s.value
            continue
        if s.kind == "prefix":
            return Str("prefix", text + s.value)
        if i == 0 and s.kind == "env":
            return s
        return Str("prefix", text) if text else (s if s.kind == "env" else UNKNOWN)
    return Str("literal", text)


def single_assignment(mod, name_node: ast.Name):
    """The one value assigned to a name in the enclosing function, or else at module level; None if not
    exactly one."""
    name = name_node.id
    func = enclosing_function(mod, name_node)
    if func is not None:
        args = func.args
        if name in {a.arg for a in args.args + args.kwonlyargs + getattr(args, "posonlyargs", [])} | \
                {a.arg for a in (args.vararg, args.kwarg) if a is not None}:
            return None  # a parameter: its value comes from the caller
        values = [st.value for st in ast.walk(func) if isinstance(st, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == name for t in st.targets)]
        if values:
            return values[0] if len(values) == 1 else None
    values = [v for v, _ in mod.assignments.get(name, ())]
    return values[0] if len(values) == 1 else None


_FUNC_SPANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def enclosing_function(mod, node):
    """The innermost function whose lines hold ``node`` (a statement-level walk, cached per module)."""
    spans = _FUNC_SPANS.get(mod)
    if spans is None:
        spans = []
        stack = [mod.tree.body] if mod.tree is not None else []
        while stack:
            for st in stack.pop():
                if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    spans.append((st.lineno, getattr(st, "end_lineno", st.lineno), st))
                for name in ("body", "orelse", "finalbody", "handlers"):
                    sub = getattr(st, name, None)
                    if isinstance(sub, list) and sub and isinstance(sub[0], (ast.stmt, ast.excepthandler)):
                        stack.append(sub)
        _FUNC_SPANS[mod] = spans
    line = getattr(node, "lineno", 0)
    inside = [(a, f) for a, b, f in spans if a <= line <= b]
    return max(inside, key=lambda x: x[0])[1] if inside else None


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url if "://" in url else "//" + url)
        return (parts.hostname or "").lower()
    except ValueError:
        return ""


def suffix_in(host: str, suffixes) -> str | None:
    for s in suffixes:
        if host == s or host.endswith("." + s):
            return s
    return None


def mask_url(url: str) -> str:
    """``postgres://forum:****@host:5432``: never the password, never the path."""
    m = re.match(r"^([a-z0-9+.-]+://)(?:([^:@/]*)(:[^@/]*)?@)?([^/?#]*)", url, re.I)
    if not m:
        return "<a URL>"
    scheme, user, password, host = m.groups()
    cred = "" if user is None else f"{user}:****@" if password else f"{user}@"
    return f"{scheme}{cred}{host}"
