"""A Dockerfile read the way BuildKit reads it, on top of dockerfile-parse (research/docker.md §3.4).

dockerfile-parse 2.0.1 gets several inputs wrong; this wrapper fixes them before and after the library:
a UTF-8 BOM (TextFile strips it), heredoc bodies (blanked out and kept per instruction, so a body line
such as ``USER root`` is never read as an instruction), a blank line inside a continuation (BuildKit skips
it), the ``# escape=`` directive, 0-based lines (made 1-based), comments out of order, stage names
returned as images, exec form vs shell form (decoded here: ``CMD ['a']`` is shell form, as Docker runs it).
The library is given ``fileobj=`` so nothing can ever be written to the user's file, and it is imported
only when a Dockerfile exists.

``at(project, path) -> Dockerfile | None`` (None when there is no such file on disk) parses each Dockerfile
once per run; every reader of a Dockerfile goes through it (``project.dockerfile`` is the root one). A
Dockerfile that cannot be parsed is a Dockerfile with ``errors``, never an exception.
"""
from __future__ import annotations

import io
import json
import shlex
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re

# Instructions BuildKit knows (docs.docker.com/reference/dockerfile); anything else fails the build.
KNOWN = frozenset({"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
                   "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"})
HEREDOC_INSTRUCTIONS = ("RUN", "COPY", "ADD")
_DIRECTIVE_RE = lazy_re(r"^#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$")
# BuildKit: '<<' then optional '-', then a word, optionally quoted; '<<<' is a shell here-string
_HEREDOC_RE = lazy_re(r"(?<!<)<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\2")
_FIRST_WORD_RE = lazy_re(r"^\s*([A-Za-z]+)")
_FILE_NAME_RE = lazy_re(r"^(.*/)?[^/.]+\.[A-Za-z0-9]{1,5}$")  # conf.yml, requirements.txt: a file, not a folder
_FROM_RE = lazy_re(r"^(?:--\S+\s+)*(\S+)(?:\s+[Aa][Ss]\s+(\S+))?\s*$")


@dataclass
class Instruction:
    instruction: str           # upper-cased keyword
    value: str                 # the text after the keyword, continuations joined
    line: int                  # 1-based first line
    end_line: int              # 1-based last line (heredoc bodies included)
    content: str = ""          # raw text as written
    stage: int = -1            # index of the stage it belongs to (-1: before the first FROM)
    heredocs: list[tuple[str, str]] = field(default_factory=list)  # (word, body) opened by this instruction

    @property
    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/ENTRYPOINT/RUN/SHELL, or None for the shell form."""
        text = self.value.strip()
        if not text.startswith("["):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if isinstance(data, list) and all(isinstance(x, str) for x in data):
            return data
        return None

    @property
    def is_exec(self) -> bool:
        return self.exec_form is not None

    @property
    def shell_text(self) -> str:
        """The command as a shell would see it (an exec form joined with quoting)."""
        argv = self.exec_form
        return " ".join(shlex.quote(a) for a in argv) if argv is not None else self.value.strip()

    def flags(self) -> dict[str, str]:
        """Leading ``--name=value`` options (``COPY --from=build``, ``RUN --mount=...``)."""
        out = {}
        for tok in self.value.split():
            if not tok.startswith("--"):
                break
            name, _, val = tok[2:].partition("=")
            out[name] = val
        return out

    def args(self) -> list[str]:
        """Shell-split words after the leading ``--`` options (exec form decoded)."""
        argv = self.exec_form
        if argv is not None:
            return argv
        try:
            words = shlex.split(self.value, posix=True)
        except ValueError:
            words = self.value.split()
        while words and words[0].startswith("--"):
            words.pop(0)
        return words


@dataclass
class Stage:
    index: int
    base: str                  # the FROM image (or an earlier stage's name)
    name: str | None           # the ``AS`` alias
    line: int
    instructions: list[Instruction] = field(default_factory=list)
    parent: int | None = None  # index of the stage this one is built FROM
    col: int = 0               # 1-based column of ``base`` on the FROM line (0: on a continuation line)
    image: str = ""            # ``base`` with the global ARG defaults substituted (``FROM python:${PY}``)

    @property
    def external(self) -> bool:
        """Built FROM an image (not FROM an earlier stage)."""
        return self.parent is None

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.instruction == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


@dataclass
class Dockerfile:
    path: str
    instructions: list[Instruction] = field(default_factory=list)   # comments excluded, in file order
    comments: list[tuple[int, str]] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    directives: dict[str, str] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)     # (line, message): the build fails
    warnings: list[tuple[int, str]] = field(default_factory=list)   # accepted by BuildKit, but suspicious
    escape: str = "\\"
    global_args: dict[str, str | None] = field(default_factory=dict)  # ARGs before the first FROM

    @property
    def final(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def instruction(self, keyword: str, stage: Stage | None = None) -> Instruction | None:
        """The last ``keyword`` instruction in effect for ``stage`` (default: the final one), inherited
        through ``FROM <earlier stage>``."""
        stage = stage or self.final
        seen = set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            hit = stage.last(keyword)
            if hit is not None:
                return hit
            stage = self.stages[stage.parent] if stage.parent is not None else None
        return None

    def start(self, stage: Stage | None = None) -> tuple[Instruction | None, Instruction | None]:
        """(ENTRYPOINT, CMD) the container starts with, each inherited through ``FROM <stage>``; the CMD is
        None when a shell-form ENTRYPOINT ignores it (Docker runs ``/bin/sh -c ENTRYPOINT`` alone then)."""
        entry, cmd = self.instruction("ENTRYPOINT", stage), self.instruction("CMD", stage)
        return entry, None if entry is not None and not entry.is_exec else cmd

    @property
    def cmd(self) -> Instruction | None:
        """The CMD the image runs (the final stage's, or the one it inherits from an earlier stage)."""
        return self.instruction("CMD")

    @property
    def entrypoint(self) -> Instruction | None:
        return self.instruction("ENTRYPOINT")

    def chain(self, stage: Stage | None = None) -> list[Stage]:
        """The stage and the stages it is built from, oldest first."""
        stage = stage or self.final
        out: list[Stage] = []
        while stage is not None and stage not in out:
            out.insert(0, stage)
            stage = self.stages[stage.parent] if stage.parent is not None else None
        return out

    def env(self, stage: Stage | None = None, before: int | None = None) -> dict[str, str]:
        """ENV values in effect (inherited through ``FROM <stage>``); ``$VAR`` references left as written."""
        out: dict[str, str] = {}
        for st in self.chain(stage):
            for ins in st.all("ENV"):
                if before is not None and ins.line >= before:
                    continue
                out.update(parse_env(ins.value))
        return out

    def args(self, stage: Stage | None = None, before: int | None = None) -> dict[str, str | None]:
        """ARGs declared in ``stage`` (and the stages it is built from) before line ``before``: name -> default
        (None without one). A global ARG counts inside a stage only once the stage re-declares it (Docker's
        scoping), and then with the global default."""
        out: dict[str, str | None] = {}
        for st in self.chain(stage):
            for ins in st.all("ARG"):
                if before is not None and ins.line >= before:
                    continue
                for name, default in parse_arg(ins.value).items():
                    out[name] = default if default is not None else self.global_args.get(name)
        return out

    def target_stage(self, target: str | None = None) -> Stage | None:
        """The stage ``docker build --target`` builds (heroku.yml ``target``); the final one without a target
        or when no stage has that name."""
        if target:
            for st in self.stages:
                if (st.name or "").lower() == target.lower():
                    return st
        return self.final

    def base_image(self, stage: Stage | None = None) -> Stage | None:
        """The stage of the chain that names an external image (``FROM python:3.12`` under ``FROM base``)."""
        chain = self.chain(stage)
        return chain[0] if chain else None

    def copies(self, stage: Stage | None = None, before: int | None = None) -> list[Instruction]:
        """COPY/ADD of the build context (not ``--from`` another stage or image) in the stage chain."""
        return [ins for st in self.chain(stage) for ins in st.instructions
                if ins.instruction in ("COPY", "ADD") and "from" not in ins.flags()
                and (before is None or ins.line < before)]

    def workdir(self, stage: Stage | None = None, before: int | None = None) -> str:
        """The absolute working directory in effect (default "/")."""
        cwd = "/"
        for st in self.chain(stage):
            for ins in st.all("WORKDIR"):
                if before is not None and ins.line >= before:
                    continue
                target = ins.value.strip().strip("\"'")
                cwd = _join(cwd, target)
        return cwd

    def repo_root_in_image(self, stage: Stage | None = None) -> str | None:
        """Where the build context's root lands in the image (``COPY . .`` under WORKDIR /app -> "/app")."""
        found = None
        for st in self.chain(stage):
            for ins in st.instructions:
                if ins.instruction not in ("COPY", "ADD") or "from" in ins.flags():
                    continue
                words = ins.args()
                if len(words) >= 2 and any(s.rstrip("/") in (".", "", "./") for s in words[:-1]):
                    found = _join(self.workdir(st, ins.line), words[-1])
        return found

    def source_of(self, image_path: str, stage: Stage | None = None, before: int | None = None) -> str | None:
        """The build-context path (repo-relative) that COPY/ADD put at ``image_path`` (absolute, or relative
        to the WORKDIR in effect at line ``before``) before that line; None when no COPY of the context
        explains it (the last one wins, as in the image)."""
        found = self.copy_of(image_path, stage, before)
        return found[0] if found else None

    def copy_of(self, image_path: str, stage: Stage | None = None,
                before: int | None = None) -> tuple[str, Instruction] | None:
        """(context path, the COPY/ADD instruction) that put ``image_path`` in the image (see source_of)."""
        image_path = _join(self.workdir(stage, before), image_path)
        found = None
        for ins in self.copies(stage, before):
            words = ins.args()
            if len(words) < 2 or any("$" in w or "*" in w or "://" in w for w in words):
                continue
            st = self.stages[ins.stage]
            workdir = self.workdir(st, ins.line)
            dest = _join(workdir, words[-1])
            sources = words[:-1]
            into_dir = len(sources) > 1 or words[-1].endswith("/") or words[-1] in (".", "./") or dest == workdir
            for src in sources:
                rel = _join("/", src).lstrip("/")   # the context path, normalised ("" for ".")
                if rel and image_path == (f"{dest.rstrip('/')}/{rel.rsplit('/', 1)[-1]}" if into_dir else dest):
                    found = (rel, ins)                  # a file, copied into a folder or to a file name
                elif image_path.startswith(dest.rstrip("/") + "/") and not _FILE_NAME_RE.match(rel):
                    # a folder's content lands under dest (a file source cannot put anything there)
                    tail = image_path[len(dest.rstrip("/")) + 1:]
                    found = (f"{rel}/{tail}" if rel else tail, ins)
        return found


def _join(cwd: str, target: str) -> str:
    path = target if target.startswith("/") else cwd.rstrip("/") + "/" + target
    parts: list[str] = []
    for p in path.split("/"):
        if p in ("", "."):
            continue
        if p == "..":
            if parts:
                parts.pop()
            continue
        parts.append(p)
    return "/" + "/".join(parts)


def parse_arg(value: str) -> dict[str, str | None]:
    """``ARG A B=2 C="x y"`` -> {"A": None, "B": "2", "C": "x y"}."""
    try:
        words = shlex.split(value, posix=True)
    except ValueError:
        words = value.split()
    out: dict[str, str | None] = {}
    for w in words:
        k, eq, v = w.partition("=")
        if k:
            out[k] = v if eq else None
    return out


_ARG_REF_RE = lazy_re(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


def expand(text: str, values: dict[str, str | None]) -> str:
    """``$NAME``/``${NAME}``/``${NAME:-default}`` replaced from ``values`` (unknown names: the default or "")."""
    def sub(m):
        name, op, word = m.group(1) or m.group(4), m.group(2), m.group(3) or ""
        value = values.get(name)
        if op == "+":
            return word if value else ""
        return value if value else word

    return _ARG_REF_RE.sub(sub, text) if "$" in text else text


def parse_env(value: str) -> dict[str, str]:
    """``ENV A=1 B="two words"`` and the legacy ``ENV A value with spaces``."""
    text = value.strip()
    try:
        words = shlex.split(text, posix=True)
    except ValueError:
        words = text.split()
    if not words:
        return {}
    if "=" not in words[0]:
        key, _, rest = text.partition(" ")
        return {key: rest.strip()}
    out = {}
    for w in words:
        k, eq, v = w.partition("=")
        if eq:
            out[k] = v
    return out


# -- the pre-pass --------------------------------------------------------------------------------
def _prepass(lines: list[str], df: Dockerfile) -> tuple[list[str], dict[int, list[tuple[str, str]]]]:
    """Blank heredoc bodies and fix blank continuation lines, keeping every line number."""
    out = list(lines)
    bodies: dict[int, list[tuple[str, str]]] = {}
    # parser directives: only at the very top, before any other line
    for ln in lines:
        m = _DIRECTIVE_RE.match(ln.strip())
        if not m:
            break
        key = m.group(1).lower()
        if key in df.directives:
            break
        df.directives[key] = m.group(2)
    esc = df.directives.get("escape", "\\")
    df.escape = esc if esc in ("\\", "`") else "\\"
    esc = df.escape

    pending: list[tuple[bool, str, int]] = []     # (strip tabs, word, opener line index)
    current: list[str] = []
    in_cont = False
    instr = ""
    start = 0
    for i, raw in enumerate(lines):
        if pending:
            strip_tabs, word, opener = pending[0]
            candidate = raw.lstrip("\t") if strip_tabs else raw
            out[i] = ""
            if candidate == word:
                bodies.setdefault(opener, []).append((word, "\n".join(current)))
                current = []
                pending.pop(0)
            else:
                current.append(candidate)
            continue
        stripped = raw.strip()
        if not in_cont:
            m = _FIRST_WORD_RE.match(raw)
            instr = m.group(1).upper() if m and not stripped.startswith("#") else ""
            start = i
        if stripped.startswith("#") and (in_cont or not stripped):
            continue  # a comment inside a continuation does not end it
        if in_cont and not stripped:
            df.warnings.append((i + 1, "empty line inside a continued instruction (BuildKit skips it and warns "
                                       "NoEmptyContinuation)"))
            out[i] = esc
            continue
        if instr in HEREDOC_INSTRUCTIONS and not stripped.startswith("#"):
            for m in _HEREDOC_RE.finditer(raw):
                pending.append((m.group(1) == "-", m.group(3), start))
        in_cont = stripped.endswith(esc) and not stripped.startswith("#")
    if pending:
        df.errors.append((pending[0][2] + 1, f"heredoc '<<{pending[0][1]}' is never closed: the build fails "
                                             f"(add a line '{pending[0][1]}')"))
    if in_cont:
        df.errors.append((len(lines), f"the last instruction ends in '{esc}' (a continuation with nothing after "
                                      "it)"))
        out.append("")
    return out, bodies


def parse(path: str, text: str, lines: list[str]) -> Dockerfile:
    df = Dockerfile(path)
    if text.startswith("\ufeff"):  # Docker skips a UTF-8 byte-order mark (dockerfile-parse does not)
        text = text[1:]
        lines = [lines[0].lstrip("\ufeff"), *lines[1:]] if lines else lines
    if "\0" in text:
        df.errors.append((0, f"{path} holds NUL bytes: it is not a text Dockerfile"))
        return df
    fixed, bodies = _prepass(lines, df)
    import logging

    from dockerfile_parse import DockerfileParser

    logging.getLogger("dockerfile_parse").setLevel(logging.CRITICAL)
    try:
        parser = DockerfileParser(fileobj=io.StringIO("\n".join(fixed) + "\n"), env_replace=False)
        structure = parser.structure
    except Exception as exc:  # the library raises on input it cannot handle; a finding, not a crash
        df.errors.append((0, f"{path} could not be parsed: {exc}"))
        return df
    stage = None
    names: dict[str, int] = {}
    for item in sorted(structure, key=lambda d: d["startline"]):
        kw = item["instruction"].upper()
        line = item["startline"] + 1
        if kw == "COMMENT":
            df.comments.append((line, item["value"].rstrip("\r")))
            continue
        end = min(item["endline"] + 1, max(len(lines), 1))
        heredocs = bodies.get(item["startline"], [])
        if heredocs:
            # the body lines were blanked; the instruction really ends at its last terminator
            end = max(end, _last_terminator(lines, item["startline"], heredocs))
        ins = Instruction(kw, item["value"], line, end, item["content"], heredocs=heredocs)
        if kw not in KNOWN:
            df.errors.append((line, f"unknown instruction '{item['instruction']}'"))
        if kw == "ARG" and stage is None:
            df.global_args.update(parse_arg(item["value"]))
        if kw == "FROM":
            m = _FROM_RE.match(item["value"].strip())
            base, alias = (m.group(1), m.group(2)) if m else (item["value"].strip(), None)
            first_line = item["content"].split("\n", 1)[0]
            stage = Stage(len(df.stages), base, alias, line, col=first_line.find(base) + 1)
            stage.image = expand(base, df.global_args)
            stage.parent = names.get(stage.image.lower())
            if alias:
                if alias.lower() in names:
                    df.errors.append((line, f"stage name '{alias}' is used twice (line "
                                            f"{df.stages[names[alias.lower()]].line}): the build fails"))
                names[alias.lower()] = stage.index
            df.stages.append(stage)
        elif kw in ("COPY", "ADD") and stage is not None:
            source = ins.flags().get("from", "")
            if source and (source.lower() == (stage.name or "").lower() or source == str(stage.index)):
                df.errors.append((line, f"COPY --from={source} names the stage it is in: the build fails"))
        ins.stage = stage.index if stage is not None else -1
        if stage is not None:
            stage.instructions.append(ins)
        df.instructions.append(ins)
    if df.instructions and not df.stages:
        df.errors.append((df.instructions[0].line, "no FROM instruction: a Dockerfile must start from an image"))
    return df


def _last_terminator(lines: list[str], start: int, heredocs) -> int:
    want = len(heredocs)
    seen = 0
    for i in range(start + 1, len(lines)):
        if lines[i].lstrip("\t") in {w for w, _ in heredocs}:
            seen += 1
            if seen == want:
                return i + 1
    return len(lines)


def at(project, path: str) -> Dockerfile | None:
    """The Dockerfile model of ``path`` (None when there is no such file), parsed once per run."""
    if path == "Dockerfile":
        return project.dockerfile
    return project.memo(("dockerfile", path), lambda: load(project, path))


def load(project, path: str = "Dockerfile") -> Dockerfile | None:
    if not project.exists(path) or project.index.is_dir(path):
        return None
    tf = project.text(path)
    if tf is None:
        reason = project.unreadable.get(path, ("could not be read", 0))[0]
        return Dockerfile(path, errors=[(0, f"{path} {reason}")])
    if tf.encoding == "utf-16":
        return Dockerfile(path, errors=[(1, f"{path} is saved as UTF-16: Docker reads a Dockerfile as UTF-8 and "
                                            "the build fails on the first line")])
    df = parse(path, tf.text, tf.lines)
    for note in tf.notes:  # Docker passes other bytes through; a value holding them is rarely meant
        if "UTF-8" in note:
            df.warnings.append((0, f"{path} {note}"))
    return df
