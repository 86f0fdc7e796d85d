"""Settings: defaults <- .preflight.toml or pyproject [tool.paas-preflight] <- command line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from preflight import DIST_NAME
from preflight.findings import Severity

CONFIG_FILE = ".preflight.toml"
KEYS = {"select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "platform",
        "exclude", "baseline"}


class ConfigError(Exception):
    """A bad setting: reported with exit code 2."""


@dataclass
class Settings:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    platform: str = "heroku"
    exclude: list[str] = field(default_factory=list)
    baseline: str | None = None
    history: bool = False
    rule_time_limit: float | None = None
    source: str | None = None  # the config file these came from

    def severity_overrides(self) -> dict[str, Severity]:
        from preflight.registry import lookup

        out = {}
        for sel, level in self.severity.items():
            for r in lookup(sel):
                out[r.code] = Severity.parse(level)
        return out

    def apply_per_file_ignores(self, findings) -> None:
        if not self.per_file_ignores:
            return
        from preflight.suppress import matches

        compiled = [(glob_re(g), sels) for g, sels in self.per_file_ignores.items()]
        for f in findings:
            for rx, sels in compiled:
                if rx.match(f.path) and any(matches(s, f.code, f.name) for s in sels):
                    f.suppressed_by = "config"
                    break

    def excluded(self, path: str) -> bool:
        return any(glob_re(g).match(path) for g in self.exclude)


_GLOB_CACHE: dict[str, re.Pattern] = {}


def glob_re(pattern: str) -> re.Pattern:
    """gitignore-like globs: ``**`` spans folders, ``*`` does not; a pattern without ``/`` matches a
    name at any depth; a pattern naming a folder covers everything below it."""
    if pattern in _GLOB_CACHE:
        return _GLOB_CACHE[pattern]
    pat = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out, i = "", 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if pat.startswith("**", i):
            out += ".*"
            i += 2
            continue
        out += {"*": "[^/]*", "?": "[^/]"}.get(c, re.escape(c))
        i += 1
    rx = re.compile(("" if anchored else "(?:.*/)?") + out + "(?:/.*)?$")
    _GLOB_CACHE[pattern] = rx
    return rx


def _toml_load(path: Path) -> dict:
    try:
        import tomllib
    except ImportError:
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib decodes the whole file as UTF-8 first
        raise ConfigError(f"{path}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None


def find_config(root: Path) -> tuple[Path, dict] | None:
    """``.preflight.toml`` first (a non-Python app should not need a pyproject.toml), then pyproject."""
    standalone = root / CONFIG_FILE
    if standalone.is_file():
        return standalone, _toml_load(standalone)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = _toml_load(pyproject)
        except ConfigError:
            return None  # a broken pyproject is the app's problem, reported as a finding
        table = data.get("tool", {}).get(DIST_NAME)
        if isinstance(table, dict):
            return pyproject, table
    return None


def _str_list(where: str, key: str, value) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def from_table(table: dict, where: str, settings: Settings | None = None) -> Settings:
    s = settings or Settings()
    s.source = where
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(KEYS))}")
    if "select" in table:
        s.select = _str_list(where, "select", table["select"])
    if "extend-select" in table:
        s.extend_select = _str_list(where, "extend-select", table["extend-select"])
    if "ignore" in table:
        s.ignore = _str_list(where, "ignore", table["ignore"])
    if "exclude" in table:
        s.exclude = _str_list(where, "exclude", table["exclude"])
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [rules]")
        s.per_file_ignores = {g: _str_list(where, f"per-file-ignores.{g}", v) for g, v in pfi.items()}
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of rule = \"error|warning|info\"")
        for k, v in sev.items():
            try:
                Severity.parse(str(v))
            except ValueError:
                raise ConfigError(f"{where}: severity.{k} = {v!r}: use error, warning or info") from None
        s.severity = dict(sev)
    if "fail-on" in table:
        s.fail_on = parse_fail_on(str(table["fail-on"]), where)
    if "platform" in table:
        s.platform = parse_platform(str(table["platform"]), where)
    if "baseline" in table:
        s.baseline = str(table["baseline"])
    check_selectors(s, where)
    return s


def check_selectors(s: Settings, where: str) -> None:
    from preflight.registry import unknown_selectors

    every = list(s.select or []) + s.extend_select + s.ignore + list(s.severity)
    for sels in s.per_file_ignores.values():
        every += sels
    bad = unknown_selectors(every)
    if bad:
        raise ConfigError(f"{where}: unknown rule(s) {', '.join(sorted(set(bad)))} "
                          "(see 'preflight rule --all')")


def parse_fail_on(value: str, where: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(f"{where}: fail-on = {value!r}: use error, warning or info") from None


def parse_platform(value: str, where: str) -> str:
    from preflight.project import PLATFORMS

    if value not in PLATFORMS:
        raise ConfigError(f"{where}: platform {value!r} is not supported yet (supported: {', '.join(PLATFORMS)})")
    return value
