"""CodeModel.evaluate: one evaluator for values (literal/env/unknown) and, with strings=True, for the
strings code builds (literal/prefix/env with the variable's name/unknown)."""
from __future__ import annotations

import ast

import pytest

from preflight.project import Project


@pytest.fixture
def module(app):
    """``module(source, **other_files)`` -> (code model, the parsed app.py) for a web app whose entry is app.py."""
    def make(source: str, **files):
        extra = {k.replace("__", "/") + ".py": v for k, v in files.items()}
        code = Project(app({"Procfile": "web: python app.py\n", "app.py": source, **extra})).code
        return code, code.module("app.py")
    return make


def assigned(mod, name: str):
    """The value of the last module-level ``name = ...`` (or of ``return ...`` in function ``name``)."""
    for st in reversed(mod.tree.body):
        if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name) and st.targets[0].id == name:
            return st.value
        if isinstance(st, ast.FunctionDef) and st.name == name:
            return next(s.value for s in ast.walk(st) if isinstance(s, ast.Return))
    raise KeyError(name)


def strings(code, mod, *names):
    return {n: (v.kind, v.value, v.env) for n in names for v in [code.evaluate(mod, assigned(mod, n), strings=True)]}


SOURCE = """import os
BASE = 'https://bot.example.org'
PORT = 8000
a = BASE
b = f'{BASE}/hook'
c = BASE + '/x/' + str(PORT)
d = 'sqlite:///%s.db' % 'app'
e = 'postgres://{}@{}'.format('u', 'h')
f = os.environ.get('DATABASE_URL') or 'sqlite:///fallback.db'
g = os.environ['APP_URL'] + '/bot'
h = f'{os.environ["HOST"]}:{PORT}'
i = PORT
j = '{user}'.format(user='x')
k = 'static'.format()
l = 'a' + 'b' + 'c' + 'd' + 'e' + 'f' + 'g' + 'h' + 'i' + 'j'
"""


def test_literal_prefix_env_and_unknown(module):
    code, mod = module(SOURCE)
    assert strings(code, mod, *"abcdefghijkl") == {
        "a": ("literal", "https://bot.example.org", ""),
        "b": ("literal", "https://bot.example.org/hook", ""),
        "c": ("literal", "https://bot.example.org/x/8000", ""),   # str() of a constant is its text
        "d": ("prefix", "sqlite:///", ""),
        "e": ("prefix", "postgres://", ""),
        "f": ("env", None, "DATABASE_URL"),                        # `env or default`: the env var decides
        "g": ("env", None, "APP_URL"),
        "h": ("env", None, "HOST"),
        "i": ("unknown", None, ""),                               # an int is not a string
        "j": ("prefix", "", ""),
        "k": ("literal", "static", ""),
        "l": ("literal", "abcdefghij", ""),                        # long chains do not run out of depth
    }


def test_values_without_strings_are_as_before(module):
    """Without strings=True the evaluator does not build strings, and env reads carry no variable name."""
    code, mod = module(SOURCE)
    kinds = {n: (v.kind, v.value, v.env) for n in "abfgi" for v in [code.evaluate(mod, assigned(mod, n))]}
    assert kinds == {"a": ("literal", "https://bot.example.org", ""), "b": ("unknown", None, ""),
                     "f": ("env", None, ""), "g": ("unknown", None, ""), "i": ("literal", 8000, "")}


def test_names_locals_parameters_and_imports(module):
    code, mod = module(
        "import os\nfrom conf import URL, ENGINE\nimport conf\n"
        "def local():\n    u = f'https://{conf.HOST}/bot'\n    return u\n"
        "def param(u='https://x.org'):\n    return u\n"
        "def twice(flag):\n    u = 'sqlite:///a.db'\n    if flag:\n        u = os.environ['DATABASE_URL']\n    return u\n"
        "a = URL\nb = ENGINE\nc = conf.HOST\n",
        conf="import os\nHOST = 'mybot.onrender.com'\nURL = f'https://{HOST}/{os.getpid()}'\n"
             "ENGINE = os.getenv('DATABASE_URL')\n")
    assert strings(code, mod, "local", "param", "twice", "a", "b", "c") == {
        "local": ("literal", "https://mybot.onrender.com/bot", ""),
        "param": ("unknown", None, ""),                            # a parameter comes from the caller
        "twice": ("env", None, ""),                                # several assignments, one from the environment
        "a": ("prefix", "https://mybot.onrender.com/", ""),        # through ``from conf import URL``
        "b": ("env", None, "DATABASE_URL"),
        "c": ("literal", "mybot.onrender.com", ""),
    }


def test_known_is_the_text_the_string_starts_with(module):
    code, mod = module(SOURCE)
    known = {n: code.evaluate(mod, assigned(mod, n), strings=True).known for n in "adfi"}
    assert known == {"a": "https://bot.example.org", "d": "sqlite:///", "f": None, "i": None}


def test_assigned_value_follows_one_assignment_only(module):
    code, mod = module("import os\nfrom conf import NAME\nDATA = os.path.join('a', 'b.json')\nX = 1\nX = 2\n"
                       "def f(p):\n    local = open\n    return DATA, X, NAME, p, local\n", conf="NAME = 'n'\n")
    ret = next(n for n in ast.walk(mod.tree) if isinstance(n, ast.Return)).value
    data, x, name, p, local = ret.elts
    assert ast.unparse(code.assigned_value(mod, data)) == "os.path.join('a', 'b.json')"
    assert [code.assigned_value(mod, n) for n in (x, name, p)] == [None, None, None]
    assert ast.unparse(code.assigned_value(mod, local)) == "open"


def test_enclosing_function_is_the_innermost(module):
    code, mod = module("def outer():\n    def inner():\n        return 1\n    return 2\nclass C:\n"
                       "    def m(self):\n        return 3\nx = 4\n")
    names = [getattr(mod.enclosing_function(line), "name", None) for line in (3, 4, 7, 8)]
    assert names == ["inner", "outer", "m", None]


def test_appending_keeps_the_head_and_other_rebinding_hides_it(module):
    code, mod = module(
        "import os\n"
        "def appended():\n    u = os.environ['DATABASE_URL']\n    u += '?sslmode=require'\n    return u\n"
        "def grown():\n    p = 'data/'\n    p += 'x.json'\n    return p\n"
        "def annotated(flag):\n    if flag:\n        s: str = 'long'\n    else:\n        s = 'native'\n    return s\n"
        "def looped():\n    for u in ('a', 'b'):\n        pass\n    return u\n")
    assert strings(code, mod, "appended", "grown", "annotated", "looped") == {
        "appended": ("env", None, "DATABASE_URL"), "grown": ("prefix", "data/", ""),
        "annotated": ("unknown", None, ""), "looped": ("unknown", None, "")}
    # without strings=True an augmented name is not a constant
    grown = assigned(mod, "grown")
    assert code.evaluate(mod, grown).kind == "unknown"
