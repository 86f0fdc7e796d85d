"""PF405 entry-broken: a module on the start path does not compile or fails as it is imported
(the analysis is preflight/project/importtime.py)."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import code_of
from preflight.project.servers import process_phrase
from preflight.registry import rule


def _worded(p) -> tuple[int, int, str, str]:
    """(line, col, what is wrong, anchor) for an ``importtime.ImportProblem``."""
    if p.kind == "undefined":
        return p.line, p.col, f"name '{p.name}' is not defined (NameError at import)", p.name
    if p.kind == "star-undefined":
        return p.line, p.col, (f"name '{p.name}' is not defined: no module star-imported here provides it "
                               "(NameError at import)"), p.name
    if p.kind == "compile":
        return p.line, p.col, f"SyntaxError: {p.detail}", p.name
    if p.kind == "star-in-function":
        return p.line, p.col, f"'from {p.name} import *' inside a function is a SyntaxError in Python 3", \
            "star-in-function"
    return p.line, p.col, (f"importing '{p.name}' fails with ModuleNotFoundError: the file is {p.detail}, and "
                           "module names are case-sensitive on the platform"), f"case-{p.name}"


@rule("PF405", "entry-broken", "E", "A module on the start path does not compile or fails at import",
      fix="Fix the error at this line; run 'python -c \"import <module>\"' locally to see it.")
def check(project):
    """
    ## What it does
    Checks every module a process runs or imports (following local imports from the Procfile,
    Dockerfile or heroku.yml command): it must compile, and pyflakes must find no undefined name in
    the code that runs at import time (module level, class bodies, a `__main__` block that runs). A
    name that a `from local_module import *` does not provide counts; names from a star import of a
    module git does not ship are left to module-gitignored. Names a module sets through `globals()` or
    `exec`, and names put into builtins (`gettext.install()`, `builtins.X = ...`), are not reported. It
    also reports a local module imported in another letter case (`import Config` with `config.py`),
    which works on Windows and macOS disks and fails on the platform's Linux.

    ## Why it breaks the deploy
    The build succeeds, then the process dies on import with `SyntaxError`, `NameError` or
    `ModuleNotFoundError`: the web dyno crashes (**H10 App crashed**), workers restart in a loop.
    Python 2 code (`print "x"`) is the classic case in old tutorials.

    ## Example
    ```python
    print "starting"          # SyntaxError on Python 3
    bot = telebot.TeleBot(TOKEN)   # NameError: TOKEN is never defined
    ```

    ## How to fix
    Fix the syntax error or define the name; `python -c "import app"` reproduces the crash.

    ## Source
    research/heroku.md E10 and F (H10); research/architecture.md B1 (pyflakes as a library).
    """

    from preflight.project.importtime import import_time_problems

    h10 = code_of(project.profile.app_crashed)
    for mod in project.code.start_path():
        who = process_phrase(project, mod.path)
        if mod.error:
            yield Violation(mod.path, mod.error_line, f"{mod.path} does not compile ({mod.error}): {who} crashes when "
                                                      f"it loads it ({h10})", col=mod.error_col, anchor="syntax")
            continue
        for line, col, msg, anchor in sorted(_worded(p) for p in import_time_problems(project, mod)):
            yield Violation(mod.path, line, f"{msg}: {who} crashes when it loads {mod.path} ({h10})", col=col + 1,
                            anchor=anchor)
