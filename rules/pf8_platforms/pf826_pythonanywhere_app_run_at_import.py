"""PF826 pythonanywhere-app-run-at-import: the app module starts its own server when it is imported."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.servers import import_time_server_calls
from preflight.registry import rule


@rule("PF826", "pythonanywhere-app-run-at-import", "E",
      "The app's module starts a server at import time, which hangs PythonAnywhere's web worker",
      fix="Guard the call: put app.run(...) under if __name__ == \"__main__\": (the WSGI file imports the app).",
      platforms=("pythonanywhere",))
def check(project):
    """
    ## What it does
    Reports `app.run(...)` (Flask, Quart, Dash, Flask-SocketIO, Bottle, Sanic) or `uvicorn.run(...)`
    written as a statement at the top level of the app's module, outside `if __name__ ==
    "__main__":`: in the module the web command names, else in the repository's root modules (the
    WSGI file on PythonAnywhere lives off the repository and imports one of them). A call inside a
    function, an `if` or a `try` is not reported (whether it runs at import is not certain).

    ## Why it breaks the deploy
    PythonAnywhere serves the app object through its own WSGI worker: the WSGI file imports the
    module, and a server started at import time blocks the worker forever (or fails to bind), so
    every request times out with a 504 or 502. PythonAnywhere's help calls it the most common Flask
    problem.

    ## Example
    ```
    app = Flask(__name__)
    app.run()                 # at module level
    ```

    ## How to fix
    ```
    if __name__ == "__main__":
        app.run()
    ```

    ## Source
    research/platforms.md §11.1, §11.2 ("never call app.run() at import time"), §11.5, §14 rule 26;
    pythonanywhere/help_pages Flask, Flask504And502Errors; preflight/data/platforms/pythonanywhere.json
    (`words.boot_timeout`).
    """
    p = project.profile
    for mod, call, label in import_time_server_calls(project):
        yield Violation(mod.path, call.lineno, f"{label} runs when {mod.path} is imported: the WSGI file imports "
                                                f"the app, so the server blocks the {p.dyno}: {p.boot_timeout}",
                        col=call.col_offset + 1, anchor=label,
                        hint=f"Put it under if __name__ == \"__main__\": (line {call.lineno} of {mod.path}); "
                             f"{p.title} serves the app object itself.")
