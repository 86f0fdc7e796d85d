"""PF1xx Processes: what the Procfile itself shows.

Sources: Heroku Dev Center "The Procfile" (process types, the web process, release phase), the CNB Procfile
spec (heroku/buildpacks-procfile SPEC.md), and the failure catalog in research/heroku.md sections C and E
(H14, R10, H10). PF105-PF107 (targets, dev servers, $PORT) need code analysis and live in rules/entrypoints.
"""
from __future__ import annotations

import re

from preflight.findings import REPO, Severity, Violation
from preflight.lazyre import lazy_re
from preflight.registry import rule

# Names users give the Procfile that the platform does not read (Windows editors add ".txt"), compared
# case-insensitively; "Procfile.dev" and friends are deliberate local variants and stay out of this list.
MISNAMED_SUFFIXES = ("", ".txt", ".text", ".yml", ".yaml", ".py", ".md", ".sh", ".rtf", ".json", ".toml", ".")


def misnamed_procfile(project) -> Violation | None:
    """The procfile-misnamed finding, or None; procfile-missing and procfile-no-web defer to it."""
    if project.index.is_dir("Procfile"):
        return Violation("Procfile", 0, "'Procfile' is a folder; the platform needs a file with that name, so no "
                                        "process types are declared (H14)",
                         hint="Rename or remove the 'Procfile' folder and put a file named Procfile at the root.")
    if project.shipped("Procfile"):
        return None
    names = sorted(set(project.index.root_names) | {f for f in project.files if "/" not in f})
    wrong = {"procfile" + s for s in MISNAMED_SUFFIXES}
    for name in names:
        if name != "Procfile" and name.lower() in wrong and not project.index.is_dir(name):
            return Violation(name, 0, f"the process file is named '{name}'; the platform only reads 'Procfile', "
                                      "so no process types are declared (H14)",
                             hint=f"Rename it: git mv '{name}' Procfile", anchor=name)
    from preflight.project.dependencies import auxiliary

    nested = sorted((f for f in project.files if f.endswith("/Procfile") and not auxiliary(f)),
                    key=lambda f: (f.count("/"), f))
    if nested:
        return Violation(nested[0], 0, f"'{nested[0]}' is in a subfolder; the platform only reads a Procfile "
                                       "at the root of the repository",
                         hint="Move it to the root, or deploy that folder as its own app (a monorepo buildpack "
                              "with APP_BASE).", anchor=nested[0])
    return None


@rule("PF102", "procfile-misnamed", "E", "The Procfile is misnamed, is a folder, or is only in a subfolder",
      fix="Rename the file to exactly 'Procfile' (no extension, capital P) at the repository root: "
          "git mv <file> Procfile", modes=["buildpack"])
def procfile_misnamed(project):
    """
    ## What it does
    Finds a process file the platform will not read: `Procfile.txt` (Windows editors add the
    extension), `procfile`, `PROCFILE`, `Procfile.yml`, a folder named `Procfile`, or a `Procfile`
    that exists only in a subfolder. `Procfile.dev` and similar deliberate variants are left alone,
    and so are Procfiles in documentation, example and test folders (`docs/`, `examples/`,
    `tests/fixtures/`...).

    ## Why it breaks the deploy
    The platform looks for a file named exactly `Procfile` at the root of the pushed tree. Any
    other name is ignored: the build succeeds, no process types are declared, and every request
    gets **H14 No web processes running**.

    ## Example
    ```
    Procfile.txt        <- ignored
    ```

    ## How to fix
    `git mv Procfile.txt Procfile`; on Windows, turn on "file name extensions" in Explorer to see
    the hidden `.txt`.

    ## Source
    Heroku Dev Center, "The Procfile" ("Procfile.txt is not valid"; it must live in the root);
    research/heroku.md E02.
    """
    found = misnamed_procfile(project)
    if found:
        yield found


# --------------------------------------------------------------------------------------------------
# procfile-missing

# A start command to suggest per framework (first match wins); {module} is the likely entry module.
START_EXAMPLES = (
    ("django", "web: gunicorn {django}.wsgi"),
    ("streamlit", "web: streamlit run {module}.py --server.port $PORT --server.address 0.0.0.0"),
    ("fastapi", "web: uvicorn {module}:app --host 0.0.0.0 --port $PORT"),
    ("starlette", "web: uvicorn {module}:app --host 0.0.0.0 --port $PORT"),
    ("litestar", "web: uvicorn {module}:app --host 0.0.0.0 --port $PORT"),
    ("aiohttp", "web: python {module}.py  (listening on 0.0.0.0 and int(os.environ['PORT']))"),
)
DEFAULT_START = "web: gunicorn {module}:app"
ENTRY_CANDIDATES = ("app", "main", "wsgi", "server", "application", "run", "bot")


SERVERS_ONLY = ("gunicorn", "uvicorn", "hypercorn", "daphne", "waitress")
# Web frameworks that are HTTP clients too (every aiogram bot depends on aiohttp): declaring one makes a web
# app only when the code imports its server side.
CLIENT_TOO = ("aiohttp", "tornado")
SERVER_SIDE_RE = lazy_re(r"^[ \t]*(?:from[ \t]+(?:aiohttp|tornado)[ \t]+import[^#\n]*\b(?:web|httpserver)\b"
                         r"|(?:from|import)[ \t]+(?:aiohttp\.web|tornado\.web|tornado\.httpserver)\b)", re.M)
MAX_SCANNED = 2000  # .py files read to find that server side; past it, stay with what the dependencies say


def is_web_app(project) -> bool:
    """``project.is_web_app``, except that aiohttp or tornado alone count only when the code serves with them."""
    if not project.is_web_app:
        return False
    from preflight.project import WEB_FRAMEWORKS

    pf = project.procfile
    deps = project.dependencies
    declared = (set(deps.main) | set(deps.dev)) & WEB_FRAMEWORKS
    if (pf is not None and pf.get("web") is not None) or declared - set(CLIENT_TOO):
        return True
    scripts = [f for f in project.files if f.endswith(".py")]
    if len(scripts) > MAX_SCANNED:
        return True
    for path in scripts:
        tf = project.text(path)
        if tf is not None and ("aiohttp" in tf.text or "tornado" in tf.text) and SERVER_SIDE_RE.search(tf.text):
            return True
    return False


def _web_evidence(project) -> tuple[str, str]:
    """(the declared web framework or server that makes this a web app, "is declared in FILE:LINE")."""
    from preflight.project import WEB_FRAMEWORKS

    deps = project.dependencies
    declared = sorted((set(deps.main) | set(deps.dev)) & WEB_FRAMEWORKS)
    frameworks = [d for d in declared if d not in SERVERS_ONLY]
    name = (frameworks or declared or [""])[0]
    if not name:
        return "a web framework", "is declared"
    dep = deps.main.get(name) or deps.dev.get(name)
    path, line = getattr(dep, "path", ""), getattr(dep, "line", 0)
    where = f" in {path}:{line}" if path and line else f" in {path}" if path else ""
    return name, f"is declared{where}"


def start_example(project, evidence: str) -> str:
    """A plausible `web:` line for the hint, from the framework and the files at the root."""
    shipped_root = {f for f in project.files if "/" not in f}
    module = next((m for m in ENTRY_CANDIDATES if f"{m}.py" in shipped_root), None)
    if module is None:
        module = next((f[:-3] for f in sorted(shipped_root) if f.endswith(".py") and f != "setup.py"), "app")
    django = next((f.split("/")[0] for f in project.files if f.count("/") == 1 and f.endswith("/wsgi.py")),
                  "yourproject")
    template = dict(START_EXAMPLES).get(evidence, DEFAULT_START)
    return template.format(module=module, django=django)


@rule("PF101", "procfile-missing", "E", "A web app with no Procfile at the repository root",
      fix="Add a file named 'Procfile' at the root with a web process, e.g. 'web: gunicorn app:app'.",
      modes=["buildpack"])
def procfile_missing(project):
    """
    ## What it does
    Reports a web app (a web framework or server among the declared dependencies; aiohttp and
    tornado only when the code imports their server side) deployed with a buildpack that has no
    `Procfile` at the repository root and no `run` section in `heroku.yml`.
    It stays silent when a misnamed Procfile exists (procfile-misnamed reports it), when a
    `Procfile` is on disk but not committed (deploy-file-untracked reports it), in container
    mode, where the image's `CMD` starts the app, and for a package published to an index (a
    Flask or Django extension: package metadata with a build backend, and no deploy file, root
    entry script or WSGI/ASGI server).

    The finding is about the repository (`.`, line 0): the missing file has no line to point at,
    and the message names the dependency that makes it a web app.

    ## Why it breaks the deploy
    Neither Python buildpack declares a default process, so without a Procfile the build succeeds,
    no web dyno starts, and every request gets **H14 No web processes running**.

    ## Example
    ```
    requirements.txt    flask, gunicorn
    app.py
    (no Procfile)
    ```

    ## How to fix
    Add a `Procfile` at the root: `web: gunicorn app:app` for Flask (module `app.py`, object
    `app`), `web: gunicorn myproject.wsgi` for Django, `web: uvicorn main:app --host 0.0.0.0
    --port $PORT` for FastAPI.

    ## Source
    Heroku Dev Center, "The Procfile"; classic buildpack `bin/release` and the CNB declare no
    process; research/heroku.md E01, F (H14).
    """
    if project.exists("Procfile") or misnamed_procfile(project) is not None:
        return
    yml = project.manifests.heroku_yml if project.exists("heroku.yml") else None
    if isinstance(yml, dict) and yml.get("run"):
        return
    if not is_web_app(project):
        return
    from preflight.project.dependencies import is_library

    if is_library(project):
        return  # a Flask/Django extension published to PyPI: nothing here is deployed
    evidence, where = _web_evidence(project)
    yield Violation(REPO, 0, f"no Procfile at the repository root, and this is a web app ({evidence} {where}): "
                             "the buildpack starts no web process, so every request gets H14 (No web processes "
                             "running)",
                    hint=f"Add a file named 'Procfile' at the root with a web process, e.g. "
                         f"'{start_example(project, evidence)}'.", anchor="Procfile")


# --------------------------------------------------------------------------------------------------
# procfile-invalid

@rule("PF103", "procfile-invalid", "E", "A Procfile line the platform rejects or misreads",
      fix="Write one 'name: command' per line (e.g. 'web: gunicorn app:app'), saved as UTF-8 with LF endings.",
      modes=["buildpack"])
def procfile_invalid(project):
    """
    ## What it does
    Checks the Procfile's format: a byte-order mark, UTF-16, CRLF line endings, a line that is not
    `type: command` (a missing colon, a space before the colon, YAML list syntax `- web: ...`, a
    process type with spaces or dots, a `\\` continuation onto the next line), a line that is only
    the start command (`gunicorn app:app`: the hint puts `web:` in front), a terminal command pasted
    from a tutorial (`heroku ps:scale web=1`, `export SECRET=...`, `pip install ...`: the Procfile is
    never run as a script, so config vars go to `heroku config:set`), typographic characters pasted
    from a web page or a word processor (a no-break or zero-width space, an en or em dash for `--`,
    curly quotes), an empty command, a process type declared twice, `Web:` instead of `web:`, and
    a whole command in quotes. Warns (W) about names the next
    generation platform (CNB, Heroku Fir) rewrites or rejects (uppercase, `_`, over 63 characters,
    a leading or trailing `-`), and about a Procfile that declares nothing when the app is not a
    web app (a web app gets procfile-no-web instead).

    ## Why it breaks the deploy
    The platform reads each line as `<process type>: <command>`. A BOM makes the first type
    `\\ufeffweb`, so no `web` process exists (H14); a line without a colon, or continued with `\\`,
    is dropped or read as a process with another name; a `\\r` at the end of every command turns
    `$PORT` into `$PORT\\r` and `app.py` into `app.py\\r`; a quoted command makes the shell look for
    a program named `"gunicorn app:app"`. Only a type named exactly `web` gets HTTP traffic.

    ## Example
    ```
    web gunicorn app:app          <- no colon
    - worker: python bot.py       <- YAML list syntax
    heroku ps:scale web=1         <- a terminal command, not a process
    ```

    ## How to fix
    One `name: command` per line, names of lowercase letters, digits and `-`, saved as UTF-8
    without BOM and with LF line endings (`dos2unix Procfile`; `Procfile text eol=lf` in
    `.gitattributes`). Put a long command on one line or in a script.

    ## Source
    Heroku Dev Center, "The Procfile" (format, the web process type); heroku/buildpacks-procfile
    `SPEC.md` and `src/procfile.rs` (the CNB grammar: lowercase keys, 63 characters, duplicate keys
    keep the last, empty values rejected); research/heroku.md E05, E06.
    """
    pf = project.procfile
    if pf is None:
        return
    tf = project.text(pf.path) if not pf.unreadable else None

    def anchor(line: int, message: str) -> str:
        text = tf.line(line).strip() if tf is not None and line else ""
        return text or message

    for line, message, hint in pf.errors:
        yield Violation(pf.path, line, message, hint=hint, anchor=anchor(line, message))
    for line, message, hint in pf.warnings:
        yield Violation(pf.path, line, message, hint=hint, severity=Severity.WARNING,
                        anchor=anchor(line, message))
    if not pf.processes and not pf.errors and not pf.unreadable and not is_web_app(project):
        yield Violation(pf.path, 0, f"{pf.path} declares no process types, so nothing runs after the deploy",
                        hint="Add the process that runs the app, e.g. 'worker: python bot.py'.",
                        severity=Severity.WARNING, anchor="empty")


# --------------------------------------------------------------------------------------------------
# procfile-no-web

# Servers whose presence in a non-web process means the author meant it as `web`.
HTTP_SERVERS = {"gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "streamlit", "granian"}


def _serving_process(pf):
    from preflight.project.commands import split

    for proc in pf.processes:
        for cmd in split(proc.command):
            if cmd.program in HTTP_SERVERS or (cmd.program.startswith("python") and "runserver" in cmd.argv):
                return proc, cmd.program
    return None, None


@rule("PF104", "procfile-no-web", "E", "A web app whose Procfile has no web process",
      fix="Declare the server as the 'web' process, e.g. 'web: gunicorn app:app'.", modes=["buildpack"])
def procfile_no_web(project):
    """
    ## What it does
    Reports a Procfile with no `web` process in a web app (a web framework or server among the
    declared dependencies). A bot or worker-only app (`worker: python bot.py`, and no web framework
    declared) is fine; aiohttp and tornado, which are HTTP clients too (every aiogram bot depends on
    aiohttp), make a web app only when the code imports `aiohttp.web` or `tornado.web`. When
    another process starts an HTTP server (`worker: gunicorn app:app`), the finding points at that
    line. It stays silent when a `web` line exists but is broken (procfile-
    invalid reports it: `Web:`, `web gunicorn ...`, `web:` with no command) and when the Procfile
    is misnamed (procfile-misnamed reports it).

    ## Why it breaks the deploy
    Only the `web` process type receives HTTP traffic from the router. Without one the app builds
    and the other processes run, but every request gets **H14 No web processes running**.

    ## Example
    ```
    worker: gunicorn app:app
    ```

    ## How to fix
    Rename the serving process to `web` (`web: gunicorn app:app`). If the app really serves no HTTP
    (a bot), remove the unused web framework from the dependencies.

    ## Source
    Heroku Dev Center, "The Procfile" (the web process type is the only one that receives
    external HTTP traffic); research/heroku.md E03, F (H14).
    """
    pf = project.procfile
    if pf is None or pf.unreadable or pf.declares("web") or not is_web_app(project):
        return
    if misnamed_procfile(project) is not None:  # a case-insensitive disk can show `procfile` as `Procfile`
        return
    evidence, where = _web_evidence(project)
    proc, server = _serving_process(pf)
    if proc is not None:
        yield Violation(pf.path, proc.line, f"process '{proc.name}' starts {server}, but only the 'web' process "
                                            "receives HTTP traffic: every request gets H14 (No web processes "
                                            "running)",
                        hint=f"Rename the process to web: 'web: {proc.command}'.", anchor=proc.name)
        return
    have = ", ".join(p.name for p in pf.processes)
    declared = f"it declares only {have}" if have else "it declares no processes"
    yield Violation(pf.path, 0, f"{pf.path} has no 'web' process ({declared}), but this is a web app "
                                f"({evidence} {where}): every request gets H14 (No web processes running)",
                    hint=f"Add the server as the web process, e.g. '{start_example(project, evidence)}'.",
                    anchor="web")


# --------------------------------------------------------------------------------------------------
# procfile-tool-runner

# Runner -> why it is missing at run time (research/heroku.md C intro and C06, A06).
RUNNERS = {
    "poetry": "Poetry is installed only into the build cache, not into the running app",
    "uv": "uv is installed only into the build cache, not into the running app",
    "uvx": "uv is installed only into the build cache, not into the running app",
    "pdm": "the Python buildpacks never install PDM",
    "hatch": "the Python buildpacks never install Hatch",
    "pipenv": "Pipenv is installed only for apps whose package manager is Pipenv (Pipfile.lock)",
}
# Runner options that take a value, so a suggested command can drop both.
_VALUE_OPTIONS = {"--with", "--group", "--extra", "--env-file", "--python", "-p", "--package", "--project",
                  "--directory", "--from", "-e", "--env", "-E"}


def _runner_of(cmd) -> str | None:
    if cmd.program == "uvx":
        return "uvx"
    if cmd.program in RUNNERS and len(cmd.argv) > 1 and cmd.argv[1] == "run":
        return cmd.program
    return None


def _without_runner(command: str) -> str:
    """`poetry run gunicorn app:app` -> `gunicorn app:app` (text edit, so `$PORT` and quoting survive)."""
    tokens = re.split(r"(\s+)", command)
    out, i = [], 0
    while i < len(tokens):
        word = tokens[i].rsplit("/", 1)[-1]
        nxt = tokens[i + 2] if i + 2 < len(tokens) else ""
        if word == "uvx" or (word in RUNNERS and nxt == "run"):
            i += 2 if word == "uvx" else 4
            while i < len(tokens) and tokens[i].startswith("-"):
                i += 4 if tokens[i] in _VALUE_OPTIONS else 2
            continue
        out.append(tokens[i])
        i += 1
    return "".join(out).strip()


@rule("PF108", "procfile-tool-runner", "E", "A process runs its command through poetry/uv/pipenv run",
      fix="Run the command directly (e.g. 'web: gunicorn app:app'): the platform installs the dependencies "
          "into the environment the process runs in.", modes=["buildpack"])
def procfile_tool_runner(project):
    """
    ## What it does
    Finds `poetry run`, `uv run`, `uvx`, `pdm run`, `hatch run` and `pipenv run` in any Procfile
    process, `release` included, and points at the process line.

    Severity: **E** for Poetry, uv, PDM and Hatch, and for `pipenv run` in an app that does not use
    Pipenv as its package manager; **W** for `pipenv run` in a Pipenv app (`Pipfile.lock`): the
    classic buildpack keeps Pipenv in the slug for exactly this use, so it works there, but the
    next-generation platform (CNB, Heroku Fir) does not support Pipenv at all, and the wrapper only
    adds start-up time.

    ## Why it breaks the deploy
    The buildpack installs the dependencies into the environment the process runs in, and installs
    Poetry and uv only into the build cache: at run time `poetry` and `uv` do not exist. The
    process fails with `command not found` and the dyno crashes (**H10**); a failing `release`
    command stops the release.

    ## Example
    ```
    web: poetry run gunicorn app:app
    ```

    ## How to fix
    Drop the runner: `web: gunicorn app:app`, `release: alembic upgrade head`.

    ## Source
    heroku/heroku-buildpack-python `lib/poetry.sh`, `lib/uv.sh`, `lib/pipenv.sh` (comments on what
    stays in the slug); heroku/buildpacks-python `src/package_manager.rs` (pip, Poetry, uv only);
    research/heroku.md C06, A06, A11.
    """
    from preflight.project.commands import split

    pf = project.procfile
    if pf is None:
        return
    pipenv_app = project.exists("Pipfile.lock")
    for proc in pf.processes:
        runners = []
        for cmd in split(proc.command):
            tool = _runner_of(cmd)
            if tool and tool not in runners:
                runners.append(tool)
        if not runners:
            continue
        tool = runners[0]
        shown = "uvx" if tool == "uvx" else f"{tool} run"
        why = RUNNERS[tool]
        effect = ("the release phase fails and the release is not deployed" if proc.name == "release"
                  else "the process fails with 'command not found' and the dyno crashes (H10)")
        severity = None
        if runners == ["pipenv"] and pipenv_app:
            severity = Severity.WARNING
            message = (f"process '{proc.name}' runs through 'pipenv run': it works on the classic stack, which keeps "
                       "Pipenv for this, but the CNB (Heroku Fir) supports no Pipenv, and the wrapper slows start-up")
        else:
            message = f"process '{proc.name}' runs through '{shown}': {why}, so {effect}"
        direct = _without_runner(proc.command)
        hint = (f"Run the command directly: '{proc.name}: {direct}'." if direct and direct != proc.command
                else None)
        yield Violation(pf.path, proc.line, message, hint=hint, severity=severity, anchor=proc.name)


# --------------------------------------------------------------------------------------------------
# release-in-web

def _python_program(program: str) -> bool:
    return re.fullmatch(r"python(\d(\.\d+)?)?", program) is not None


def release_step(cmd) -> tuple[str, Severity | None] | None:
    """(what the step is, severity override) when a simple command belongs in the release phase or the build."""
    argv, prog = cmd.argv, cmd.program
    args = argv[1:]
    if _python_program(prog) and args[:1] == ["-m"] and len(args) > 1:
        prog, args = args[1], args[2:]
    elif _python_program(prog) and args and args[0].rsplit("/", 1)[-1] == "manage.py":
        prog, args = "manage.py", args[1:]
    words = [a for a in args if not a.startswith("-")]
    sub = words[0] if words else ""
    if prog in ("manage.py", "django-admin") and sub in ("migrate", "collectstatic"):
        return f"{prog} {sub}", None
    if prog in ("manage.py", "django-admin") and sub == "makemigrations":
        return f"{prog} makemigrations", Severity.WARNING
    if prog == "alembic" and sub in ("upgrade", "downgrade", "stamp"):
        return f"alembic {sub}", None
    if prog == "flask" and words[:2] == ["db", "upgrade"]:
        return "flask db upgrade", None
    if prog == "flask" and words[:2] == ["db", "migrate"]:
        return "flask db migrate", Severity.WARNING
    if prog in ("pip", "pip3") and sub == "install":
        return "pip install", Severity.WARNING
    return None


# What to do instead, per step.
RELEASE_ADVICE = {
    "pip install": "declare the packages in requirements.txt so the build installs them",
    "collectstatic": "the Python buildpack already runs collectstatic during the build for Django apps",
    "makemigrations": "run makemigrations locally and commit the migration files",
    "flask db migrate": "generate migrations locally and commit them; run 'flask db upgrade' in release",
}


@rule("PF109", "release-in-web", "I", "Migrations or installs chained into the web start command",
      fix="Move the migration to a release process ('release: python manage.py migrate') and start only the "
          "server in web.", modes=["buildpack"])
def release_in_web(project):
    """
    ## What it does
    Finds release and build steps chained into the `web` command: `manage.py migrate`, `alembic
    upgrade`, `flask db upgrade`, `manage.py collectstatic` (severity I), and `pip install`,
    `makemigrations`, `flask db migrate` (W: wrong anywhere on a dyno, not only in `web`).

    ## Why it matters
    The `web` command runs on every dyno start: each restart, each scale-out and the daily cycling.
    Migrations then race each other across dynos, a failed migration crashes the web dyno instead of
    stopping the release, and the extra work counts against the 60-second boot limit (**R10**).
    `pip install` at boot re-installs on every start; `makemigrations` writes migration files onto
    a disk that is wiped on restart.

    ## Example
    ```
    web: python manage.py migrate && gunicorn mysite.wsgi
    ```

    ## How to fix
    ```
    release: python manage.py migrate
    web: gunicorn mysite.wsgi
    ```
    The release phase runs once per release, before the new dynos start, and a failure there stops
    the release.

    ## Source
    Heroku Dev Center, "Release Phase"; research/heroku.md E12, E13, F (R10).
    """
    from preflight.project.commands import split

    pf = project.procfile
    web = pf.get("web") if pf is not None else None
    if web is None:
        return
    steps, migrations = [], []
    for cmd in split(web.command):
        step = release_step(cmd)
        if step and step[0] not in (s[0] for s in steps):
            steps.append(step)
            if step[1] is None and "collectstatic" not in step[0]:
                migrations.append(cmd.text)
    if not steps:
        return
    names = ", ".join(f"'{s[0]}'" for s in steps)
    severity = Severity.WARNING if any(s[1] for s in steps) else None
    advice = [adv for key, adv in RELEASE_ADVICE.items() if any(key in s[0] for s in steps)]
    release = pf.get("release")
    also = " (the release process already runs it)" if release and any(
        s[0].split()[-1] in release.command for s in steps) else ""
    parts = []
    if migrations and not also:
        parts.append(f"add 'release: {' && '.join(migrations)}'")
    parts.append("start only the server in web")
    parts += advice
    hint = "; ".join(parts) + "."
    yield Violation(pf.path, web.line, f"the web command runs {names} before the server{also}: it repeats on every "
                                       "dyno start, races across dynos and counts against the 60 s boot limit (R10)",
                    hint=hint[0].upper() + hint[1:], severity=severity, anchor="web")
