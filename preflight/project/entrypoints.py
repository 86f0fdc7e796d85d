"""Start commands resolved to the Python code they run.

Sources, in the deploy mode that uses them (research/heroku.md E, docker.md §4.1-4.3):
* buildpack mode: the Procfile (or a misnamed one such as ``Procfile.txt``: treated as the intended Procfile);
* container mode: heroku.yml ``run.<process>`` (string or ``{command: [...]}``), else the CMD/ENTRYPOINT of
  the Dockerfile each process builds (``build.docker.<process>``, root ``Dockerfile`` -> ``web``,
  ``Dockerfile.<process>``), and heroku.yml ``release.command``;
* both modes: a tracked crontab (process ``cron``: there is no cron on a dyno, but the code it names is
  still the app's code).
Shell scripts a command runs (``./run.sh``, ``sh start.sh``, an ENTRYPOINT script that ends in
``exec "$@"``) are read line by line (CRLF stripped, continuations joined, ``cd``/``export`` followed).

Each Python command becomes an :class:`EntryPoint`: ``python file.py``, ``python -m pkg``, gunicorn /
uvicorn / hypercorn / daphne / waitress-serve / uwsgi ``module:attr`` (factories ``app:create_app()``,
``--factory``, ``--chdir``, ``--pythonpath``, ``--app-dir``), ``flask --app``/``FLASK_APP``/``.flaskenv`` (and
Flask's own ``wsgi.py``/``app.py`` discovery), ``manage.py`` -> ``DJANGO_SETTINGS_MODULE`` -> settings ->
``WSGI_APPLICATION`` and ``ROOT_URLCONF``, ``streamlit run``, ``celery -A``, ``adev runserver``, ``alembic``.

Import roots (``EntryPoint.roots``, sys.path in order): ``--chdir``/``--app-dir``/``--pythonpath``/
``PYTHONPATH``, a script's own folder, the working folder, then, in buildpack mode, the package folders
of the project itself when its package manager installs it (``uv sync`` of a project with a build
system, Poetry in package mode, ``-e .`` in requirements.txt: ``project.dependencies.root``), so
``gunicorn uvapp:app`` finds src/uvapp/. A container installs what its Dockerfile says: not modelled.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.project.commands import SimpleCommand, split
from preflight.project.stdlib import is_stdlib
from preflight.project.webservers import command_specs

MAX_SCRIPT_DEPTH = 3
MAX_SCRIPT_LINES = 400
_ST_DEFAULT = command_specs()["streamlit"].default_port  # Streamlit's server.port default

# How each server's command line listens (defaults, the options that make it listen on $PORT) and the
# default object of servers that import ``module:attr``: the one table in preflight/project/webservers.py.
SERVERS = command_specs()   # EntryPoint.server -> CommandSpec
APP_SERVERS = {name: spec.app_attr for name, spec in SERVERS.items() if spec.takes_app}
# Commands that only wrap the real one: name -> number of their own arguments to skip (after options).
PREFIXES = {"tini": 0, "dumb-init": 0, "gosu": 1, "su-exec": 1, "chpst": 0, "newrelic-admin": 1,
            "ddtrace-run": 0, "opentelemetry-instrument": 0, "doppler": 1, "dotenv": 1, "infisical": 1,
            "poetry": 1, "pipenv": 1, "uv": 1, "pdm": 1, "hatch": 1, "rye": 1, "timeout": 1, "nice": 0,
            "xvfb-run": 0}
_PREFIX_SUBCOMMAND = {"newrelic-admin": "run-program", "doppler": "run", "dotenv": "run", "infisical": "run",
                      "poetry": "run", "pipenv": "run", "uv": "run", "pdm": "run", "hatch": "run", "rye": "run"}
# Shells a command or an image runs scripts with (busybox: Alpine's /bin/sh is busybox sh); the entry-script
# and container models read this one table.
SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "busybox"})
_SHELL_KEYWORDS = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "(", "time"}
PYTHON_RE = lazy_re(r"^(python(\d(\.\d+)?)?|py|pypy3?)$")
TARGET_RE = lazy_re(r"^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*(\(.*\))?)?$")
_ASSIGN_RE = lazy_re(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
_CRON_RE = lazy_re(r"^\s*(@\w+|(?:\S+\s+){4}\S+)\s+(.+)$")
_CRON_FIELD_RE = lazy_re(r"^[\d*/,\-A-Za-z?LW#]+$")
# A shell script writing Streamlit's config (the Heroku tutorial's setup.sh: echo "...port = $PORT..." >
# ~/.streamlit/config.toml, or a heredoc), and the port line in what it writes.
_ST_WRITE_RE = lazy_re(r"""(?:>>?|\btee\s+(?:-a\s+)?)\s*["']?[^\s"';|&<>]*\.streamlit/config\.toml""")
_ST_PORT_RE = lazy_re(r"""(?:(?<![\w.-])|(?<=\\n))port\s*=\s*\\?["']?(\$\{PORT(?::?-\d*)?\}|\$PORT\b|\d+)""")
_HEREDOC_RE = lazy_re(r"""<<-?\s*(['"\\]?)([A-Za-z_]\w*)""")
_ECHO_RE = lazy_re(r"""\b(echo|printf)\b((?:\s+-[a-zA-Z]+)*)\s*(\S)""")
_SETTINGS_RE = lazy_re(r"""DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*['"]([\w.]+)['"]""")

# options that take a value, per program (anything else starting with '-' is taken as a flag)
_VALUE_OPTS = {
    "gunicorn": "-b --bind -w --workers -k --worker-class -t --timeout -c --config --chdir --pythonpath --threads "
                "--worker-connections --max-requests --max-requests-jitter --graceful-timeout --keep-alive -n "
                "--name --log-level --access-logfile --error-logfile --log-file --access-logformat --log-config "
                "--log-syslog-to -e --env -p --pid -u --user -g --group -m --umask --backlog --limit-request-line "
                "--limit-request-fields --limit-request-field_size --forwarded-allow-ips --proxy-allow-from "
                "--statsd-host --statsd-prefix --worker-tmp-dir --paste --keyfile --certfile --ssl-version "
                "--ciphers --ca-certs --cert-reqs --reload-engine --reload-extra-file --logger-class "
                "--dogstatsd-tags --log-syslog-prefix --log-syslog-facility --tmp-upload-dir",
    "uvicorn": "--host --port --uds --fd --app-dir --env-file --log-config --log-level --workers --loop --http "
               "--ws --ws-max-size --ws-max-queue --ws-ping-interval --ws-ping-timeout --lifespan --interface "
               "--root-path --limit-concurrency --backlog --limit-max-requests --timeout-keep-alive "
               "--timeout-graceful-shutdown --ssl-keyfile --ssl-certfile --ssl-keyfile-password --ssl-version "
               "--ssl-cert-reqs --ssl-ca-certs --ssl-ciphers --header --forwarded-allow-ips --reload-dir "
               "--reload-include --reload-exclude --reload-delay --h11-max-incomplete-event-size",
    "hypercorn": "-b --bind --insecure-bind --quic-bind -w --workers -k --worker-class -c --config --root-path "
                 "--access-logfile --error-logfile --log-level --keep-alive --backlog -g --group -u --user -m "
                 "--umask -p --pid --ca-certs --certfile --keyfile --ciphers --graceful-timeout --read-timeout "
                 "--max-requests --max-requests-jitter --access-logformat --log-config --statsd-host "
                 "--statsd-prefix --websocket-ping-interval --server-name",
    "daphne": "-b --bind -p --port -u --unix-socket --fd -e --endpoint --websocket_timeout "
              "--websocket_connect_timeout --application-close-timeout --root-path -v --verbosity --access-log "
              "--ping-interval --ping-timeout -t --http-timeout --server-name --proxy-headers-host "
              "--proxy-headers-port",
    "waitress": "--host --port --listen --unix-socket --unix-socket-perms --url-scheme --url-prefix --ident "
                "--threads --backlog --recv-bytes --send-bytes --outbuf-overflow --inbuf-overflow "
                "--connection-limit --cleanup-interval --channel-timeout --max-request-header-size "
                "--max-request-body-size --asyncore-loop-timeout --trusted-proxy --trusted-proxy-count "
                "--trusted-proxy-headers --app",
    "flask": "-A --app -e --env-file -h --host -p --port --cert --key --extra-files --exclude-patterns",
    "celery": "-A --app -b --broker --result-backend --loader --config --workdir -l --loglevel -c --concurrency "
              "-Q --queues -n --hostname -P --pool -s --schedule --pidfile --logfile",
    "streamlit": "",
    "adev": "-p --port --app-factory --root --static --static-url --aux-port --path --host",
    "uwsgi": "--module -w --wsgi --wsgi-file --file --callable --http --http-socket --socket -s --chdir "
             "--pythonpath --processes -p --threads --master-fifo --ini --env --home -H --virtualenv",
    "python": "-W -X -c -m",
}
VALUE_OPTS = {k: frozenset(v.split()) for k, v in _VALUE_OPTS.items()}


@dataclass
class EntryPoint:
    process: str               # "web", "worker", "release", "cron", ...
    source: str                # the declaring file: "Procfile", "Procfile.txt", "Dockerfile", "run.sh", ...
    line: int                  # 1-based in ``source``
    command: SimpleCommand
    server: str | None = None  # "gunicorn", "uvicorn", "python", "flask", "django-runserver", ...
    module: str | None = None  # repo-relative .py file the command loads or runs
    attr: str | None = None    # the app object (``create_app`` for a factory)
    runs_as_main: bool = False  # the module's ``if __name__ == "__main__":`` block executes
    target: str | None = None  # the target as written: "app:create_app()", "flask_app.py", "proj.wsgi"
    missing: str | None = None  # why the target cannot be found (procfile-target-missing says it)
    also: list[str] = field(default_factory=list)   # modules loaded by name: Django settings, WSGI, URLconf
    factory: bool = False
    roots: list[str] = field(default_factory=list)  # repo-relative import roots (sys.path), first wins
    cwd: str = ""              # repo-relative folder the command runs in
    env: dict[str, str] = field(default_factory=dict)  # variables known to be set for the command
    via: list[tuple[str, int]] = field(default_factory=list)  # the files that led here, outermost first
    host: str | None = None    # the listen address given on the command line, as written
    port: str | None = None    # the listen port given on the command line, as written ("$PORT", "8000")
    subcommand: str | None = None  # "run", "runserver", "worker", "upgrade", ...
    settings: str | None = None  # the Django settings module the process loads (repo-relative .py), if any
    as_module: bool = False    # ``python -m name``: the working folder is sys.path[0], not the module's
    port_source: tuple[str, int] | None = None  # where a port not on the command line is set (a config file)
    port_note: str | None = None  # why a port setting found there gives no port the server can use
    read: bool = True          # the platform reads the file that declares it (not a Procfile on Render, Fly...)

    @property
    def binds_port_env(self) -> bool:
        return self.port is not None and "PORT" in self.port


@dataclass
class _Ctx:
    process: str
    source: str
    line: int
    cwd: str = ""
    env: dict = field(default_factory=dict)
    via: list = field(default_factory=list)
    image_root: str | None = None   # where the repo root lives in the container ("/app")
    depth: int = 0
    rest: list[str] | None = None   # arguments "$@" stands for in an ENTRYPOINT script (the CMD)
    rest_line: tuple[str, int] | None = None
    streamlit_config: "_Written | None" = None  # ~/.streamlit/config.toml as a script run earlier wrote it

    def at(self, source: str, line: int, **kw) -> "_Ctx":
        return _Ctx(self.process, source, line, kw.get("cwd", self.cwd), dict(kw.get("env", self.env)),
                    self.via + [(self.source, self.line)], self.image_root, self.depth + 1,
                    kw.get("rest", self.rest), kw.get("rest_line", self.rest_line), self.streamlit_config)


class _Written:
    """A Streamlit config file a shell command writes: where, and the port line in it."""
    __slots__ = ("path", "line", "end", "port", "broken")

    def __init__(self, path: str, line: int, end: int):
        self.path = path           # the script (or the Procfile)
        self.line = line           # the port line (or the redirect when there is none)
        self.end = end             # the last line of the statement that writes it
        self.port: str | None = None  # "$PORT" (expanded by the shell), "8501", or None (no port line)
        self.broken: str | None = None  # why what lands in the file is not the TOML it looks like


def scan_streamlit_write(text: str, path: str, first_line: int, shell: str) -> _Written | None:
    """The ``.streamlit/config.toml`` that shell ``text`` writes (``echo "..." > ~/.streamlit/config.toml``,
    ``printf``, ``cat > ... <<EOF``), or None. ``$PORT`` lands in the file expanded unless the text is in
    single quotes or a quoted heredoc; ``\\n`` in an ``echo`` string becomes a new line in sh (dash, the
    /bin/sh of Heroku's stacks and Debian images) and zsh, but stays two characters in bash without ``-e``."""
    m = _ST_WRITE_RE.search(text) if ".streamlit/config.toml" in text else None
    if m is None:
        return None
    lines = text.split("\n")
    write_line = text.count("\n", 0, m.start()) + 1
    heredoc = _HEREDOC_RE.search(lines[write_line - 1])
    echo = None
    if heredoc:  # cat > ~/.streamlit/config.toml <<EOF ... EOF: the body follows the redirect
        end = next((n for n in range(write_line + 1, len(lines) + 1) if lines[n - 1].strip() == heredoc.group(2)),
                   len(lines))
        start, quoted = write_line, bool(heredoc.group(1))
    else:  # echo "..." > ~/.streamlit/config.toml: the text comes before the redirect
        echoes = list(_ECHO_RE.finditer(text, 0, m.start()))
        echo = echoes[-1] if echoes else None
        start = text.count("\n", 0, echo.start()) + 1 if echo else write_line
        end, quoted = write_line, bool(echo and echo.group(3) == "'")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    found = _Written(path, first_line + write_line - 1, first_line + end - 1)
    port = _ST_PORT_RE.search(text, offsets[start - 1], offsets[end] - 1)
    if port is None:
        return found
    found.line = first_line + text.count("\n", 0, port.start())
    found.port = "$PORT" if port.group(1).startswith("$") else port.group(1)
    where = f"{path}:{found.line}"
    if quoted and found.port == "$PORT":
        found.port = port.group(1)
        found.broken = (f"{where} writes port = {found.port} unexpanded (a quoted heredoc or single quotes), which is "
                        "not TOML")
    elif echo is not None and echo.group(1) == "echo" and "e" not in echo.group(2).replace("-", "") \
            and shell == "bash":
        # the lines of the file exist only as \n escapes: is there a real line break before the port line?
        before = text[echo.end(): port.start()].replace("\\\n", "")
        if "\\n" in before and "\n" not in before:
            found.broken = (f"{where} is written by echo with \\n escapes, which bash's echo keeps as two characters "
                            "(only sh, which is dash, turns them into new lines), so the file is one line and not "
                            "TOML")
    return found


class _Resolver:
    def __init__(self, project, code):
        self.project = project
        self.code = code
        self.out: list[EntryPoint] = []

    # -- sources ----------------------------------------------------------------------------------
    def run(self) -> list[EntryPoint]:
        project = self.project
        named = self._platform_manifest()
        if project.platform == "pythonanywhere":
            self._wsgi_files()
        elif project.mode == "container":
            if "web" not in named:  # a manifest without a web command runs the image's CMD there
                self._container()
        elif not named:
            self._procfile()  # also where the platform ignores it: the code it names is the app's code
        self._crontabs()
        return self.out

    def _platform_manifest(self) -> set[str]:
        """The start and release commands the checked platform's own manifest names (render.yaml
        ``startCommand``, fly.toml ``[processes]``, railway ``deploy.startCommand``, .do/app.yaml
        ``run_command``...; ``project.platform_files``): they replace the Procfile and the image's CMD. Returns
        the processes named."""
        files = self.project.platform_files
        platform = self.project.platform
        image = self.project.container.image_for("web") if self.project.mode == "container" else None
        named = set()
        for svc in files.services(platform):
            if svc.command and svc.command.strip():
                # a service whose kind the manifest does not say (Railway's one start command) is the web one:
                # the platform routes its domain there
                process = svc.kind if svc.kind in ("web", "worker", "cron", "release") else \
                    "web" if svc.kind == "unknown" else svc.name
                ctx = _Ctx(process, svc.path, svc.command_line or svc.line)
                self._with_image(ctx, image)
                self._command(svc.command, ctx)
                named.add(process)
        for pf in files.for_platform(platform):
            for text, line in pf.release:
                if isinstance(text, str) and text.strip():
                    ctx = _Ctx("release", pf.path, line)
                    self._with_image(ctx, image)
                    self._command(text, ctx)
        return named

    def _wsgi_files(self) -> None:
        """PythonAnywhere runs no command: its WSGI file (``/var/www/<user>_pythonanywhere_com_wsgi.py``,
        kept in the repository as a copy, or a ``wsgi.py``) imports the app object ``application``. Each
        such file is a web entry point whose module is imported, not run as ``__main__``."""
        files = self.project.files
        wsgi = [f for f in files if f.endswith("_wsgi.py") and "pythonanywhere" in f.lower()]
        wsgi = wsgi or [f for f in ("wsgi.py",) if f in files]
        for path in wsgi:
            ep = EntryPoint("web", path, 1, SimpleCommand(["wsgi", path], text=path), server="wsgi", module=path,
                            attr="application", target=path)
            ep.roots = self._roots(ep)
            self.out.append(ep)
        if not wsgi:
            self._procfile()

    def _procfile(self) -> None:
        from preflight.project.procfile import parse

        pf = self.project.procfile
        if pf is None:
            meant = self.project.misplaced_procfile  # Procfile.txt: read as the Procfile the author meant
            tf = self.project.text(meant.path) if meant is not None and meant.how == "misnamed" else None
            if tf is None:
                return
            pf = parse(meant.path, tf, self.project.profile)
        first = len(self.out)
        for proc in pf.processes:
            self._command(proc.command, _Ctx(proc.name, pf.path, proc.line, env=self._base_env()))
        if self.project.profile.procfile is None and not self._buildpack_builder():
            for ep in self.out[first:]:  # Render, Fly, PythonAnywhere: a hint of the code, never run
                ep.read = False

    def _buildpack_builder(self) -> bool:
        """fly.toml builds with buildpacks ([build] builder), which run the Procfile (research/platforms.md
        §7.1: the Procfile is used only then)."""
        return any(pf.extra.get("builder") for pf in self.project.platform_files.for_platform(self.project.platform))

    def _base_env(self) -> dict:
        env = {}
        tf = self.project.text(".flaskenv") if self.project.shipped(".flaskenv") else None
        for line in tf.lines if tf else ():
            m = _ASSIGN_RE.match(line.strip())
            if m:
                env[m.group(1)] = m.group(2).strip().strip("'\"")
        return env

    def _container(self) -> None:
        """heroku.yml ``run`` and ``release`` commands (on the image each names, else its own, else web's),
        then the CMD/ENTRYPOINT of each image no ``run`` entry overrides (``project.container.images``)."""
        from preflight.project.procfile import procfile_commands

        hy = self.project.heroku_yml
        run = hy.run if hy is not None else {}
        container = self.project.container
        by_procfile = procfile_commands(self.project)  # Dokku: the Procfile's commands run in the image
        for proc, entry in by_procfile.items():
            ctx = _Ctx(proc, self.project.procfile.path, entry.line)
            self._with_image(ctx, container.image_for(proc) or container.image_for("web"))
            self._command(entry.command, ctx)
        run = {k: v for k, v in run.items() if k not in by_procfile}
        for proc, spec in run.items():
            image = container.image_for(proc) or (container.image_for(spec.image) if spec.image else None) \
                or container.image_for("web")
            for text, line in spec.commands:
                if text.strip():
                    ctx = _Ctx(proc, hy.path, line)
                    self._with_image(ctx, image)
                    self._command(text, ctx)
        for image in container.images:
            if image.process not in run and image.process not in by_procfile:
                self._dockerfile(image)
        release = hy.release if hy is not None else None
        for text, line in release.commands if release is not None else ():
            if text.strip():
                ctx = _Ctx("release", hy.path, line)
                self._with_image(ctx, (container.image_for(release.image) if release.image else None)
                                 or container.image_for("web"))
                self._command(text, ctx)

    def _with_image(self, ctx: _Ctx, image) -> None:
        if image is None or image.dockerfile is None or image.stage is None:
            return
        self._image_context(ctx, image.dockerfile, image.stage, image.path)

    def _image_context(self, ctx: _Ctx, df, stage, path: str) -> None:
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        root = df.repo_root_in_image(stage)
        workdir = df.workdir(stage)
        ctx.image_root = root or workdir
        ctx.cwd = self._image_to_repo(ctx, workdir, folder) or folder
        ctx.env = {**df.env(stage), **ctx.env}

    def _image_to_repo(self, ctx: _Ctx, image_path: str, folder: str = "") -> str | None:
        root = ctx.image_root
        if root is None:
            return None
        if image_path == root:
            return folder
        if root == "/" or image_path.startswith(root.rstrip("/") + "/"):
            rel = image_path[len(root.rstrip("/")) + 1:]
            return f"{folder}/{rel}" if folder else rel
        return None

    def _dockerfile(self, image) -> None:
        df, stage, proc, path = image.dockerfile, image.stage, image.process, image.path
        if df is None or stage is None:
            return
        entry, cmd = df.start(stage)
        if cmd is None and entry is None:
            return
        main = entry or cmd
        ctx = _Ctx(proc, path, main.line)
        self._image_context(ctx, df, stage, path)
        if entry is not None:
            argv = entry.exec_form
            if argv is None:  # shell-form ENTRYPOINT: CMD is ignored
                self._command(entry.value, ctx)
                return
            rest = cmd.exec_form if cmd is not None and cmd.exec_form is not None else \
                (["/bin/sh", "-c", cmd.value] if cmd is not None else [])
            ctx.rest, ctx.rest_line = rest, ((path, cmd.line) if cmd is not None else None)
            argv = _strip_prefixes(list(argv))
            if not argv and rest:
                ctx.line = cmd.line
                self._argv(rest, ctx)
                return
            self._argv(argv + rest, ctx)
            return
        if cmd.exec_form is not None:
            self._argv(cmd.exec_form, ctx)
        else:
            self._command(cmd.value, ctx)

    def _crontabs(self) -> None:
        for path in self.project.files:
            base = path.rsplit("/", 1)[-1]
            if not (base in ("crontab", "crontab.txt") or base.endswith(".crontab")):
                continue
            tf = self.project.text(path)
            for n, line in enumerate(tf.lines if tf else (), 1):
                text = line.strip()
                if not text or text.startswith("#") or _ASSIGN_RE.match(text):
                    continue
                m = _CRON_RE.match(text)
                if not m or not all(_CRON_FIELD_RE.match(f) for f in m.group(1).split()[:5] if not
                                    f.startswith("@")):
                    continue
                self._command(m.group(2), _Ctx("cron", path, n))

    # -- commands -----------------------------------------------------------------------------------
    def _command(self, text: str, ctx: _Ctx) -> None:
        if ctx.depth == 0 and ".streamlit/config.toml" in text:  # web: echo "..." > ~/.streamlit/config.toml && ...
            ctx.streamlit_config = scan_streamlit_write(text, ctx.source, ctx.line, "bash") or ctx.streamlit_config
        for cmd in split(text.replace("\r", "")):
            self._simple(cmd, ctx)

    def _argv(self, argv: list[str], ctx: _Ctx) -> None:
        argv = _strip_prefixes(list(argv))
        if not argv:
            return
        if argv[0].rsplit("/", 1)[-1] in SHELLS and len(argv) > 2 and argv[1] == "-c":
            self._command(argv[2], ctx)
            return
        self._simple(SimpleCommand(argv, {}, " ".join(argv)), ctx)

    def _simple(self, cmd: SimpleCommand, ctx: _Ctx) -> None:
        argv = list(cmd.argv)
        while argv and argv[0] in _SHELL_KEYWORDS:  # "if python check.py; then" runs python
            argv = argv[1:]
        argv = _strip_prefixes(argv)
        if not argv:
            ctx.env.update(cmd.env)
            return
        if argv != cmd.argv:
            cmd = SimpleCommand(argv, cmd.env, cmd.text)
        prog = cmd.program
        if prog == "cd" and len(argv) > 1:
            ctx.cwd = self._path(argv[1], ctx, folder=True) or ctx.cwd
            return
        if prog == "export":
            for a in argv[1:]:
                m = _ASSIGN_RE.match(a)
                if m:
                    ctx.env[m.group(1)] = m.group(2).strip("'\"")
            return
        if ctx.rest is not None and any(a in ('"$@"', "$@", "$*", '"$*"') for a in argv):
            i = next(i for i, a in enumerate(argv) if a in ('"$@"', "$@", "$*", '"$*"'))
            argv = argv[:i] + ctx.rest + argv[i + 1:]
            inner = ctx.at(*ctx.rest_line) if ctx.rest_line else ctx
            inner.rest = None
            self._argv(argv, inner)
            return
        script = self._script(argv, ctx)
        if script is not None:
            ctx.streamlit_config = self._expand(script, argv, ctx) or ctx.streamlit_config
            return
        env = {**ctx.env, **cmd.env}
        self._cur = ctx
        ep = EntryPoint(ctx.process, ctx.source, ctx.line, cmd, cwd=ctx.cwd, env=env, via=list(ctx.via))
        if self._classify(ep, argv):
            found = self._roots(ep)
            ep.roots = found + [r for r in ep.roots if r not in found]  # + the Django project root
            self.out.append(ep)

    # -- shell scripts --------------------------------------------------------------------------------
    def _script(self, argv: list[str], ctx: _Ctx) -> str | None:
        prog = argv[0]
        if prog.rsplit("/", 1)[-1] in SHELLS and len(argv) > 1 and not argv[1].startswith("-"):
            prog = argv[1]
        elif "/" not in prog and not prog.endswith(".sh"):
            return None  # a bare name is looked up on PATH, not in the app folder
        if prog.endswith((".py", ".pyw")) or ctx.depth >= MAX_SCRIPT_DEPTH:
            return None
        path = self._path(prog, ctx)
        if path is None or not self.code.is_file(path):
            return None
        if path.endswith(".sh"):
            return path
        head = self.project.head(path, 256)[:128]
        if head.startswith(b"#!") and any(s.encode() in head.split(b"\n")[0] for s in SHELLS):
            return path
        return None

    def _expand(self, path: str, argv: list[str], ctx: _Ctx) -> _Written | None:
        """Read a shell script's commands; its arguments are what ``"$@"`` stands for inside it. Returns the
        Streamlit config it writes, if any (the commands after it in the process read that file)."""
        tf = self.project.text(path)
        if tf is None:
            return None
        args = argv[2:] if argv[0].rsplit("/", 1)[-1] in SHELLS else argv[1:]
        inner = ctx.at(path, 0)
        if args:
            inner.rest = args
            inner.rest_line = ctx.rest_line if ctx.rest is not None else (ctx.source, ctx.line)
        written = wrote = self._streamlit_write(path, self._script_shell(path, argv))
        logical, start = "", 0
        for n, line in enumerate(tf.lines[:MAX_SCRIPT_LINES], 1):
            text = line.rstrip()
            if not logical:
                start = n
            if written is not None and start > written.end:  # later commands see the file it wrote
                inner.streamlit_config, written = written, None
            if text.endswith("\\"):
                logical += text[:-1] + " "
                continue
            logical += text
            stripped = logical.strip()
            logical = ""
            if not stripped or stripped.startswith("#"):
                continue
            m = _ASSIGN_RE.match(stripped)
            if m and " " not in m.group(2).strip():
                inner.env[m.group(1)] = m.group(2).strip().strip("'\"")
                continue
            inner.line = start
            self._command(stripped, inner)
        return wrote

    # -- paths ----------------------------------------------------------------------------------------
    def _path(self, raw: str, ctx: _Ctx, folder: bool = False) -> str | None:
        """A path as the command sees it -> repo-relative, or None when it leaves the repo."""
        raw = raw.strip("'\"")
        if "$" in raw:
            return None
        if raw.startswith("/"):
            mapped = self._image_to_repo(ctx, raw.rstrip("/") or "/")
            if mapped is not None:
                return mapped
            if raw.rstrip("/") == "/app":  # the buildpack's app folder
                return ""
            if raw.startswith("/app/"):
                return _norm(raw[5:])
            if not folder:
                parts = raw.strip("/").split("/")
                for i in range(1, len(parts)):
                    cand = "/".join(parts[i:])
                    if self.project.shipped(cand):
                        return cand
            return None
        joined = _norm(f"{ctx.cwd}/{raw}" if ctx.cwd else raw)
        return None if joined.startswith("..") else joined

    def _here(self, ep: EntryPoint) -> _Ctx:
        """A context for resolving the paths an entry point's arguments name."""
        cur = getattr(self, "_cur", None)
        return _Ctx(ep.process, ep.source, ep.line, cwd=ep.cwd, image_root=cur.image_root if cur else None)

    def _roots(self, ep: EntryPoint) -> list[str]:
        roots: list[str] = []

        def add(p):
            if p is not None and p not in roots and not p.startswith(".."):
                roots.append(p)

        for extra in (ep.command.option("--chdir") if ep.server == "gunicorn" else None,
                      ep.command.option("--app-dir") if ep.server == "uvicorn" else None):
            if extra:
                add(self._path(extra, self._here(ep)))
        pythonpath = ep.command.option("--pythonpath") if ep.server in ("gunicorn", "uwsgi") else None
        for p in (pythonpath or "").split(","):
            if p.strip():
                add(self._path(p.strip(), self._here(ep)))
        for p in ep.env.get("PYTHONPATH", "").split(":"):
            if p.strip() and "$" not in p:
                add(self._path(p.strip(), self._here(ep)))
        # a script's folder is sys.path[0]; with ``python -m pkg`` it is the working folder instead
        if ep.module and ep.runs_as_main and ep.server in ("python", "streamlit", "django", "django-runserver") \
                and not ep.as_module:
            add(ep.module.rsplit("/", 1)[0] if "/" in ep.module else "")
        add(ep.cwd)
        # the project installed by the buildpack's package manager: its package folders import from anywhere
        for p in self._installed_roots():
            add(p)
        return roots

    def _installed_roots(self) -> list[str]:
        found = self.__dict__.get("_installed")
        if found is None:
            root = getattr(self.project.dependencies, "root", None) if self.project.mode == "buildpack" else None
            found = self._installed = list(root.roots) if root is not None else []
        return found

    # -- classification -------------------------------------------------------------------------------
    def _classify(self, ep: EntryPoint, argv: list[str]) -> bool:
        prog = argv[0].rsplit("/", 1)[-1]
        if PYTHON_RE.match(prog):
            return self._python(ep, argv)
        if prog in ("manage.py", "django-admin", "django-admin.py"):
            return self._django(ep, argv)
        if prog == "waitress-serve":
            prog = "waitress"
        handler = {"gunicorn": self._app_server, "uvicorn": self._app_server, "hypercorn": self._app_server,
                   "daphne": self._app_server, "waitress": self._app_server, "uwsgi": self._uwsgi,
                   "flask": self._flask, "streamlit": self._streamlit, "celery": self._celery,
                   "adev": self._adev, "alembic": self._tool, "rq": self._tool, "dramatiq": self._tool,
                   "huey_consumer": self._tool, "huey_consumer.py": self._tool, "arq": self._tool,
                   "chainlit": self._streamlit, "panel": self._tool, "bokeh": self._tool}.get(prog)
        if handler is None:
            return False
        return handler(ep, [prog] + argv[1:])

    def _positionals(self, argv: list[str], prog: str) -> list[str]:
        opts = VALUE_OPTS.get(prog, frozenset())
        out, i = [], 1
        while i < len(argv):
            a = argv[i]
            if a == "--":
                out.extend(argv[i + 1:])
                break
            if a.startswith("-") and len(a) > 1:
                if "=" not in a and (a in opts or (prog == "streamlit" and a.startswith("--"))):
                    i += 1
                elif len(a) > 2 and not a.startswith("--") and a[:2] in opts:
                    pass  # -bVALUE
            else:
                out.append(a)
            i += 1
        return out

    def _python(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = "python"
        i = 1
        while i < len(argv):
            a = argv[i]
            if a == "-m" and i + 1 < len(argv):
                return self._python_module(ep, argv[i + 1], argv[i + 2:])
            if a.startswith("-m") and len(a) > 2:
                return self._python_module(ep, a[2:], argv[i + 1:])
            if a == "-c":
                return True
            if a in ("-W", "-X"):
                i += 2
                continue
            if a.startswith("-"):
                i += 1
                continue
            script, rest = a, argv[i + 1:]
            ep.target = script
            if script.rsplit("/", 1)[-1] == "manage.py":
                path = self._path(script, self._here(ep))
                return self._django(ep, [script] + rest, path)
            path = self._path(script, self._here(ep))
            ep.runs_as_main = True
            if path is None:
                return True
            ep.module = path if path.endswith((".py", ".pyw")) else None
            main = f"{path}/__main__.py" if path else "__main__.py"
            if not ep.module and self.code.is_dir(path or ".") and self.code.is_file(main):
                ep.module = main  # python src/: runs the folder's __main__.py, with the folder on sys.path
                return True
            if not self._exists(path):
                ep.module = path if path.endswith(".py") else None
                variant = next((f for f in self.project.files if f.lower() == path.lower()), None)
                ep.missing = f"'{script}' is not in the repository" + (
                    f" ({variant} is: file names are case-sensitive on the platform)" if variant else "")
            return True
        return True

    def _python_module(self, ep: EntryPoint, name: str, rest: list[str]) -> bool:
        top = name.split(".")[0]
        if name in ("gunicorn", "uvicorn", "hypercorn", "daphne", "waitress", "flask", "streamlit", "celery",
                    "uwsgi", "alembic"):
            return self._classify(ep, [name] + rest)
        if name == "django":
            return self._django(ep, ["django-admin"] + rest)
        ep.target = name
        ep.runs_as_main = ep.as_module = True
        path = self.code.find_module(name, self._search(ep))
        if path is not None:
            if path.endswith("__init__.py") or not path.endswith(".py"):
                main = path.rsplit("/", 1)[0] + "/__main__.py" if path.endswith("__init__.py") else \
                    path + "/__main__.py"
                if self.code.is_file(main):
                    ep.module = main
                    ep.also.append(path) if path.endswith(".py") else None
                else:
                    ep.missing = f"package '{name}' has no __main__.py, so 'python -m {name}' cannot run it"
            else:
                ep.module = path
        elif not is_stdlib(top) and self._looks_local(top):
            ep.missing = f"module '{name}' is not in the repository"
        return True

    def _search(self, ep: EntryPoint) -> list[str]:
        roots = self._roots(ep)
        return roots or [""]

    def _looks_local(self, top: str) -> bool:
        """No such module here, and nothing declared that could provide it."""
        deps = {k.lower().replace("_", "-") for k in getattr(self.project.dependencies, "main", {})}
        return top.lower().replace("_", "-") not in deps

    def _exists(self, path: str) -> bool:
        return self.code.is_file(path)

    def _app_server(self, ep: EntryPoint, argv: list[str]) -> bool:
        prog = argv[0]
        ep.server = prog
        cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
        pos = [p for p in self._positionals(argv, prog) if TARGET_RE.match(p) or p.endswith(".py")]
        spec = cmd.option("--app") if prog == "waitress" else None
        spec = spec or (pos[-1] if pos else None)
        self._bind(ep, cmd, prog)
        if spec is None:
            if prog == "gunicorn" and (cmd.option("-c", "--config") or cmd.option("--paste")):
                return True  # the app is named in the config file
            ep.missing = f"{prog} is given no application ('module:attribute')"
            return True
        ep.factory = cmd.has("--factory") or (prog == "waitress" and cmd.has("--call"))
        self._module_attr(ep, spec, APP_SERVERS.get(prog))
        return True

    def _bind(self, ep: EntryPoint, cmd: SimpleCommand, prog: str) -> None:
        if prog in ("gunicorn", "hypercorn"):
            bind = cmd.option("-b", "--bind")
            if bind is not None:
                ep.host, ep.port = _split_bind(bind)
        elif prog == "uvicorn":
            ep.host, ep.port = cmd.option("--host"), cmd.option("--port")
            if cmd.option("--uds", "--fd"):
                ep.port = ep.port or "socket"
        elif prog == "daphne":
            ep.host, ep.port = cmd.option("-b", "--bind"), cmd.option("-p", "--port")
            if cmd.option("-e", "--endpoint", "-u", "--unix-socket", "--fd"):
                ep.port = ep.port or "endpoint"
        elif prog == "waitress":
            listen = cmd.option("--listen")
            if listen:
                ep.host, ep.port = _split_bind(listen)
            ep.host = cmd.option("--host") or ep.host
            ep.port = cmd.option("--port") or ep.port
        elif prog == "flask":
            ep.host = cmd.option("-h", "--host") or ep.env.get("FLASK_RUN_HOST")
            ep.port = cmd.option("-p", "--port") or ep.env.get("FLASK_RUN_PORT")
        elif prog == "streamlit":
            ep.port = cmd.option("--server.port") or ep.env.get("STREAMLIT_SERVER_PORT")
            ep.host = cmd.option("--server.address") or ep.env.get("STREAMLIT_SERVER_ADDRESS")
        elif prog == "adev":
            ep.port = cmd.option("-p", "--port")
        elif prog == "uwsgi":
            bind = cmd.option("--http", "--http-socket")
            if bind:
                ep.host, ep.port = _split_bind(bind)

    def _module_attr(self, ep: EntryPoint, spec: str, default_attr: str | None) -> None:
        ep.target = spec
        mod_name, colon, attr = spec.partition(":")
        if mod_name.endswith(".py") and "/" not in mod_name[:-3]:
            ep.missing = (f"'{spec}' names a file; {ep.server} wants the module name "
                          f"'{mod_name[:-3]}{colon}{attr}'")
            mod_name = mod_name[:-3]
        if not colon and default_attr is None:
            ep.missing = ep.missing or (f"'{spec}' has no ':attribute'; {ep.server} needs 'module:app' "
                                        f"(e.g. '{spec}:app')")
        attr = attr or default_attr
        if attr and "(" in attr:
            ep.factory = True
            attr = attr.split("(", 1)[0]
        ep.attr = attr or None
        path = self.code.find_module(mod_name, self._search(ep))
        if path is None:
            if not is_stdlib(mod_name) and self._looks_local(mod_name.split(".")[0]):
                ep.missing = ep.missing or f"module '{mod_name}' is not in the repository" + (
                    self._hint_dir(mod_name) or self._hint_module(ep, mod_name, ep.attr))
            return
        if not path.endswith(".py"):
            ep.missing = ep.missing or f"'{mod_name}' is a folder without __init__.py, not a module with an app"
            return
        ep.module = path
        self._django_from_module(ep, path)
        if ep.attr and not ep.missing:
            why = self._attr_missing(path, ep.attr.split(".")[0])
            if why:
                ep.missing = why

    def _hint_dir(self, mod_name: str) -> str:
        """' (it is in src/app.py: add --chdir src)' when the module sits in one subfolder."""
        rel = mod_name.replace(".", "/")
        hits = [f for f in self.project.files if f.endswith("/" + rel + ".py") or f.endswith("/" + rel +
                                                                                             "/__init__.py")]
        if len(hits) == 1:
            folder = hits[0][: -len(rel + ".py") - 1] if hits[0].endswith(rel + ".py") else \
                hits[0][: -len(rel + "/__init__.py") - 1]
            return f" (it is in {hits[0]}: run from '{folder}', e.g. --chdir {folder})"
        return ""

    def _hint_module(self, ep: EntryPoint, mod_name: str, attr: str | None) -> str:
        """' (main.py defines 'app': did you mean 'main:app'?)': the one module beside it that has the object,
        or the same name in another case."""
        if "." in mod_name:
            return ""
        folders = self._search(ep)
        files = [f for f in self.project.files if f.endswith(".py") and
                 (f.rsplit("/", 1)[0] if "/" in f else "") in folders]
        same = [f for f in files if f.rsplit("/", 1)[-1][:-3].lower() == mod_name.lower()]
        if len(same) == 1:
            return f" ({same[0]} exists: module names are case-sensitive on the platform)"
        if not attr or len(files) > 50:
            return ""
        having = []
        for f in files:
            mod = self.code.module(f)
            if mod is not None and attr in mod.top_names and not all(g > 0 for _, g in mod.top_names[attr]):
                having.append(f)
        if len(having) == 1:
            found = having[0].rsplit("/", 1)[-1][:-3]
            call = "()" if ep.factory else ""
            return f" ({having[0]} defines '{attr}': did you mean '{found}:{attr}{call}'?)"
        return ""

    def _attr_missing(self, path: str, name: str) -> str | None:
        mod = self.code.module(path)
        if mod is None or mod.tree is None:
            return None
        bindings = mod.top_names.get(name)
        if bindings:
            if all(g > 0 for _, g in bindings):
                return (f"'{name}' is only defined under 'if __name__ == \"__main__\":' in {path}, which does "
                        "not run when a server imports the module")
            return None
        if mod.star_imports or "__getattr__" in mod.top_names or "globals" in mod.text.text:
            return None
        shadowed = path[: -len("/__init__.py")] + ".py" if path.endswith("/__init__.py") else ""
        if shadowed and self.code.is_file(shadowed):
            return (f"{path} defines no '{name}': the package {shadowed[:-3]}/ is imported instead of {shadowed}, "
                    "which it shadows (rename one of them)")
        return f"{path} defines no '{name}'"

    def _flask(self, ep: EntryPoint, argv: list[str]) -> bool:
        cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
        pos = self._positionals(argv, "flask")
        ep.subcommand = pos[0] if pos else None
        ep.server = "flask" if ep.subcommand == "run" else "flask-cli"
        if ep.subcommand == "run":
            self._bind(ep, cmd, "flask")
        from preflight.project.webapp import documented_env  # FLASK_APP as a config var .env.example documents

        spec = cmd.option("-A", "--app") or ep.env.get("FLASK_APP") or (documented_env(self.project, "FLASK_APP")
                                                                        or ("",))[0]
        if spec:
            self._flask_app(ep, spec)
            return True
        for cand in ("wsgi", "app"):  # Flask's own discovery when neither --app nor FLASK_APP is set
            path = self.code.find_module(cand, self._search(ep))
            if path and path.endswith(".py"):
                ep.module, ep.target = path, cand
                return True
        ep.missing = "flask is given no app: no --app, no FLASK_APP, and no wsgi.py or app.py to discover"
        return True

    def _flask_app(self, ep: EntryPoint, spec: str) -> None:
        ep.target = spec
        mod_name, colon, attr = spec.partition(":")
        if mod_name.endswith(".py") or "/" in mod_name:
            path = self._path(mod_name if mod_name.endswith(".py") else mod_name + ".py",
                              self._here(ep))
            if path is None or not self.code.is_file(path):
                ep.missing = f"FLASK_APP/--app '{spec}' is not in the repository"
                return
            ep.module = path
        else:
            path = self.code.find_module(mod_name, self._search(ep))
            if path is None or not path.endswith(".py"):
                ep.missing = f"module '{mod_name}' (from --app/FLASK_APP) is not in the repository"
                return
            ep.module = path
        if attr:
            ep.factory = "(" in attr
            ep.attr = attr.split("(", 1)[0]
            ep.missing = self._attr_missing(ep.module, ep.attr.split(".")[0])

    def _streamlit_write(self, path: str, shell: str) -> _Written | None:
        """The Streamlit config.toml a script writes, if it writes one (read once per script and shell)."""
        cache = self.__dict__.setdefault("_st_writes", {})
        if (path, shell) not in cache:
            tf = self.project.text(path)
            cache[(path, shell)] = scan_streamlit_write(tf.text, path, 1, shell) if tf is not None else None
        return cache[(path, shell)]

    def _script_shell(self, path: str, argv: list[str]) -> str:
        """The shell that runs a script: the one named (``sh x.sh``), else its #! line, else bash."""
        prog = argv[0].rsplit("/", 1)[-1]
        if prog in SHELLS:
            return prog
        head = self.project.head(path, 256).split(b"\n", 1)[0].decode("latin-1")
        words = head[2:].split() if head.startswith("#!") else []
        if words and words[0].endswith("/env") and len(words) > 1:
            words = words[1:]
        return words[0].rsplit("/", 1)[-1] if words else "bash"

    def _streamlit_port(self, ep: EntryPoint) -> None:
        """The port Streamlit takes from its config files when neither --server.port nor STREAMLIT_SERVER_PORT
        sets it. Files, highest precedence first (streamlit/config.py ``get_config_files``): the script's
        folder's .streamlit/config.toml, the working folder's, then ~/.streamlit/config.toml; on a dyno HOME
        is /app, so a script that writes ~/.streamlit/config.toml replaces the committed root one. Values
        may read the environment (``port = "env:PORT"``); the shell never expands a committed file."""
        cur = getattr(self, "_cur", None)
        written = cur.streamlit_config if cur is not None else None
        home_is_app = self.project.mode == "buildpack"
        folder = ep.module.rsplit("/", 1)[0] if ep.module and "/" in ep.module else ""
        candidates: list = []
        if folder != ep.cwd:
            candidates.append(f"{folder}/.streamlit/config.toml" if folder else ".streamlit/config.toml")
        project_level = f"{ep.cwd}/.streamlit/config.toml" if ep.cwd else ".streamlit/config.toml"
        if written is not None and home_is_app and not ep.cwd:
            candidates.append(written)
        else:
            candidates.append(project_level)
            candidates.append(written if written is not None else
                              ".streamlit/config.toml" if home_is_app and ep.cwd else None)
        note = None
        for cand in candidates:
            if cand is None:
                continue
            port, where, why = self._config_port(cand)
            if why and note is None:
                note, ep.port_source = why, where
            if port is not None:
                ep.port, ep.port_source = port, where
                return
        ep.port_note = note

    def _config_port(self, cand) -> tuple[str | None, tuple[str, int] | None, str | None]:
        """(port, (file, line), why it gives none) from a written config or a committed config.toml."""
        if isinstance(cand, _Written):
            where = (cand.path, cand.line)
            if cand.broken:
                return None, where, f"{cand.broken}, so Streamlit ignores the file and uses {_ST_DEFAULT}"
            return cand.port, where, None
        if not self.project.shipped(cand):
            return None, None, None
        tf = self.project.text(cand)
        if tf is None:
            return None, None, None
        from preflight.project.dependencies import TomlLines
        from preflight.project.manifests import tomllib_module

        tomllib = tomllib_module()
        try:
            data = tomllib.loads(tf.text)
        except tomllib.TOMLDecodeError as exc:
            return None, (cand, 0), (f"{cand} does not parse as TOML ({exc}), so Streamlit ignores it and uses "
                                     f"{_ST_DEFAULT}")
        server = data.get("server") if isinstance(data.get("server"), dict) else {}
        value = server.get("port")
        if value is None or isinstance(value, bool):
            return None, None, None
        where = (cand, TomlLines(tf.lines).key("server", "port"))
        if isinstance(value, str) and value.startswith("env:"):
            return f"${value[4:]}", where, None
        if isinstance(value, str) and "$" in value:
            return None, where, (f"{cand}:{where[1]} sets port to the text \"{value}\", which TOML does not expand "
                                 "(Streamlit reads a variable only as \"env:NAME\"), so Streamlit cannot use it")
        return str(value), where, None

    def _streamlit(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = argv[0]
        pos = self._positionals(argv, "streamlit")
        ep.subcommand = pos[0] if pos else None
        if ep.subcommand == "run" and len(pos) > 1:
            cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
            self._bind(ep, cmd, "streamlit")
            ep.target = pos[1]
            ep.runs_as_main = True
            path = self._path(pos[1], self._here(ep))
            if path and path.endswith(".py"):
                ep.module = path
                if not self.code.is_file(path):
                    ep.missing = f"'{pos[1]}' is not in the repository"
                elif ep.server == "streamlit":  # a multipage app runs every script in pages/ beside it
                    pages = (path.rsplit("/", 1)[0] + "/" if "/" in path else "") + "pages/"
                    ep.also += sorted(f for f in self.project.files if f.startswith(pages) and f.endswith(".py")
                                      and "/" not in f[len(pages):])
            if ep.port is None and ep.server == "streamlit":
                self._streamlit_port(ep)
        return True

    def _celery(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = "celery"
        cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
        pos = self._positionals(argv, "celery")
        ep.subcommand = pos[0] if pos else None
        spec = cmd.option("-A", "--app")
        if not spec:
            return True
        ep.target = spec
        mod_name, _, attr = spec.partition(":")
        ep.attr = attr or None
        path = self.code.find_module(mod_name, self._search(ep))
        if path is None and "." in mod_name and not attr:  # -A proj.celery.app (module.attribute)
            mod_name, _, ep.attr = mod_name.rpartition(".")
            path = self.code.find_module(mod_name, self._search(ep))
        if path is None:
            if self._looks_local(mod_name.split(".")[0]):
                ep.missing = f"celery app module '{mod_name}' is not in the repository"
            return True
        if not path.endswith(".py"):
            return True
        ep.module = path
        if path.endswith("__init__.py"):  # celery also looks for proj.celery
            sub = path[: -len("__init__.py")] + "celery.py"
            if self.code.is_file(sub):
                ep.also.append(sub)
        for p in [path] + list(ep.also):  # a Django project's Celery app sets DJANGO_SETTINGS_MODULE
            tf = self.project.text(p)
            if tf is not None and "DJANGO_SETTINGS_MODULE" in tf.text:
                self._django_settings(ep, ep.env.get("DJANGO_SETTINGS_MODULE"), p, urls=False)
                break
        return True

    def _adev(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = "adev"
        pos = self._positionals(argv, "adev")
        ep.subcommand = pos[0] if pos else None
        self._bind(ep, SimpleCommand(argv, ep.command.env, ep.command.text), "adev")
        if len(pos) > 1 and pos[1].endswith(".py"):
            ep.target = pos[1]
            path = self._path(pos[1], self._here(ep))
            if path:
                ep.module = path
                if not self.code.is_file(path):
                    ep.missing = f"'{pos[1]}' is not in the repository"
        return True

    def _uwsgi(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = "uwsgi"
        cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
        self._bind(ep, cmd, "uwsgi")
        spec = cmd.option("--module", "-w", "--wsgi")
        if spec:
            self._module_attr(ep, spec, "application")
            return True
        wsgi_file = cmd.option("--wsgi-file", "--file")
        if wsgi_file:
            ep.target = wsgi_file
            ep.module = self._path(wsgi_file, self._here(ep))
            ep.attr = cmd.option("--callable") or "application"
            if ep.module and not self.code.is_file(ep.module):
                ep.missing = f"'{wsgi_file}' is not in the repository"
        return True

    def _tool(self, ep: EntryPoint, argv: list[str]) -> bool:
        ep.server = argv[0].replace(".py", "")
        pos = self._positionals(argv, argv[0])
        ep.subcommand = pos[0] if pos else None
        return True

    # -- Django --------------------------------------------------------------------------------------
    def _django(self, ep: EntryPoint, argv: list[str], path: str | None = None) -> bool:
        pos = [a for a in argv[1:] if not a.startswith("-")]
        ep.subcommand = pos[0] if pos else None
        ep.server = "django-runserver" if ep.subcommand == "runserver" else "django"
        if ep.subcommand == "runserver":
            addr = pos[1] if len(pos) > 1 else None
            if addr:
                ep.host, ep.port = _split_bind(addr) if ":" in addr else (None, addr)
        if argv[0].rsplit("/", 1)[-1] == "manage.py":
            ep.target = argv[0]
            path = path or self._path(argv[0], self._here(ep))
            ep.runs_as_main = True
            if path is None:
                return True
            ep.module = path
            if not self.code.is_file(path):
                ep.missing = f"'{argv[0]}' is not in the repository"
                return True
        cmd = SimpleCommand(argv, ep.command.env, ep.command.text)
        settings = cmd.option("--settings") or ep.env.get("DJANGO_SETTINGS_MODULE")
        self._django_settings(ep, settings, ep.module)
        if ep.subcommand and ep.subcommand.isidentifier():  # a project's own command: app/management/commands/
            suffix = f"/management/commands/{ep.subcommand}.py"
            ep.also += [f for f in self.project.files if f.endswith(suffix) and f not in ep.also]
        return True

    def _django_from_module(self, ep: EntryPoint, path: str) -> None:
        """A WSGI/ASGI module that sets DJANGO_SETTINGS_MODULE brings the settings onto the start path."""
        tf = self.project.text(path)
        if tf is not None and "DJANGO_SETTINGS_MODULE" in tf.text:
            self._django_settings(ep, ep.env.get("DJANGO_SETTINGS_MODULE"), path)

    def _django_settings(self, ep: EntryPoint, settings: str | None, from_path: str | None,
                         urls: bool = True) -> None:
        """Put the settings module (and, with ``urls``, the WSGI module and URLconf it names) in ``ep.also``."""
        if not settings and from_path:
            tf = self.project.text(from_path)
            m = _SETTINGS_RE.search(tf.text) if tf else None
            settings = m.group(1) if m else None
        if not settings:
            return
        roots = self._search(ep)
        if from_path:
            folder = from_path.rsplit("/", 1)[0] if "/" in from_path else ""
            roots = [folder] + [r for r in roots if r != folder]
            # manage.py's folder is sys.path[0]; for proj/wsgi.py the project root is one level up
            parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
            if parent not in roots:
                roots.append(parent)
        path = self.code.find_module(settings, roots)
        if path is None or not path.endswith(".py"):
            return
        if path not in ep.also and path != ep.module:
            ep.also.append(path)
        ep.settings = ep.settings or path
        root = path[: -len(settings.replace(".", "/") + ".py")].rstrip("/") if \
            path.endswith(settings.replace(".", "/") + ".py") else \
            path[: -len(settings.replace(".", "/") + "/__init__.py")].rstrip("/")
        if root not in ep.roots:
            ep.roots.append(root)
        if not urls:
            return
        for key in ("WSGI_APPLICATION", "ROOT_URLCONF"):
            for mod in self._settings_chain(path, [root] + roots):  # the settings, then the bases it star-imports
                values = [v for v, _ in mod.assignments.get(key, ())]
                for value in values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        name = value.value.rsplit(".", 1)[0] if key == "WSGI_APPLICATION" else value.value
                        p = self.code.find_module(name, [root] + roots)
                        if p and p.endswith(".py") and p not in ep.also and p != ep.module:
                            ep.also.append(p)
                if values:
                    break

    def _settings_chain(self, path: str, roots: list[str], depth: int = 0) -> list:
        """A settings module and the local modules it star-imports (``from .base import *``), in lookup order."""
        mod = self.code.module(path)
        if mod is None or mod.tree is None:
            return []
        out = [mod]
        for st in reversed(mod.star_imports) if depth < 4 else ():
            target = self.code.resolve_import(st.module or "", path, st.level) if st.level else \
                self.code.find_module(st.module or "", roots)
            if target and target.endswith(".py") and target != path:
                out += [m for m in self._settings_chain(target, roots, depth + 1) if m not in out]
        return out


def _split_bind(bind: str) -> tuple[str | None, str | None]:
    """``0.0.0.0:$PORT`` -> ("0.0.0.0", "$PORT"); ``:8000`` -> ("", "8000"); ``unix:/x`` -> ("unix", "socket");
    ``0.0.0.0:${PORT:-8000}`` -> ("0.0.0.0", "${PORT:-8000}")."""
    bind = bind.strip("'\"")
    if bind.startswith(("unix:", "fd://")):
        return "unix", "socket"
    if bind.startswith("["):  # [::]:8000
        host, _, port = bind[1:].partition("]")
        return host, port.lstrip(":") or None
    var = bind.find("${")
    if var > 0 and bind[var - 1] == ":" and bind.endswith("}"):  # 0.0.0.0:${PORT:-8000}: the colon before ${
        return bind[:var - 1], bind[var:]
    if bind.count(":") == 1 or ("$" in bind and ":" in bind):
        host, _, port = bind.rpartition(":")
        return host, port or None
    if bind.isdigit() or bind.startswith("$"):
        return None, bind
    return bind, None


def _strip_prefixes(argv: list[str]) -> list[str]:
    """``newrelic-admin run-program gunicorn ...`` -> ``gunicorn ...`` (also tini, gosu, poetry run...)."""
    for _ in range(4):
        if not argv:
            return argv
        prog = argv[0].rsplit("/", 1)[-1]
        if prog not in PREFIXES:
            return argv
        rest = argv[1:]
        sub = _PREFIX_SUBCOMMAND.get(prog)
        if sub is not None:
            if not rest or rest[0] != sub:
                return argv
            rest = rest[1:]
            skip = 0
        else:
            skip = PREFIXES[prog]
        while rest and rest[0].startswith("-"):
            if rest[0] == "--":
                rest = rest[1:]
                break
            rest = rest[1:]
        rest = rest[skip:]
        argv = rest
    return argv


def _norm(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p in ("", "."):
            continue
        if p == ".." and parts and parts[-1] != "..":
            parts.pop()
        else:
            parts.append(p)
    return "/".join(parts)


def resolve(project, code) -> list[EntryPoint]:
    return _Resolver(project, code).run()
