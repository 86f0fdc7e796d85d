"""Every regular expression of the code base (each ``lazy_re`` and compiled pattern held by a module or a
class in preflight and preflight.rules) searched over strings built to make it backtrack: long runs of
its own characters and of pairs of common ones, with and without a character that makes it fail at the
end. A pattern that is quadratic on them (``<[^>]*>`` over "<<<<<...") turns one long line of a
repository file into minutes. Screened on short strings, then the slowest cases run on long ones with a
time bound."""
from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time

import pytest

from preflight.lazyre import LazyPattern

SHORT, LONG = 2_000, 40_000
LONG_BOUND = 0.5  # seconds for one search of a 40,000-character line (linear ones take ~10 ms)
_COMMON = list(" \ta0_-./:=<>{}()[]\"'\\,;@$#\n") + ["ab", "a ", "0.", "a=", "a:", "a/", "<a", "{a", "a.",
                                                    " =", "\\n", "${", "::", "a-", "a_", " #"]


def _patterns() -> dict[str, re.Pattern]:
    """Every pattern, with ``.match`` as its search when its module only ever anchors it (``NAME.match(``,
    ``NAME.fullmatch(``): a leading ``\\w+`` is then linear, where ``search`` would retry it at each position."""
    import inspect

    import preflight
    import preflight.rules

    found: dict[str, re.Pattern] = {}

    def scan(namespace: dict, where: str, module: str, source: str) -> None:
        for name, value in list(namespace.items()):
            if isinstance(value, LazyPattern):
                value = re.compile(*value._source)
            if isinstance(value, re.Pattern):
                anchored = re.search(rf"\b{name}\.(?:full)?match\(", source) and not re.search(
                    rf"\b{name}\b(?!\.(?:full)?match\(|\s*=\s*(?:lazy_re|re\.compile)\()", source)
                found[f"{where}.{name}"] = _Anchored(value) if anchored else value
            elif isinstance(value, type) and value.__module__ == module:
                scan(vars(value), f"{where}.{name}", module, source)

    for package in (preflight, preflight.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            scan(vars(module), info.name, info.name, inspect.getsource(module))
    return found


class _Anchored:
    """A pattern its code only matches at the start: ``search`` here is ``match``."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.search = pattern.pattern, pattern.match


def _pumps(pattern: re.Pattern) -> list[str]:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    own = sorted({c for c in source if c.isprintable()})
    return list(dict.fromkeys(own + _COMMON))


def _subject(pattern: re.Pattern, pump: str, size: int, tail: str):
    text = pump * (size // len(pump)) + tail
    return text.encode("latin-1", "replace") if isinstance(pattern.pattern, bytes) else text


class _TooSlow(Exception):
    pass


def _timed_search(pattern: re.Pattern, subject, bound: float) -> float:
    """Seconds one search takes; stopped (the regex engine checks signals) past ``bound``."""
    def stop(signum, frame):
        raise _TooSlow()

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, bound)
    start = time.perf_counter()
    try:
        pattern.search(subject)
        return time.perf_counter() - start
    except _TooSlow:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


PATTERNS = _patterns()


def test_the_scan_finds_the_patterns():
    assert len(PATTERNS) > 100
    assert isinstance(PATTERNS["preflight.project.requirements.ENV_REF_RE"], re.Pattern)  # finditer: searched
    assert isinstance(PATTERNS["preflight.project.importtime._PY2_TEST_RE"], _Anchored)  # only fullmatch


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs interval timers to stop a runaway search")
def test_no_pattern_backtracks_on_long_lines():
    screened = []
    for name, pattern in PATTERNS.items():
        for pump in _pumps(pattern):
            for tail in ("", "\x00"):
                subject = _subject(pattern, pump, SHORT, tail)
                start = time.perf_counter()
                pattern.search(subject)
                screened.append((time.perf_counter() - start, name, pump, tail))
    screened.sort(reverse=True)
    slow = []
    for _, name, pump, tail in screened[:40]:
        took = _timed_search(PATTERNS[name], _subject(PATTERNS[name], pump, LONG, tail), LONG_BOUND)
        if took > LONG_BOUND:
            slow.append(f"{name} on {pump!r} x {LONG // len(pump)} + {tail!r}")
    assert not slow, slow


def test_the_check_catches_a_quadratic_pattern():
    quadratic = re.compile(r"<[^>]*>")
    assert _timed_search(quadratic, "<" * LONG + "\x00", LONG_BOUND) > 0.5 * LONG_BOUND
    assert _timed_search(re.compile(r"<[^>]{0,200}>"), "<" * LONG + "\x00", LONG_BOUND) < LONG_BOUND
