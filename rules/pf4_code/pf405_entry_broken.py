"""PF405 entry-broken: a module on the start path does not compile or fails as it is imported
(the analysis is preflight/project/importtime.py)."""
from __future__ import annotations

import sys

from preflight.findings import REPO, Severity, Violation
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

    Modules are parsed as the app's Python parses them (the pin, the image's python base, else the
    platform's default). When that Python is newer than the one running preflight, a file that fails
    only on syntax added since (PEP 695 `type X = ...` and `def f[T]()`, PEP 701 f-strings, t-strings,
    `except A, B:`) is not reported as broken: one info finding at the repository level names those
    files and says to run preflight on the newer Python. When the app's Python is older, syntax it
    cannot parse (a `match` statement on 3.9) is reported. Names used only under a Python 2 branch
    (`if PY2:`, `if six.PY2:`, `if sys.version_info[0] == 2:`, the `else` of a Python 3 test) or in a
    `try` whose `except NameError` handles them are not undefined names.

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
    unchecked = []   # (module, the release whose syntax it uses): not parseable by the running Python
    for mod in project.code.start_path():
        who = process_phrase(project, mod.path)
        if mod.error and mod.newer_syntax:
            unchecked.append(mod)
            continue
        if mod.error:
            yield Violation(mod.path, mod.error_line, f"{mod.path} does not compile ({mod.error}): {who} crashes when "
                                                      f"it loads it ({h10})", col=mod.error_col, anchor="syntax")
            continue
        for line, col, msg, anchor in sorted(_worded(p) for p in import_time_problems(project, mod)):
            yield Violation(mod.path, line, f"{msg}: {who} crashes when it loads {mod.path} ({h10})", col=col + 1,
                            anchor=anchor)
    if unchecked:
        newest = max(mod.newer_syntax for mod in unchecked)
        release, running = f"{newest[0]}.{newest[1]}", f"{sys.version_info[0]}.{sys.version_info[1]}"
        where = ", ".join(f"{mod.path}:{mod.error_line}" for mod in unchecked[:3])
        what = f"{where} uses" if len(unchecked) == 1 else \
            f"{len(unchecked)} modules on the start path ({where}{', ...' if len(unchecked) > 3 else ''}) use"
        yield Violation(REPO, 0, f"{what} syntax of Python {release}, which the app runs but the Python {running} "
                                 "running preflight cannot parse: not checked",
                        hint=f"Run preflight on Python {release} or newer to check them, e.g. "
                             f"'uvx --python {release} --from paas-preflight preflight check'.",
                        severity=Severity.INFO, anchor="newer-syntax")
