"""The filter stage, run once after the rules, in this order:

1. severity overrides (``[severity]``: a selector -> error, warning or info);
2. per-file ignores (``[per-file-ignores]``: a glob -> selectors), marked ``suppressed_by="config"``;
3. inline directives written in the repository (``# preflight: ignore[...]``), marked ``"inline"``, and
   a ``suppression-unused`` finding for each directive selector that suppressed nothing;
4. the baseline (``--baseline FILE``), marked ``"baseline"``;
5. ``exclude``: findings on excluded paths are dropped (the project never lists those files, but a rule
   may still name one it read directly).

Suppressed findings stay in the list (the summary counts them); formatters show ``RunResult.active``.
Selectors are matched by the one matcher, ``preflight.registry.matches``.
"""
from __future__ import annotations

from preflight import baseline
from preflight.findings import REPO, Finding, Severity, Violation, stamp
from preflight.globs import glob_re, matches_any
from preflight.registry import REGISTRY, lookup, matches

SUPPRESSION_UNUSED = "PF002"


def apply(findings: list[Finding], project, settings, enabled: set[str]) -> list[Finding]:
    """Filter the rules' findings of one project by ``settings``; ``enabled`` holds the codes that ran."""
    overrides = severity_overrides(settings.severity)
    override_severity(findings, overrides)
    ignore_per_file(findings, settings.per_file_ignores)
    unused = suppress_inline(findings, project, enabled)
    if SUPPRESSION_UNUSED in enabled:
        dead = [stamp(REGISTRY[SUPPRESSION_UNUSED], Violation(d.path, d.line, f"unused suppression: {why}",
                                                              anchor=sel))
                for d, sel, why in unused]
        override_severity(dead, overrides)
        findings.extend(dead)
    if settings.baseline:
        baseline.apply(findings, settings.baseline, project)
    if settings.exclude:
        findings = [f for f in findings if not matches_any(f.path, settings.exclude)]
    return findings


def severity_overrides(severity: dict[str, str]) -> dict[str, Severity]:
    """Rule code -> the severity the settings give it (a later selector wins over an earlier one)."""
    out = {}
    for sel, level in severity.items():
        for r in lookup(sel):
            out[r.code] = Severity.parse(level)
    return out


def override_severity(findings: list[Finding], overrides: dict[str, Severity]) -> None:
    for f in findings:
        if f.code in overrides:
            f.severity = overrides[f.code]


def ignore_per_file(findings: list[Finding], per_file_ignores: dict[str, list[str]]) -> None:
    compiled = [(glob_re(g), sels) for g, sels in per_file_ignores.items()]
    if not compiled:
        return
    for f in findings:
        for rx, sels in compiled:
            if rx.match(f.path) and any(matches(s, f.code, f.name) for s in sels):
                f.suppressed_by = "config"
                break


def suppress_inline(findings: list[Finding], project, enabled: set[str]) -> list[tuple]:
    """Mark the findings a directive covers; return (directive, selector, why) for each selector that
    suppressed nothing, in the files of the findings and in every other file the rules read."""
    seen: dict[str, list] = {}
    used: set[tuple[int, str]] = set()  # (id of the directive, selector)
    for f in findings:
        if f.suppressed_by or f.path == REPO:
            continue
        if f.path not in seen:
            seen[f.path] = project.directives(f.path)
        for d in seen[f.path]:
            if d.target in (0, f.line):
                sel = next((s for s in d.selectors if matches(s, f.code, f.name)), None)
                if sel is not None:
                    f.suppressed_by = "inline"
                    used.add((id(d), sel))
                    break

    # Directives in every other file the rules read count too: they may be dead.
    for path in project.loaded:
        if path not in seen:
            seen[path] = project.directives(path)

    unused = []
    for path in sorted(seen):
        for d in seen[path]:
            for sel in d.selectors:
                if (id(d), sel) in used:
                    continue
                rules = lookup(sel)
                if not rules:
                    unused.append((d, sel, f"'{sel}' is not a preflight rule"))
                elif any(r.code in enabled for r in rules):
                    unused.append((d, sel, f"nothing here triggers '{sel}'"))
    return unused
