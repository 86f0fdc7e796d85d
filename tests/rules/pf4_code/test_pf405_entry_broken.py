"""PF405 entry-broken: a module on the start path does not compile or fails at import."""
from __future__ import annotations

import pytest
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
