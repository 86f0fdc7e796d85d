"""What a start command needs installed: the programs processes run, the distributions that provide them,
and whether the project's dependencies install them.

``command_distributions(argv)`` maps a command (``gunicorn app:app``, ``python -m uvicorn``, ``newrelic-admin
run-program gunicorn ...``) to (what runs, the distributions that provide it, how it fails without them);
``provided(deps, dist)`` says whether production installs one of them; ``process_commands(project)`` lists
the commands the platform runs (the Procfile, or heroku.yml in container mode).

The tables below are platform-independent facts about the tools (their console scripts and modules, from
each project's packaging metadata). They are kept together so they can join the one server/framework table.
"""
from __future__ import annotations

from preflight.lazyre import lazy_re

from preflight.project import webservers
from preflight.project.names import canonical

# Process executables, `python -m` modules and gunicorn --worker-class values -> the distributions that
# provide them: views of the one server/framework table (preflight/project/webservers.py).
EXECUTABLES = webservers.executables()
MODULES = webservers.python_modules()
WORKER_CLASSES = webservers.worker_classes()
# Wrappers that run another command: (argv index where the wrapped command starts, or None to skip options).
# bin/start-nginx (heroku-buildpack-nginx) and bin/start-pgbouncer (heroku-buildpack-pgbouncer) start
# their daemon, then run the rest of the line as the app; bin/start-nginx-solo runs nginx alone.
WRAPPERS = {"newrelic-admin": 2, "ddtrace-run": None, "opentelemetry-instrument": None, "start-nginx": 1,
            "start-nginx-debug": 1, "start-pgbouncer": 1, "start-pgbouncer-stunnel": 1, "start-stunnel": 1}
# Distributions that bring another one with them (pip resolves them; requirements.txt does not show it).
PROVIDED_BY = {
    "uvicorn": ("fastapi[standard]", "fastapi[all]", "fastapi-cli[standard]", "chainlit", "gradio"),
    "flask": ("flask-*", "dash", "connexion[flask]"),
    "alembic": ("flask-migrate",),
    "celery": ("django-celery-beat", "django-celery-results", "flower"),
    "daphne": ("channels[daphne]",),
    "hypercorn": ("quart",),
    "fastapi-cli": ("fastapi[standard]", "fastapi[all]"),
}
# Distributions to suggest instead of the bare one, and how the program fails without them: plain `fastapi`
# ships a `fastapi` script that only raises 'To use the fastapi command, please install "fastapi[standard]"'.
INSTALL_AS = {"fastapi-cli": "fastapi[standard]"}
STUB_CRASH = {"fastapi": "'To use the fastapi command, please install \"fastapi[standard]\"'"}
PYTHON_RE = lazy_re(r"^python(\d(\.\d+)?)?$")


def _after_options(argv: list[str], start: int) -> list[str]:
    i = start
    while i < len(argv) and argv[i].startswith("-"):
        i += 1 if "=" in argv[i] else 2
    return argv[i:]


def command_distributions(argv: list[str], depth: int = 0) -> list[tuple[str, tuple, str]]:
    """(what runs, the distributions that provide it, how it fails without them) for a command's argv."""
    if not argv or depth > 3:
        return []
    program = argv[0].rsplit("/", 1)[-1]
    out = []
    if PYTHON_RE.match(program):
        if "-m" not in argv[1:]:
            return []
        i = argv.index("-m", 1)
        module = argv[i + 1].split(".", 1)[0] if i + 1 < len(argv) else ""
        if module not in MODULES:
            return []
        out.append((f"python -m {argv[i + 1]}", MODULES[module],
                    STUB_CRASH.get(module, f"'No module named {module}'")))
        program = module
    elif program in EXECUTABLES:
        out.append((program, EXECUTABLES[program], STUB_CRASH.get(program, f"'{program}: command not found' "
                                                                            "(exit 127)")))
    if program == "gunicorn":
        from preflight.project.commands import SimpleCommand

        worker = SimpleCommand(argv).option("-k", "--worker-class") or ""
        for prefix, dists in WORKER_CLASSES.items():
            if worker == prefix or worker.startswith(prefix + "."):
                out.append((f"gunicorn with worker class {worker}", dists,
                            "ModuleNotFoundError as gunicorn loads the worker class"))
    if program in WRAPPERS:
        start = WRAPPERS[program]
        rest = argv[start:] if start is not None else _after_options(argv, 1)
        out.extend(command_distributions(rest, depth + 1))
    return out


def runs_python(command) -> bool:
    """A simple command that starts Python or a Python tool (``python bot.py``, ``gunicorn app:app``)."""
    return command.program in EXECUTABLES or bool(PYTHON_RE.match(command.program))


def linux_excluded(deps, dist: str):
    """The main dependency ``dist`` when its marker matches no dyno (``waitress; sys_platform == "win32"``)."""
    from preflight.project.linux import never_on_linux

    dep = deps.main.get(canonical(dist))
    return dep if dep is not None and never_on_linux(getattr(dep, "marker", "")) else None


def provided(deps, dist: str) -> bool:
    """Production installs ``dist``: declared (on Linux), installed through the lock, or brought by a
    distribution that depends on it (``uvicorn`` through ``fastapi[standard]``)."""
    if linux_excluded(deps, dist) is not None:
        return False
    if deps.provides(dist):
        return True
    for provider in PROVIDED_BY.get(dist, ()):
        name, _, extra = provider.partition("[")
        extra = extra.rstrip("]")
        if name.endswith("*"):
            if any(k.startswith(name[:-1]) for k in deps.main):
                return True
            continue
        dep = deps.main.get(canonical(name))
        if dep is not None and (not extra or extra in {canonical(e) for e in dep.extras}):
            return True
    return False


def process_commands(project) -> list[tuple[str, int, str, str]]:
    """(path, line, process name, command) for every command the platform runs: the Procfile's processes
    (buildpack mode) or heroku.yml's run and release commands (container mode)."""
    if project.mode == "buildpack":
        pf = project.procfile
        return [(pf.path, proc.line, proc.name, proc.command) for proc in (pf.processes if pf is not None else ())]
    hy = project.heroku_yml
    if hy is None or not hy.shipped:
        return []  # what git push builds runs only the heroku.yml git carries
    return [(hy.path, line, name, cmd) for name, cmd, line in hy.commands()]
