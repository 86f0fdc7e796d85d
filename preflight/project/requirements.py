"""requirements.txt as pip reads it: logical lines, options, includes, and one Requirement per line.

pip's reader (``pip/_internal/req/req_file.py``) is followed step by step: physical lines ending in ``\\``
are joined (a comment line ends a continuation), comments are cut after the join (``#`` at the start of
the line or after whitespace), ``${VAR}`` references are noted (the classic buildpack passes only
``PIP_EXTRA_INDEX_URL`` to pip), then each logical line is split into the requirement (the tokens
before the first one starting with ``-``) and options parsed like pip's optparse parser (long options
may be abbreviated). ``-r``/``-c`` includes are read relative to the including file, as pip does;
local paths in requirements are relative to the build directory (the repository root).

Nothing is ever imported or run. A line pip would reject becomes a ``Problem``, never an exception.
``packaging`` is imported on first use only.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass, field
from typing import Callable, Iterator

from preflight.lazyre import lazy_re
from preflight.messages import clip
from preflight.project.names import canonical

MAX_LINE = 10_000   # a logical line longer than this is reported, never parsed (bad input stays fast)
# ...not counting its --hash options: pip-compile writes one per wheel, 100-300 of them for markupsafe, numpy or
# pydantic-core (about 80 characters each); the options parser reads them in linear time, up to this bound.
MAX_HASHED_LINE = 200_000
MAX_DEPTH = 10      # -r/-c nesting; deeper is reported instead of followed
ROOT_FILE = "requirements.txt"

# pip's file-level options and the per-requirement ones (pip 25: req_file.SUPPORTED_OPTIONS[_REQ]).
# value: True when the option takes an argument.
LONG_OPTIONS = {
    "--index-url": True, "--extra-index-url": True, "--no-index": False, "--constraint": True,
    "--requirement": True, "--editable": True, "--find-links": True, "--no-binary": True,
    "--only-binary": True, "--prefer-binary": False, "--require-hashes": False, "--pre": False,
    "--trusted-host": True, "--use-feature": True,
    "--global-option": True, "--hash": True, "--config-settings": True,
}
SHORT_OPTIONS = {"-i": "--index-url", "-c": "--constraint", "-r": "--requirement", "-e": "--editable",
                 "-f": "--find-links", "-C": "--config-settings"}
REQUIREMENT_OPTIONS = {"--hash", "--global-option", "--config-settings"}

VCS = ("git", "hg", "svn", "bzr")
URL_SCHEMES = {"http", "https", "file", "ftp"} | set(VCS) | {
    f"{v}+{s}" for v in VCS for s in ("http", "https", "ssh", "git", "file", "svn", "sftp", "static-http")}
ARCHIVE_SUFFIXES = (".zip", ".whl", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz",
                    ".tar.lz", ".tlz")
# bounded: "[^}\s]*" made a line of many "${" quadratic to search
ENV_REF_RE = lazy_re(r"\$\{([^}\s]{0,256})\}")
PIP_ENV_RE = lazy_re(r"^[A-Z0-9_]+$")     # pip only expands ${NAME} with this shape
_EGG_RE = lazy_re(r"[#&]egg=([^&]*)")
HASH_OPTION_RE = lazy_re(r"--hash[= ]\S*")
_OPERATORS = ("==", "!=", "<=", ">=", "~=", "<", ">", "===")


@dataclass
class Requirement:
    """One requirement line (or ``-e`` target) as pip understands it."""

    name: str                 # as written; "" for an unnamed URL or path
    key: str                  # canonical distribution name; "" when unnamed
    path: str                 # the requirements file it is written in
    line: int                 # first physical line of the logical line
    text: str                 # the requirement text (options removed), clipped
    specifier: str = ""
    extras: tuple = ()
    marker: str = ""
    url: str = ""             # the URL or local path for url/vcs/path requirements
    kind: str = "name"        # "name" | "url" | "vcs" | "path"
    editable: bool = False
    constraint: bool = False  # from a -c file: limits versions, installs nothing
    hashes: list = field(default_factory=list)

    @property
    def pinned(self) -> bool:
        return bool(self.specifier) or self.kind != "name"


@dataclass
class Problem:
    """A line pip rejects, or an include it cannot follow."""

    path: str
    line: int
    message: str
    kind: str = "invalid"     # "invalid" | "include" | "cycle" | "depth" | "too-long" | "option"


@dataclass
class Option:
    path: str
    line: int
    name: str                 # the long option name ("--index-url")
    value: str = ""


@dataclass
class EnvRef:
    path: str
    line: int
    name: str
    in_url: str               # the text the reference sits in


@dataclass
class Requirements:
    root: str
    files: list = field(default_factory=list)           # every file read, root first
    requirements: list = field(default_factory=list)    # Requirement, in pip's order (constraints too)
    problems: list = field(default_factory=list)
    options: list = field(default_factory=list)
    env_refs: list = field(default_factory=list)
    remote_includes: list = field(default_factory=list)  # (path, line, url) for -r https://...
    encodings: dict = field(default_factory=dict)        # path -> TextFile.encoding

    @property
    def installs(self) -> list:
        """What pip installs: the requirements that are not constraints."""
        return [r for r in self.requirements if not r.constraint]

    def named(self, key: str) -> list:
        return [r for r in self.requirements if r.key == key]


# -- reading logical lines ------------------------------------------------------------------------
def _is_comment(line: str) -> bool:
    return line.lstrip()[:1] == "#"


def _cut_comment(line: str) -> str:
    """pip's COMMENT_RE.sub: drop from the first '#' that starts the line or follows whitespace (linear)."""
    i = line.find("#")
    while i != -1:
        if i == 0 or line[i - 1].isspace():
            return line[:i]
        i = line.find("#", i + 1)
    return line


def logical_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(first physical line number, text) of each non-empty logical line, joined and comment-free."""
    pending: list[str] = []
    start = 0
    for n, raw in enumerate(lines, 1):
        comment = _is_comment(raw)
        if not raw.endswith("\\") or comment:
            if pending:
                pending.append(" " + raw if comment else raw)
                joined, first = "".join(pending), start
                pending = []
            else:
                joined, first = raw, n
            text = _cut_comment(joined).strip()
            if text:
                yield first, text
        else:
            if not pending:
                start = n
            pending.append(raw.strip("\\"))
    if pending:
        text = _cut_comment("".join(pending)).strip()
        if text:
            yield start, text


# -- one logical line -----------------------------------------------------------------------------
class LineError(ValueError):
    pass


def split_line(text: str) -> tuple[str, list[tuple[str, str]]]:
    """pip's break_args_options + optparse: (requirement text, [(long option, value)])."""
    tokens = text.split(" ")
    args = []
    for tok in tokens:
        if tok.startswith("-"):
            break
        args.append(tok)
    rest = " ".join(tokens[len(args):])
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise LineError(f"options do not parse ({exc})") from None
    return " ".join(args).strip(), _options(words)


def _long_name(given: str) -> str:
    if given in LONG_OPTIONS:
        return given
    matches = [o for o in LONG_OPTIONS if o.startswith(given)]  # optparse accepts unique prefixes
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LineError(f"option {given} is ambiguous ({', '.join(sorted(matches))})")
    raise LineError(f"no such option: {given}")


def _options(words: list[str]) -> list[tuple[str, str]]:
    out = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word.startswith("--") and len(word) > 2:
            given, eq, value = word.partition("=")
            name = _long_name(given)
            if LONG_OPTIONS[name]:
                if not eq:
                    if i >= len(words):
                        raise LineError(f"{name} option requires 1 argument")
                    value = words[i]
                    i += 1
            elif eq:
                raise LineError(f"{name} option does not take a value")
            out.append((name, value))
        elif word.startswith("-") and len(word) > 1:
            short = word[:2]
            if short not in SHORT_OPTIONS:
                raise LineError(f"no such option: {short}")
            value = word[2:]
            if not value:
                if i >= len(words):
                    raise LineError(f"{short} option requires 1 argument")
                value = words[i]
                i += 1
            out.append((SHORT_OPTIONS[short], value))
        # a stray positional word: pip's optparse leaves it unused
    return out


def url_scheme(text: str) -> str:
    return text.split(":", 1)[0].lower() if ":" in text else ""


def is_url(text: str) -> bool:
    return url_scheme(text) in URL_SCHEMES


def looks_like_path(text: str) -> bool:
    """pip's _looks_like_path, plus Windows drive paths pip on Linux would choke on."""
    return "/" in text or "\\" in text or text.startswith(".") or bool(re.match(r"^[A-Za-z]:[\\/]", text))


def split_extras(text: str) -> tuple[str, str | None]:
    """``./pkg[a,b]`` -> (``./pkg``, ``[a,b]``): pip's _strip_extras, in linear time."""
    if text.endswith("]"):
        i = text.rfind("[")
        if i != -1 and "]" not in text[i + 1:-1]:
            return text[:i], text[i:]
    return text, None


def _egg_name(url: str) -> str:
    m = _EGG_RE.search(url)
    if not m:
        return ""
    return split_extras(m.group(1))[0].strip()


def _wheel_name(url: str) -> tuple[str, str]:
    base = url.split("#", 1)[0].split("?", 1)[0].rsplit("/", 1)[-1]
    if base.endswith(".whl"):
        parts = base[:-4].split("-")
        if len(parts) >= 5:
            return parts[0], parts[1]
    return "", ""




_canon = canonical

# The common requirement shape (name, [extras], plain specifiers; no marker, no URL) is read without
# packaging, whose import costs ~30 ms of a pre-commit hook. The pattern accepts only what packaging
# accepts and yields the same name, extras and specifier string; anything else goes to packaging.
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_REL = r"\d+(?:\.\d+)*"
_VERSION = _REL + r"(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?"
# Whitespace runs are collapsed to one space first, so each optional " ?" below can only match in
# one way: no backtracking blow-up on lines full of spaces.
_SPEC = (rf"(?:~= ?\d+(?:\.\d+)+(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?"
         rf"|(?:==|!=) ?(?:{_REL}\.\*|{_VERSION})"
         rf"|(?:<=|>=|<|>) ?{_VERSION})")
_SIMPLE_RE = lazy_re(rf"^({_NAME}) ?(?:\[ ?({_NAME}(?: ?, ?{_NAME})*)? ?\])? ?"
                        rf"({_SPEC}(?: ?, ?{_SPEC})*)?$")
_SPACE_RE = lazy_re(r"\s+")


def parse_simple(text: str) -> tuple[str, tuple, str] | None:
    """(name, extras, specifier) for a plain requirement, exactly as packaging reports them; else None."""
    m = _SIMPLE_RE.match(_SPACE_RE.sub(" ", text.strip()))
    if not m:
        return None
    name, extras, specs = m.groups()
    extra_names = tuple(sorted({e.strip() for e in extras.split(",")})) if extras else ()
    spec = ",".join(sorted({_SPACE_RE.sub("", s) for s in specs.split(",")})) if specs else ""
    return name, extra_names, spec


def parse_requirement(text: str, path: str, line: int, *, editable: bool = False,
                      constraint: bool = False) -> Requirement:
    """One requirement string as pip's parse_req_from_line/parse_editable read it; raises LineError."""
    req = Requirement(name="", key="", path=path, line=line, text=clip(text, 80), editable=editable,
                      constraint=constraint)
    if editable:
        target, extras = split_extras(text.strip())
        scheme = url_scheme(target)
        if scheme in VCS or "+" in scheme and scheme.split("+", 1)[0] in VCS:
            req.kind, req.url = "vcs", target
            req.name = _egg_name(target)
        elif scheme == "file":
            req.kind, req.url = "path", target
            req.name = _egg_name(target)
        elif scheme in ("http", "https") or (scheme and not looks_like_path(target)):
            raise LineError(f"'{clip(text, 60)}' is not a valid editable requirement: it must be a path to a "
                            "local project or a VCS URL (git+https://...)")
        else:
            req.kind, req.url = "path", target
        req.extras = _extras(extras)
        req.key = _canon(req.name)
        return req

    url_like = is_url(text)
    sep = "; " if url_like else ";"
    body, marker = (text.split(sep, 1) + [""])[:2] if sep in text else (text, "")
    body, marker = body.strip(), marker.strip()
    if marker:
        from packaging.markers import InvalidMarker, Marker

        try:
            req.marker = str(Marker(marker))
        except (InvalidMarker, SyntaxError, ValueError) as exc:  # packaging lets SyntaxError out of a bad string
            raise LineError(f"invalid environment marker '{clip(marker, 60)}': {_first_line(exc)}") from None
    if url_like:
        req.kind = "vcs" if "+" in url_scheme(body) or url_scheme(body) in VCS else "url"
        req.url = body
        name, version = _wheel_name(body)
        req.name = _egg_name(body) or name
        if version:
            req.specifier = f"=={version}"
        req.key = _canon(req.name)
        return req
    before_at = body.split("@", 1)[0]
    if ("@" not in body or looks_like_path(before_at)) and (looks_like_path(body) or
                                                           body.lower().endswith(ARCHIVE_SUFFIXES)):
        target, extras = split_extras(body)
        req.kind, req.url, req.extras = "path", target, _extras(extras)
        name, version = _wheel_name(target)
        req.name, req.key = name, _canon(name)
        if version:
            req.specifier = f"=={version}"
        return req
    simple = None if marker else parse_simple(body)
    if simple:
        req.name, req.extras, req.specifier = simple
        req.key = canonical(req.name)
        return req
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as PkgRequirement

    try:
        parsed = PkgRequirement(body if not marker else f"{body}; {marker}")
    except (InvalidRequirement, SyntaxError, ValueError) as exc:
        msg = _first_line(exc)
        if "=" in body and not any(op in body for op in _OPERATORS):
            msg += " ('=' is not an operator: did you mean '=='?)"
        raise LineError(f"'{clip(body, 60)}' is not a valid requirement: {msg}") from None
    req.name, req.key = parsed.name, _canon(parsed.name)
    req.specifier = str(parsed.specifier)
    req.extras = tuple(sorted(parsed.extras))
    if parsed.url:
        req.url = parsed.url
        scheme = url_scheme(parsed.url)
        req.kind = "vcs" if "+" in scheme or scheme in VCS else ("path" if scheme == "file" else "url")
    return req


def _extras(group: str | None) -> tuple:
    if not group:
        return ()
    return tuple(sorted(e.strip() for e in group.strip("[]").split(",") if e.strip()))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return clip(text[0] if text else type(exc).__name__, 160)


# -- files and includes ---------------------------------------------------------------------------
class Reader:
    """Where requirement files come from. ``lines`` returns None when unreadable (reported elsewhere)."""

    def lines(self, path: str) -> list[str] | None:  # pragma: no cover - interface
        raise NotImplementedError

    def unavailable(self, path: str) -> str | None:
        """Why the build could not open ``path`` (None when it can)."""
        raise NotImplementedError  # pragma: no cover

    def encoding(self, path: str) -> str:
        return "utf-8"


class ProjectReader(Reader):
    def __init__(self, project):
        self.project = project

    def lines(self, path):
        tf = self.project.text(path)
        return None if tf is None else tf.lines

    def encoding(self, path):
        tf = self.project.text(path)
        return tf.encoding if tf is not None else "utf-8"

    def unavailable(self, path):
        p = self.project
        if p.shipped(path):
            return None
        if p.index.is_dir(path):
            return "is a folder, not a file"
        if p.exists(path):
            if p.index.ignored(path):
                return "is ignored by .gitignore, so it is not pushed"
            return "is not committed to git, so it is not pushed"
        return "does not exist"


class DictReader(Reader):
    """Files given as text (tests, and anything that is not a Project)."""

    def __init__(self, files: dict[str, str]):
        self.files = files

    def lines(self, path):
        text = self.files.get(path)
        return None if text is None else text.replace("\r\n", "\n").split("\n")

    def unavailable(self, path):
        return None if path in self.files else "does not exist"


def read(reader: Reader, root: str = ROOT_FILE) -> Requirements:
    result = Requirements(root=root)
    _read_file(reader, root, result, stack=[root], seen=set())
    return result


def parse_text(text: str, path: str = ROOT_FILE, others: dict[str, str] | None = None) -> Requirements:
    """Parse requirement text directly (includes resolve against ``others``)."""
    return read(DictReader({path: text, **(others or {})}), path)


def _read_file(reader: Reader, path: str, out: Requirements, stack: list[str], seen: set,
               constraint: bool = False) -> None:
    seen.add(path)
    lines = reader.lines(path)
    if lines is None:
        return
    out.files.append(path)
    out.encodings[path] = reader.encoding(path)
    for n, text in logical_lines(lines):
        if len(text) > MAX_LINE and (len(text) > MAX_HASHED_LINE or len(HASH_OPTION_RE.sub("", text)) > MAX_LINE):
            out.problems.append(Problem(path, n, f"line {n} is {len(text):,} characters long (over "
                                                 f"{MAX_LINE:,}); not parsed", "too-long"))
            continue
        for m in ENV_REF_RE.finditer(text):
            out.env_refs.append(EnvRef(path, n, m.group(1), text))
        try:
            args, opts = split_line(text)
        except LineError as exc:
            out.problems.append(Problem(path, n, str(exc), "option"))
            continue
        names = {o for o, _ in opts}
        if args:
            try:
                req = parse_requirement(args, path, n, constraint=constraint)
            except LineError as exc:
                out.problems.append(Problem(path, n, str(exc)))
                continue
            req.hashes = [v for o, v in opts if o == "--hash"]
            out.requirements.append(req)
            continue
        if "--editable" in names:
            value = next(v for o, v in opts if o == "--editable")
            try:
                out.requirements.append(parse_requirement(value, path, n, editable=True, constraint=constraint))
            except LineError as exc:
                out.problems.append(Problem(path, n, str(exc)))
            continue
        include = next(((o, v) for o, v in opts if o in ("--requirement", "--constraint")), None)
        if include:
            _include(reader, path, n, include[1], include[0] == "--constraint" or constraint, out, stack, seen)
            continue
        for o, v in opts:
            out.options.append(Option(path, n, o, v))


def _include(reader: Reader, path: str, line: int, value: str, constraint: bool, out: Requirements,
             stack: list[str], seen: set) -> None:
    flag = "-c" if constraint else "-r"
    if url_scheme(value) in ("http", "https"):
        out.remote_includes.append((path, line, value))
        return
    if url_scheme(value) == "file":
        value = re.sub(r"^file:(//)?", "", value, flags=re.I)
    target = value if value.startswith("/") else posixpath.join(posixpath.dirname(path), value)
    target = posixpath.normpath(target)
    if target.startswith("/") or target == ".." or target.startswith("../") or re.match(r"^[A-Za-z]:", value):
        out.problems.append(Problem(path, line, f"'{flag} {value}' points outside the repository: the build "
                                                "cannot read it", "include"))
        return
    if target in stack:
        out.problems.append(Problem(path, line, f"'{flag} {value}' includes {target}, which includes "
                                                f"{path} again: an include cycle", "cycle"))
        return
    if len(stack) > MAX_DEPTH:
        out.problems.append(Problem(path, line, f"'{flag} {value}' nests includes more than {MAX_DEPTH} "
                                                "levels deep; not followed", "depth"))
        return
    why = reader.unavailable(target)
    if why:
        out.problems.append(Problem(path, line, f"'{flag} {value}': {target} {why}; pip stops with "
                                                "'Could not open requirements file'", "include"))
        return
    if target in seen:
        return  # read already (a diamond, not a cycle)
    _read_file(reader, target, out, stack + [target], seen, constraint)


def load(project) -> Requirements | None:
    """requirements.txt at the root (and its includes) as the build sees them; None when absent."""
    if not project.shipped(ROOT_FILE) or project.index.is_dir(ROOT_FILE):
        return None
    return read(ProjectReader(project), ROOT_FILE)


def load_file(project, path: str) -> Requirements | None:
    """Another requirements file (requirements-dev.txt...), parsed the same way."""
    if not project.shipped(path) or project.index.is_dir(path):
        return None
    return read(ProjectReader(project), path)


def env_references(refs: list, passed: Callable[[str], bool]) -> list:
    """The references the build leaves unexpanded (``passed(name)`` says which variables it provides)."""
    return [r for r in refs if not (PIP_ENV_RE.match(r.name) and passed(r.name))]


# -- version sets ---------------------------------------------------------------------------------
def satisfiable(specifiers: list[str]) -> bool:
    """Whether some version satisfies every specifier set (pre-releases allowed, to stay lenient).

    Each bound a specifier names is a candidate, and so is one version strictly between each pair of
    neighbouring bounds, one below the lowest and one above the highest: if the intersection of the
    ranges is not empty it holds one of these. Anything unusual (``===``, local or pre-release bounds)
    counts as satisfiable: a conflict is only claimed when it is certain.
    """
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        sets = [SpecifierSet(s) for s in specifiers if s]
    except InvalidSpecifier:
        return True
    bounds: set = set()
    for spec_set in sets:
        for spec in spec_set:
            if spec.operator == "===":
                return True
            text = spec.version
            wildcard = text.endswith(".*")
            try:
                version = Version(text[:-2] if wildcard else text)
            except InvalidVersion:
                return True
            if version.is_prerelease or version.is_postrelease or version.local or version.epoch:
                return True
            release = version.release
            bounds.add(release)
            if wildcard or spec.operator == "~=":
                stem = release if wildcard else release[:-1] or release
                bounds.add(stem[:-1] + (stem[-1] + 1,))
    if not sets:
        return True
    ordered = sorted(bounds)
    candidates = [_v(r) for r in ordered] + [_v((0,)), _v((ordered[-1][0] + 1,) if ordered else (1,))]
    for low, high in zip(ordered, ordered[1:]):
        width = max(len(low), len(high)) + 1
        candidates.append(_v(low + (0,) * (width - len(low) - 1) + (1,)))
    for c in candidates:
        if all(s.contains(c, prereleases=True) for s in sets):
            return True
    return False


def _v(release: tuple):
    from packaging.version import Version

    return Version(".".join(str(p) for p in release))
