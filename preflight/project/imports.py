"""Which distribution provides an import name, and which imports count: the import-name data and its use.

``import_data() -> ImportData`` reads ``preflight/data/import_names.json`` (import name or dotted prefix ->
distributions; namespace packages; what each distribution requires, with extras; what the platform
installs itself) once per process. ``module_skipped_ranges(mod)``: line ranges of a module whose imports
are not judged (``TYPE_CHECKING`` bodies, interpreter/OS and configuration tests).
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from preflight.lazyre import lazy_re
from preflight.project.names import canonical

DATA = Path(__file__).resolve().parents[1] / "data" / "import_names.json"
_API_VERSION_RE = lazy_re(r"_v\d+\w*$")  # google.cloud.pubsub_v1 -> pubsub
# If-tests whose branches depend on the interpreter or OS: imports under them are not judged.
_CONDITIONAL = ("sys.version_info", "sys.platform", "platform.system", "os.name", "sys.implementation")
# ... or on the configuration (``if os.environ.get("DEBUG"): from flask_debugtoolbar import ...``,
# ``if DEBUG: INSTALLED_APPS += ["debug_toolbar"]``, ``if os.path.exists("local.py"):``): which branch runs on
# the dyno is not known here.
_CONFIG_TESTS = ("environ", "getenv", "DEBUG", "TESTING", "config(", "exists(", "isfile(")
NAME_AFFIXES = ("python-", "py-", "py", "django-", "flask-", "pytest-", "aio")
NAME_SUFFIXES = ("-python", "-py", "-api", "-sdk", "-client", "-lib", "-binary", "-headless")



@dataclass
class ImportData:
    modules: dict            # import name or dotted prefix -> [distribution, ...] (preferred first)
    namespaces: dict         # dotted prefix -> pattern or None
    requires: dict           # canonical dist -> [canonical dist, ...]
    extras: dict             # "dist[extra]" -> [canonical dist, ...]
    platform: frozenset      # installed by the platform itself
    _closure: dict = field(default_factory=dict)

    def distributions(self, module: str) -> list[str] | None:
        """Distributions that provide ``module`` (preferred first); None when it cannot be told."""
        parts = module.split(".")
        for i in range(len(parts), 0, -1):
            hit = self.modules.get(".".join(parts[:i]))
            if hit:
                return list(hit)
        for i in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:i])
            if prefix in self.namespaces:
                pattern = self.namespaces[prefix]
                if pattern is None:
                    return None
                return [pattern.format(_API_VERSION_RE.sub("", parts[i]))]
        if module in self.namespaces:
            return None
        return [parts[0].replace("_", "-")]

    def is_namespace(self, module: str) -> bool:
        return module in self.namespaces

    def closure(self, dist: str) -> set[str]:
        """Every distribution ``dist`` installs, transitively (canonical names, itself excluded)."""
        if dist in self._closure:
            return self._closure[dist]
        seen: set[str] = set()
        stack = list(self.requires.get(dist, ()))
        while stack:
            d = stack.pop()
            if d not in seen and d != dist:
                seen.add(d)
                stack.extend(self.requires.get(d, ()))
        self._closure[dist] = seen
        return seen

    def closure_with_extras(self, dist: str, extras) -> set[str]:
        out = set(self.closure(dist))
        for extra in extras or ():
            for d in self.extras.get(f"{dist}[{canonical(extra)}]", ()):
                out.add(d)
                out |= self.closure(d)
        return out


@lru_cache(maxsize=1)
def import_data() -> ImportData:
    with open(DATA, encoding="utf-8") as fh:
        raw = json.load(fh)
    return ImportData(modules=raw["modules"], namespaces=raw["namespaces"], requires=raw["requires"],
                      extras=raw.get("extras", {}), platform=frozenset(raw.get("platform", ())))


# -- which imports count ------------------------------------------------------------------------------
def module_skipped_ranges(mod) -> list[tuple[int, int]]:
    """``skipped_ranges`` of a parsed Module, computed once per module (several rules ask)."""
    cached = mod.__dict__.get("_skipped_ranges")
    if cached is None:
        cached = mod.__dict__["_skipped_ranges"] = skipped_ranges(mod.tree, mod.text.text)
    return cached


_ANY_TEST = _CONDITIONAL + _CONFIG_TESTS
_ANY_TEST_RE = lazy_re("|".join(re.escape(t) for t in _ANY_TEST + ("TYPE_CHECKING",)))  # one pass over the text


def skipped_ranges(tree: ast.Module, text: str) -> list[tuple[int, int]]:
    """Line ranges whose imports are not judged: ``if TYPE_CHECKING:`` bodies (never run) and both
    branches of interpreter/OS tests (``if sys.version_info >= (3, 11): import tomllib else: import tomli``)
    and of configuration tests (``if os.environ.get("DEBUG"):``, ``if settings.DEBUG:``)."""
    if tree is None or not _ANY_TEST_RE.search(text):
        return []
    out = []
    stack = [tree.body]
    while stack:  # statements only: imports are statements, expressions need no visit
        for st in stack.pop():
            if isinstance(st, ast.If):
                test = ast.unparse(st.test)
                if "TYPE_CHECKING" in test:
                    out.append((st.body[0].lineno, _end(st.body[-1])))
                    stack.append(st.orelse)
                    continue
                if any(c in test for c in _ANY_TEST):
                    out.append((st.lineno, _end(st)))
                    continue
            for name in ("body", "orelse", "finalbody", "handlers"):
                sub = getattr(st, name, None)
                if isinstance(sub, list) and sub and isinstance(sub[0], (ast.stmt, ast.excepthandler)):
                    stack.append(sub)
    return out


def _end(node) -> int:
    return getattr(node, "end_lineno", None) or node.lineno
