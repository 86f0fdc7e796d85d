"""The application's Python code as the deploy runs it: entry points, parsed modules, the start path.

Everything is static: the scanned code is parsed with ``ast``, never imported or executed.

API (``project.code`` is a :class:`CodeModel`)
----------------------------------------------
``code.entrypoints -> list[EntryPoint]`` (the commands the platform runs; ``code.all_entrypoints`` adds those of a
file it does not read, whose code the start path still follows)
    Every start command resolved (Procfile or a misnamed one, Dockerfile CMD/ENTRYPOINT and the scripts
    they run, heroku.yml ``run``/``release``, crontab lines). Fields: ``process`` ("web", "worker",
    "release", "cron"...), ``source`` (declaring file), ``line`` (1-based in ``source``), ``command``
    (:class:`~preflight.project.commands.SimpleCommand`), ``server`` ("gunicorn", "uvicorn", "python",
    "flask", "django-runserver", "streamlit", "celery"... or None), ``module`` (repo-relative .py path or
    None), ``attr`` (the app object, or None), ``runs_as_main`` (the module's ``__main__`` block runs).
    Extras: ``target`` (as written), ``missing`` (why the target cannot be found, or None), ``also``
    (modules the process loads by name: Django settings, WSGI module, URLconf), ``settings`` (the Django
    settings module, when DJANGO_SETTINGS_MODULE is known), ``as_module`` (``python -m``), ``factory``,
    ``roots`` (import roots; in buildpack mode also the package folders of the project itself when its
    package manager installs it), ``cwd``, ``env``, ``via`` (the chain of files that led here). See entrypoints.py.
``code.module(path) -> Module | None``
    A repo-relative ``.py`` file, read and parsed once. ``.path``, ``.name`` (dotted, relative to the
    import roots), ``.tree`` (``ast.Module`` or None), ``.text`` (TextFile), ``.error`` / ``.error_line``
    (syntax error), ``.imports`` (list of :class:`Import`), ``.top_names`` (module-level bindings),
    ``.assignments`` (module-level ``NAME = value``), ``.origins`` (local name -> imported dotted name),
    ``.main_guards`` (the ``if __name__ == "__main__"``
    statements), ``.functions`` (top-level defs), ``.star_imports``; found on demand by a walk that skips
    every function or class whose text does not mention the names (cheap on large modules):
    ``.calls(*names)`` (Call nodes whose function's last name is one of ``names``; ``.deferred(call)`` is
    True inside a lambda or a ``target=`` argument) and ``.assigns(*names)`` (assignments to a name, an
    attribute or a ``["KEY"]`` in ``names``). ``.enclosing_function(node)``, ``.enclosing_ifs(node)`` (the
    conditions it runs under); ``.parents`` (a full
    id(node) -> parent map, built on first use: costly, prefer the above).
``code.start_path(process=None) -> list[Module]``
    Modules reachable from the entry points (of that process, or all), following local imports
    transitively (bounded by MAX_DEPTH and MAX_MODULES), entry modules first. Only shipped files. Modules
    Django loads by dotted name count as imports (``loaded_by_name``: INSTALLED_APPS with their apps/models/
    admin modules, MIDDLEWARE, ``include("app.urls")``).
``code.processes_of(path) -> set[str]``, ``code.main_runs(path) -> bool``
``code.case_variant(name, roots) -> str | None``
    The shipped module ``name`` would be in another letter case (``import Config`` with config.py).
``code.resolve_import(name, from_path=None, level=0) -> str | None``
    The repo-relative path of a local module (``x.py``) or package (``x/__init__.py``; a namespace
    package gives its folder), else None. Files on disk count even when git does not ship them (so
    rules can say so).
``code.live(path, node) -> bool``
    False for code that never runs in production: the ``__main__`` block of a module no process runs as
    a script (or the ``else`` of it when one does), and functions called only from there.
``code.live_modules() -> list[Module]``
    The parsed modules on any process's start path, each once.

The value evaluator (the one place that works out what an expression holds)
---------------------------------------------------------------------------
``code.evaluate(module, expr, strings=False) -> Value``
    ``Value.kind`` is "literal" (``.value`` set, with ``.line``/``.path`` where it was written), "env"
    (read from the environment: ``os.environ[...]``, ``os.getenv``, ``config("X")``, ``env.str("X")``,
    see ``env_read``) or "unknown". Names are followed through the enclosing function's assignments
    (not parameters, loop variables or annotated/augmented ones), module constants (every live binding
    an assignment, outside a dead ``__main__`` block), ``from x import NAME``, ``from x import *``,
    ``mod.NAME`` of local modules and ``Class.ATTR``; ``int()``/``str()``/``float()`` of a literal
    convert it; ``a or b`` is "env" when an operand reads the environment, the literal when all
    operands are that same literal. Several assignments: the same literal, else "env" if one reads the
    environment, else "unknown".
    ``strings=True`` asks what *string* it builds: f-strings, ``+`` (flattened, any length), ``%`` and
    ``.format`` give "literal" when every part is known, else "prefix" (``.value`` is the known head:
    ``f"https://{HOST}/bot"`` with an unknown HOST -> "https://"); an env read keeps its variable name in
    ``Value.env`` (``os.environ.get("DATABASE_URL") or "sqlite://"`` -> env "DATABASE_URL": the first
    operand decides); ``s = "head"; s += more`` inside a function is the prefix "head"; a literal that
    is not a string is "unknown". ``Value.known``: the known leading text (literal string or prefix),
    else None. ``UNKNOWN`` and ``ENV`` are the shared unknown/env values.
``code.assigned_value(module, name_node) -> ast.expr | None``
    The one expression a name holds where it is used (its only assignment in the enclosing function,
    else its only module-level binding when that is an assignment): for analyses that look at how an
    expression is built (``os.path.join(BASE_DIR, "x.json")``) rather than its value.
``env_read(node) -> str | None``
    The environment variable a node reads ("" when its name is not a literal); None when it reads none.
``module.enclosing_function(node)`` is the one "which function holds this" (from the statement scan).

``code.cache``: a dict where rule modules memoise analyses they share (e.g. the server calls).
``is_main_guard(node) -> bool``, ``last_name(func)``, ``dotted(node)``, ``call_arg(call, pos, *names)``
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from functools import cached_property

from preflight.project.entrypoints import EntryPoint  # noqa: F401  (re-exported: part of this API)
from preflight.project.stdlib import is_stdlib
from preflight.project.syntax import parse as parse_as

MAX_DEPTH = 256       # import hops followed from an entry module (BFS: the shortest chain counts)
MAX_MODULES = 1000    # modules on one process's start path


@dataclass
class Import:
    module: str            # absolute dotted name ("" when a relative import climbs out of the repo)
    line: int
    names: list[str] = field(default_factory=list)   # for ``from m import a, b``; ["*"] for a star import
    level: int = 0         # dots of a relative import, as written
    guarded: bool = False  # inside ``try:`` with an ``except`` (an optional import)
    in_function: bool = False
    main_guard: int = 0    # line of the enclosing ``if __name__ == "__main__":`` (0: none); negative: its else
    col: int = 0
    asnames: list[str] = field(default_factory=list)  # the names bound, parallel to ``names``
    asname: str | None = None  # ``import a.b as c`` -> "c"

    def binds(self) -> list[str]:
        """The local names this import binds."""
        if self.names:
            return [n for n in self.asnames if n != "*"]
        return [self.asname or self.module.split(".")[0]]


@dataclass
class Value:
    """What an expression holds (``CodeModel.evaluate``)."""

    kind: str              # "literal" | "prefix" (strings=True: how the string starts) | "env" | "unknown"
    value: object = None   # the literal, or the known head of a "prefix"
    line: int = 0          # where a literal was written (may be in another module)
    path: str = ""
    env: str = ""          # strings=True: the environment variable an "env" value reads, when literal

    @property
    def known(self) -> str | None:
        """The known leading text: the whole literal string, or the prefix; None otherwise."""
        if self.kind == "prefix" or self.kind == "literal" and isinstance(self.value, str):
            return self.value
        return None


UNKNOWN = Value("unknown")
ENV = Value("env")
# Calls and objects that read the process environment (os, python-decouple, environs, django-environ).
ENV_READERS = frozenset({"os.environ.get", "os.getenv", "environ.get", "getenv", "os.environ.setdefault",
                         "config", "decouple.config", "env", "env.int", "env.str", "environ.Env"})
ENV_OBJECTS = frozenset({"os.environ", "environ"})


def env_read(node) -> str | None:
    """``os.environ["X"]``, ``os.environ.get("X")``, ``os.getenv("X", d)``, ``config("X")``, ``env.str("X")`` ->
    "X" ("" when the name is not a literal); None when ``node`` does not read the environment."""
    if isinstance(node, ast.Subscript) and dotted(node.value) in ENV_OBJECTS:
        key = node.slice  # Python >= 3.9: the index expression itself
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        if name in ENV_READERS or name.endswith((".environ.get", ".getenv", ".environ.setdefault")) or \
                name.startswith(("env.", "environ.")) and node.args:
            arg = node.args[0] if node.args else None
            return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else ""
    return None


def is_main_guard(node) -> bool:
    """``if __name__ == "__main__":`` (either operand order)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = (test.left, test.comparators[0])
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


def child_nodes(node) -> list:
    """``list(ast.iter_child_nodes(node))``, the same nodes in the same order, without its two generators: the
    model's walks visit every node of a thousand modules."""
    out = []
    for field in node._fields:
        value = getattr(node, field, None)
        if type(value) is list:
            out.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            out.append(value)
    return out


def last_name(func) -> str:
    """``a.b.run`` -> "run", ``run`` -> "run", anything else -> ""."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def call_arg(call: ast.Call, pos: int | None, *names: str):
    """Keyword ``names`` or positional ``pos`` of a call (None when absent, or hidden behind ``*args``)."""
    for kw in call.keywords:
        if kw.arg in names:
            return kw.value
    if pos is not None and len(call.args) > pos and not any(isinstance(a, ast.Starred) for a in call.args[:pos + 1]):
        return call.args[pos]
    return None


def dotted(node) -> str:
    """``os.environ.get`` -> "os.environ.get"; "" for anything that is not a plain dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SIMPLE_STATEMENTS = frozenset({ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Pass,
                                ast.Raise, ast.Assert, ast.Delete, ast.Global, ast.Nonlocal, ast.Break,
                                ast.Continue})



def catches_import_error(kind) -> bool:
    """An ``except`` clause that catches ImportError (or its subclass, or everything)."""
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return kind is None or any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError", "Exception",
                                                                    "BaseException") for n in names)

class Module:
    """One parsed source file. Cheap attributes are computed on first use."""

    def __init__(self, model: "CodeModel", path: str, text):
        self.model = model
        self.path = path
        self.text = text
        self.tree: ast.Module | None = None
        self.error: str | None = None
        self.error_line = 0
        self.error_col = 0
        self.newer_syntax: tuple | None = None
        self._name: str | None = None
        self._call_index: dict[str, list[ast.Call]] = {}   # last name -> calls, filled by ``calls``
        # parsed as the app's Python parses it (syntax.py): newer syntax than ours is ``newer_syntax``
        from preflight.project.runtime import app_python

        project = model.project
        key = (path, app_python(project))
        parsed = project.parsed.get(key)  # shared with --platform all's sibling projects: parse once
        if parsed is None or parsed[0] is not text:
            parsed = project.parsed[key] = (text, parse_as(text.text, path, key[1], getattr(text, "notes", ())))
        parsed = parsed[1]
        self.tree, self.error, self.error_line, self.error_col = parsed.tree, parsed.error, parsed.line, parsed.col
        self.newer_syntax = parsed.newer

    def __repr__(self) -> str:
        return f"Module({self.path!r})"

    @property
    def name(self) -> str:
        """The dotted name under the import roots (known once the entry points are resolved)."""
        if self.model._resolving:
            return self.model.module_name(self.path)
        if self._name is None:
            self._name = self.model.module_name(self.path)
        return self._name

    @property
    def package(self) -> str:
        """The package relative imports start from."""
        if self.path.endswith("__init__.py"):
            return self.name
        return self.name.rpartition(".")[0]

    # -- one statement-level pass (expressions are not walked: cheap) -------------------------
    @cached_property
    def _scan(self):
        imports: list[Import] = []
        top: dict[str, list[tuple[int, int]]] = {}       # name -> [(line, main_guard)]
        assigns: dict[str, list[tuple[ast.AST, int]]] = {}
        guards: list[ast.If] = []
        funcs: dict[str, ast.AST] = {}
        star = []
        defs: list[tuple[int, int, ast.AST]] = []
        if self.tree is None:
            return imports, top, assigns, guards, funcs, star, defs

        def bind(name, line, guard):
            top.setdefault(name, []).append((line, guard))

        def worth_entering(st) -> bool:
            """A body without imports or nested definitions adds nothing to this scan: skip it."""
            segment = self.segment(st.body[0].lineno, _end(st)) if st.body else ""
            return "import" in segment or "def " in segment or "class " in segment

        def visit(stmts, in_func, guarded, guard):
            for st in stmts:
                if in_func and type(st) in _SIMPLE_STATEMENTS:
                    continue
                if isinstance(st, (ast.Import, ast.ImportFrom)):
                    imports.append((st, in_func, guarded, guard))
                    if not in_func:
                        if isinstance(st, ast.Import):
                            for a in st.names:
                                bind(a.asname or a.name.split(".")[0], st.lineno, guard)
                        else:
                            for a in st.names:
                                if a.name == "*":
                                    star.append(st)
                                else:
                                    bind(a.asname or a.name, st.lineno, guard)
                    continue
                if isinstance(st, _FUNCS) or isinstance(st, ast.ClassDef):
                    if isinstance(st, _FUNCS) and st.body:
                        defs.append((st.body[0].lineno, _end(st), st))
                    if not in_func:
                        bind(st.name, st.lineno, guard)
                        if isinstance(st, _FUNCS) and not guard:
                            funcs[st.name] = st
                    if worth_entering(st):  # a class body binds class attributes, not globals
                        visit(st.body, True, guarded, guard)
                    continue
                if not in_func:
                    targets = []
                    if isinstance(st, ast.Assign):
                        targets = st.targets
                    elif isinstance(st, (ast.AnnAssign, ast.AugAssign)) and st.value is not None:
                        targets = [st.target]
                    elif isinstance(st, (ast.For, ast.AsyncFor)):
                        targets = [st.target]
                    elif isinstance(st, (ast.With, ast.AsyncWith)):
                        targets = [i.optional_vars for i in st.items if i.optional_vars is not None]
                    for t in targets:
                        for n in _target_names(t):
                            bind(n, st.lineno, guard)
                            if isinstance(st, ast.Assign) and isinstance(t, ast.Name) or \
                                    isinstance(st, ast.AnnAssign) and isinstance(t, ast.Name):
                                assigns.setdefault(n, []).append((st.value, guard))
                            elif isinstance(st, ast.AugAssign):
                                assigns.setdefault(n, []).append((None, guard))
                if isinstance(st, ast.If) and not in_func and is_main_guard(st):
                    guards.append(st)
                    visit(st.body, in_func, guarded, st.lineno)
                    visit(st.orelse, in_func, guarded, -st.lineno)
                    continue
                if isinstance(st, ast.Try) or type(st).__name__ == "TryStar":
                    visit(st.body, in_func, guarded or bool(st.handlers), guard)
                    for h in st.handlers:
                        if h.name and not in_func:
                            bind(h.name, h.lineno, guard)
                        # an ImportError handler's imports are the fallback (or a runtime install and
                        # retry): they run only where the first import failed, so they are optional too
                        visit(h.body, in_func, guarded or catches_import_error(h.type), guard)
                    visit(st.orelse, in_func, guarded, guard)
                    visit(st.finalbody, in_func, guarded, guard)
                    continue
                if isinstance(st, ast.Match) if hasattr(ast, "Match") else False:
                    for case in st.cases:
                        visit(case.body, in_func, guarded, guard)
                    continue
                for fname in ("body", "orelse", "finalbody"):
                    sub = getattr(st, fname, None)
                    if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
                        visit(sub, in_func, guarded, guard)

        visit(self.tree.body, False, False, 0)
        return imports, top, assigns, guards, funcs, star, defs

    def _imports_of(self, st, in_func: bool, guarded: bool, guard: int) -> list[Import]:
        if isinstance(st, ast.Import):
            return [Import(a.name, st.lineno, [], 0, guarded, in_func, guard, st.col_offset, asname=a.asname)
                    for a in st.names]
        names = [a.name for a in st.names]
        asnames = [a.asname or a.name for a in st.names]
        base = st.module or ""
        if st.level:
            pkg = self.package.split(".") if self.package else []
            up = st.level - 1
            if up > len(pkg):
                absolute = ""
            else:
                stem = pkg[: len(pkg) - up] if up else pkg
                absolute = ".".join(stem + ([base] if base else []))
        else:
            absolute = base
        return [Import(absolute, st.lineno, names, st.level, guarded, in_func, guard, st.col_offset, asnames)]

    @cached_property
    def imports(self) -> list[Import]:
        """Every import statement, with relative imports made absolute (needs the import roots)."""
        return [imp for st, in_func, guarded, guard in self._scan[0]
                for imp in self._imports_of(st, in_func, guarded, guard)]

    @cached_property
    def origins(self) -> dict[str, str]:
        """Local name -> the dotted name it was imported as (``web`` -> ``aiohttp.web``, ``F`` -> ``flask.Flask``)."""
        out: dict[str, str] = {}
        for imp in self.imports:
            if imp.names:
                for name, local in zip(imp.names, imp.asnames):
                    out.setdefault(local, f"{imp.module}.{name}" if imp.module else name)
            else:
                local = imp.asname or imp.module.split(".")[0]
                out.setdefault(local, imp.module if imp.asname else local)
        return out

    @property
    def top_names(self) -> dict[str, list[tuple[int, int]]]:
        """Module-level bindings: name -> [(line, main_guard line or 0; negative for its else)]."""
        return self._scan[1]

    @property
    def assignments(self) -> dict[str, list[tuple[ast.AST | None, int]]]:
        """Module-level ``NAME = value`` (value None for an augmented assignment): name -> [(value, guard)]."""
        return self._scan[2]

    @property
    def main_guards(self) -> list[ast.If]:
        return self._scan[3]

    @property
    def functions(self) -> dict[str, ast.AST]:
        """Top-level function definitions outside a ``__main__`` block."""
        return self._scan[4]

    @property
    def star_imports(self) -> list[ast.ImportFrom]:
        return self._scan[5]

    # -- calls and assignments, found on demand ---------------------------------------------------
    # A walk guided by the text: a function or class whose source does not mention any wanted name is
    # not entered, so asking for "run" costs little even in a large module.
    def _guided(self, names: tuple[str, ...], want) -> None:
        stack: list[tuple[ast.AST, bool]] = [(self.tree, False)]
        funcs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        while stack:
            node, wrapped = stack.pop()
            if isinstance(node, funcs):
                segment = self.segment(node.lineno, getattr(node, "end_lineno", None) or node.lineno)
                if not any(n in segment for n in names):
                    continue
            want(node, wrapped)
            inner = wrapped or isinstance(node, ast.Lambda) or (isinstance(node, ast.keyword) and
                                                                 node.arg == "target")
            stack.extend((child, inner) for child in child_nodes(node))

    @cached_property
    def _line_starts(self):
        """Offsets where each line of the source starts, when its lines are the parser's lines and every
        identifier is written as the parser reads it: no carriage return (the parser also ends a line
        on a lone CR) and NFKC-normal text (the parser normalises identifiers: ``ｒｕｎ`` is ``run``).
        None otherwise, and ``calls`` walks as ``_guided`` does."""
        import unicodedata
        from array import array

        source = self.text.text
        if "\r" in source or not source.isascii() and not unicodedata.is_normalized("NFKC", source):
            return None
        starts = array("q", [0])  # 8 bytes a line, not an int object each: a run holds a thousand modules
        find = source.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def segment(self, first: int, last: int) -> str:
        """The source of lines ``first`` to ``last`` (1-based, inclusive), joined by newlines: a slice of the
        text where the line offsets are known (no list of lines is built), else from ``text.lines``."""
        starts = self._line_starts
        if starts is None:
            return "\n".join(self.text.lines[first - 1: last])
        source = self.text.text
        ends_with_newline = source.endswith("\n")
        count = len(starts) - ends_with_newline  # the lines ``text.lines`` has
        if first > count:
            return ""
        end = starts[last] - 1 if last < count else len(source) - ends_with_newline
        return source[starts[first - 1]: end]

    def _hit_lines(self, names: tuple[str, ...]) -> list[int] | None:
        """The sorted 1-based lines where the text holds one of ``names`` (None: see ``_line_starts``)."""
        starts = self._line_starts
        if starts is None or not all(names):  # "" matches calls of a subscript or a call: no text to find
            return None
        from bisect import bisect_right

        source = self.text.text
        hits = set()
        for n in names:
            at = source.find(n)
            while at >= 0:
                line = bisect_right(starts, at)
                hits.add(line)
                at = source.find(n, starts[line] if line < len(starts) else len(source))
        return sorted(hits)

    def _call_walk(self, names: tuple[str, ...], want) -> None:
        """``_guided`` for calls, pruned by line: a node is entered only when a line it spans holds one of
        ``names``. A call's function name is written inside the call, so a call to one of ``names`` is
        never pruned; the nodes visited, and their order, are otherwise those of ``_guided`` (a function
        or class is judged by its lines from ``def``/``class`` on, decorators excluded, as there; inside
        an f-string, whose inner positions older Pythons got wrong, nothing is pruned)."""
        hits = self._hit_lines(names)
        if hits is None:
            self._guided(names, want)
            return
        from bisect import bisect_left

        count = len(hits)
        stack: list[tuple[ast.AST, bool, bool]] = [(self.tree, False, False)]
        lambda_, keyword, joined = ast.Lambda, ast.keyword, ast.JoinedStr
        while stack:
            node, wrapped, exact = stack.pop()
            start = getattr(node, "lineno", None)
            if start is not None and not exact:
                i = bisect_left(hits, start)
                if i == count or hits[i] > (node.end_lineno or start):
                    continue
            want(node, wrapped)
            kind = type(node)
            inner = wrapped or kind is lambda_ or (kind is keyword and node.arg == "target")
            exact = exact or kind is joined
            stack.extend((child, inner, exact) for child in child_nodes(node))

    def calls(self, *names: str) -> list[ast.Call]:
        """Calls whose function's last name is in ``names`` (``x.run(...)``, ``run(...)``), in source order."""
        source = self.text.text
        present = tuple(n for n in names if n in source)
        if self.tree is None or not present:
            return []
        index = self._call_index
        missing = tuple(n for n in present if n not in index)
        if missing:
            for n in missing:
                index[n] = []

            def want(node, wrapped):
                if isinstance(node, ast.Call):
                    n = last_name(node.func)
                    if n in missing:
                        index[n].append(node)
                        if wrapped:
                            self._deferred.add(id(node))

            self._call_walk(missing, want)
        found = [c for n in present for c in index[n]]
        return sorted(found, key=lambda c: (c.lineno, c.col_offset))

    def strings(self, *needles: str) -> list[ast.Constant]:
        """String constants whose value holds one of ``needles``, in source order: the walk enters only the
        nodes spanning a line that holds a needle (as ``calls`` does), so asking costs little in a large
        module. A value that spells a needle only through escapes (``"\\x2ejson"``) is not found."""
        source = self.text.text
        present = tuple(n for n in needles if n in source)
        if self.tree is None or not present:
            return []
        found: list[ast.Constant] = []

        def want(node, wrapped):
            if type(node) is ast.Constant and type(node.value) is str and any(n in node.value for n in present):
                found.append(node)

        self._call_walk(present, want)
        return sorted(found, key=lambda c: (c.lineno, c.col_offset))

    @cached_property
    def _deferred(self) -> set[int]:
        return set()

    def deferred(self, call: ast.Call) -> bool:
        """A call found by ``calls`` that sits in a lambda or a ``target=`` argument (runs later, elsewhere)."""
        return id(call) in self._deferred

    def assigns(self, *names: str) -> list[ast.stmt]:
        """Assignments (``=``, ``+=``, annotated) to a name, attribute or ``[\"KEY\"]`` in ``names``, anywhere."""
        source = self.text.text
        present = tuple(n for n in names if n in source)
        if self.tree is None or not present:
            return []
        out: list[ast.stmt] = []

        def want(node, wrapped):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(_target_key(t) in present for t in targets):
                    out.append(node)

        self._guided(present, want)
        return sorted(out, key=lambda n: (n.lineno, n.col_offset))

    def enclosing_function(self, node) -> ast.AST | None:
        """The innermost function whose body holds ``node`` (None at module or class level)."""
        line = node if isinstance(node, int) else getattr(node, "lineno", 0)
        best = None
        for start, end, fn in self._scan[6]:
            if start <= line <= end and (best is None or start >= best[0]):
                best = (start, end, fn)
        return best[2] if best else None

    def enclosing_ifs(self, node) -> list[ast.If]:
        """The ``if`` statements (``__main__`` guards excepted) whose body or ``else`` holds ``node``,
        outermost first: code that runs only when a condition holds (a statement-level walk)."""
        line = node if isinstance(node, int) else getattr(node, "lineno", 0)
        out: list[ast.If] = []
        stack = [self.tree.body] if self.tree is not None else []
        while stack:
            for st in stack.pop():
                if not (st.lineno <= line <= _end(st)) or not isinstance(st, ast.stmt):
                    continue
                if isinstance(st, ast.If) and not is_main_guard(st) and any(
                        s.lineno <= line <= _end(s) for s in st.body + st.orelse):
                    out.append(st)
                for fname in ("body", "orelse", "finalbody", "handlers", "cases"):
                    sub = getattr(st, fname, None)
                    if isinstance(sub, list) and sub:
                        if fname == "handlers" or fname == "cases":
                            stack.extend(h.body for h in sub)
                        else:
                            stack.append(sub)
                break
        return out

    @cached_property
    def parents(self) -> dict[int, ast.AST]:
        """id(node) -> parent node (built on first use)."""
        out: dict[int, ast.AST] = {}
        if self.tree is not None:
            for node in ast.walk(self.tree):
                for child in child_nodes(node):
                    out[id(child)] = node
        return out


def _target_key(t) -> str:
    """``x.debug`` -> "debug", ``DEBUG`` -> "DEBUG", ``app.config["DEBUG"]`` -> "DEBUG"."""
    if isinstance(t, ast.Attribute):
        return t.attr
    if isinstance(t, ast.Name):
        return t.id
    if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
        return t.slice.value
    return ""


def _target_names(t) -> list[str]:
    if isinstance(t, ast.Name):
        return [t.id]
    if isinstance(t, (ast.Tuple, ast.List)):
        return [n for e in t.elts for n in _target_names(e)]
    if isinstance(t, ast.Starred):
        return _target_names(t.value)
    return []


class CodeModel:
    def __init__(self, project):
        self.project = project
        self._modules: dict[str, Module | None] = {}
        self._file_cache: dict[str, bool] = {}
        self._found: dict[tuple, str | None] = {}
        self._dir_cache: dict[str, bool] = {}
        self._start: dict[str | None, list[Module]] = {}
        self._resolving = False
        self._roots: list[str] | None = None
        self._live: dict[str, tuple] = {}
        self._listings: dict[str, frozenset] = {}          # folder -> its entries (``_on_disk``)
        self._lower_index: dict[str, str] | None = None     # lower-cased module stem -> file (``case_variant``)
        self._imported: dict[tuple, list[str]] = {}        # (path, module, names) -> ``imported_paths``
        self._by_name: dict[str, list[str]] = {}           # path -> ``loaded_by_name``
        self.cache: dict = {}   # a memo for analyses several rules share (keyed by the rule module)

    # -- entry points --------------------------------------------------------------------------
    @cached_property
    def all_entrypoints(self) -> list[EntryPoint]:
        """Every start command found, with those of a file the platform does not read (a Procfile on Render,
        Fly, PythonAnywhere: ``EntryPoint.read`` False): its code is most likely the app's all the same, so
        the start path and the import roots follow it."""
        from preflight.project.entrypoints import resolve

        self._resolving = True
        try:
            return resolve(self.project, self)
        finally:
            self._resolving = False

    @cached_property
    def entrypoints(self) -> list[EntryPoint]:
        """The start commands the platform runs: what the rules about commands (ports, hosts, servers) judge."""
        return [ep for ep in self.all_entrypoints if ep.read]

    @property
    def roots(self) -> list[str]:
        """Import roots (repo-relative folders on sys.path), most specific first; "" is the repo root."""
        if self._resolving:
            return [""]
        if self._roots is None:
            self._roots = self._compute_roots()
        return self._roots

    def _compute_roots(self) -> list[str]:
        seen: list[str] = []
        for ep in self.all_entrypoints:
            for r in ep.roots:
                if r not in seen:
                    seen.append(r)
        if "" not in seen:
            seen.append("")
        return seen

    def main_runs(self, path: str) -> bool:
        if self._resolving:  # the entry points are not all known yet: nothing to cache
            return any(ep.module == path and ep.runs_as_main for ep in self.all_entrypoints)
        return path in self._run_as_main

    @cached_property
    def _run_as_main(self) -> frozenset:
        # a set, not a scan of the entry points per call: start_path asks for every module of every process
        return frozenset(ep.module for ep in self.all_entrypoints if ep.runs_as_main and ep.module)

    # -- files -----------------------------------------------------------------------------------
    def is_file(self, path: str) -> bool:
        """A file the repo has (shipped, or on disk)."""
        hit = self._file_cache.get(path)
        if hit is None:
            hit = self.project.shipped(path) or (
                self._on_disk(path) and os.path.isfile(os.path.join(self.project.root, path)))
            self._file_cache[path] = hit
        return hit

    def is_dir(self, path: str) -> bool:
        hit = self._dir_cache.get(path)
        if hit is None:
            hit = path in self.project.index.shipped_dirs or (
                self._on_disk(path) and os.path.isdir(os.path.join(self.project.root, path)))
            self._dir_cache[path] = hit
        return hit

    def _on_disk(self, path: str) -> bool:
        """Every part of the path is in its folder's listing, spelt exactly so (one listdir per folder instead
        of a failed stat per candidate; and a case-insensitive disk, macOS or Windows, would find
        ``Config.py`` for ``config.py`` where the platform's Linux does not)."""
        if path.startswith("../"):
            return False
        listings = self._listings
        parts = [p for p in path.split("/") if p and p != "."]
        for i, name in enumerate(parts):
            folder = "/".join(parts[:i])
            if folder not in listings:
                try:
                    listings[folder] = frozenset(os.listdir(os.path.join(self.project.root, folder)))
                except OSError:
                    listings[folder] = frozenset()
            if name == ".." or name not in listings[folder]:
                return False
        return True

    def case_variant(self, name: str, roots) -> str | None:
        """The shipped module or package a dotted ``name`` would be with other letter cases (``Config`` ->
        "config.py"), when ``name`` itself is not there: an import that works on a case-insensitive disk
        and fails on the platform."""
        index = self._lower_index
        if index is None:
            index = {}
            for f in self.project.files:
                if f.endswith(".py"):
                    stem = f[:-len("/__init__.py")] if f.endswith("/__init__.py") else f[:-3]
                    index.setdefault(stem.lower(), f)
            self._lower_index = index
        rel = name.replace(".", "/")
        for root in roots:
            stem = f"{root}/{rel}" if root else rel
            found = index.get(stem.lower())
            if found is not None:
                exact = found == stem + ".py" or found == stem + "/__init__.py"
                return None if exact else found
        return None

    def module(self, path: str) -> Module | None:
        if path in self._modules:
            return self._modules[path]
        mod = None
        if path.endswith((".py", ".pyw")) and self.is_file(path):
            tf = self.project.text(path)
            if tf is not None:
                mod = Module(self, path, tf)
        self._modules[path] = mod
        return mod

    def module_name(self, path: str) -> str:
        stem = path[:-3] if path.endswith(".py") else path
        if stem.endswith("/__init__") or stem == "__init__":
            stem = stem[: -len("__init__")].rstrip("/")
        best = ""
        for r in self.roots:
            if r and (stem + "/").startswith(r + "/") and len(r) > len(best):
                best = r
        rel = stem[len(best) + 1:] if best else stem
        return rel.replace("/", ".")

    # -- imports -------------------------------------------------------------------------------
    def find_module(self, name: str, roots) -> str | None:
        """``a.b`` under one of ``roots`` -> "a/b.py" | "a/b/__init__.py" | "a/b" (namespace) | None."""
        key = (name, tuple(roots))
        if key in self._found:
            return self._found[key]
        self._found[key] = found = self._find_module(name, roots)
        return found

    def _find_module(self, name: str, roots) -> str | None:
        if not name or name.startswith(".") or not all(p.isidentifier() for p in name.split(".")):
            return None
        rel = name.replace(".", "/")
        for root in roots:
            base = f"{root}/{rel}" if root else rel
            # a package wins over a module of the same name (importlib's FileFinder looks for it first)
            if self.is_file(base + "/__init__.py"):
                return base + "/__init__.py"
            if self.is_file(base + ".py"):
                return base + ".py"
            if self.is_dir(base) and "." in name and self.is_dir(base.rsplit("/", 1)[0]):
                return base
            if self.is_dir(base) and self._has_python(base):
                return base
        return None

    def _has_python(self, folder: str) -> bool:
        prefix = folder + "/"
        return any(f.startswith(prefix) and f.endswith(".py") for f in self.project.files)

    def resolve_import(self, name: str, from_path: str | None = None, level: int = 0) -> str | None:
        if level:
            if from_path is None:
                return None
            base = from_path.rsplit("/", 1)[0] if "/" in from_path else ""
            for _ in range(level - 1):
                if not base:
                    return None
                base = base.rsplit("/", 1)[0] if "/" in base else ""
            if not name:
                init = f"{base}/__init__.py" if base else "__init__.py"
                return init if self.is_file(init) else (base or None)
            return self.find_module(name, [base])
        return self.find_module(name, self.roots)

    def imported_paths(self, mod: Module, imp: Import) -> list[str]:
        """Local files an import statement loads: the module, its parent packages, ``from`` submodules."""
        if not imp.module:
            return []
        cache = self._imported
        key = (mod.path, imp.module, tuple(imp.names))
        if key in cache:
            return cache[key]
        cache[key] = out = []
        parts = imp.module.split(".")
        for i in range(1, len(parts) + 1):
            p = self.find_module(".".join(parts[:i]), self.roots)
            if p and p.endswith(".py"):
                out.append(p)
            elif p is None:
                break
        for n in imp.names:
            if n != "*":
                p = self.find_module(f"{imp.module}.{n}", self.roots)
                if p and p.endswith(".py"):
                    out.append(p)
        return out

    # -- the start path ------------------------------------------------------------------------
    def entry_modules(self, process: str | None = None) -> list[str]:
        return list(self._entry_modules.get(process, ()))

    @cached_property
    def _entry_modules(self) -> dict[str | None, dict[str, None]]:
        """process (None: every process) -> its entry modules in order (a dict keeps them unique): built in
        one pass, so a Procfile with thousands of processes costs linear time."""
        out: dict[str | None, dict[str, None]] = {None: {}}
        for ep in self.all_entrypoints:
            mine = out.setdefault(ep.process, {})
            for p in ([ep.module] if ep.module else []) + list(ep.also):
                mine.setdefault(p, None)
                out[None].setdefault(p, None)
        return out

    def start_path(self, process: str | None = None) -> list[Module]:
        if process in self._start:
            return self._start[process]
        order: list[Module] = []
        seen: set[str] = set()
        frontier = [(p, 0) for p in self.entry_modules(process)]
        while frontier and len(order) < MAX_MODULES:
            path, depth = frontier.pop(0)
            if path in seen:
                continue
            seen.add(path)
            if not self.project.shipped(path):
                continue
            mod = self.module(path)
            if mod is None:
                continue
            order.append(mod)
            if depth >= MAX_DEPTH:
                continue
            main = self.main_runs(path)
            for imp in mod.imports:
                if imp.main_guard and (imp.main_guard > 0) != main:
                    continue  # inside a __main__ block that does not run (or its else when it does)
                for p in self.imported_paths(mod, imp):
                    if p not in seen:
                        frontier.append((p, depth + 1))
            for p in self.loaded_by_name(mod):
                if p not in seen:
                    frontier.append((p, depth + 1))
        self._start[process] = order
        return order

    def live_modules(self) -> list[Module]:
        """The parsed modules on any process's start path, each once (``start_path()`` without the files
        that do not parse)."""
        return [mod for mod in self.start_path() if mod.tree is not None]

    def loaded_by_name(self, mod: Module) -> list[str]:
        """Local modules Django loads from dotted names this module writes: a settings module's
        INSTALLED_APPS (each app package with its ``apps``, ``models`` and ``admin`` modules, and ``tasks`` when
        a Celery process autodiscovers them), MIDDLEWARE and AUTHENTICATION_BACKENDS; a URLconf's
        ``include("app.urls")``. (ROOT_URLCONF and WSGI_APPLICATION are the entry points' ``also``: only the
        processes that serve requests load them.)"""
        cache = self._by_name
        if mod.path in cache:
            return cache[mod.path]
        cache[mod.path] = out = []
        text = mod.text.text
        settings = "INSTALLED_APPS" in text or "MIDDLEWARE" in text  # a Django settings module (or part of one)
        if mod.tree is None or not (settings or "include" in text):
            return out

        def add(path):
            if path and path.endswith(".py") and path != mod.path and path not in out:
                out.append(path)

        def module_of(dotted_name: str, attribute: bool):
            """The local module a dotted name loads; ``attribute``: the last part may be a class or object."""
            found = self.find_module(dotted_name, self.roots)
            if found is None and attribute and "." in dotted_name:
                found = self.find_module(dotted_name.rpartition(".")[0], self.roots)
            return found if found and found.endswith(".py") else None

        admin = "django.contrib.admin" in text
        celery = any(ep.server == "celery" for ep in self.all_entrypoints)
        for name, values in _settings_lists(mod) if settings else ():
            for value in values:
                if not _DOTTED_RE.match(value) or is_stdlib(value):
                    continue
                path = module_of(value, True)
                if path is None:
                    continue
                add(path)
                if not name.endswith("APPS"):
                    continue
                # the app package: the entry itself, or the package holding its AppConfig class
                folder = path[: -len("/__init__.py")] if path.endswith("/__init__.py") else path.rsplit("/", 1)[0] \
                    if "/" in path and self.is_file(path.rsplit("/", 1)[0] + "/__init__.py") else None
                if folder is None:
                    continue
                add(folder + "/__init__.py")
                for sub in ("apps", "models") + (("admin",) if admin else ()) + (("tasks",) if celery else ()):
                    add(self.find_module(sub, [folder]))
        if "include" in text:
            for call in mod.calls("include"):
                arg = call.args[0] if call.args else None
                if isinstance(arg, ast.Tuple) and arg.elts:
                    arg = arg.elts[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _DOTTED_RE.match(arg.value) \
                        and self.live(mod.path, call):
                    add(module_of(arg.value, False))
        return out

    @cached_property
    def _processes(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for proc in {ep.process for ep in self.all_entrypoints}:
            for mod in self.start_path(proc):
                out.setdefault(mod.path, set()).add(proc)
        return out

    def processes_of(self, path: str) -> set[str]:
        return set(self._processes.get(path, ()))

    # -- what runs -----------------------------------------------------------------------------
    def _dead_ranges(self, mod: Module) -> list[tuple[int, int]]:
        """Line ranges that never execute in production (see ``live``)."""
        if mod.path in self._live:
            return self._live[mod.path]
        main = self.main_runs(mod.path)
        dead: list[tuple[int, int]] = []
        for g in mod.main_guards:
            block = g.body if not main else g.orelse
            if block:
                dead.append((block[0].lineno, _end(block[-1])))
        if dead and mod.functions:
            dead.extend(self._dead_functions(mod, dead))
        self._live[mod.path] = dead
        return dead

    @staticmethod
    def _dead_functions(mod: Module, dead: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Top-level functions referenced only from dead code (``def main(): ...`` called by the guard)."""
        refs: dict[str, list[int]] = {n: [] for n in mod.functions}
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Name) and node.id in refs and isinstance(node.ctx, ast.Load):
                refs[node.id].append(node.lineno)
        ranges = list(dead)
        found: list[tuple[int, int]] = []
        changed = True
        while changed:
            changed = False
            for name, lines in refs.items():
                fn = mod.functions[name]
                span = (fn.lineno, _end(fn))
                if span in found or not lines:
                    continue
                if all(any(a <= ln <= b for a, b in ranges) for ln in lines):
                    found.append(span)
                    ranges.append(span)
                    changed = True
        return found

    def live(self, path: str, node) -> bool:
        mod = self.module(path)
        if mod is None:
            return False
        line = node if isinstance(node, int) else getattr(node, "lineno", 0)
        return not any(a <= line <= b for a, b in self._dead_ranges(mod))

    # -- the value evaluator --------------------------------------------------------------------
    def evaluate(self, mod: Module, expr, depth: int = 0, *, strings: bool = False) -> Value:
        """What ``expr`` (a node of ``mod``) holds when it runs, as far as constants show it.

        ``strings=True`` asks what string it builds: f-strings, ``+``, ``%`` and ``.format`` give a
        "prefix" when only their head is known, an environment read keeps its variable name in ``.env``,
        and a literal that is not a string is "unknown"."""
        value = self._eval(mod, expr, depth, strings)
        if strings and value.kind == "literal" and not isinstance(value.value, str):
            return UNKNOWN
        return value

    def assigned_value(self, mod: Module, name: ast.Name):
        """The one expression assigned to ``name`` where it is used: its only assignment in the enclosing
        function, or else its only module-level binding when that is an assignment that runs; None when
        there is not exactly one (a parameter, a loop variable, several assignments, an import)."""
        local = self._local_bindings(mod, name.id, name)
        if local is _OPAQUE:
            return None
        if local:
            return local[0] if len(local) == 1 else None
        bindings = [b for b in mod.top_names.get(name.id, ()) if self._alive(mod, b[1])]
        assigned = [v for v, g in mod.assignments.get(name.id, ()) if self._alive(mod, g)]
        return assigned[0] if len(bindings) == len(assigned) == 1 else None

    def _eval(self, mod: Module, expr, depth: int, strings: bool) -> Value:
        if expr is None or depth > 8:
            return UNKNOWN
        if isinstance(expr, ast.Constant):
            if isinstance(expr.value, (int, float, str, bool)) or expr.value is None:
                return Value("literal", expr.value, expr.lineno, mod.path)
            return UNKNOWN
        var = env_read(expr)
        if var is not None:
            return Value("env", env=var) if strings and var else ENV
        if isinstance(expr, ast.Name):
            return self._name_value(mod, expr.id, expr, depth, strings)
        if isinstance(expr, ast.Attribute):
            if dotted(expr) in ENV_OBJECTS:
                return UNKNOWN
            return self._attribute_value(mod, expr, depth, strings)
        if isinstance(expr, ast.BoolOp):
            vals = [self._eval(mod, v, depth + 1, strings) for v in expr.values]
            if any(v.kind == "env" for v in vals):
                return vals[0] if vals[0].kind == "env" else ENV  # ``env or default`` keeps its name
            return vals[0] if all(v.kind == "literal" for v in vals) and len({repr(v.value) for v in vals}) == 1 \
                else UNKNOWN
        if isinstance(expr, ast.Call):
            name = dotted(expr.func)
            if name in ("int", "str", "float") and len(expr.args) == 1 and (
                    not expr.keywords or strings and name == "str"):
                inner = self._eval(mod, expr.args[0], depth + 1, strings)
                if inner.kind != "literal":
                    return inner
                try:
                    return Value("literal", {"int": int, "str": str, "float": float}[name](inner.value),
                                 inner.line, inner.path)
                except (TypeError, ValueError):
                    return UNKNOWN
            if strings and isinstance(expr.func, ast.Attribute) and expr.func.attr == "format":
                base = self._eval(mod, expr.func.value, depth + 1, strings)
                if base.kind == "literal" and isinstance(base.value, str):
                    return Value("prefix", base.value.split("{", 1)[0]) if "{" in base.value else base
            return UNKNOWN
        if not strings:
            return UNKNOWN
        if isinstance(expr, ast.JoinedStr):
            return self._joined(mod, expr, [v if isinstance(v, ast.Constant) else v.value for v in expr.values],
                                depth)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            parts = [expr.right]
            left = expr.left
            while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add):  # a + b + c, flat
                parts.append(left.right)
                left = left.left
            return self._joined(mod, expr, [left] + parts[::-1], depth)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
            left = self._eval(mod, expr.left, depth + 1, strings)
            if left.kind == "literal" and isinstance(left.value, str):
                return Value("prefix", left.value.split("%", 1)[0])
            return left if left.kind == "env" else UNKNOWN
        return UNKNOWN

    def _joined(self, mod: Module, expr, parts, depth: int) -> Value:
        """The string parts concatenate to: literal when all are, else the known head ("prefix")."""
        text = ""
        for i, part in enumerate(parts):
            s = self._eval(mod, part, depth + 1, True)
            if s.kind == "literal" and isinstance(s.value, str):
                text += s.value
                continue
            if s.kind == "prefix":
                return Value("prefix", text + s.value)
            if i == 0 and s.kind == "env":
                return s
            return Value("prefix", text) if text else (s if s.kind == "env" else UNKNOWN)
        return Value("literal", text, expr.lineno, mod.path)

    @staticmethod
    def _combine(vals: list[Value]) -> Value:
        """One value for a name assigned several times: the same literal everywhere, or env if any
        assignment reads the environment; else unknown."""
        if len(vals) == 1:
            return vals[0]
        if any(v.kind == "env" for v in vals):
            return ENV
        if vals and all(v.kind == "literal" for v in vals) and len({repr(v.value) for v in vals}) == 1:
            return vals[-1]
        return UNKNOWN

    def _alive(self, mod: Module, guard: int) -> bool:
        return not guard or (guard > 0) == self.main_runs(mod.path)

    def _name_value(self, mod: Module, name: str, node, depth: int, strings: bool = False) -> Value:
        if depth > 8:
            return UNKNOWN  # import cycles (a imports X from b, b from a)
        local = self._local_bindings(mod, name, node, appends=strings)
        if local is _OPAQUE:
            return UNKNOWN
        if isinstance(local, _Appended):  # ``s = "head"; s += more``: the head is still how it starts
            value = self._combine([self._eval(mod, v, depth + 1, strings) for v in local])
            if value.kind == "literal" and isinstance(value.value, str):
                return Value("prefix", value.value)
            return value if value.kind in ("prefix", "env") else UNKNOWN
        if local:
            return self._combine([self._eval(mod, v, depth + 1, strings) for v in local])
        bindings = [b for b in mod.top_names.get(name, ()) if self._alive(mod, b[1])]
        if not bindings:
            return self._star_value(mod, name, depth, strings)
        assigned = [(v, g) for v, g in mod.assignments.get(name, ()) if self._alive(mod, g)]
        if len(assigned) == len(bindings):
            return self._combine([self._eval(mod, v, depth + 1, strings) for v, _ in assigned])
        if len(bindings) == 1:
            for imp in mod.imports:
                if imp.in_function or not imp.names or name not in imp.asnames:
                    continue
                original = imp.names[imp.asnames.index(name)]
                target = self.module(self.find_module(imp.module, self.roots) or "")
                if target is not None and target is not mod:
                    return self._name_value(target, original, None, depth + 1, strings)
        return UNKNOWN

    def _star_value(self, mod: Module, name: str, depth: int, strings: bool = False) -> Value:
        """A name a ``from config import *`` brings (the last star import that binds it wins)."""
        for st in reversed(mod.star_imports):
            path = self.resolve_import(st.module or "", mod.path, st.level) if st.level else \
                self.find_module(st.module or "", self.roots)
            target = self.module(path) if path and path.endswith(".py") and self.project.shipped(path) else None
            if target is None or target is mod:
                if path is None and not is_stdlib(st.module or ""):
                    return UNKNOWN  # a third-party star import may bind it
                continue
            if name in target.top_names or target.star_imports:
                return self._name_value(target, name, None, depth + 1, strings)
        return UNKNOWN

    @staticmethod
    def _local_bindings(mod: Module, name: str, node, appends: bool = False):
        """The values assigned to ``name`` inside the function that uses it at ``node``: a list (empty
        when the name is not that function's: look at module level), or ``_OPAQUE`` when the function
        binds it some other way (a parameter, a loop, an augmented or annotated assignment). With
        ``appends``, ``name += ...`` is allowed: the list is then an ``_Appended``."""
        parent = mod.enclosing_function(node) if node is not None else None
        if parent is None:
            return []
        args = parent.args
        params = {a.arg for a in args.args + args.kwonlyargs + getattr(args, "posonlyargs", [])} | \
            {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        if name in params:
            return _OPAQUE
        values = []
        appended = False
        for sub in ast.walk(parent):
            if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in sub.targets):
                values.append(sub.value)
            elif appends and isinstance(sub, ast.AugAssign) and isinstance(sub.op, ast.Add) and \
                    isinstance(sub.target, ast.Name) and sub.target.id == name:
                appended = True
            elif isinstance(sub, (ast.AugAssign, ast.AnnAssign, ast.For, ast.With)) and \
                    name in _target_names(getattr(sub, "target", None) or ast.Tuple(elts=[])):
                return _OPAQUE
            elif isinstance(sub, (ast.Global, ast.Nonlocal)) and name in sub.names:
                return []
        return _Appended(values) if appended and values else values

    def _attribute_value(self, mod: Module, expr: ast.Attribute, depth: int, strings: bool = False) -> Value:
        """``config.PORT`` (a local module's constant) or ``Settings.PORT`` (a class attribute)."""
        base = dotted(expr.value)
        if not base:
            return UNKNOWN
        head = base.split(".")[0]
        if "." not in base:
            for st in mod.tree.body if mod.tree is not None else ():
                if isinstance(st, ast.ClassDef) and st.name == head:
                    for item in st.body:
                        if isinstance(item, ast.Assign) and any(
                                isinstance(t, ast.Name) and t.id == expr.attr for t in item.targets):
                            return self._eval(mod, item.value, depth + 1, strings)
                    return UNKNOWN
        for imp in mod.imports:
            if imp.in_function:
                continue
            target_name = None
            if not imp.names:  # import config / import pkg.config / import pkg.config as cfg
                if (imp.asname or imp.module) == base:
                    target_name = imp.module
            elif "." not in base and base in imp.asnames:  # from pkg import config
                target_name = f"{imp.module}.{imp.names[imp.asnames.index(base)]}"
            if target_name is None:
                continue
            target = self.module(self.find_module(target_name, self.roots) or "")
            if target is not None and target is not mod:
                return self._name_value(target, expr.attr, None, depth + 1, strings)
        return UNKNOWN


_OPAQUE = object()  # ``_local_bindings``: bound in a way the evaluator does not follow


class _Appended(list):
    """``_local_bindings``: the values assigned, and the function appends to the name (``+=``) too."""


def _end(node) -> int:
    return getattr(node, "end_lineno", None) or node.lineno


_DOTTED_RE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
# Django settings that name modules Django imports at startup (lists, or one dotted path)
_BY_NAME_SETTINGS = ("AUTHENTICATION_BACKENDS",)


def _settings_lists(mod: Module):
    """(setting, [strings]) for module-level ``*APPS``, ``MIDDLEWARE*`` and the settings above, through
    ``try`` blocks; ``+=`` included. Not under an ``if`` (``if DEBUG: INSTALLED_APPS += [...]``): whether it
    runs on the platform depends on configuration this model does not see."""
    stack = [mod.tree.body]
    while stack:
        for st in stack.pop():
            if isinstance(st, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and st.value is not None:
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                for t in targets:
                    if isinstance(t, ast.Name) and (t.id.endswith("APPS") or t.id.startswith("MIDDLEWARE") or
                                                    t.id in _BY_NAME_SETTINGS):
                        yield t.id, [n.value for n in ast.walk(st.value)
                                     if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            elif isinstance(st, ast.Try):
                stack += [st.body, st.orelse, st.finalbody] + [h.body for h in st.handlers]
