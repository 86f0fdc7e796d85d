"""Shell command lines (Procfile, CMD, scripts) split into simple commands, statically, and what a simple
command is: a package-manager runner (``poetry run``), a release or build step (``manage.py migrate``)."""
from __future__ import annotations

import re
import shlex
from functools import lru_cache
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re

_ASSIGN_RE = lazy_re(r"^[A-Za-z_][A-Za-z0-9_]*=")
_SEPARATORS = {"&&", "||", ";", "|", "&"}
_WRAPPERS = {"exec", "nohup", "time", "env", "command"}


@dataclass
class SimpleCommand:
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    text: str = ""

    @property
    def program(self) -> str:
        """The executable's base name (``/usr/local/bin/gunicorn`` -> ``gunicorn``)."""
        return self.argv[0].rsplit("/", 1)[-1] if self.argv else ""

    def option(self, *names: str) -> str | None:
        """The value of ``--name value``, ``--name=value`` or ``-n value`` (last one wins)."""
        found = None
        argv = self.argv
        for i, arg in enumerate(argv):
            for name in names:
                if arg == name and i + 1 < len(argv):
                    found = argv[i + 1]
                elif name.startswith("--") and arg.startswith(name + "="):
                    found = arg[len(name) + 1:]
                elif not name.startswith("--") and len(name) == 2 and arg.startswith(name) and len(arg) > 2 \
                        and not arg.startswith("--"):
                    found = arg[2:].lstrip("=")
        return found

    def has(self, *flags: str) -> bool:
        return any(a == f or a.startswith(f + "=") for a in self.argv for f in flags)


def _tokens(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return line.split()


def split(line: str, depth: int = 0) -> list[SimpleCommand]:
    """``A=1 exec gunicorn app:app && echo x`` -> [gunicorn ..., echo x]; ``sh -c '...'`` is unwrapped.

    Several rules split the same process commands; shlex is slow, so the split is memoised and every
    caller gets fresh objects it may change."""
    return [SimpleCommand(list(argv), dict(env), text) for argv, env, text in _split_frozen(line, depth)]


@lru_cache(maxsize=4096)
def _split_frozen(line: str, depth: int) -> tuple:
    return tuple((tuple(c.argv), tuple(c.env.items()), c.text) for c in _split(line, depth))


def _split(line: str, depth: int) -> list[SimpleCommand]:
    commands: list[SimpleCommand] = []
    current: list[str] = []
    for tok in _tokens(line) + [";"]:
        if tok in _SEPARATORS or set(tok) <= set(";&|"):
            if current:
                commands.extend(_simple(current, depth))
            current = []
        else:
            current.append(tok)
    return commands


def _simple(argv: list[str], depth: int) -> list[SimpleCommand]:
    env = {}
    text = " ".join(argv)
    while argv and _ASSIGN_RE.match(argv[0]):
        key, _, value = argv[0].partition("=")
        env[key] = value
        argv = argv[1:]
    while argv and argv[0] in _WRAPPERS:
        argv = argv[1:]
        while argv and (_ASSIGN_RE.match(argv[0]) or argv[0].startswith("-")):
            if _ASSIGN_RE.match(argv[0]):
                key, _, value = argv[0].partition("=")
                env[key] = value
            argv = argv[1:]
    if not argv:
        return []
    if argv[0].rsplit("/", 1)[-1] in ("sh", "bash", "dash", "ash", "zsh") and "-c" in argv[1:] and depth < 3:
        i = argv.index("-c")
        if i + 1 < len(argv):
            inner = _split(argv[i + 1], depth + 1)
            for cmd in inner:
                cmd.env = {**env, **cmd.env}
            return inner
    return [SimpleCommand(argv, env, text)]


# -- package-manager runners (poetry run, uv run...) -------------------------------------------------
# Runner -> why it is missing at run time (heroku-buildpack-python lib/poetry.sh, lib/uv.sh, lib/pipenv.sh;
# buildpacks-python src/package_manager.rs; research/heroku.md C intro and C06, A06).
RUNNERS = {
    "poetry": "Poetry is installed only into the build cache, not into the running app",
    "uv": "uv is installed only into the build cache, not into the running app",
    "uvx": "uv is installed only into the build cache, not into the running app",
    "pdm": "the Python buildpacks never install PDM",
    "hatch": "the Python buildpacks never install Hatch",
    "pipenv": "Pipenv is installed only for apps whose package manager is Pipenv (Pipfile.lock)",
}
# Runner options that take a value, so the command without the runner drops both.
_RUNNER_VALUE_OPTIONS = {"--with", "--group", "--extra", "--env-file", "--python", "-p", "--package", "--project",
                         "--directory", "--from", "-e", "--env", "-E"}


def runner_of(cmd: SimpleCommand) -> str | None:
    """The package-manager runner a simple command goes through: "poetry" for ``poetry run ...``, "uvx"."""
    if cmd.program == "uvx":
        return "uvx"
    if cmd.program in RUNNERS and len(cmd.argv) > 1 and cmd.argv[1] == "run":
        return cmd.program
    return None


def runners_of(command: str) -> list[str]:
    """Every runner a command line goes through, in order, each once."""
    found = []
    for cmd in split(command):
        tool = runner_of(cmd)
        if tool and tool not in found:
            found.append(tool)
    return found


def without_runner(command: str) -> str:
    """`poetry run gunicorn app:app` -> `gunicorn app:app` (text edit, so `$PORT` and quoting survive)."""
    tokens = re.split(r"(\s+)", command)
    out, i = [], 0
    while i < len(tokens):
        word = tokens[i].rsplit("/", 1)[-1]
        nxt = tokens[i + 2] if i + 2 < len(tokens) else ""
        if word == "uvx" or (word in RUNNERS and nxt == "run"):
            i += 2 if word == "uvx" else 4
            while i < len(tokens) and tokens[i].startswith("-"):
                i += 4 if tokens[i] in _RUNNER_VALUE_OPTIONS else 2
            continue
        out.append(tokens[i])
        i += 1
    return "".join(out).strip()


# -- release and build steps ---------------------------------------------------------------------------
_PYTHON_RE = lazy_re(r"python(\d(\.\d+)?)?")


def release_step(cmd: SimpleCommand) -> tuple[str, bool] | None:
    """(the step, wrong on any dyno) when a simple command belongs in the release phase or the build:
    ("manage.py migrate", False), ("pip install", True); None for anything else."""
    argv, prog = cmd.argv, cmd.program
    args = argv[1:]
    if _PYTHON_RE.fullmatch(prog) and args[:1] == ["-m"] and len(args) > 1:
        prog, args = args[1], args[2:]
    elif _PYTHON_RE.fullmatch(prog) and args and args[0].rsplit("/", 1)[-1] == "manage.py":
        prog, args = "manage.py", args[1:]
    words = [a for a in args if not a.startswith("-")]
    sub = words[0] if words else ""
    if prog in ("manage.py", "django-admin") and sub in ("migrate", "collectstatic"):
        return f"{prog} {sub}", False
    if prog in ("manage.py", "django-admin") and sub == "makemigrations":
        return f"{prog} makemigrations", True
    if prog == "alembic" and sub in ("upgrade", "downgrade", "stamp"):
        return f"alembic {sub}", False
    if prog == "flask" and words[:2] == ["db", "upgrade"]:
        return "flask db upgrade", False
    if prog == "flask" and words[:2] == ["db", "migrate"]:
        return "flask db migrate", True
    if prog in ("pip", "pip3") and sub == "install":
        return "pip install", True
    return None
