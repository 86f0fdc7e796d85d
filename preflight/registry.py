"""Rule metadata in one place: the @rule decorator, the registry, selector matching."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from preflight.findings import Severity, Violation
from preflight.lazyre import lazy_re

CODE_RE = lazy_re(r"^PF\d{3}$")
NAME_RE = lazy_re(r"^[a-z0-9]+(-[a-z0-9]+)*$")

FAMILIES = {
    "0": "Engine",
    "1": "Processes",
    "2": "Python runtime",
    "3": "Dependencies",
    "4": "Application code",
    "5": "Containers",
    "6": "Configuration files and databases",
    "7": "Secrets and the repository",
    "8": "Platforms",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    fix: str
    explanation: str
    check: Callable[..., Iterable[Violation]] | None
    modes: frozenset | None  # deploy modes the rule applies to; None = all
    needs_history: bool = False
    fixable: str | None = None  # "safe" or "unsafe": its findings carry a fix that --fix applies

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]


REGISTRY: dict[str, Rule] = {}
BY_NAME: dict[str, Rule] = {}


def register(rule_obj: Rule) -> Rule:
    if not CODE_RE.match(rule_obj.code):
        raise ValueError(f"bad rule code {rule_obj.code!r}")
    if not NAME_RE.match(rule_obj.name):
        raise ValueError(f"bad rule name {rule_obj.name!r}")
    if rule_obj.code in REGISTRY or rule_obj.name in BY_NAME:
        raise ValueError(f"rule {rule_obj.code} {rule_obj.name} registered twice")
    REGISTRY[rule_obj.code] = rule_obj
    BY_NAME[rule_obj.name] = rule_obj
    return rule_obj


def rule(code: str, name: str, severity: str, summary: str, *, fix: str,
         modes: Iterable[str] | None = None, needs_history: bool = False, fixable: str | None = None):
    """Register a check function ``check(project) -> Iterable[Violation]``.

    The function's docstring is the rule's documentation (what, why, example, fix, source). ``fixable``
    ("safe" or "unsafe") says its violations carry a ``fix`` (``preflight/project/fixes.py``) that
    ``preflight check --fix`` applies (an unsafe one only with ``--unsafe-fixes``).
    """
    if fixable not in (None, "safe", "unsafe"):
        raise ValueError(f"rule {code}: fixable must be 'safe' or 'unsafe', not {fixable!r}")

    def decorate(func):
        register(Rule(
            code=code, name=name, severity=Severity.parse(severity), summary=summary, fix=fix,
            explanation=inspect.cleandoc(func.__doc__ or ""), check=func,
            modes=frozenset(modes) if modes else None, needs_history=needs_history, fixable=fixable,
        ))
        return func

    return decorate


def declare(code: str, name: str, severity: str, summary: str, *, fix: str, explanation: str):
    """A rule the engine itself emits (no check function)."""
    return register(Rule(code=code, name=name, severity=Severity.parse(severity), summary=summary,
                         fix=fix, explanation=inspect.cleandoc(explanation), check=None, modes=None))


_LOADED = False


def load_rules() -> dict[str, Rule]:
    """Import every module below ``preflight.rules`` (one rule per module): importing registers it."""
    global _LOADED
    if not _LOADED:
        import importlib
        import pkgutil

        import preflight.rules as package

        _LOADED = True
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    return REGISTRY


def matches(selector: str, code: str, name: str) -> bool:
    """The one selector matcher, for --select/--ignore, severity, per-file ignores and inline directives:
    ``ALL``, a rule's name (exact), or its code or a code prefix (``PF1``, ``pf10``: any case)."""
    sel = selector.strip()
    if sel == name:
        return True
    up = sel.upper()
    if up == "ALL":
        return True
    return up.startswith("PF") and (up == "PF" or up[2:].isdigit()) and code.startswith(up)


def lookup(selector: str) -> list[Rule]:
    """Rules matched by a selector (see ``matches``), in registration order."""
    return [r for r in REGISTRY.values() if matches(selector, r.code, r.name)]


def specificity(selector: str) -> int:
    """Longer prefixes win when a rule is both selected and ignored (flake8's rule)."""
    sel = selector.strip()
    if sel in BY_NAME:
        return 100
    if sel.upper() == "ALL":
        return 0
    return len(sel)


def resolve(select: list[str] | None, extend_select: list[str], ignore: list[str]) -> list[Rule]:
    """The enabled rules: the most specific matching selector decides, select beats ignore on a tie."""
    chosen = (select if select is not None else ["ALL"]) + list(extend_select)
    enabled = []
    for code in sorted(REGISTRY):
        r = REGISTRY[code]
        best_sel = max((specificity(s) for s in chosen if matches(s, r.code, r.name)), default=-1)
        best_ign = max((specificity(s) for s in ignore if matches(s, r.code, r.name)), default=-1)
        if best_sel >= 0 and best_sel >= best_ign:
            enabled.append(r)
    return enabled


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    return [s for s in selectors if not lookup(s)]
