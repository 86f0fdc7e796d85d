"""PF405 entry-broken: a module on the start path does not compile or fails at import."""
from __future__ import annotations

import sys

import pytest
from conftest import severities_at
from code_apps import AS_SCRIPT, FLASK, MAIN, SERVED


@pytest.mark.parametrize("files,where", [
    ({**AS_SCRIPT, "app.py": "import os\n\nprint 'starting'\n"}, ("app.py", 3)),
    ({**SERVED, "app.py": FLASK + "from views import *\n", "views.py": "def index():\n    return 1\n  x = 2\n"},
     ("views.py", 3)),
    ({**AS_SCRIPT, "app.py": "import telebot\nbot = telebot.TeleBot(TOKEN)\n"}, ("app.py", 2)),
    ({**SERVED, "app.py": "app = create_app()\n\ndef create_app():\n    return 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from settings import *\nbot = make(TOKEN)\n", "settings.py": "def make(t):\n    pass\n"},
     ("app.py", 2)),
    ({**SERVED, "app.py": "def f():\n    from os import *\napp = 1\n"}, ("app.py", 2)),
    ({**SERVED, "app.py": "app = 1\nreturn app\n"}, ("app.py", 2)),
    ({**AS_SCRIPT, "app.py": FLASK + MAIN + "    app.run(port=PORT)\n"}, ("app.py", 7)),
    # a module imported in another letter case: works on Windows/macOS disks, not on the platform
    ({**SERVED, "app.py": "import Config\napp = Config.APP\n", "config.py": "APP = 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from Handlers.start import app\n", "handlers/__init__.py": "",
      "handlers/start.py": "app = 1\n"}, ("app.py", 1)),
    ({**SERVED, "app.py": "from handlers import Start\napp = 1\n", "handlers/__init__.py": "",
      "handlers/start.py": ""}, ("app.py", 1)),
    # globals() only read, and gettext without install(): still a NameError
    ({**SERVED, "app.py": "import gettext\nt = gettext.translation('x')\nconf = globals()\napp = _('x')\n"},
     ("app.py", 4)),
])
def test_entry_broken(check, files, where):
    assert check(files, "entry-broken") == [("entry-broken", *where)]


@pytest.mark.parametrize("files", [
    # an undefined name inside a function only fails when it is called
    {**SERVED, "app.py": FLASK + "def handler():\n    return missing_name\n"},
    # ... and in a __main__ block gunicorn never runs
    {**SERVED, "app.py": FLASK + MAIN + "    app.run(port=PORT)\n"},
    # names a local star import provides
    {**SERVED, "app.py": "from settings import *\napp = make(TOKEN)\n",
     "settings.py": "import os\nTOKEN = os.environ['TOKEN']\ndef make(t):\n    return t\n"},
    # a star import of an ignored module: module-gitignored says it, not this rule
    {"Procfile": "web: python flask_app.py\n", ".gitignore": "conf.py\n",
     "flask_app.py": "import telebot\nfrom conf import *\nbot = telebot.TeleBot(TOKEN)\n"},
    # a broken file that no process loads
    {**SERVED, "app.py": FLASK, "scratch.py": "print 'old'\n"},
    # class bodies, comprehensions, globals set by a function, conditional definitions
    {**SERVED, "app.py": "import os\nclass C:\n    A = 1\n    B = A + 1\nXS = [x * 2 for x in range(3)]\n"
                         "def setup():\n    global G\n    G = 1\nsetup()\nprint(G)\n"
                         "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
                         "app = json.dumps(XS)\n"},
    # the right case; a third-party module that a local file's name resembles; a name the package defines
    {**SERVED, "app.py": "import config\nimport Crypto\nfrom handlers import Start\napp = 1\n",
     "config.py": "", "crypto.py": "", "handlers/__init__.py": "Start = 1\n", "handlers/start.py": ""},
    # globals set dynamically, names gettext.install() or another module puts into builtins
    {**SERVED, "app.py": "import os\nfor _n in ('KEY', 'DB'):\n    globals()[_n] = os.environ.get(_n)\napp = KEY\n"},
    {**SERVED, "app.py": "import i18n\nimport setup_env\nTITLE = _('Shop')\napp = ROOT\n",
     "i18n.py": "import gettext\ngettext.install('shop', localedir='locale')\n",
     "setup_env.py": "import builtins\nbuiltins.ROOT = '/app'\n"},
    # builtins of a newer Python than the one preflight runs on (3.13 here)
    {**SERVED, ".python-version": "3.13\n",
     "app.py": "from conf import *\nFATAL = (PythonFinalizationError, ExceptionGroup)\nnxt = anext\napp = X\n",
     "conf.py": "X = 1\n"},
])
def test_entry_not_broken(check, files):
    assert check(files, "entry-broken") == []


def test_entry_broken_points_at_the_line_that_fails(check):
    files = {**SERVED, "app.py": FLASK + "TOKEN = os.environ['TOKEN']\nbot = make_bot(TOKEN)\n"}
    assert check(files, "entry-broken") == [("entry-broken", "app.py", 6)]
    # the same name defined before use is fine
    files["app.py"] = FLASK + "def make_bot(token):\n    return token\nbot = make_bot(1)\n"
    assert check(files, "entry-broken") == []



# FALSE_ALARMS.md E-python2-branch: ('entry-broken', 'compat.py', 6) must stay quiet;
# its true look-alike ('entry-broken', 'compat.py', 3) still fires.
PY2_BRANCH = {
    '.gitignore': '.env\n__pycache__/\n',
    'Procfile': 'web: gunicorn app:app\n',
    '.python-version': '3.13\n',
    'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\n',
    'app.py': 'import flask\n\nfrom compat import text_type\n\napp = flask.Flask(__name__)\n',
    'compat.py': ('import sys\n\nPY2 = int(sys.version[0]) == 2\n\nif PY2:\n    text_type = unicode  # noqa\nelse:'
                  '\n    text_type = str\n'),
}
PY2_BRANCH_LOOKALIKE = {
    **PY2_BRANCH,
    'compat.py': 'import sys\n\ntext_type = unicode  # noqa\n',
}


def test_e_python2_branch_is_quiet(app):
    assert severities_at(app(PY2_BRANCH, git=True), 'entry-broken', 'compat.py', 6) == []


def test_e_python2_branch_lookalike_fires(app):
    found = severities_at(app(PY2_BRANCH_LOOKALIKE, git=True), 'entry-broken', 'compat.py', 3)
    assert found in (['error'], ['warning'])


@pytest.mark.parametrize("compat", [
    "import six\n\nif six.PY2:\n    text_type = unicode\nelse:\n    text_type = str\n",
    "import sys\n\nif sys.version_info[0] >= 3:\n    text_type = str\nelse:\n    text_type = unicode\n",
    "import sys\n\nif not sys.version_info < (3,):\n    text_type = str\nelse:\n    text_type = unicode\n",
    "try:\n    text_type = unicode\nexcept NameError:\n    text_type = str\n",
])
def test_python2_names_under_a_version_test_are_not_undefined(check, compat):
    assert check({**PY2_BRANCH, "compat.py": compat}, "entry-broken", git=True) == []


def test_python3_branch_names_are_still_checked(check):
    # the look-alike: the Python 3 side of the test runs, so an undefined name there still crashes
    compat = "import six\n\nif six.PY2:\n    text_type = unicode\nelse:\n    text_type = strr\n"
    assert check({**PY2_BRANCH, "compat.py": compat}, "entry-broken", git=True) == [("entry-broken", "compat.py", 6)]


# FALSE_ALARMS.md E-newer-syntax-than-checker: PEP 695 on a project that pins 3.12, checked from an older Python.
NEWER_SYNTAX_APP = {
    ".gitignore": ".env\n__pycache__/\n",
    "Procfile": "web: gunicorn app:app\n",
    ".python-version": "3.12\n",
    "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
    "app.py": "import flask\n\nfrom prices import quantize\n\napp = flask.Flask(__name__)\n",
    "prices.py": "from decimal import Decimal\n\ntype Amount = Decimal | int\n\n\n"
                 "def quantize[T: (Decimal, int)](value: T) -> T:\n    return value\n",
}


def test_newer_syntax_than_the_checker_is_one_repo_info(app):
    from conftest import rule_findings
    found = rule_findings(app(NEWER_SYNTAX_APP, git=True), "entry-broken")
    if sys.version_info >= (3, 12):
        assert found == []  # this Python parses it: nothing to say
        return
    assert [(f.path, f.line, f.severity.value) for f in found] == [(".", 0, "info")]
    assert "prices.py:3 uses syntax of Python 3.12" in found[0].message
    assert "Run preflight on Python 3.12" in found[0].hint


def test_real_syntax_error_on_a_newer_project_still_fires(check):
    # the look-alike: an unclosed parenthesis is an error for every Python
    unclosed = "from decimal import Decimal\n\n\ndef quantize(value:\n    return value\n"
    files = {**NEWER_SYNTAX_APP, "prices.py": unclosed}
    assert check(files, "entry-broken", git=True) == [("entry-broken", "prices.py", 4)]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="needs a Python that parses match statements")
def test_syntax_the_pinned_older_python_cannot_parse_fires(app):
    from conftest import rule_findings
    files = {**NEWER_SYNTAX_APP, ".python-version": "3.9\n",
             "prices.py": "def quantize(value):\n    match value:\n        case int():\n            return value\n"}
    found = rule_findings(app(files, git=True), "entry-broken")
    assert [(f.path, f.line, f.severity.value) for f in found] == [("prices.py", 4, "error")]  # where the parser stops
    assert "the app runs Python 3.9" in found[0].message
    # the look-alike: the same code on the 3.10 it needs
    assert rule_findings(app({**files, ".python-version": "3.10\n"}, git=True), "entry-broken") == []


# issue #8 miss: a module saved in a legacy encoding without a coding cookie crashes at import
LEGACY_BOT = {"Procfile": "worker: python bot.py\n", "requirements.txt": "requests==2.32.3\n"}
CP1251_COMMENT = "# Привет\n".encode("cp1251")


def test_legacy_encoding_without_a_cookie_is_entry_broken(app):
    from conftest import rule_findings
    root = app({**LEGACY_BOT, "bot.py": b"import os\n\n" + CP1251_COMMENT + b"print(os.environ.get('X'))\n"})
    [found] = rule_findings(root, "entry-broken")
    assert (found.path, found.line, found.severity.value) == ("bot.py", 3, "error")
    assert "Non-UTF-8 code starting with '\\xcf' on line 3, but no encoding declared" in found.message


def test_legacy_encoding_with_a_coding_cookie_is_not_broken(check):
    text = b"# -*- coding: cp1251 -*-\nimport os\n" + CP1251_COMMENT + b"print(os.environ.get('X'))\n"
    assert check({**LEGACY_BOT, "bot.py": text}, "entry-broken") == []
