"""What a module on the start path does wrong at import time, found without running it.

``import_time_problems(project, mod)`` lists, for one module a process runs or imports: names pyflakes finds
undefined in the code that runs at import (module level, class bodies, a ``__main__`` block that runs),
names a ``from local import *`` does not provide, compile errors pyflakes reports (``return`` outside a
function...), ``from x import *`` inside a function, and local modules imported in another letter case
(``import Config`` with ``config.py``: found on Windows and macOS disks, not on Linux). Names a module sets
through ``globals()`` or ``exec``, and names put into builtins (``gettext.install()``, ``builtins.X = ...``),
are not problems, and neither are names used only where Python 3 never goes: the body of ``if PY2:`` /
``if six.PY2:`` / ``if sys.version_info[0] == 2:`` (the ``else`` of a Python 3 test), and a ``try`` whose
``except NameError`` handles the name missing (``try: text_type = unicode``). pyflakes is imported only when
a cheap pass says it could find something.

Sources: research/architecture.md B1 (pyflakes as a library); Python's import system (case-sensitive
module lookup on case-sensitive file systems).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re
from preflight.project.stdlib import is_stdlib


@dataclass(frozen=True)
class ImportProblem:
    """One reason a module fails as it is imported. ``kind``: "undefined" (``name`` is never defined),
    "star-undefined" (no star-imported module provides ``name``), "compile" (``detail`` is pyflakes' text,
    ``name`` its message class), "star-in-function" (``name`` is the module), "case" (``name`` is the
    import, ``detail`` the file that exists in another case)."""
    line: int
    col: int       # 0-based
    kind: str
    name: str
    detail: str = ""


# pyflakes messages that mean the module cannot be compiled (Python raises SyntaxError on import)
COMPILE_ERRORS = ("ReturnOutsideFunction", "YieldOutsideFunction", "ContinueOutsideLoop", "BreakOutsideLoop",
                  "DefaultExceptNotLast", "TwoStarredExpressions", "TooManyExpressionsInStarredAssignment",
                  "DuplicateArgument", "FutureFeatureNotDefined", "LateFutureImport")


def import_time_problems(project, mod) -> list[ImportProblem]:
    """Everything that makes ``mod`` (a compiled module on the start path) fail as it is imported."""
    problems = list(_pyflakes_problems(project.code, mod)) + list(_case_mismatches(project, mod))
    problems += [ImportProblem(imp.line, imp.col, "star-in-function", imp.module)
                 for imp in mod.imports if imp.in_function and imp.names == ["*"]]
    return problems


def _pyflakes_problems(code, mod):
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
    python2 = _python2_only(mod)
    for m in sorted(flakes.messages, key=lambda m: (m.lineno, m.col)):
        cls = type(m).__name__
        if not code.live(mod.path, m.lineno):
            continue
        if dynamic and cls in ("UndefinedName", "ImportStarUsage"):
            continue  # globals()[name] = ..., exec(...): names pyflakes cannot see
        if isinstance(m, messages.UndefinedName):
            name = m.message_args[0]
            if any(start <= m.lineno <= end for start, end in python2):
                continue  # Python 2's unicode/basestring/long under a Python 2 branch: never run on Python 3
            yield ImportProblem(m.lineno, m.col, "undefined", name)
        elif cls in ("ImportStarUsage",):
            name = m.message_args[0]
            if star_names is None:
                star_names = star_exports(code, mod)
            if star_names is not False and name not in star_names:
                yield ImportProblem(m.lineno, m.col, "star-undefined", name)
        elif cls in COMPILE_ERRORS:
            yield ImportProblem(m.lineno, m.col, "compile", cls, m.message % m.message_args)


# Tests of the running Python's major version: the name a compat module gives it, or sys.version(_info).
_PY2_TEST_RE = lazy_re(r"(?:\w+\.)?(?:IS_?)?PY(?:THON)?_?2K?|sys\.version_info(?:\[0\]|\.major)(?:==2|<3|<=2)|"
                       r"sys\.version_info<\(3,?\)|sys\.version(?:\[0\])?(?:==|<)['\"][23]['\"]|"
                       r"int\(sys\.version\[0\]\)(?:==2|<3)", flags=re.I)
_PY3_TEST_RE = lazy_re(r"(?:\w+\.)?(?:IS_?)?PY(?:THON)?_?3K?|sys\.version_info(?:\[0\]|\.major)(?:==3|>=3|>2)|"
                       r"sys\.version_info>=\(3(?:,\d+)*,?\)|int\(sys\.version\[0\]\)(?:==3|>=3|>2)", flags=re.I)


def _python2_only(mod) -> list[tuple[int, int]]:
    """Line ranges only Python 2 runs, and ``try`` bodies whose ``except NameError`` handles a missing name."""
    text = mod.text.text
    if mod.tree is None or not any(w in text for w in ("PY2", "PY3", "version", "NameError")):
        return []
    ranges = []
    for node in ast.walk(mod.tree):
        if isinstance(node, ast.If):
            test, flip = node.test, False
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                test, flip = test.operand, True
            shown = ast.unparse(test).replace(" ", "")
            py2 = bool(_PY2_TEST_RE.fullmatch(shown))
            py3 = bool(_PY3_TEST_RE.fullmatch(shown))
            branch = node.body if py2 != flip and (py2 or py3) else node.orelse if py2 or py3 else None
            if branch:
                ranges.append((branch[0].lineno, branch[-1].end_lineno or branch[-1].lineno))
        elif isinstance(node, ast.Try) and node.body and any(_catches_name_error(h.type) for h in node.handlers):
            ranges.append((node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno))
    return ranges


def _catches_name_error(kind) -> bool:
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any(isinstance(n, ast.Name) and n.id == "NameError" for n in names)


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
            yield ImportProblem(imp.line, imp.col, "case", name, variant)
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


def star_exports(code, mod, depth: int = 0):
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
            inner = star_exports(code, target, depth + 1)
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


_STOPS = frozenset({ast.Return, ast.Yield, ast.YieldFrom, ast.Await, ast.Break, ast.Continue, ast.Global,
                    ast.Nonlocal})
_DEFS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda})


def _suspicious(mod) -> bool:
    """A cheap pass over import-time code: could pyflakes find something? (Most modules: no.) One loop over
    ``_walk_import_time``'s nodes, dispatched on the node's type (a set lookup, not a chain of isinstance)."""
    if mod.star_imports:
        return True
    bound = {}
    for name, bindings in mod.top_names.items():
        bound[name] = min(line for line, _ in bindings)
    name_type, load, builtins = ast.Name, ast.Load, _BUILTINS
    for node in _walk_import_time(_non_trivial(mod.tree)):
        kind = type(node)
        if kind is name_type:
            if type(node.ctx) is load:
                first = bound.get(node.id)
                if node.id not in builtins and (first is None or first > node.lineno):
                    return True
            else:
                bound.setdefault(node.id, node.lineno)
        elif kind in _STOPS:
            return True
        elif kind in _DEFS:
            args = node.args
            names = [a.arg for a in args.args + args.kwonlyargs + getattr(args, "posonlyargs", [])]
            if len(names) != len(set(names)):
                return True
        elif kind is ast.ImportFrom and node.module == "__future__":
            return True
        elif kind is ast.ExceptHandler and node.name:
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
    from preflight.project.python import child_nodes

    functions, lam, arguments = (ast.FunctionDef, ast.AsyncFunctionDef), ast.Lambda, ast.arguments
    stack = [tree]
    pop, extend, append = stack.pop, stack.extend, stack.append
    while stack:
        node = pop()
        yield node
        kind = type(node)
        if kind in functions:
            extend(node.decorator_list)
            extend(d for d in node.args.defaults + node.args.kw_defaults if d is not None)
            append(node.args)
            if node.returns is not None:
                append(node.returns)
            continue
        if kind is lam:
            extend(d for d in node.args.defaults + node.args.kw_defaults if d is not None)
            continue
        if kind is arguments:
            extend(a.annotation for a in node.args + node.kwonlyargs + getattr(node, "posonlyargs", [])
                   if a.annotation is not None)
            continue
        extend(child_nodes(node))


def _module_level(mod):
    """A copy of the module where function bodies are reduced to their ``global`` statements."""
    import copy

    def globals_in(fn):
        segment = mod.segment(fn.lineno, getattr(fn, "end_lineno", None) or fn.lineno)
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
