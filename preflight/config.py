"""Settings: defaults <- .preflight.toml or pyproject [tool.paas-preflight] <- command line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from preflight import DIST_NAME
from preflight.errors import ConfigError
from preflight.findings import Severity
from preflight.registry import unknown_selectors

CONFIG_FILE = ".preflight.toml"
KEYS = {"select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "platform",
        "exclude", "baseline"}


@dataclass
class Settings:
    """What to run and how to report it: plain data, parsed and validated by this module. The filter
    stage (``preflight.filters``) and the project model (``exclude``) act on it."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    severity: dict[str, str] = field(default_factory=dict)                # selector -> error|warning|info
    fail_on: Severity = Severity.WARNING
    platform: str | None = None                                           # None: inferred; "all": every profile
    exclude: list[str] = field(default_factory=list)                      # globs the project does not see
    baseline: str | None = None
    history: bool = False
    rule_time_limit: float | None = None
    source: str | None = None  # the config file these came from


def load_toml(path: Path) -> dict:
    """preflight's own settings file (``.preflight.toml``, ``--config FILE``, the pyproject table)."""
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
        return standalone, load_toml(standalone)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = load_toml(pyproject)
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
    from preflight.project.platform import ALL, names

    if value not in names() and value != ALL:
        raise ConfigError(f"{where}: platform {value!r} is not one preflight knows (known: {', '.join(names())}, "
                          f"or {ALL})")
    return value
