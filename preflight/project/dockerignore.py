""".dockerignore read and matched the way Docker matches it (moby/patternmatcher), which is not git's way.

Where the two differ (each case has a test in tests/project/test_dockerignore.py):
* a pattern is anchored at the context root: ``*.pyc`` and ``secrets`` match only at the top, not in
  every folder as in .gitignore (``**/*.pyc`` matches at any depth);
* a trailing ``/`` is cleaned away: ``build/`` also matches a *file* named ``build``;
* a pattern that matches a folder matches everything below it, and a later ``!`` pattern can still bring
  a file back from inside an excluded folder (git cannot re-include below an excluded folder);
* the last matching line wins; ``#`` starts a comment only at the start of a line; a leading ``/`` is
  the context root, like no slash at all.

``load(project, context, dockerfile)`` -> :class:`DockerIgnore` | None: BuildKit's per-Dockerfile
``<Dockerfile>.dockerignore`` first, else ``<context>/.dockerignore``.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field


@dataclass
class Pattern:
    text: str           # as written (after trimming)
    line: int           # 1-based
    exclusion: bool     # a ``!`` line: re-includes what it matches
    regex: re.Pattern

    def matches(self, path: str) -> bool:
        """The path itself or one of its parent folders matches (Docker's MatchesOrParentMatches)."""
        if self.regex.match(path):
            return True
        parts = path.split("/")
        return any(self.regex.match("/".join(parts[:i])) for i in range(1, len(parts)))


@dataclass
class DockerIgnore:
    path: str
    patterns: list[Pattern] = field(default_factory=list)

    def rule_for(self, path: str) -> Pattern | None:
        """The last line that matches ``path`` (context-relative), whichever way it decides."""
        found = None
        for p in self.patterns:
            if p.matches(path):
                found = p
        return found

    def ignores(self, path: str) -> bool:
        """True when ``path`` (context-relative) is left out of the build context."""
        hit = self.rule_for(path)
        return hit is not None and not hit.exclusion


def compile_pattern(text: str) -> re.Pattern:
    """A .dockerignore pattern as an anchored regex: ``*`` and ``?`` stay inside one path segment, ``**``
    spans any number of folders (none included), ``[...]`` is a character class, ``\\`` escapes."""
    out = ["^"]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "*":
            if i + 1 < n and text[i + 1] == "*":
                i += 2
                if i < n and text[i] == "/":
                    i += 1
                out.append(".*" if i >= n else "(.*/)?")
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = text.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
            else:
                # "[", "&", "~" and "|" are literal in a Go class; escaped, Python reads them so too (bare,
                # it warns of nested sets and set operations on stderr, and a later Python may reject them)
                body = re.sub(r"([\\\[&~|])", r"\\\1", text[i + 1:end])
                if body.startswith("^"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(text[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    out.append("$")
    try:
        return re.compile("".join(out))
    except re.error:  # a malformed class: Docker rejects the file; match nothing rather than crash
        return re.compile(r"(?!)")


def parse(path: str, lines: list[str]) -> DockerIgnore:
    di = DockerIgnore(path)
    for n, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        exclusion = text.startswith("!")
        if exclusion:
            text = text[1:].strip()
        cleaned = posixpath.normpath(text).lstrip("/") if text else ""
        if cleaned in ("", "."):
            continue
        di.patterns.append(Pattern(raw.strip(), n, exclusion, compile_pattern(cleaned)))
    return di


def load(project, context: str, dockerfile: str) -> DockerIgnore | None:
    for candidate in (f"{dockerfile}.dockerignore", posixpath.join(context, ".dockerignore") if context
                      else ".dockerignore"):
        if project.exists(candidate) and not project.index.is_dir(candidate):
            tf = project.text(candidate)
            return parse(candidate, tf.lines if tf else [])
    return None
