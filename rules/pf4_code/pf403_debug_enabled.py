"""PF403 debug-enabled: debug mode switched on in the code or command the web process runs."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import quote
from preflight.registry import rule


def _effect(effect: str, p) -> str:
    """What a debug switch exposes (``preflight.project.debugmode.DebugSwitch.effect``)."""
    if effect == "debugger-code":
        return f"turns on the debugger in production: anyone who triggers an error can run code on the {p.dyno}"
    if effect == "tracebacks":
        return "shows tracebacks to every visitor"
    if effect == "django":
        return "in the Django settings the app runs with: error pages show settings and code to every visitor"
    return "turns on the debugger in production"


@rule("PF403", "debug-enabled", "W", "Debug mode is on in the production code path",
      fix="Turn debug off in production: read it from the environment (DEBUG = os.environ.get('DEBUG') == '1').")
def check(project):
    """
    ## What it does
    Finds debug mode switched on in code the web process runs: `app.debug = True`,
    `app.run(debug=True)`, `app.config["DEBUG"] = True`, `FastAPI(debug=True)`, Django's
    `DEBUG = True` in the settings module, and `flask --debug run` / `FLASK_DEBUG=1` on the command
    line (for `flask run` only: `flask db upgrade` before gunicorn serves nothing and exits). A Django
    `DEBUG` that is True while its config var is unset (`os.environ.get('DEBUG', '') != 'False'`) is
    reported too: debug stays on until someone remembers to turn it off. A literal `True` only, possibly through a constant; a value read from the environment is fine,
    and so is debug switched on under a condition (`if os.environ.get("DEBUG"):`) or set again elsewhere
    in the module (`if 'DYNO' in os.environ: DEBUG = False`). Django's `DEBUG` is read from the settings
    the web process loads, as Django resolves it (`production.py` overriding the `base.py` it
    star-imports).

    ## Why it matters
    The Werkzeug debugger lets anyone who reaches an error page run Python code on the dyno, and
    Django's debug pages print settings and environment to every visitor. Debug mode also turns on
    the reloader and slows the app down.

    ## Example
    ```python
    if __name__ == "__main__":   # web: python app.py
        app.debug = True
        app.run(...)
    ```

    ## How to fix
    Delete the line, or read the flag from a config var that is off in production.

    ## Source
    research/heroku.md E11 and H; Flask "Debug Mode" and Django "Deployment checklist" docs.
    """

    from preflight.project.debugmode import debug_switches

    for sw in debug_switches(project):
        yield Violation(sw.path, sw.line, f"{sw.what} {_effect(sw.effect, project.profile)}", col=sw.col,
                        anchor="debug")
    for ep in project.code.entrypoints:
        if ep.process != "web" or ep.server != "flask":
            continue  # only `flask run` serves: `flask db upgrade` exits, and the server after it is another process
        if ep.command.has("--debug") or ep.env.get("FLASK_DEBUG", "").lower() in ("1", "true", "yes") \
                or ep.env.get("FLASK_ENV") == "development":
            yield Violation(ep.source, ep.line, f"{quote(ep.command.text)} runs Flask in debug mode: the "
                                                "interactive debugger is open to every visitor",
                            hint="Remove --debug / FLASK_DEBUG, and serve the app with gunicorn.",
                            anchor=f"{ep.process}-debug")
