"""Shell command lines (Procfile, CMD, scripts) split into simple commands, statically."""
from __future__ import annotations

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
