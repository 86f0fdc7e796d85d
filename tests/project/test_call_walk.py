"""``Module.calls`` walks only the nodes whose lines mention a wanted name; it must find exactly the calls
(and the deferred ones) the walk that prunes only whole functions finds. Checked on generated modules and
on every Python file of preflight itself."""
from __future__ import annotations

import ast
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from preflight.project import Project
from preflight.project.python import Module
from preflight.project.text import decode

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("run", "open", "start", "Thread", "save", "getenv", "setdefault", "include", "call", "f")


class _Model:
    """What a Module asks of its CodeModel: the project (for the Python the app runs) and dotted names."""
    _resolving = False
    project = Project(tempfile.mkdtemp(prefix="pf-call-walk-"))

    def module_name(self, path):
        return "m"


def _module(source: str) -> Module:
    return Module(_Model(), "m.py", decode("m.py", source.encode("utf-8", "surrogatepass")))


def _same(source: str, names=NAMES) -> None:
    """``calls`` as it is, and as it was with ``_guided`` (which prunes only functions and classes whose
    text lacks the names) as its walk: the same calls, in the same order, deferred alike."""
    mod, reference = _module(source), _module(source)
    reference._call_walk = reference._guided
    got, want = mod.calls(*names), reference.calls(*names)
    assert [(c.lineno, c.col_offset, ast.dump(c)) for c in got] == [(c.lineno, c.col_offset, ast.dump(c)) for c in want]
    assert [mod.deferred(c) for c in got] == [reference.deferred(c) for c in want]


SNIPPETS = [
    "run()\n", "x.run(1)\n", "app.run(\n    host='0.0.0.0',\n    port=5000,\n)\n", "x = [run() for _ in y]\n",
    "@app.run(1)\ndef g():\n    pass\n", "@deco\ndef g():\n    return run()\n", "class C:\n    x = open('f')\n",
    "t = Thread(target=lambda: run())\n", "threading.Thread(target=run).start()\n", "f'{run()}'\n",
    "f'''\n{x}\n{open(1)}\n'''\n", "x.run().run()\n", "if __name__ == '__main__':\n    app.run()\n",
    "try:\n    import a\nexcept ImportError:\n    save()\n", "def outer():\n    def inner():\n        start()\n",
    "async def h():\n    await x.start()\n", "y = (\n    run\n    (1)\n)\n", "s = 'run()'\n", "# run()\n",
    "x = {'k': getenv('A'), **setdefault()}\n", "with open('f') as fh:\n    fh.write(1)\n", "\u0072un()\n",
    "\uff52\uff55\uff4e()\n", "run()\r\nopen()\r\n", "x = 1 if run() else f(f(f()))\n", "call(*a, **k)(run)\n",
    "match x:\n    case 1:\n        run()\n", "lambda: include('a.urls')\n", "x[0](run)\n",
]


@settings(max_examples=120, deadline=2000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=8),
       st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
def test_generated_modules(parts, names):
    source = "".join(parts)
    try:
        ast.parse(source)
    except SyntaxError:
        return
    _same(source, tuple(names))


def test_every_module_of_preflight_itself():
    paths = sorted((ROOT / "preflight").rglob("*.py")) + sorted((ROOT / "rules").rglob("*.py"))
    assert len(paths) > 100
    for path in paths:
        _same(path.read_text(encoding="utf-8"), NAMES + ("load", "memo", "get", "append", "join"))


def test_the_pruned_walk_is_used_and_skips_nodes():
    """Not a vacuous comparison: on plain text the line-pruned walk runs, and visits fewer nodes."""
    source = "def a():\n    x = [1, 2, 3]\n    return x\n\n\nrun(1)\n"
    mod = _module(source)
    assert mod._hit_lines(("run",)) == [6]
    visited = []
    mod._call_walk(("run",), lambda node, wrapped: visited.append(node))
    assert sum(isinstance(n, ast.Call) for n in visited) == 1 and len(visited) < len(list(ast.walk(mod.tree)))
    assert _module("run()\r\n")._hit_lines(("run",)) is None  # a CR: the lines may not be the parser's
