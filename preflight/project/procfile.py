"""The Procfile: process entries with their lines, and what the platform would reject or misread.

The parser is lenient on purpose: ``processes`` holds what the author meant and the shell would run (a BOM or
CRLF is stripped, a trailing ``# comment`` is dropped as the shell drops it, a duplicate keeps the last entry as
the CNB does, a pasted no-break space or em dash is read as the space or ``--`` it stands for), so the command
rules can still check those commands, and
``errors`` / ``warnings`` say where the platform reads the file differently.

Two grammars exist (heroku/buildpacks-procfile SPEC.md): the classic stack matches each line loosely with
``^\\s*([a-zA-Z0-9_-]+):?\\s+(.*)``; the CNB (Heroku Fir) spec wants lowercase keys of ``a-z0-9`` and ``-``
(first and last alphanumeric, at most 63 characters), accepts ``_`` and uppercase with a warning (it rewrites
them), allows only whole-line ``#`` comments, needs a non-empty value, and keeps the last of duplicate keys.
Dev Center "The Procfile": one ``<process type>: <command>`` per line; ``web`` alone receives HTTP traffic.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.messages import clip
from preflight.project.webservers import serving_programs, task_worker_programs

ENTRY_RE = lazy_re(r"^([A-Za-z0-9_-]+)([ \t]*):[ \t]*(.*)$")
LOOSE_RE = lazy_re(r"^\s*([^:#\s][^:]*?)\s*:\s*(.*)$")
# "web gunicorn app:app": a valid name, then whitespace where the colon belongs
NO_COLON_RE = lazy_re(r"^([A-Za-z0-9_-]+)[ \t]+(\S.*)$")
CNB_KEY_RE = lazy_re(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
CNB_KEY_MAX = 63

FORMAT_HINT = "Write each process as 'name: command' on one line, e.g. 'web: gunicorn app:app'."

# First words of a start command: a line that begins with one is the command without its process type.
# The servers and task workers come from the one server table (webservers.py); the rest are wrappers,
# package-manager runners and other languages' start commands.
WORKER_PROGRAMS = task_worker_programs()
PROGRAMS = serving_programs() | WORKER_PROGRAMS | {
    "flask", "django-admin", "newrelic-admin", "ddtrace-run", "opentelemetry-instrument", "poetry", "uv", "uvx",
    "pipenv", "node", "npm", "npx", "yarn", "java", "bundle", "rails", "php", "sh", "bash", "exec", "panel",
    "chainlit", "gradio"}
PYTHON_RE = lazy_re(r"^python(\d(\.\d+)?)?$")
ASSIGN_RE = lazy_re(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
# Terminal commands copied from a tutorial into the Procfile along with the process lines.
SHELL_WORDS = {"heroku", "export", "git", "pip", "pip3", "cd", "source", "echo", "sudo", "chmod", "apt-get",
               "apt", "brew", "set", "unset", "pyenv", "virtualenv", "mkdir", "touch", "curl", "wget"}
INSTALLERS = {"pip", "pip3", "apt-get", "apt", "brew"}
# Characters that web pages and word processors put where a shell command needs ASCII: the shell takes them
# as ordinary letters, so a word, an option or a quote is not what it looks like. (name, what goes wrong)
_SPACE = "the shell does not split words on it"
_HIDDEN = "the shell keeps it as part of the word next to it"
_DASH = "the program does not take it for '-', so the option is not recognised"
_QUOTE = "the shell does not take it for a quote"
TYPOGRAPHIC = {"\u00a0": ("no-break space", _SPACE), "\u2007": ("figure space", _SPACE),
               "\u202f": ("narrow no-break space", _SPACE), "\u200b": ("zero-width space", _HIDDEN),
               "\u200c": ("zero-width non-joiner", _HIDDEN), "\u200d": ("zero-width joiner", _HIDDEN),
               "\u2060": ("word joiner", _HIDDEN), "\ufeff": ("zero-width no-break space", _HIDDEN),
               "\u2013": ("en dash", _DASH), "\u2014": ("em dash", _DASH), "\u2212": ("minus sign", _DASH),
               "\u2018": ("curly quote", _QUOTE), "\u2019": ("curly quote", _QUOTE),
               "\u201c": ("curly quote", _QUOTE), "\u201d": ("curly quote", _QUOTE),
               **{chr(c): ("Unicode space", _SPACE) for c in range(0x2000, 0x200B)}}
# What the author meant by each (the processes keep the meant command, as they do without a BOM or CRLF).
_MEANT_CHARS = {"\u2013": "--", "\u2014": "--", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                "\u201d": '"'}


def _as_meant(command: str) -> str:
    if command.isascii():
        return command
    out = []
    for ch in command:
        found = TYPOGRAPHIC.get(ch)
        out.append(ch if found is None else _MEANT_CHARS.get(ch, " " if found[1] == _SPACE else ""))
    return "".join(out).strip()


@dataclass
class Process:
    name: str
    command: str
    line: int


@dataclass
class Procfile:
    path: str
    processes: list[Process] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)    # (line, message, hint)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # accepted, but rewritten or risky
    unreadable: bool = False     # could not be decoded at all (the engine reports file-unreadable)
    claimed: set[str] = field(default_factory=set)  # lowercased names of entries that are declared but broken
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # (name, first line, repeated line)
    # the errors and warnings about process names and duplicates, in Heroku's and the CNB's terms: on a platform
    # with its own name grammar (``own_grammar``), procfile-process-name-invalid says them in its words instead
    dialect: list[tuple[int, str, str]] = field(default_factory=list)
    profile: object = field(default=None, repr=False, compare=False)  # the platform's words, for the hints

    def get(self, name: str) -> Process | None:
        for proc in self.processes:
            if proc.name == name:
                return proc
        return None

    def declares(self, name: str) -> bool:
        """True when some line is meant to declare ``name``, even a broken or mis-cased one."""
        key = name.lower()
        return any(p.name.lower() == key for p in self.processes) or key in self.claimed


def parse(path: str, tf, profile) -> Procfile:
    """``tf`` read as a Procfile; ``profile`` (``project.profile``) gives the platform's words in hints."""
    pf = Procfile(path, profile=profile)
    if tf.bom and tf.encoding != "utf-16":
        pf.errors.append((1, f"{path} starts with a UTF-8 byte-order mark, so the platform reads the first "
                             "process type as '\\ufeff' + its name", "Save the file as UTF-8 without BOM."))
    if tf.encoding == "utf-16":
        pf.errors.append((1, f"{path} is saved as UTF-16; the platform expects UTF-8 and reads no valid "
                             "process type from it", _UTF16_HINT))
    if tf.crlf:
        pf.errors.append((tf.first_crlf_line, f"{path} has Windows (CRLF) line endings: readers that split lines "
                                              "on '\\n' only (Dokku, Google's buildpacks) end every command in "
                                              "'\\r' ('$PORT\\r', 'app.py\\r')",
                          "Convert to LF line endings (dos2unix, or your editor's line-ending setting) and add "
                          "'Procfile text eol=lf' to .gitattributes."))
    seen: dict[str, Process] = {}
    previous_continues = False
    for n, line in enumerate(tf.lines, 1):
        stripped = line.strip()
        if n == 1:
            stripped = stripped.lstrip("\ufeff")
        continues, previous_continues = previous_continues, False
        if not stripped or stripped.startswith("#"):
            continue
        previous_continues = stripped.endswith("\\")
        if continues:
            pf.errors.append((n, f"line {n - 1} ends in '\\' but a Procfile has no line continuation: this line "
                                 f"is not part of that command ('{clip(stripped)}')",
                              "Put the whole command on one line (or move it into a script and run that)."))
            continue
        m = ENTRY_RE.match(stripped)
        if not m:
            _invalid_line(pf, n, stripped)
            continue
        name, command = m.group(1), _as_meant(_strip_shell_comment(m.group(3)).strip())
        if not command:
            pf.claimed.add(name.lower())
            pf.errors.append((n, f"process '{name}' has an empty command",
                              "Give the process a command on the same line, or delete the line."))
            continue
        if m.group(2):
            if name.lower() == "web":
                pf.claimed.add("web")
            pf.errors.append((n, f"there is a space between process type '{name}' and its colon: the CNB (Heroku "
                                 "Fir) rejects the line, and Procfile readers that expect 'name:' (foreman, "
                                 "honcho) skip it", f"Remove the space: '{name}: {clip(command)}'."))
        _check_name(pf, n, name)
        _check_command(pf, n, name, command)
        _check_typography(pf, n, name, line)
        if name in seen:
            first = seen[name]
            pf.errors.append((n, f"process type '{name}' is declared twice (also on line {first.line}); the "
                                 "platform keeps only one of them (the CNB keeps the last)",
                              "Keep one line per process type."))
            pf.dialect.append(pf.errors[-1])
            pf.duplicates.append((name, first.line, n))
            pf.processes.remove(first)
        proc = Process(name, command, n)
        seen[name] = proc
        pf.processes.append(proc)
    return pf


def _invalid_line(pf: Procfile, n: int, stripped: str) -> None:
    if _pasted_command(pf, n, stripped):
        return
    if stripped.startswith("- "):
        inner = LOOSE_RE.match(stripped[2:])
        if inner:
            pf.claimed.add(inner.group(1).strip().lower())
        pf.errors.append((n, f"'{clip(stripped)}' is YAML list syntax; a Procfile line is 'type: command'",
                          "Remove the '- ' and write each process as 'name: command', e.g. 'web: gunicorn app:app'."))
        return
    no_colon = NO_COLON_RE.match(stripped)
    loose = LOOSE_RE.match(stripped)
    # "web gunicorn app:app": the first colon is inside the command (module:object), not after a name;
    # "my worker: python w.py": the colon ends a name that has a space in it.
    glued = loose is None or not stripped[stripped.index(":") + 1:][:1].isspace()
    if no_colon and glued:
        name = no_colon.group(1)
        pf.claimed.add(name.lower())
        pf.errors.append((n, f"the colon after process type '{name}' is missing: '{clip(stripped)}'",
                          f"Write '{name}: {clip(no_colon.group(2))}'."))
        return
    if loose:
        pf.claimed.add(loose.group(1).lower())
        pf.errors.append((n, f"process type '{clip(loose.group(1), 40)}' is not valid: a process type is one "
                             "word of letters, digits, '-' and '_'", FORMAT_HINT))
        return
    pf.errors.append((n, f"line is not 'type: command': '{clip(stripped)}'", FORMAT_HINT))


_NOT_RUN = "the Procfile only declares processes and is never run as a script, and the CNB (Heroku Fir) " \
           "rejects the line"


def _pasted_command(pf: Procfile, n: int, stripped: str) -> bool:
    """A line that is a shell command rather than 'type: command': the start command alone, a config
    variable, or a terminal command copied from a tutorial. Records the finding and returns True."""
    words = stripped.split()
    first = words[0]
    assign = ASSIGN_RE.match(stripped)
    if assign and (first == "export" or len(words) == 1):
        name, value = assign.group(1), assign.group(2).strip()
        if len(value) > 1 and value[0] in "'\"" and value[-1] == value[0]:
            value = value[1:-1]
        pf.errors.append((n, f"'{clip(stripped)}' does not set a config var: {_NOT_RUN}",
                          f"Delete the line and set a config var: {pf.profile.config_set} {name}={clip(value, 40)} "
                          f"(or put {name}=... before a process's command)."))
        return True
    if first == "heroku":
        pf.errors.append((n, f"'{clip(stripped)}' is a Heroku CLI command, not a process declaration: {_NOT_RUN}",
                          f"Delete the line and run '{clip(stripped)}' in a terminal."))
        return True
    if first in SHELL_WORDS:
        hint = ("Delete the line: the build installs the dependencies itself." if first in INSTALLERS else
                "Delete the line, or make it a process with a type in front ('name: command').")
        pf.errors.append((n, f"'{clip(stripped)}' is a shell command, not a process declaration: {_NOT_RUN}", hint))
        return True
    env_prefix = 0
    while env_prefix < len(words) - 1 and ASSIGN_RE.match(words[env_prefix]):
        env_prefix += 1
    program = words[env_prefix]
    base = program.rsplit("/", 1)[-1]
    if not (program.startswith(("./", "/", "bin/")) or base in PROGRAMS or PYTHON_RE.match(base)):
        return False
    kind = "worker" if base in WORKER_PROGRAMS else "web"
    if kind == "web":
        pf.claimed.add("web")  # the line is the web command without its name: procfile-no-web would repeat it
    also = " (or 'worker: ...' for a bot or background job)" if kind == "web" and not (
        base in PROGRAMS and base not in ("sh", "bash", "exec")) else ""
    pf.errors.append((n, f"'{clip(stripped)}' has no process type: the platform reads each line as "
                         "'type: command'", f"Put the process type in front: '{kind}: {clip(stripped)}'{also}."))
    return True


def _check_name(pf: Procfile, n: int, name: str) -> None:
    lower = name.lower()
    if lower == "web" and name != "web":
        pf.claimed.add(lower)
        pf.errors.append((n, f"process type '{name}' is not 'web': only the process type named exactly 'web' "
                             "receives HTTP traffic (the CNB lowercases it with a warning)",
                          "Write the process type in lowercase: 'web:'."))
        return
    if len(name) > CNB_KEY_MAX:
        pf.warnings.append((n, f"process type '{clip(name, 40)}' is {len(name)} characters long; the CNB "
                               f"(Heroku Fir) rejects process types over {CNB_KEY_MAX}", "Shorten the name."))
    elif not CNB_KEY_RE.match(lower.replace("_", "-")):
        pf.warnings.append((n, f"process type '{name}' must start and end with a letter or digit; the CNB "
                               "(Heroku Fir) rejects it", "Rename it, e.g. 'worker'."))
    elif name != lower or "_" in name:
        fixed = lower.replace("_", "-")
        pf.warnings.append((n, f"process type '{name}' is rewritten to '{fixed}' by the CNB (Heroku Fir), which "
                               "allows only lowercase letters, digits and '-'",
                            f"Rename it to '{fixed}' so every platform sees the same name."))
    if pf.warnings and pf.warnings[-1][0] == n:
        pf.dialect.append(pf.warnings[-1])


def own_grammar(profile) -> bool:
    """The platform reads the Procfile with its own process-name grammar (``facts.procfile.names``), other
    than Heroku classic's: Dokku, Scalingo, Fir's CNB, Google's buildpacks. Its names and duplicates are then
    checked against that grammar (procfile-process-name-invalid), not Heroku's."""
    from preflight.project.platform import DEFAULT, load_profile

    own = (profile.procfile or {}).get("names")
    return own is not None and own != (load_profile(DEFAULT).procfile or {}).get("names")


def _check_typography(pf: Procfile, n: int, name: str, line: str) -> None:
    """The first typographic look-alike after the process type's colon (the raw line: strip() eats NBSP)."""
    if line.isascii():
        return
    start = line.find(":") + 1
    for i in range(start, len(line)):
        found = TYPOGRAPHIC.get(line[i])
        if found:
            kind, effect = found
            article = "an" if kind[0] in "aeio" else "a"
            pf.errors.append((n, f"the command of '{name}' contains {article} {kind} (U+{ord(line[i]):04X}) at column "
                                 f"{i + 1}, typical of text pasted from a web page or a word processor: {effect}",
                              "Retype the line in a plain-text editor: normal spaces, straight quotes, '-' and '--'."))
            return


def _check_command(pf: Procfile, n: int, name: str, command: str) -> None:
    if len(command) > 1 and command[0] in "'\"" and command[-1] == command[0] and " " in command:
        pf.errors.append((n, f"the command of '{name}' is one quoted string, so the shell looks for a program "
                             f"named {clip(command)} and fails with 'command not found'",
                          f"Remove the quotes: '{name}: {clip(command[1:-1])}'."))


_UTF16_HINT = ("Save the file as UTF-8 (PowerShell's 'echo ... > Procfile' writes UTF-16: use "
               "Set-Content -Encoding utf8, or your editor's encoding setting).")


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text with a NUL in every other byte."""
    sample = raw[:200]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return odds.count(0) >= len(odds) * 0.8 or evens.count(0) >= len(evens) * 0.8


def _strip_shell_comment(value: str) -> str:
    """What the shell runs: the CNB keeps a trailing ``# ...`` in the value, and the shell drops it."""
    quote, i, word_start = None, 0, True
    while i < len(value):
        ch = value[i]
        if ch == "\\" and quote != "'":
            i, word_start = i + 2, False  # an escaped character, inside double quotes or outside any
            continue
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and word_start:
            return value[:i]
        word_start = quote is None and ch in " \t"
        i += 1
    return value


def load(project) -> Procfile | None:
    if not project.exists("Procfile") or project.index.is_dir("Procfile"):
        return None
    tf = project.text("Procfile")
    if tf is not None:
        return parse("Procfile", tf, project.profile)
    pf = Procfile("Procfile", unreadable=True, profile=project.profile)
    raw = project.read_bytes("Procfile")
    if raw and _looks_utf16(raw):  # file-unreadable calls it binary; say what it really is
        pf.errors.append((1, "Procfile is saved as UTF-16 (no byte-order mark); the platform expects UTF-8 and "
                             "reads no valid process type from it", _UTF16_HINT))
    return pf


# -- a Procfile the platform does not read --------------------------------------------------------
# Names users give the Procfile that the platform does not read (Windows editors add ".txt"), compared
# case-insensitively; "Procfile.dev" and friends are deliberate local variants and stay out of this list.
MISNAMED_SUFFIXES = ("", ".txt", ".text", ".yml", ".yaml", ".py", ".md", ".sh", ".rtf", ".json", ".toml", ".")


@dataclass(frozen=True)
class Misplaced:
    """A process file the platform will not read: ``how`` is "folder" (a folder named Procfile),
    "misnamed" (``Procfile.txt``, ``procfile``) or "nested" (a Procfile only in a subfolder); ``also``: beside
    a Procfile folder, the misnamed process file that holds the processes (both must change)."""
    path: str
    how: str
    also: str = ""


def misplaced(project) -> Misplaced | None:
    """The process file the author meant, when the platform will not read it; None when the root has a
    committed ``Procfile`` (or there is no process file at all). Procfiles in documentation, example and
    test folders are not meant for this app."""
    names = sorted(set(project.index.root_names) | {f for f in project.files if "/" not in f})
    wrong = {"procfile" + s for s in MISNAMED_SUFFIXES}
    misnamed = next((name for name in names if name != "Procfile" and name.lower() in wrong
                     and not project.index.is_dir(name)), None)
    if project.index.is_dir("Procfile"):
        return Misplaced("Procfile", "folder", misnamed or "")
    if project.shipped("Procfile"):
        return None
    if misnamed is not None:
        return Misplaced(misnamed, "misnamed")
    from preflight.project.dependencies import auxiliary

    nested = sorted((f for f in project.files if f.endswith("/Procfile") and not auxiliary(f)),
                    key=lambda f: (f.count("/"), f))
    return Misplaced(nested[0], "nested") if nested else None


def serving_process(pf: Procfile) -> tuple[Process, str] | tuple[None, None]:
    """The first process that starts an HTTP server (gunicorn, streamlit, ``manage.py runserver``...) and
    that server's program: a non-web process running one was meant as ``web``."""
    from preflight.project.commands import split

    servers = serving_programs()
    for proc in pf.processes:
        for cmd in split(proc.command):
            if cmd.program in servers or (cmd.program.startswith("python") and "runserver" in cmd.argv):
                return proc, cmd.program
    return None, None


def picked(pf: Procfile, profile) -> tuple[Process | None, bool]:
    """On a platform that runs one Procfile entry per service (``facts.procfile.picks``: Railway ``web`` >
    ``worker`` > any, Cloud Run ``web``): the entry it runs, and whether that choice is certain (an entry
    picked by ``*`` is Railpack's arbitrary choice, here the first in the file). (None, True) when the platform
    runs every entry, or none of the entries is picked."""
    picks = (profile.procfile or {}).get("picks")
    if not picks:
        return None, True
    for pick in picks:
        if pick == "*":
            rest = pf.processes
            return (rest[0], len(rest) == 1) if rest else (None, True)
        proc = pf.get(pick)
        if proc is not None:
            return proc, True
    return None, True


def procfile_commands(project) -> dict:
    """Process -> Procfile entry, where the platform runs a Dockerfile image with the Procfile's commands
    (Dokku: ``facts.procfile_in_container``; each entry replaces the image's CMD for that process type, as
    heroku.yml ``run`` does on Heroku). Empty elsewhere, or without a Procfile."""
    pf = project.procfile if project.profile.facts.get("procfile_in_container") else None
    return {proc.name: proc for proc in pf.processes} if pf is not None else {}


def scaled_processes(project) -> set[str]:
    """Process types a committed manifest gives a quantity: app.json ``formation`` (Heroku's, read when the app
    is created from it; Dokku's on every deploy) and scalingo.json ``formation``."""
    doc = project.manifests.app_json if project.exists("app.json") else None
    out = set(doc["formation"]) if isinstance(doc, dict) and isinstance(doc.get("formation"), dict) else set()
    out |= {s.name for s in project.platform_files.services("scalingo") if s.path == "scalingo.json"}
    return out
