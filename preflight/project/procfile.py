"""The Procfile: process entries with their lines, and what the platform would reject."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Heroku's process-type grammar (Dev Center "The Procfile"); the CNB spec adds whole-line comments.
ENTRY_RE = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$")
LOOSE_RE = re.compile(r"^\s*([^:#\s][^:]*?)\s*:\s*(.*)$")


@dataclass
class Process:
    name: str
    command: str
    line: int


@dataclass
class Procfile:
    path: str
    processes: list[Process] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, message, hint)

    def get(self, name: str) -> Process | None:
        for proc in self.processes:
            if proc.name == name:
                return proc
        return None


def parse(path: str, tf) -> Procfile:
    pf = Procfile(path)
    if tf.bom:
        pf.errors.append((1, f"{path} starts with a byte-order mark, so the first process type is read as "
                             "'\\ufeff' + its name", "Save the file as UTF-8 without BOM."))
    if tf.encoding == "utf-16":
        pf.errors.append((1, f"{path} is saved as UTF-16; the platform reads it as garbage",
                          "Save the file as UTF-8."))
        return pf
    if tf.crlf:
        pf.errors.append((tf.first_crlf_line, f"{path} has Windows (CRLF) line endings: every command ends in "
                                              "'\\r' ('$PORT\\r', 'app.py\\r')",
                          "Convert to LF line endings (dos2unix, or your editor's line-ending setting) and add "
                          "'Procfile text eol=lf' to .gitattributes."))
    seen: dict[str, int] = {}
    for n, line in enumerate(tf.lines, 1):
        stripped = line.strip()
        if n == 1 and tf.bom:
            stripped = stripped.lstrip("\ufeff")
        if not stripped or stripped.startswith("#"):
            continue
        m = ENTRY_RE.match(stripped)
        if not m:
            loose = LOOSE_RE.match(stripped)
            if loose and stripped.startswith("- "):
                msg = f"'{stripped}' is YAML list syntax; a Procfile line is 'type: command'"
            elif loose:
                msg = (f"process type '{loose.group(1)}' is not valid: use only letters, digits, '_' and '-'")
            else:
                msg = f"line is not 'type: command': '{_clip(stripped)}'"
            pf.errors.append((n, msg, "Write each process as 'name: command', e.g. 'web: gunicorn app:app'."))
            continue
        name, command = m.group(1), m.group(2).strip()
        if not command:
            pf.errors.append((n, f"process '{name}' has an empty command",
                              "Give the process a command, or delete the line."))
            continue
        if name in seen:
            pf.errors.append((n, f"process type '{name}' is declared twice (first on line {seen[name]}); "
                                 "only one of them runs", "Keep one line per process type."))
            continue
        seen[name] = n
        pf.processes.append(Process(name, command, n))
    return pf


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def load(project) -> Procfile | None:
    if not project.exists("Procfile") or project.index.is_dir("Procfile"):
        return None
    tf = project.text("Procfile")
    if tf is None:
        return Procfile("Procfile", errors=[(0, "Procfile " + project.unreadable.get("Procfile", ("could not be read", 0))[0],
                                             "Save the Procfile as a plain UTF-8 text file.")])
    return parse("Procfile", tf)
