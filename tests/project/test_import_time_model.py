"""What fails as a module is imported (preflight/project/importtime.py), found without running it."""
from __future__ import annotations

from preflight.project import Project
from preflight.project.importtime import import_time_problems, star_exports


def _problems(app, files, path="app.py"):
    project = Project(app({"Procfile": "web: gunicorn app:app\n", **files}))
    mod = project.code.module(path)
    return [(p.line, p.kind, p.name) for p in import_time_problems(project, mod)], project, mod


def test_undefined_names_at_import_and_not_in_functions(app):
    got, _, _ = _problems(app, {"app.py": "def f():\n    return later\napp = make(TOKEN)\n"})
    assert sorted(got) == [(3, "undefined", "TOKEN"), (3, "undefined", "make")]


def test_star_import_provides_names_by_all_or_public_names(app):
    files = {"app.py": "from conf import *\napp = (TOKEN, _private, HIDDEN)\n",
             "conf.py": "__all__ = ['TOKEN', '_private']\nTOKEN = 1\n_private = 2\nHIDDEN = 3\n"}
    got, project, mod = _problems(app, files)
    assert star_exports(project.code, mod) == {"TOKEN", "_private"}
    assert got == [(2, "star-undefined", "HIDDEN")]


def test_star_import_of_a_module_not_here_gives_no_verdict(app):
    got, project, mod = _problems(app, {"app.py": "from conf import *\napp = TOKEN\n"})
    assert star_exports(project.code, mod) is False and got == []


def test_case_mismatch_and_star_in_function(app):
    got, _, _ = _problems(app, {"app.py": "import Config\ndef f():\n    from os import *\napp = 1\n",
                                "config.py": ""})
    assert sorted(got) == [(1, "case", "Config"), (3, "star-in-function", "os")]


def test_names_put_into_builtins_are_defined(app):
    files = {"app.py": "import i18n\napp = _('x')\n", "i18n.py": "import gettext\ngettext.install('shop')\n"}
    assert _problems(app, files)[0] == []
