"""What rules yield (Violation) and what the engine hands to formatters (Finding)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "error"      # the deploy fails or the app does not serve
    WARNING = "warning"  # likely breaks, leaks, or is deprecated with a date
    INFO = "info"        # advice

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        key = text.strip().lower()
        aliases = {"e": "error", "w": "warning", "i": "info"}
        return cls(aliases.get(key, key))


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

REPO = "."  # the path of a finding about the repository as a whole


@dataclass(frozen=True)
class Edit:
    """One change a fix makes to the repository, computed by the project model from the bytes it read.

    ``kind`` is one of:
    * ``replace``: bytes ``start:end`` of ``path`` become ``text``;
    * ``create``: ``path`` (which must not exist) is written with ``text``;
    * ``rename``: ``path`` becomes ``target`` (``git mv`` inside git);
    * ``chmod``: ``path`` gets the executable bit (in git's index inside git, and on disk).
    ``digest`` is the SHA-256 of the file's bytes the edit was computed from (empty for ``create``):
    the fixer never changes a file whose bytes differ from it.
    """

    kind: str
    path: str
    start: int = 0
    end: int = 0
    text: bytes = b""
    target: str = ""
    digest: str = ""


def digest(raw: bytes) -> str:
    """What ``Edit.digest`` holds: the SHA-256 of a file's bytes."""
    import hashlib  # only --fix and formats need it

    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Fix:
    """What ``preflight check --fix`` does about a finding: data a rule attaches to its Violation.

    ``title`` says it in a few words ("rename Procfile.txt to Procfile"); ``unsafe`` fixes change what the
    app does and need ``--unsafe-fixes``; ``refused`` says why a fix that looks mechanical is not applied
    (a hash-locked requirements file), and then ``edits`` is empty.
    """

    title: str
    edits: tuple[Edit, ...] = ()
    unsafe: bool = False
    refused: str = ""


@dataclass
class Violation:
    """One problem as a rule sees it; the engine adds code, name and severity."""

    path: str
    line: int
    message: str
    hint: str | None = None      # overrides the rule's default fix hint
    col: int = 0                 # 1-based, as editors count; 0 = the whole line (ast's col_offset + 1)
    severity: Severity | None = None  # for rules whose severity depends on the case (E/W)
    anchor: str = ""             # stable identity inside the file, for fingerprints and baselines
    data: dict = field(default_factory=dict)
    fix: Fix | None = None       # the mechanical fix --fix applies (preflight/project/fixes.py builds them)


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    col: int
    hint: str
    anchor: str = ""
    data: dict = field(default_factory=dict)
    suppressed_by: str | None = None  # None | "inline" | "config" | "baseline"
    fix: Fix | None = None
    platforms: tuple = ()  # --platform all: the profiles it was found on (empty on a one-platform run)
    platform_messages: dict = field(default_factory=dict)  # --platform all: profile -> its wording of it

    @property
    def sort_key(self):
        return (self.path != REPO, self.path, self.line, self.col, self.code)

    @property
    def fingerprint(self) -> str:
        """Stable across line moves: rule, path and the rule's anchor (or the message)."""
        import hashlib  # only formats and baselines need it: not imported on every run

        basis = "\0".join((self.code, self.path, self.anchor or self.message))
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def to_dict(self) -> dict:
        out = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "hint": self.hint,
            "fingerprint": self.fingerprint,
        }
        if self.data:
            out["data"] = self.data
        if self.platforms:
            out["platforms"] = list(self.platforms)
            if len(set(self.platform_messages.values())) > 1:  # the platforms word it differently
                out["platform_messages"] = dict(self.platform_messages)
        return out


def stamp(rule, v: Violation) -> Finding:
    """The finding a rule's violation becomes: the rule's code, name, default severity and fix hint
    where the violation sets none; line and column clamped to 0 and above."""
    return Finding(code=rule.code, name=rule.name, severity=v.severity or rule.severity, message=v.message,
                   path=v.path, line=max(0, int(v.line or 0)), col=max(0, int(v.col or 0)),
                   hint=v.hint or rule.fix, anchor=v.anchor, data=v.data, fix=v.fix)
