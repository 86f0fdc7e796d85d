"""The Python runtime a deploy gets: every version the repo declares (with its line), the one the
platform picks, what the buildpack would reject, and the platform's version table.

The parsing follows the Heroku Python buildpacks (classic ``lib/python_version.sh``, CNB
``src/python_version_file.rs``) as described in research/heroku.md section B; the version table is
data (``preflight/data/heroku_python.json``), loaded once on first use.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from preflight.lazyre import lazy_re

PYTHON_VERSION_FILE = ".python-version"
RUNTIME_TXT = "runtime.txt"
PIPFILE_LOCK = "Pipfile.lock"

# X.Y or X.Y.Z, no leading zeros: the buildpacks' PYTHON_VERSION_REGEX.
VERSION_RE = lazy_re(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$")
# Unicode White_Space, which the buildpacks strip from both ends of each line (Rust's str::trim).
# Python's str.strip() would also strip U+001C..U+001F, which the buildpacks keep.
WHITESPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
             "\u2028\u2029\u202f\u205f\u3000"

_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "heroku_python.json")


# -- versions -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int | None = None

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """``3.12`` / ``3.12.4`` in the buildpack's exact syntax, else None."""
        m = VERSION_RE.match(text)
        if not m:
            return None
        return cls(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) is not None else None)

    @property
    def minor_version(self) -> Version:
        return Version(self.major, self.minor)

    def agrees(self, other: Version) -> bool:
        """Same release as far as both say: 3.13 agrees with 3.13.2; 3.13.1 does not agree with 3.13.2."""
        if (self.major, self.minor) != (other.major, other.minor):
            return False
        return self.patch is None or other.patch is None or self.patch == other.patch

    def __str__(self) -> str:
        base = f"{self.major}.{self.minor}"
        return base if self.patch is None else f"{base}.{self.patch}"


# -- the platform's table -------------------------------------------------------------------------
@dataclass
class Assessment:
    """How the platform treats a requested version (see VersionTable.assess)."""

    kind: str           # ok | outdated-patch | deprecated | eol | unknown-minor | new-minor | unknown-patch | new-patch
    version: Version
    latest: Version | None = None       # the latest patch of its minor the table knows
    removal_date: str = ""              # deprecated / removed: when the platform drops (dropped) it
    removal_release: str = ""
    upstream_eol: str = ""              # YYYY-MM


class VersionTable:
    def __init__(self, data: dict):
        self.data = data
        classic = data["sources"]["classic"]
        self.source = f"{classic['repo']} {classic['release']} ({classic['date']})"
        self.checked = _date(data["sources"].get("checked") or classic["date"])
        self.default = Version.parse(data["default"])
        self.oldest = Version.parse(data["oldest_supported_minor"])
        self.newest = Version.parse(data["newest_supported_minor"])
        self.supported = {Version.parse(k): v for k, v in data["supported"].items()}
        self.removed = {Version.parse(k): v for k, v in data["removed"].items()}
        self.misspelled = tuple(data["misspelled_python_version_names"])

    def latest(self, v: Version) -> Version | None:
        info = self.supported.get(v.minor_version)
        return Version.parse(info["latest"]) if info else None

    def resolve(self, v: Version) -> Version:
        """What the buildpack installs: X.Y becomes the latest X.Y.Z it knows."""
        if v.patch is not None:
            return v
        return self.latest(v) or Version(v.major, v.minor, 0)

    @property
    def supported_range(self) -> str:
        return f"{self.oldest}-{self.newest}"

    def assess(self, v: Version, today: datetime.date | None = None) -> Assessment:
        today = today or datetime.date.today()
        minor = v.minor_version
        info = self.supported.get(minor)
        if info is not None:
            dep = info.get("deprecated")
            if dep:
                removal = _date(dep["removal_date"])
                kind = "eol" if today >= removal else "deprecated"
                return Assessment(kind, v, self.latest(v), removal_date=dep["removal_date"],
                                  upstream_eol=info.get("upstream_eol", ""))
            latest = self.latest(v)
            if v.patch is not None and latest is not None:
                if v.patch > latest.patch:
                    # Patches newer than the table may have shipped since; each minor gets one about
                    # every two months, so only an implausible jump is certainly missing.
                    plausible = latest.patch + max(0, (today - self.checked).days) // 45
                    kind = "new-patch" if v.patch <= plausible else "unknown-patch"
                    return Assessment(kind, v, latest)
                if v.patch < latest.patch:
                    return Assessment("outdated-patch", v, latest)
            return Assessment("ok", v, latest)
        if (v.major, v.minor) < (self.oldest.major, self.oldest.minor):
            gone = self.removed.get(minor, {})
            return Assessment("eol", v, removal_date=gone.get("date", ""), removal_release=gone.get("release", ""),
                              upstream_eol=gone.get("upstream_eol", ""))
        # Newer than the table. Feature releases ship each October (PEP 602); a minor whose
        # release month has passed since the table was made may be supported by now.
        if v.major == self.newest.major:
            newest_release = _date(self.supported[self.newest]["upstream_release"])
            due_year = newest_release.year + (v.minor - self.newest.minor)
            due = datetime.date(due_year, int(self.data.get("feature_release_month", 10)), 1)
            if v.minor == self.newest.minor + 1 and today >= due and due > self.checked:
                return Assessment("new-minor", v)
        return Assessment("unknown-minor", v)


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@lru_cache(maxsize=1)
def table() -> VersionTable:
    with open(_DATA, encoding="utf-8") as fh:
        return VersionTable(json.load(fh))


# -- what the repo declares -----------------------------------------------------------------------
@dataclass
class Declared:
    """One place that names a Python version: an exact version, or a constraint (``specifiers``)."""

    label: str                 # how messages name it: ".python-version", "Dockerfile FROM python:3.12-slim"...
    path: str
    line: int
    raw: str                   # the value as written
    version: Version | None = None
    specifiers: list[str] | None = None   # PEP 440 specifier sets, any of which may match (Poetry's "||")
    col: int = 0

    def allows(self, v: Version) -> bool | None:
        """Whether the constraint admits ``v``; None when it cannot be evaluated."""
        if self.specifiers is None:
            return None
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import Version as PV

        try:
            return any(PV(str(v)) in SpecifierSet(s) for s in self.specifiers)
        except InvalidSpecifier:
            return None


@dataclass
class Problem:
    """Content the buildpack rejects (runtime-invalid)."""

    path: str
    line: int
    message: str
    hint: str
    col: int = 0
    anchor: str = ""


@dataclass
class Runtime:
    table: VersionTable
    python_version_file: Declared | None = None
    runtime_txt: Declared | None = None
    pipfile_lock: Declared | None = None        # the field the classic buildpack reads
    chosen: Declared | None = None              # by classic precedence, among the files the platform reads;
    #                                             None = the platform default
    declared: list[Declared] = field(default_factory=list)     # every exact version, with lines
    constraints: list[Declared] = field(default_factory=list)  # requires-python, Poetry's python
    dockerfile: Declared | None = None          # the final stage's python base image
    problems: list[Problem] = field(default_factory=list)
    misspelled: list[str] = field(default_factory=list)   # near-miss .python-version names that ship
    unshipped: list[str] = field(default_factory=list)    # runtime files on disk that git does not ship
    uses_uv: bool = False
    uses_poetry: bool = False
    has_python_project: bool = False
    # The target platform's Python (its profile's ``facts.python``; the table's where the profile names none):
    default: Version | None = None              # what it installs when nothing pins a version
    oldest: Version | None = None               # the minors it offers
    newest: Version | None = None

    def __post_init__(self):
        self.default = self.default or self.table.default
        self.oldest = self.oldest or self.table.oldest
        self.newest = self.newest or self.table.newest

    def offered(self, v: Version) -> bool:
        """The platform offers the minor ``v`` (its profile's oldest-newest range)."""
        return (self.oldest.major, self.oldest.minor) <= (v.major, v.minor) <= (self.newest.major, self.newest.minor)

    @property
    def supported_range(self) -> str:
        return f"{self.oldest}-{self.newest}"

    @property
    def version(self) -> Version | None:
        """The version the classic buildpack would request (None when unset or unreadable)."""
        return self.chosen.version if self.chosen else None

    def suggestion(self) -> Version:
        """A minor to pin: the Dockerfile's when it is supported, else the newest supported one the
        project's constraints allow, else the platform default (each one the platform offers)."""
        t = self.table
        if self.dockerfile and self.dockerfile.version and self.dockerfile.version.minor_version in t.supported \
                and t.assess(self.dockerfile.version).kind in ("ok", "outdated-patch") \
                and self.offered(self.dockerfile.version):
            return self.dockerfile.version.minor_version
        if self.constraints:
            for minor in sorted(t.supported, key=lambda v: (v.major, v.minor), reverse=True):
                if self.offered(minor) and all(c.allows(t.resolve(minor)) is not False for c in self.constraints):
                    return minor
        return self.default.minor_version


# -- loading --------------------------------------------------------------------------------------
# The classic buildpack's detection names (bin/detect KNOWN_PYTHON_PROJECT_FILES; research/heroku.md A01):
# Python elsewhere than at the root (a Node app's helper script, a monorepo's backend/) is not a Python app.
_PROJECT_FILES = ("requirements.txt", "Pipfile", PIPFILE_LOCK, "pyproject.toml", "setup.py", "setup.cfg",
                  "poetry.lock", "uv.lock", "pdm.lock", RUNTIME_TXT, PYTHON_VERSION_FILE, "manage.py", "app.py",
                  "main.py", "server.py", "__init__.py")


def load(project) -> Runtime:
    py = project.profile.python
    rt = Runtime(table=table(), default=Version.parse(py.get("default") or ""),
                 oldest=Version.parse(py.get("oldest") or ""), newest=Version.parse(py.get("newest") or ""))
    rt.uses_uv = project.shipped("uv.lock")
    rt.uses_poetry = project.shipped("poetry.lock")
    # A script at the root counts too (bot.py alone is a Python app that lacks its requirements.txt), and
    # so does a misspelt requirements file (the buildpack lists those for detection).
    rt.has_python_project = any(project.shipped(p) for p in _PROJECT_FILES) or any(
        "/" not in f and (f.endswith(".py") or f.lower().startswith("requirement")) for f in project.files)

    for path in (PYTHON_VERSION_FILE, RUNTIME_TXT):
        if not project.shipped(path) and project.exists(path) and not project.index.is_dir(path):
            rt.unshipped.append(path)
    if project.shipped(PYTHON_VERSION_FILE):
        rt.python_version_file = _read_version_file(project, PYTHON_VERSION_FILE, rt.problems, prefix="")
    if project.shipped(RUNTIME_TXT):
        rt.runtime_txt = _read_version_file(project, RUNTIME_TXT, rt.problems, prefix="python-")
    if rt.python_version_file is None and rt.runtime_txt is None:
        rt.misspelled = [name for name in rt.table.misspelled if project.shipped(name)]
    if project.shipped(PIPFILE_LOCK):
        rt.pipfile_lock = _read_pipfile_lock(project, rt, validate=rt.python_version_file is None
                                             and rt.runtime_txt is None)

    # Classic precedence: runtime.txt > .python-version > Pipfile.lock > (cached) default, among the files the
    # target platform's build reads (Render ignores runtime.txt; Fir rejects it).
    rt.chosen = next((d for d in (rt.runtime_txt, rt.python_version_file, rt.pipfile_lock)
                      if d is not None and read_by_platform(project, d.path)), None)
    for d in (rt.runtime_txt, rt.python_version_file, rt.pipfile_lock):
        if d is not None and d.version is not None:
            rt.declared.append(d)
    _read_pipfile(project, rt)
    _read_pyproject(project, rt)
    rt.dockerfile = _read_dockerfile(project)
    if rt.dockerfile is not None:
        rt.declared.append(rt.dockerfile)
    return rt


def strip(line: str) -> str:
    return line.strip(WHITESPACE)


def _read_version_file(project, path: str, problems: list[Problem], prefix: str) -> Declared:
    """``.python-version`` (prefix "") or ``runtime.txt`` (prefix "python-"), as the buildpacks read them."""
    decl = Declared(path, path, 0, "")
    tf = project.text(path)
    example = _example(prefix, (tf is not None and _guess(tf.text)) or table().default)
    if tf is None:
        # file-unreadable reports why; this says what it costs the deploy.
        reason, line = project.unreadable.get(path, ("could not be read", 0))
        problems.append(Problem(path, line, f"{path} {reason}; the buildpack cannot read it either and the build "
                                            "fails", f"Rewrite it as plain text: printf '{example}\\n' > {path}",
                                anchor="encoding"))
        return decl
    if tf.encoding == "utf-16":
        problems.append(Problem(path, 1, f"{path} is saved as UTF-16 (what PowerShell's '>' writes); the buildpack "
                                         "cannot read it and the build fails",
                                f"Rewrite it as plain UTF-8: printf '{example}\\n' > {path} (in PowerShell: "
                                f"Set-Content {path} {example} -Encoding ascii)", col=1, anchor="encoding"))
        return decl
    if tf.bom:
        problems.append(Problem(path, 1, f"{path} starts with a UTF-8 byte-order mark; the buildpack cannot read "
                                         "it and the build fails",
                                f"Save it as UTF-8 without BOM: printf '{example}\\n' > {path}", col=1,
                                anchor="encoding"))
        return decl
    if tf.encoding != "utf-8":
        bad = next((n for n, ln in enumerate(tf.lines, 1) if "\ufffd" in ln), 1)
        problems.append(Problem(path, bad, f"{path} is not valid UTF-8; the buildpack cannot read it and the build "
                                           "fails", f"Rewrite it as plain text: printf '{example}\\n' > {path}",
                                anchor="encoding"))
        return decl

    values = []  # (line number, column, trimmed text)
    for n, line in enumerate(tf.lines, 1):
        value = strip(line)
        if value and not value.startswith("#"):
            values.append((n, len(line) - len(line.lstrip(WHITESPACE)) + 1, value))
    if not values:
        what = "is empty" if not tf.text.strip(WHITESPACE) else "holds only comments and blank lines"
        problems.append(Problem(path, 0, f"{path} {what}: no Python version for the buildpack to read, so the build "
                                         "fails", f"Put the version alone on a line: {example}", anchor="empty"))
        return decl
    if len(values) > 1:
        listed = ", ".join(f"'{_show(v)}' (line {n})" for n, _, v in values)
        problems.append(Problem(path, values[1][0], f"{path} names {len(values)} versions ({listed}); the buildpack "
                                                    "accepts exactly one and the build fails",
                                "Keep one version line; turn the others into comments starting with '#'.",
                                col=values[1][1], anchor="multiple"))
        return decl
    n, col, value = values[0]
    decl.line, decl.col, decl.raw = n, col, value
    version = Version.parse(value[len(prefix):]) if value.startswith(prefix) else None
    if version is None:
        message, bad_col = _diagnose(value, prefix, col)
        pin = _guess(value) or table().default
        if prefix:
            hint = (f"Write '{_example(prefix, pin)}' alone on the line, or better, move to .python-version: "
                    f"echo {pin} > .python-version && git rm runtime.txt")
        else:
            hint = f"Write '{pin}' alone on the line (X.Y, or X.Y.Z to pin a patch); put comments on their own line."
        problems.append(Problem(path, n, f"{path}: {message}; the build fails ('Invalid Python version in {path}')",
                                hint, col=bad_col, anchor="invalid"))
        return decl
    decl.version = version
    return decl


def _read_pipfile_lock(project, rt: Runtime, validate: bool) -> Declared | None:
    lock = project.manifests.pipfile_lock
    meta = lock.get("_meta") if isinstance(lock, dict) else None
    requires = meta.get("requires") if isinstance(meta, dict) else None
    if not isinstance(requires, dict):
        return None
    # jq's `python_full_version // python_version`: null and false fall through.
    for key in ("python_full_version", "python_version"):
        value = requires.get(key)
        if value is None or value is False:
            continue
        raw = value if isinstance(value, str) else json.dumps(value)  # jq prints numbers bare (3.10 -> 3.1)
        line, col = _find_line(project.text(PIPFILE_LOCK), f'"{key}"')
        decl = Declared(f"{PIPFILE_LOCK} {key}", PIPFILE_LOCK, line, raw, Version.parse(raw), col=col)
        if decl.version is None and validate:
            rt.problems.append(Problem(
                PIPFILE_LOCK, line,
                f"{PIPFILE_LOCK} _meta.requires.{key} is '{_show(raw)}', not X.Y or X.Y.Z; the build fails "
                "('Invalid Python version in Pipfile / Pipfile.lock')",
                f"Set [requires] python_version = \"{_guess(raw) or rt.default.minor_version}\" in the Pipfile and run "
                "'pipenv lock', or add a .python-version file (it takes precedence).", col=col, anchor=key))
        return decl
    return None


def _read_pipfile(project, rt: Runtime) -> None:
    pipfile = project.manifests.pipfile if project.shipped("Pipfile") else None
    requires = pipfile.get("requires") if isinstance(pipfile, dict) else None
    if not isinstance(requires, dict):
        return
    for key in ("python_full_version", "python_version"):
        value = requires.get(key)
        version = Version.parse(value) if isinstance(value, str) else None
        if version is not None:
            line, col = _toml_key_line(project.text("Pipfile"), "requires", key)
            rt.declared.append(Declared(f"Pipfile [requires] {key}", "Pipfile", line, value, version, col=col))
            return


def _read_pyproject(project, rt: Runtime) -> None:
    data = project.manifests.pyproject if project.shipped("pyproject.toml") else None
    if not isinstance(data, dict):
        return
    tf = project.text("pyproject.toml")
    proj = data.get("project")
    value = proj.get("requires-python") if isinstance(proj, dict) else None
    if isinstance(value, str) and value.strip():
        line, col = _toml_key_line(tf, "project", "requires-python")
        rt.constraints.append(Declared("pyproject.toml requires-python", "pyproject.toml", line, value,
                                       specifiers=[value], col=col))
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    deps = poetry.get("dependencies") if isinstance(poetry, dict) else None
    value = deps.get("python") if isinstance(deps, dict) else None
    if isinstance(value, str) and value.strip():
        specs = poetry_constraint(value)
        if specs is not None:
            line, col = _toml_key_line(tf, "tool.poetry.dependencies", "python")
            rt.constraints.append(Declared("pyproject.toml [tool.poetry.dependencies] python", "pyproject.toml",
                                           line, value, specifiers=specs, col=col))


# -- Dockerfile base image ------------------------------------------------------------------------
# The tag's leading X.Y[.Z] (python:3.13-slim, python:3.12.4@sha256:...), or "pythonX.Y" in another
# image's tag (ghcr.io/astral-sh/uv:python3.12-bookworm-slim).
_TAG_RE = lazy_re(r"^(?:python-?)?(\d+)\.(\d+)(?:\.(\d+))?(?=$|[-_@])")


def _read_dockerfile(project) -> Declared | None:
    """The Python the deploy's image starts FROM (``container.deploy_dockerfile``: heroku.yml's web image, its
    ``target`` stage, followed back through ``FROM <earlier stage>`` to an image; global ARG defaults
    substituted), read from the Dockerfile model; only when git ships that Dockerfile."""
    from preflight.project.container import deploy_dockerfile
    from preflight.project.dockerfile import at

    path, target = deploy_dockerfile(project)
    df = at(project, path) if project.shipped(path) else None
    base = df.base_image(df.target_stage(target)) if df is not None else None
    if base is None:
        return None
    image = base.image or base.base
    version = python_image_version(image)
    if version is None:
        return None
    return Declared(f"{path} FROM {image}", path, base.line, image, version, col=base.col)


def python_image_version(image: str) -> Version | None:
    """``python:3.13-slim`` -> 3.13; ``docker.io/library/python:3.12.4`` -> 3.12.4; other images -> None
    unless their tag says ``pythonX.Y``."""
    ref = image.split("@", 1)[0]
    name, sep, tag = ref.rpartition(":")
    if not sep or "/" in tag:
        return None
    m = _TAG_RE.match(tag)
    if not m:
        return None
    is_python = name.rsplit("/", 1)[-1] == "python"
    if not is_python and not tag.lower().startswith("python"):
        return None
    return Version(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)


# -- Poetry constraints -----------------------------------------------------------------------------
_POETRY_ATOM_RE = lazy_re(r"^(\^|~=|~|==|!=|>=|<=|>|<|=)?\s*v?([0-9][0-9.*]*)$")


def poetry_constraint(text: str) -> list[str] | None:
    """Poetry's ``python`` constraint as PEP 440 specifier sets (one per ``||`` alternative); None when
    it is not understood (then nothing is compared)."""
    alternatives = []
    for alt in re.split(r"\|\|?", text):
        parts = [p for p in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", alt.strip()) if p]
        specs = []
        for part in parts:
            if part == "*":
                continue
            m = _POETRY_ATOM_RE.match(part.strip())
            if not m:
                return None
            op, ver = m.group(1) or "", m.group(2)
            nums = [int(x) for x in ver.split(".") if x.isdigit()]
            if not nums:
                return None
            if op == "^":
                first = next((i for i, x in enumerate(nums) if x), len(nums) - 1)
                upper = nums[: first + 1]
                upper[-1] += 1
                specs += [f">={ver}", f"<{'.'.join(map(str, upper))}"]
            elif op == "~" and len(nums) >= 2:
                specs += [f">={ver}", f"<{nums[0]}.{nums[1] + 1}"]
            elif op == "~":
                specs += [f">={ver}", f"<{nums[0] + 1}"]
            elif op in ("", "=", "=="):
                specs.append(f"=={ver}" if "*" in ver or len(nums) > 2 else f"=={ver}.*")
            else:
                specs.append(f"{op}{ver}")
        alternatives.append(",".join(specs))
    return alternatives or None


# -- what the runtime rules say -----------------------------------------------------------------------
SUPPORT_PAGE = "https://devcenter.heroku.com/articles/python-support"


def today() -> datetime.date:
    """Today, for the date comparisons (tests pretend another day by replacing this function)."""
    return datetime.date.today()


def month_passed(month: str, day: datetime.date) -> bool:
    """``month`` (YYYY-MM) is over on ``day``."""
    return bool(month) and day.strftime("%Y-%m") > month


def deployed(project) -> bool:
    """False for a package published to an index: its pins are for local tools (pyenv, tox), not a build."""
    from preflight.project.dependencies import is_library

    return not is_library(project)


def pin_command(rt: Runtime, version) -> str:
    """The shell command that pins ``version`` in the file the platform should read."""
    cmd = f"uv python pin {version}" if rt.uses_uv else f"echo {version} > .python-version"
    if rt.runtime_txt is not None:
        cmd += " && git rm runtime.txt"
    return cmd + " && git add .python-version"


def cite(decl: Declared) -> str:
    """``.python-version:1``; ``Pipfile.lock python_version, line 5`` when the label says more than the path."""
    at = f"{decl.path}:{decl.line}" if decl.line else decl.path
    if decl.label == decl.path:
        return at
    return f"{decl.label}, line {decl.line}" if decl.line else decl.label


# -- helpers ----------------------------------------------------------------------------------------
def _example(prefix: str, v: Version) -> str:
    return f"{prefix}{v}"


def _guess(text: str) -> Version | None:
    """The X.Y a broken value most likely means (``python-3.12.*`` -> 3.12)."""
    m = re.search(r"(\d+)\.(\d+)", text)
    return Version(int(m.group(1)), int(m.group(2))) if m else None


def _show(text: str) -> str:
    """The value with invisible characters made visible."""
    out = []
    for ch in text:
        out.append(ch if " " <= ch <= "~" else f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
    value = "".join(out)
    return value if len(value) <= 60 else value[:57] + "..."


def _invisible(text: str) -> tuple[int, str] | None:
    """The first character a reader cannot see (or would mistake), as (index, description)."""
    import unicodedata

    for i, ch in enumerate(text):
        if " " <= ch <= "~":
            continue
        name = unicodedata.name(ch, "")
        if ch == "\x1b":
            name = "ESCAPE (an ANSI colour code)"
        elif not name:
            name = {"\x00": "NUL"}.get(ch, "control character")
        kind = "invisible character" if unicodedata.category(ch)[0] in "CZ" or ch == "\xad" else "non-ASCII character"
        return i, f"{kind} U+{ord(ch):04X} ({name})"
    return None


def _diagnose(value: str, prefix: str, col: int) -> tuple[str, int]:
    """Why ``value`` (which starts at column ``col`` of its line) is not a valid version, and the column
    of the culprit (``col`` when no single character is to blame)."""
    shown = f"'{_show(value)}'"
    bad = _invisible(value)
    if bad is not None:
        return f"{shown} contains an {bad[1]} at column {col + bad[0]}", col + bad[0]
    if "#" in value:
        return (f"{shown} has a comment on the version line (comments must be on their own line)",
                col + value.index("#"))
    if value[:1] in "'\"`" or value[-1:] in "'\"`":
        return f"{shown} is quoted (write the bare version)", col
    body = value
    if prefix:
        low = value.lower()
        if not value.startswith(prefix):
            if low.startswith("python-"):
                return f"{shown} must start with lower-case '{prefix}'", col
            if low.startswith("python"):
                return f"{shown} must be written '{prefix}X.Y' (with the hyphen, no space)", col
            if VERSION_RE.match(value):
                return f"{shown} lacks the '{prefix}' prefix runtime.txt needs", col
            return f"{shown} is not '{prefix}X.Y' or '{prefix}X.Y.Z'", col
        body = value[len(prefix):]
    elif value.lower().startswith("python"):
        return (f"{shown} has a 'python' prefix; .python-version takes the bare number (the prefix is "
                "runtime.txt syntax)", col)
    if body.lower().startswith("pypy"):
        return f"{shown} names PyPy; the platform only has CPython", col
    if re.fullmatch(r"\d+\.\d+(\.\d+)?t", body):
        return (f"{shown} names a free-threaded build (the 't' suffix); the platform only has the standard "
                "CPython build", col + len(value) - 1)
    if re.search(r"\s", body):
        return f"{shown} has spaces inside the version", col
    if "*" in body or re.search(r"(^|\.)[xX](\.|$)", body):
        return f"{shown} uses a wildcard; name X.Y (the buildpack picks the latest patch itself)", col
    if re.search(r"\d(a|b|rc|c|alpha|beta|dev|post|pre)\d*", body, re.IGNORECASE) or "+" in body \
            or re.search(r"\d-", body):
        return f"{shown} names a pre-release or local build; the platform only has final releases", col
    if body.endswith("."):
        return f"{shown} ends with a dot", col + len(value) - 1
    parts = body.split(".")
    if all(p.isdigit() or not p for p in parts):
        if "" in parts:
            return f"{shown} has an empty component", col
        if len(parts) > 3:
            return f"{shown} has {len(parts)} components; the buildpack takes X.Y or X.Y.Z", col
        if len(parts) == 1:
            return f"{shown} names only a major version; the buildpack needs X.Y", col
        if any(len(p) > 1 and p.startswith("0") for p in parts):
            return f"{shown} has a leading zero", col
    if not re.search(r"\d", body) or "/" in body or re.match(r"^[A-Za-z]", body):
        return (f"{shown} is not a version number (a pyenv environment name or 'system' only works "
                "locally)", col)
    return f"{shown} is not X.Y or X.Y.Z", col


def _find_line(tf, needle: str) -> tuple[int, int]:
    if tf is None:
        return 0, 0
    for n, line in enumerate(tf.lines, 1):
        i = line.find(needle)
        if i >= 0:
            return n, i + 1
    return 0, 0


_TOML_HEADER_RE = lazy_re(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _toml_key_line(tf, section: str, key: str) -> tuple[int, int]:
    """Line and column of ``key = ...`` inside ``[section]`` (0, 0 when not found in that shape)."""
    if tf is None:
        return 0, 0
    key_re = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    current = None
    for n, line in enumerate(tf.lines, 1):
        h = _TOML_HEADER_RE.match(line)
        if h:
            current = re.sub(r"\s*\.\s*", ".", h.group(1)).replace('"', "").replace("'", "")
            continue
        if current == section and key_re.match(line):
            return n, len(line) - len(line.lstrip()) + 1
    return 0, 0


def app_python(project) -> tuple | None:
    """(major, minor) of the Python the app runs on: the image's python base in container mode, else the
    pin, else the platform's default; None when the image's base names no Python version."""
    def build():
        rt = project.runtime
        if project.mode == "container":
            v = rt.dockerfile.version if rt.dockerfile is not None else None
        else:
            v = rt.version or rt.default
        return (v.major, v.minor) if v is not None else None

    return project.memo("runtime.app_python", build)


# -- the base image's Python -----------------------------------------------------------------------------
def python_base_eol(facts, stage):
    """(the FROM stage, its Python version, "in 2023-06" / "") when the stage chain's base image is a Python
    past its upstream end of life (this model's table), else None. ``facts`` are the Dockerfile's
    (``project.container.facts(df)``), ``stage`` the one the image is built from."""
    import datetime

    base = facts.df.base_image(stage)
    version = python_image_version(base.image or base.base) if base is not None else None
    if version is None:
        return None
    t = table()
    verdict = t.assess(version)
    eol = verdict.upstream_eol
    if eol:
        year, month = (int(x) for x in eol.split("-")[:2])
        ended = datetime.date(year + month // 12, month % 12 + 1, 1)
        if datetime.date.today() >= ended:
            return base, version, f"in {eol}"
        return None
    if verdict.kind == "eol":   # older than every version the table knows
        return base, version, "years ago"
    return None


# -- what the target platform's build reads ----------------------------------------------------------------
def read_by_platform(project, path: str) -> bool:
    """The target platform's build reads the version file ``path`` (``.python-version``, ``runtime.txt``,
    ``Pipfile.lock``) to choose its Python: its profile's ``facts.python`` (``python_version`` "read"/"raw",
    ``runtime_txt`` "read"/"deprecated", ``sources``)."""
    py = project.profile.python
    if path == PYTHON_VERSION_FILE:
        return py.get("python_version") in ("read", "raw")
    if path == RUNTIME_TXT:
        return py.get("runtime_txt") in ("read", "deprecated")
    return path in py.get("sources", ())


def version_file_lines(project, path: str = PYTHON_VERSION_FILE) -> list[tuple[int, str]]:
    """The non-blank lines of a version file as (line number, trimmed text), comments included: what a
    build that reads the file raw (Cloud Run's buildpack takes the whole trimmed file) sees."""
    def build():
        tf = project.text(path) if project.shipped(path) else None
        return [(n, strip(line)) for n, line in enumerate(tf.lines, 1) if strip(line)] if tf is not None else []

    return project.memo(("runtime.version_file_lines", path), build)
