"""Run the enabled rules on a project, stamp their findings, emit the engine's own (PF001), run the filter
stage once (``preflight.filters``), sort and drop duplicates."""
from __future__ import annotations

import gc
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field

from preflight import filters
from preflight.findings import Finding, Severity, Violation, stamp
from preflight.registry import REGISTRY, Rule

# Files the platform itself parses during the build or release: unreadable there means a failed deploy.
BUILD_FILES = frozenset({"Procfile", "requirements.txt", "Pipfile", "Pipfile.lock", "pyproject.toml", "poetry.lock",
                         "uv.lock", ".python-version", "runtime.txt", "app.json", "heroku.yml", "Dockerfile"})
RULE_TIME_LIMIT = 20.0  # seconds; a rule stuck on one pathological file must not hang a commit hook
# Rules share lazy artifacts (the start path, the Procfile model): one that a time limit interrupts
# is never cached, so every later rule that needs it would spend its own full limit rebuilding it.
# After one rule has run out of time the others get a shorter limit, and the whole run (--history
# rules aside) has a budget, so a pathological repository costs about a minute, not rules x 20 s.
AFTER_TIMEOUT_LIMIT = 5.0
RUN_TIME_LIMIT = 60.0
HISTORY_TIME_LIMIT = 600.0  # --history rules read every commit: minutes on a large repository

@dataclass
class RunResult:
    findings: list[Finding]
    crashes: list[tuple[Rule, str]] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    # --fix / --diff (cli.py, fixer.py): what was fixed, what was not and why, what needs --unsafe-fixes
    fixing: bool = False
    fixed: list = field(default_factory=list)           # (Finding as it was found, Fix)
    not_fixed: list = field(default_factory=list)       # (Finding, why its fix was not applied)
    unsafe_skipped: int = 0
    platform: dict | None = None  # the platform checked and why (``platform.Choice.to_dict``)
    verdicts: list = field(default_factory=list)  # --platform all: one ``Verdict`` per profile

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed_by]


class _RuleTimeout(Exception):
    pass


def _with_time_limit(func, seconds: float):
    """Run func under an interval timer (main thread on POSIX only; elsewhere unbounded)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return func()

    def on_alarm(signum, frame):
        raise _RuleTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return func()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# Rules that read ``project.secret_scan``: when one will run, the scan starts in the background first.
SECRET_SCAN_RULES = frozenset({"secret-committed", "env-file-committed", "secret-in-history"})


def run(project, rules: list[Rule], settings) -> RunResult:
    # The run allocates millions of syntax-tree nodes, none in a reference cycle that outlives it, and the
    # cyclic collector would walk them again and again: a third of the CPU time on a 1,000-module app
    # (saleor: 4.2 s -> 2.7 s). Reference counting still frees everything; the collector is back after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if any(r.name in SECRET_SCAN_RULES and r.applies_to(project.profile)
               and (settings.history or not r.needs_history) for r in rules):
            project.start_secret_scan()
        return _run(project, rules, settings)
    finally:
        if collecting:
            gc.enable()
        project.stop_background()


def _run(project, rules: list[Rule], settings) -> RunResult:
    result = RunResult(findings=[], rules=rules)
    deadline = time.monotonic() + RUN_TIME_LIMIT
    timed_out = False
    for r in rules:
        if r.check is None or (r.needs_history and not settings.history) or not r.applies_to(project.profile):
            continue
        if r.modes is not None:
            try:
                mode = project.mode
            except Exception:  # a manifest no parser survives: the rule cannot know its mode
                result.crashes.append((r, traceback.format_exc()))
                continue
            if mode not in r.modes:
                continue
        out: list[Finding] = []

        def collect(r=r, out=out):
            for v in r.check(project):
                out.append(stamp(r, v))

        limit = settings.rule_time_limit or (HISTORY_TIME_LIMIT if r.needs_history else RULE_TIME_LIMIT)
        if not r.needs_history:
            left = deadline - time.monotonic()
            if left <= 0:
                result.crashes.append((r, f"rule {r.code} {r.name} was not run: the rules before it used up "
                                          f"the run's {RUN_TIME_LIMIT:.0f} s time budget"))
                continue
            limit = min(limit, left, AFTER_TIMEOUT_LIMIT if timed_out else limit)
        try:
            _with_time_limit(collect, limit)
        except _RuleTimeout:
            timed_out = True
            result.crashes.append((r, f"rule {r.code} {r.name} ran out of time "
                                      f"({limit:.0f} s) and was stopped"))
        except Exception:  # a broken rule must not hide the others' findings
            result.crashes.append((r, traceback.format_exc()))
        result.findings.extend(out)

    enabled = {r.code for r in rules}
    FILE_UNREADABLE = REGISTRY["PF001"]
    if FILE_UNREADABLE.code in enabled:
        for path, (reason, line) in sorted(project.unreadable.items()):
            v = Violation(path, line, f"{path} {reason}")
            if path in BUILD_FILES:
                v.severity = Severity.ERROR  # the platform reads it too, and stops
                v.message += ": the platform cannot read it either, so the build or the release fails"
            result.findings.append(stamp(FILE_UNREADABLE, v))

    findings = filters.apply(result.findings, project, settings, enabled)
    seen = set()
    unique = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        key = (f.code, f.path, f.line, f.col, f.message)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    result.findings = unique
    return result


@dataclass
class Verdict:
    """How a repository fares on one platform (``--platform all``): its active findings by severity."""
    name: str
    title: str
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def text(self) -> str:
        if self.errors:
            return f"fails ({self.errors} error{'s' if self.errors != 1 else ''})"
        if self.warnings:
            return f"deploys, {self.warnings} warning{'s' if self.warnings != 1 else ''}"
        return "deploys as it is"

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "errors": self.errors, "warnings": self.warnings,
                "info": self.infos, "verdict": self.text}


def run_platforms(projects: dict, rules: list[Rule], settings) -> RunResult:
    """``--platform all``: ``run`` on each profile's project (name -> Project), then one finding per
    (rule, place, severity, message) with the ``platforms`` it was found on, and a ``Verdict`` per platform."""
    merged: dict[tuple, Finding] = {}
    result = RunResult(findings=[], rules=rules)
    for name, project in projects.items():
        one = run(project, rules, settings)
        verdict = Verdict(name, project.profile.title)
        for f in one.active:
            if f.severity is Severity.ERROR:
                verdict.errors += 1
            elif f.severity is Severity.WARNING:
                verdict.warnings += 1
            else:
                verdict.infos += 1
        result.verdicts.append(verdict)
        result.crashes.extend((r, f"[{name}] {detail}") for r, detail in one.crashes)
        for f in one.findings:
            # one finding per (rule, place, severity); where the platforms' words or facts make its message
            # differ (a default Python, how to declare a worker), each platform's wording is kept beside it
            key = (f.code, f.path, f.line, f.col, f.severity, f.suppressed_by)
            if key in merged:
                merged[key].platforms += (name,)
                merged[key].platform_messages[name] = f.message
            else:
                f.platforms, f.platform_messages = (name,), {name: f.message}
                merged[key] = f
    result.findings = sorted(merged.values(), key=lambda f: f.sort_key)
    return result


def exit_code(result: RunResult, fail_on: Severity, exit_zero: bool) -> int:
    if result.crashes:
        return 2
    if exit_zero:
        return 0
    return 1 if any(f.severity.rank >= fail_on.rank for f in result.active) else 0


__all__ = ["run", "run_platforms", "exit_code", "RunResult", "Verdict", "REGISTRY"]
