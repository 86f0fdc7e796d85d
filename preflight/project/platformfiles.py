"""The manifests of the Heroku-like platforms, read once and normalised: services, commands, ports, health
paths, schedules and release commands, each with its 1-based line.

``project.platform_files`` (:class:`PlatformFiles`) holds one :class:`PlatformFile` per manifest that exists
(shipped or only on disk): ``render.yaml`` (Render Blueprint), ``fly.toml``, ``railway.json`` /
``railway.toml`` (config-as-code, deprecated), ``railpack.json``, ``nixpacks.toml``, ``.do/app.yaml`` and
``.do/deploy.template.yaml`` (DigitalOcean app spec), ``scalingo.json``, ``cron.json`` (Scalingo Scheduler),
``project.toml`` (CNB project descriptor: Heroku Fir with ``heroku/*`` buildpacks, else Dokku's pack) and the
Dokku keys of ``app.json`` (``healthchecks``, ``cron``, ``scripts.dokku``; the file itself is read by
``project.manifests.app_json``, never parsed again here). Schemas: research/platforms.md §12.

Every manifest becomes :class:`Service` entries (one per Render service, Fly process group, DO component,
cron job...), ``release`` commands, schema ``problems`` (``platform-manifest-invalid``) and ``cron_problems``
(``cron-schedule-invalid-for-platform``), as ``(line, message, hint, severity)``. A manifest that does not
parse is recorded on the project (``file-unreadable`` reports it at the parser's line) and gives
``parsed=False``. Nothing here raises: a value of the wrong type anywhere is a problem, or is left out.

The platforms' limits and vocabularies (Railway's 5-minute cron minimum, Scalingo's 5 jobs 10 minutes
apart, Render's service types, Fly's ``auto_stop_machines`` values) are data:
``preflight/data/manifest_limits.json``, with sources and date.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from preflight.project.manifests import compose_yaml
from preflight.project.tomllines import _HEADER_RE, _KEY_RE, _dotted

DATA = Path(__file__).resolve().parents[1] / "data" / "manifest_limits.json"

# path -> (the profile that reads it, every profile that reads it)
READERS = {
    "render.yaml": ("render",),
    "fly.toml": ("fly",),
    "railway.json": ("railway",),
    "railway.toml": ("railway",),
    "railpack.json": ("railway", "dokku"),
    "nixpacks.toml": ("railway", "dokku"),
    ".do/app.yaml": ("do-app-platform",),
    ".do/deploy.template.yaml": ("do-app-platform",),
    "scalingo.json": ("scalingo",),
    "cron.json": ("scalingo",),
    "project.toml": ("heroku-fir", "dokku"),
    "app.json": ("dokku",),
}
MAX_DEPTH = 64          # nesting walked in a YAML manifest; deeper values are left out
MAX_NODES = 200_000     # nodes converted; an alias bomb stops here


@lru_cache(maxsize=1)
def limits() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return json.load(fh)


@dataclass
class Service:
    platform: str
    path: str
    line: int
    name: str
    kind: str                 # web | worker | cron | job | release | private | static | unknown
    command: str | None = None
    command_line: int = 0
    port: int | None = None
    port_line: int = 0
    env: dict = field(default_factory=dict)        # name -> (value or None, line)
    health_path: tuple | None = None               # (path, line)
    schedule: tuple | None = None                  # (text, line)
    plan: str | None = None
    processes: tuple = ()
    extra: dict = field(default_factory=dict)


@dataclass
class PlatformFile:
    path: str
    platform: str
    parsed: bool
    services: list = field(default_factory=list)
    release: list = field(default_factory=list)        # (command, line)
    problems: list = field(default_factory=list)       # (line, message, hint, "E"|"W")
    deprecated: bool = False
    cron_problems: list = field(default_factory=list)  # (line, message, hint, "E"|"W")
    readers: tuple = ()                                # every profile that reads the file
    extra: dict = field(default_factory=dict)          # fly: groups, process_refs, mounts, release_command

    def problem(self, line: int, message: str, hint: str, severity: str = "E") -> None:
        self.problems.append((line or 1, message, hint, severity))

    def cron_problem(self, line: int, message: str, hint: str, severity: str = "E") -> None:
        self.cron_problems.append((line or 1, message, hint, severity))


class PlatformFiles:
    """``project.platform_files``: every non-Heroku manifest of the repository, by path."""

    def __init__(self, project):
        self.files: dict[str, PlatformFile] = {}
        for path, readers in READERS.items():
            if path == "app.json":
                pf = _dokku_app_json(project)
            elif not _present(project, path):
                continue
            else:
                pf = _READ[path](project, path)
            if pf is not None:
                pf.readers = readers if path != "project.toml" else tuple(dict.fromkeys((pf.platform,) + readers))
                self.files[path] = pf

    def for_platform(self, name: str) -> list[PlatformFile]:
        return [pf for pf in self.files.values() if name == pf.platform or name in pf.readers]

    def services(self, name: str) -> list[Service]:
        return [s for pf in self.for_platform(name) for s in pf.services]

    def env(self, name: str) -> dict:
        """Variable -> (manifest, line) for every variable a manifest of platform ``name`` sets on its
        services (render.yaml envVars, a generated value included; .do/app.yaml envs; fly.toml [env];
        scalingo.json env)."""
        out: dict = {}
        for svc in self.services(name):
            for var, (_, line) in svc.env.items():
                out.setdefault(var, (svc.path, line))
        return out

    def problems(self, name: str, which: str = "schema") -> list[tuple]:
        """(path, line, "path: message", hint, warning?) of every ``problems`` (``which="schema"``) or
        ``cron_problems`` (``"cron"``) entry of the parsed manifests platform ``name`` reads."""
        return [(pf.path, line, f"{pf.path}: {message}", hint, severity == "W")
                for pf in self.for_platform(name) if pf.parsed
                for line, message, hint, severity in (pf.problems if which == "schema" else pf.cron_problems)]


def _present(project, path: str) -> bool:
    return (project.shipped(path) or project.exists(path)) and not project.index.is_dir(path)


def _fail(project, path: str, message: str, line: int = 0) -> None:
    project.unreadable[path] = (f"does not parse: {message}", line)


def _type(value) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _command(value) -> str | None:
    """A start command written as a string, or as a list of words (joined)."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return " ".join(value)
    return None


# -- cron schedules ------------------------------------------------------------------------------------
_MACRO_RE = re.compile(r"^@\w+")


def min_interval(schedule: str) -> int | None:
    """The shortest gap in minutes between two runs of a 5-field cron schedule, when the minute field says it
    (``*/2`` -> 2, ``0,3`` -> 3, ``*`` -> 1); None when it cannot be told (a single minute runs at most
    hourly; unknown syntax)."""
    fields = schedule.split()
    if len(fields) != 5:
        return None
    minute, hour = fields[0], fields[1]
    if minute == "*":
        return 1
    m = re.fullmatch(r"(\*|\d+-\d+)/(\d+)", minute)
    if m:
        step = int(m.group(2))
        return step if step > 0 else None
    if re.fullmatch(r"\d+-\d+", minute):
        lo, hi = map(int, minute.split("-"))
        return 1 if hi > lo else None
    if re.fullmatch(r"\d+(,\d+)+", minute):
        values = sorted({int(v) for v in minute.split(",")})
        gaps = [b - a for a, b in zip(values, values[1:])]
        if hour == "*":   # the last run of an hour and the first of the next
            gaps.append(values[0] + 60 - values[-1])
        return min(gaps) if gaps else None
    return None


# -- YAML: a node tree with lines -----------------------------------------------------------------------
class Y:
    """A YAML value (dict of key -> Y, list of Y, or a scalar) with its line and, for a mapping value, the
    line of its key (``at``)."""

    __slots__ = ("value", "line", "at")

    def __init__(self, value, line: int, at: int = 0):
        self.value, self.line, self.at = value, line, at or line

    def get(self, key: str):
        return self.value.get(key) if isinstance(self.value, dict) else None

    def kind(self) -> str:
        """What the value is, in words ("a mapping", "a list", "a string"...), without walking it (aliases
        can make a tree exponentially larger than its text)."""
        return _type(self.value if not isinstance(self.value, (dict, list)) else type(self.value)())


def _shown(node: Y) -> str:
    return json.dumps(node.value) if not isinstance(node.value, (dict, list)) else node.kind()


def _scalar(node):
    tag, text = node.tag, node.value
    try:
        if tag.endswith(":int"):
            return int(text.replace("_", ""), 0) if not re.fullmatch(r"0\d+", text) else int(text, 8)
        if tag.endswith(":float"):
            return float(text.replace("_", ""))
    except ValueError:
        return text
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":null"):
        return None
    return text


def yaml_tree(text: str):
    """``(Y or None, error or None)``: the document as :class:`Y` values, aliases shared, never raising."""
    import yaml

    root, error = compose_yaml(text)
    if error is not None or root is None:
        return None, error
    memo: dict[int, Y] = {}
    budget = [MAX_NODES]

    def conv(node, depth: int, at: int = 0) -> Y:
        line = node.start_mark.line + 1
        if id(node) in memo:
            return memo[id(node)]
        budget[0] -= 1
        if depth > MAX_DEPTH or budget[0] < 0:
            return Y(None, line, at)
        if isinstance(node, yaml.ScalarNode):
            out = Y(_scalar(node), line, at)
        elif isinstance(node, yaml.SequenceNode):
            out = Y([], line, at)
            memo[id(node)] = out
            out.value = [conv(item, depth + 1) for item in node.value]
        else:
            out = Y({}, line, at)
            memo[id(node)] = out
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    out.value[key.value] = conv(value, depth + 1, key.start_mark.line + 1)
        memo[id(node)] = out
        return out

    return conv(root, 0), None


def _yaml(project, path: str, platform: str):
    pf = PlatformFile(path, platform, False)
    tf = project.text(path)
    if tf is None:
        return pf, None
    tree, error = yaml_tree(tf.text)
    if error is not None:
        _fail(project, path, error[0], error[1])
        return pf, None
    pf.parsed = True
    return pf, tree


def _env_items(node, pf: PlatformFile, where: str, value_lines: dict | None = None) -> dict:
    """``envVars``/``envs`` lists of {key, value...}: name -> (value or None, line of the entry); the line of
    each ``value:`` goes into ``value_lines``."""
    out: dict = {}
    if node is None or node.value is None:
        return out
    if not isinstance(node.value, list):
        pf.problem(node.at, f"{where} must be a list of {{key, value}} entries, not {node.kind()}",
                   f"Write {where}: as a list: '- key: NAME' with 'value: ...'.")
        return out
    for item in node.value:
        key = _str(item.get("key").value) if item.get("key") is not None else None
        if key is None:
            if item.get("fromGroup") is not None:  # a whole environment group: no key (render.com/docs/blueprint-spec)
                continue
            pf.problem(item.line, f"each {where} entry needs a 'key' (the variable's name), or 'fromGroup'",
                       "Write '- key: NAME' and its value, or '- fromGroup: GROUP'.")
            continue
        value = item.get("value")
        out[key] = (None if value is None or value.value is None else str(value.value), item.line)
        if value is not None and value_lines is not None:
            value_lines[key] = value.at
    return out


# -- render.yaml --------------------------------------------------------------------------------------
def _render(project, path: str) -> PlatformFile:
    pf, tree = _yaml(project, path, "render")
    if tree is None:
        return pf
    lim = limits()["render"]
    if not isinstance(tree.value, dict):
        pf.problem(tree.line, f"render.yaml must be a mapping with 'services:', not {tree.kind()}",
                   "Start the file with 'services:' (a list of services).")
        return pf
    for key in ("previewsEnabled", "pullRequestPreviewsEnabled"):
        if tree.get(key) is not None:
            pf.problem(tree.get(key).at, f"'{key}' is deprecated in render.yaml",
                       f"Use '{lim['deprecated_keys'][key]}' instead.", "W")
    lists = [tree.get("services")]
    projects = tree.get("projects")
    for proj in projects.value if projects is not None and isinstance(projects.value, list) else ():
        envs = proj.get("environments")
        for env in envs.value if envs is not None and isinstance(envs.value, list) else ():
            lists.append(env.get("services"))
    for services in lists:
        if services is None or services.value is None:
            continue
        if not isinstance(services.value, list):
            pf.problem(services.at, f"'services' must be a list of services, not {services.kind()}",
                       "Write each service as a list item: '- type: web' with its name, runtime and commands.")
            continue
        for item in services.value:
            _render_service(pf, item, lim)
    return pf


def _render_service(pf: PlatformFile, item: Y, lim: dict) -> None:
    if not isinstance(item.value, dict):
        pf.problem(item.line, f"each render.yaml service must be a mapping, not {item.kind()}",
                   "Write '- type: web' with 'name:', 'runtime:' and the commands under it.")
        return

    def text(key):
        node = item.get(key)
        return (_str(node.value), node.at) if node is not None else (None, 0)

    name, name_line = text("name")
    kind_raw, type_line = text("type")
    runtime, runtime_line = text("runtime")
    label = f"service '{name}'" if name else "a service"
    for key, new in lim["deprecated_keys"].items():
        if item.get(key) is not None:
            pf.problem(item.get(key).at, f"{label} uses '{key}', which is deprecated in render.yaml",
                       f"Rename it to '{new}'.", "W")
    if runtime is None and item.get("env") is not None:
        runtime = _str(item.get("env").value)
    if item.get("name") is None:
        pf.problem(item.line, "a render.yaml service has no 'name' (required)", "Add 'name: <service-name>'.")
    if item.get("type") is None:
        pf.problem(item.line, f"{label} has no 'type' (required)",
                   "Add 'type: web' (or worker, cron, pserv, keyvalue).")
        return
    if kind_raw not in lim["service_types"]:
        pf.problem(type_line, f"{label} has the type {_shown(item.get('type'))}, which Render does "
                              "not know", "Use one of web, worker, cron, pserv or keyvalue.")
        return
    if kind_raw in lim["deprecated_types"]:
        pf.problem(type_line, f"{label} has the type '{kind_raw}', which is deprecated",
                   f"Use 'type: {lim['deprecated_types'][kind_raw]}'.", "W")
    if kind_raw in lim["datastore_types"]:
        return  # a Key Value instance runs no command of the app
    kind = {"web": "web", "worker": "worker", "cron": "cron", "pserv": "private", "static": "static"}[kind_raw]
    if runtime == "static":
        kind = "static"
    svc = Service("render", pf.path, item.line, name or "", kind)
    svc.command, svc.command_line = text("startCommand")
    if svc.command is not None and not svc.command.strip():
        svc.command = None
    svc.plan = text("plan")[0]
    value_lines: dict = {}
    svc.env = _env_items(item.get("envVars"), pf, f"{label} envVars", value_lines)
    if "PORT" in svc.env and _int(svc.env["PORT"][0]) is not None:
        svc.port, svc.port_line = _int(svc.env["PORT"][0]), value_lines.get("PORT", svc.env["PORT"][1])
    hc, hc_line = text("healthCheckPath")
    if hc:
        svc.health_path = (hc, hc_line)
    sched = item.get("schedule")
    if sched is not None and sched.value is not None:
        svc.schedule = (str(sched.value), sched.at)
    svc.extra = {"type": kind_raw, "runtime": runtime, "runtime_line": runtime_line, "name_line": name_line}
    for key in ("buildCommand", "dockerCommand", "preDeployCommand"):
        value, line = text(key)
        if value:
            svc.extra[key] = (value, line)
    instances = item.get("numInstances")
    disk = item.get("disk")
    if disk is not None and isinstance(disk.value, dict):
        mount = disk.get("mountPath")
        svc.extra["disk"] = (_str(mount.value) if mount is not None else None, disk.at)
    pf.services.append(svc)
    if "preDeployCommand" in svc.extra:
        pf.release.append(svc.extra["preDeployCommand"])
    # schema checks (platforms.md §12.1 cross-file checks 4, 5, 7)
    if kind == "web" and runtime in lim["native_runtimes"] and svc.command is None:
        pf.problem(item.line, f"web {label} (runtime {runtime}) has no 'startCommand': Render has nothing to start",
                   "Add 'startCommand: gunicorn app:app' (your server, listening on $PORT).")
    if kind_raw in lim["paid_only_types"] and svc.plan == lim["free_plan"]:
        plan_line = item.get("plan").at
        pf.problem(plan_line, f"{label} is a {kind_raw} on 'plan: free', which Render does not offer for "
                              f"{kind_raw}s: the Blueprint sync fails", "Use 'plan: starter' (or a larger plan).")
    if disk is not None and disk.value is not None:
        n = _int(instances.value) if instances is not None else None
        if n is not None and n > 1:
            pf.problem(instances.at, f"{label} has a disk and numInstances: {n}; a service with a disk runs one "
                                     "instance", "Remove numInstances (or the disk).")
        if item.get("scaling") is not None:
            pf.problem(item.get("scaling").at, f"{label} has a disk and 'scaling'; a service with a disk cannot "
                                               "scale", "Remove 'scaling' (or the disk).")
    if kind == "cron":
        if svc.schedule is None:
            pf.cron_problem(item.line, f"cron {label} has no 'schedule': Render requires one for a cron job",
                            "Add a quoted 5-field schedule, e.g. schedule: \"0 * * * *\" (UTC).")
        elif len(svc.schedule[0].split()) != 5:
            pf.cron_problem(svc.schedule[1], f"cron {label} has the schedule '{svc.schedule[0]}', which is not "
                                             "5 cron fields", "Write minute hour day month weekday, e.g. "
                                                              "\"0 * * * *\".", "W")


# -- TOML: tables and keys with lines ----------------------------------------------------------------
class TomlIndex:
    """Where each table header (every ``[[array]]`` occurrence too) and key sits in a TOML file."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.headers: list[tuple[str, int]] = []   # (dotted name, line)
        for n, line in enumerate(lines, 1):
            m = _HEADER_RE.match(line)
            if m:
                self.headers.append((_dotted(m.group(1)), n))

    def _block(self, name: str, index: int | None, after: int = 0) -> tuple[int, int] | None:
        """(header line, last line) of table ``name`` (its ``index``-th occurrence after line ``after``);
        the root block for name ""."""
        if not name:
            first = self.headers[0][1] - 1 if self.headers else len(self.lines)
            return 0, first
        hits = [i for i, (n, line) in enumerate(self.headers) if n == name and line > after]
        pick = hits[index or 0] if len(hits) > (index or 0) else None
        if pick is None:
            return None
        start = self.headers[pick][1]
        end = self.headers[pick + 1][1] - 1 if pick + 1 < len(self.headers) else len(self.lines)
        return start, end

    def _find_key(self, block: tuple[int, int], key: str) -> int:
        start, end = block
        for n in range(start + 1, end + 1):
            k = _KEY_RE.match(self.lines[n - 1])
            if k and _dotted(k.group(1)) == key:
                return n
        return 0

    def line(self, *keys) -> int:
        """The line of the key path (``"services", 1, "internal_port"``): the key's own line when found, else
        its table's, else 0."""
        for cut in range(len(keys), -1, -1):
            table, rest = keys[:cut], keys[cut:]
            if any(isinstance(k, int) for k in rest):
                continue
            tname = ".".join(k for k in table if isinstance(k, str))
            index = next((k for k in reversed(table) if isinstance(k, int)), None)
            block = self._block(tname, index)
            if block is None:
                continue
            if not rest:
                return block[0] or 1
            found = self._find_key(block, ".".join(rest))
            if found:
                return found
        return 0


def _toml(project, path: str, platform: str):
    pf = PlatformFile(path, platform, False)
    data = project.manifests.toml(path)  # the one TOML reader: it records a parse error with its line
    tf = project.text(path)
    if data is None or tf is None:
        return pf, None, None
    pf.parsed = True
    return pf, data, TomlIndex(tf.lines)


# -- fly.toml -----------------------------------------------------------------------------------------
def _fly(project, path: str) -> PlatformFile:
    pf, data, ix = _toml(project, path, "fly")
    if data is None:
        return pf
    lim = limits()["fly"]
    refs: list[tuple[str, int, str]] = []   # (group, line, where)

    def ref_list(value, where: str, *keys) -> tuple:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            pf.problem(ix.line(*keys), f"{where} must be a list of process group names, not {_type(value)}",
                       f"Write {where.split('.')[-1]} = [\"app\"] (names from [processes]).")
            return ()
        for name in value:
            refs.append((name, ix.line(*keys), where))
        return tuple(value)

    processes = data.get("processes")
    groups: dict[str, tuple[str | None, int]] | None = None
    if processes is not None:
        if not isinstance(processes, dict):
            pf.problem(ix.line("processes"), f"[processes] must map group names to commands, not "
                                             f"{_type(processes)}", "Write [processes] with lines like "
                                                                    "web = \"gunicorn app:app\".")
        else:
            groups = {}
            for name, cmd in processes.items():
                command = _command(cmd)
                if command is None and not isinstance(cmd, str):
                    pf.problem(ix.line("processes", name), f"[processes] {name} must be a command string, not "
                                                           f"{_type(cmd)}", f"Write {name} = \"<command>\".")
                groups[name] = (command, ix.line("processes", name))
    # the services that route traffic, and the groups they serve
    routes: list[dict] = []
    http = data.get("http_service")
    if http is not None:
        if isinstance(http, dict):
            routes.append(_fly_route(pf, ix, http, "http_service", ("http_service",), ref_list, lim))
        else:
            pf.problem(ix.line("http_service"), "[http_service] must be a table", "Write [http_service] with "
                                                                                   "internal_port = 8080.")
    services = data.get("services")
    if isinstance(services, dict):
        services = [services]
    if services is not None and not isinstance(services, list):
        pf.problem(ix.line("services"), "[[services]] must be a list of tables", "Write each as [[services]].")
        services = []
    for i, svc in enumerate(services or ()):
        if isinstance(svc, dict):
            routes.append(_fly_route(pf, ix, svc, f"services[{i}]", ("services", i), ref_list, lim))
    # mounts, vm, checks: they name groups too
    mounts_out = []
    mounts = data.get("mounts")
    mount_list = [mounts] if isinstance(mounts, dict) else mounts if isinstance(mounts, list) else []
    if mounts is not None and not isinstance(mounts, (dict, list)):
        pf.problem(ix.line("mounts"), "[mounts] must be a table", "Write [[mounts]] with source and destination.")
    for i, mount in enumerate(mount_list):
        keys = ("mounts", i) if isinstance(mounts, list) else ("mounts",)
        if not isinstance(mount, dict):
            pf.problem(ix.line(*keys), "each [[mounts]] entry must be a table", "Write source and destination.")
            continue
        dest = _str(mount.get("destination"))
        line = ix.line(*keys, "destination") or ix.line(*keys)
        if dest is not None and dest.rstrip("/") == "":
            pf.problem(line, "[mounts] destination is \"/\": a volume cannot be mounted over the root filesystem",
                       "Mount it on a folder, e.g. destination = \"/data\".")
        procs = ref_list(mount.get("processes"), "mounts.processes", *keys, "processes")
        mounts_out.append({"source": _str(mount.get("source")), "destination": dest, "line": line,
                           "processes": procs})
    vm = data.get("vm")
    for i, item in enumerate([vm] if isinstance(vm, dict) else vm if isinstance(vm, list) else []):
        if isinstance(item, dict):
            keys = ("vm", i) if isinstance(vm, list) else ("vm",)
            ref_list(item.get("processes"), "vm.processes", *keys, "processes")
    checks = data.get("checks")
    check_paths = []
    for cname, check in (checks.items() if isinstance(checks, dict) else ()):
        if isinstance(check, dict):
            ref_list(check.get("processes"), f"checks.{cname}.processes", "checks", cname, "processes")
            if _str(check.get("path")):
                check_paths.append((check["path"], ix.line("checks", cname, "path"), check.get("processes")))
    # env
    env: dict = {}
    raw_env = data.get("env")
    if raw_env is not None and not isinstance(raw_env, dict):
        pf.problem(ix.line("env"), "[env] must be a table of NAME = \"value\"", "Write [env] with NAME = \"value\".")
    for name, value in (raw_env.items() if isinstance(raw_env, dict) else ()):
        line = ix.line("env", name)
        env[name] = (value if isinstance(value, str) else None if isinstance(value, (dict, list)) else str(value),
                     line)
        if name.startswith(lim["reserved_env_prefix"]):
            pf.problem(line, f"[env] sets {name}: names starting with {lim['reserved_env_prefix']} are reserved for "
                             "the variables Fly sets itself", f"Rename it (e.g. APP_{name[4:]}).", "W")
    # release
    deploy = data.get("deploy")
    if isinstance(deploy, dict):
        release = _command(deploy.get("release_command"))
        if release:
            pf.release.append((release, ix.line("deploy", "release_command")))
    experimental = data.get("experimental")
    implicit_cmd = _command(experimental.get("cmd")) if isinstance(experimental, dict) else None
    # one Service per process group
    defined = groups if groups is not None else {
        lim["default_group"]: (implicit_cmd, ix.line("experimental", "cmd") if implicit_cmd else
                               (routes[0]["line"] if routes else 1))}
    for name, (command, line) in defined.items():
        serving = [r for r in routes if not r["processes"] or name in r["processes"]]
        svc = Service("fly", path, line or 1, name, "web" if serving else "worker", command,
                      line if command else 0, env=dict(env))
        if serving:
            route = serving[0]
            svc.port, svc.port_line = route["port"], route["port_line"]
            svc.processes = route["processes"]
            svc.extra = {"served_by": [(r["where"], r["line"]) for r in serving],
                         "auto_stop_machines": route["auto_stop"], "min_machines_running": route["min_running"]}
            path_check = next((c for r in serving for c in r["checks"]), None)
            if path_check is not None:
                svc.health_path = path_check
        hc = next((c for c in check_paths if not c[2] or name in (c[2] or ())), None)
        if svc.health_path is None and hc is not None:
            svc.health_path = (hc[0], hc[1])
        pf.services.append(svc)
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    # a buildpack builder ([build] builder or buildpacks): the only fly deploy that runs the Procfile
    builder = _str(build.get("builder")) or ("buildpacks" if build.get("buildpacks") else None)
    pf.extra = {"groups": None if groups is None else {n: line for n, (_, line) in groups.items()},
                "process_refs": refs, "mounts": mounts_out, "routes": routes,
                "app": (_str(data.get("app")), ix.line("app")),
                "builder": (builder, ix.line("build", "builder")) if builder else None}
    return pf


def _fly_route(pf, ix, table: dict, where: str, keys: tuple, ref_list, lim) -> dict:
    port = _int(table.get("internal_port"))
    auto = table.get("auto_stop_machines")
    auto_line = ix.line(*keys, "auto_stop_machines")
    if auto is not None and not isinstance(auto, bool) and auto not in lim["auto_stop_values"]:
        pf.problem(auto_line, f"{where}.auto_stop_machines is {json.dumps(auto)}; Fly takes \"off\", \"stop\" or "
                              "\"suspend\"", "Write auto_stop_machines = \"off\" (never stop), \"stop\" or "
                                             "\"suspend\".")
    minimum = table.get("min_machines_running")
    checks = []
    for i, check in enumerate(table.get("checks") or () if isinstance(table.get("checks"), list) else ()):
        if isinstance(check, dict) and _str(check.get("path")):
            checks.append((check["path"], ix.line(*keys, "checks", i, "path")))
    for i, check in enumerate(table.get("http_checks") or () if isinstance(table.get("http_checks"), list) else ()):
        if isinstance(check, dict) and _str(check.get("path")):
            checks.append((check["path"], ix.line(*keys, "http_checks", i, "path")))
    return {"where": where, "line": ix.line(*keys) or 1, "port": port,
            "port_line": ix.line(*keys, "internal_port") if port is not None else 0,
            "processes": ref_list(table.get("processes"), f"{where.split('[')[0]}.processes", *keys, "processes"),
            "auto_stop": (auto, auto_line) if auto is not None else None,
            "min_running": (_int(minimum), ix.line(*keys, "min_machines_running")) if minimum is not None else None,
            "checks": checks}


# -- JSON manifests ------------------------------------------------------------------------------------
def _json(project, path: str, platform: str):
    from preflight.project.configformats import KeyLines

    pf = PlatformFile(path, platform, False)
    data = project.manifests.json(path)  # the one JSON reader: it records a parse error with its line
    tf = project.text(path)
    if data is None or tf is None:
        return pf, None, None
    pf.parsed = True
    lines = KeyLines(tf.text)
    return pf, data, (lambda *keys: lines(tuple(f"[{k}]" if isinstance(k, int) else k for k in keys)))


def _is_object(pf: PlatformFile, data, holding: str, example: str) -> bool:
    """The manifest's top level is a table/object; else a problem on line 1 and False."""
    if isinstance(data, dict):
        return True
    pf.problem(1, f"{pf.path} must hold an object{holding}, not {_type(data)}", f"Write {example}.")
    return False


def _json_object(project, path: str, platform: str, example: str):
    """``_json`` for a manifest whose top level must be an object: (pf, data or None, line)."""
    pf, data, line = _json(project, path, platform)
    if data is None or not _is_object(pf, data, "", example):
        return pf, None, line
    return pf, data, line


# -- railway.json / railway.toml, railpack.json, nixpacks.toml ----------------------------------------
def _railway(project, path: str) -> PlatformFile:
    if path.endswith(".toml"):
        pf, data, ix = _toml(project, path, "railway")
        line = ix.line if ix is not None else None
    else:
        pf, data, line = _json(project, path, "railway")
    pf.deprecated = True
    if data is None:
        return pf
    if not _is_object(pf, data, " with build and deploy", '{"deploy": {"startCommand": "..."}}'):
        return pf
    deploy = data.get("deploy")
    if deploy is not None and not isinstance(deploy, dict):
        pf.problem(line("deploy"), f"'deploy' must be an object, not {_type(deploy)}",
                   "Write deploy with startCommand, healthcheckPath... inside.")
    deploy = deploy if isinstance(deploy, dict) else {}
    cron = _str(deploy.get("cronSchedule"))
    health = _str(deploy.get("healthcheckPath"))
    kind = "cron" if cron else "web" if health else "unknown"
    svc = Service("railway", path, line("deploy") or 1, "service", kind)
    svc.command = _command(deploy.get("startCommand"))
    svc.command_line = line("deploy", "startCommand") if svc.command else 0
    if health:
        svc.health_path = (health, line("deploy", "healthcheckPath"))
    if cron:
        svc.schedule = (cron, line("deploy", "cronSchedule"))
        _check_interval(pf, svc.schedule, limits()["railway"]["cron_min_interval_minutes"], "Railway")
    for key in ("restartPolicyType", "restartPolicyMaxRetries"):
        if key in deploy:
            svc.extra[key] = (deploy[key], line("deploy", key))
    build = data.get("build")
    if isinstance(build, dict) and _str(build.get("builder")):
        svc.extra["builder"] = (build["builder"], line("build", "builder"))
    pf.services.append(svc)
    pre = deploy.get("preDeployCommand")
    pre = [pre] if isinstance(pre, str) else pre if isinstance(pre, list) else []
    for cmd in pre:
        if isinstance(cmd, str) and cmd.strip():
            pf.release.append((cmd, line("deploy", "preDeployCommand")))
    return pf


def _check_interval(pf: PlatformFile, schedule: tuple, minimum: int, platform: str) -> None:
    text, line = schedule
    gap = min_interval(text)
    if gap is not None and gap < minimum:
        pf.cron_problem(line, f"the schedule '{text}' runs every {gap} minute{'s' if gap != 1 else ''}; {platform} "
                              f"runs cron jobs at most every {minimum} minutes",
                        f"Space the runs at least {minimum} minutes apart, e.g. '*/{minimum} * * * *', or run a "
                        "worker process that loops.")


def _railpack(project, path: str) -> PlatformFile:
    pf, data, line = _json_object(project, path, "railway", '{"deploy": {...}}')
    if data is None:
        return pf
    deploy = data.get("deploy")
    if deploy is not None and not isinstance(deploy, dict):
        pf.problem(line("deploy"), f"railpack.json 'deploy' must be an object, not {_type(deploy)}",
                   "Write \"deploy\": {\"startCommand\": \"...\"}.")
    command = _command(deploy.get("startCommand")) if isinstance(deploy, dict) else None
    if command:
        pf.services.append(Service("railway", path, line("deploy") or 1, "service", "unknown", command,
                                   line("deploy", "startCommand")))
    return pf


def _nixpacks(project, path: str) -> PlatformFile:
    pf, data, ix = _toml(project, path, "railway")
    if data is None:
        return pf
    start = data.get("start")
    if start is not None and not isinstance(start, dict):
        pf.problem(ix.line("start"), "[start] must be a table with cmd = \"...\"", "Write [start] cmd = \"...\".")
        return pf
    cmd = start.get("cmd") if isinstance(start, dict) else None
    if cmd is not None and not isinstance(cmd, str):
        pf.problem(ix.line("start", "cmd"), f"[start] cmd must be a string, not {_type(cmd)}: nixpacks stops with "
                                            "\"invalid type: sequence, expected a string\"",
                   "Write the command as one string: cmd = \"gunicorn app:app\".")
    elif cmd is not None and cmd.strip():
        pf.services.append(Service("railway", path, ix.line("start") or 1, "service", "unknown", cmd,
                                   ix.line("start", "cmd")))
    return pf


# -- .do/app.yaml, .do/deploy.template.yaml ------------------------------------------------------------
def _do(project, path: str) -> PlatformFile:
    pf, tree = _yaml(project, path, "do-app-platform")
    if tree is None:
        return pf
    if not isinstance(tree.value, dict):
        pf.problem(tree.line, f"{path} must be a mapping (the app spec), not {tree.kind()}",
                   "Start it with 'name:' and 'services:'.")
        return pf
    template = path.endswith("deploy.template.yaml")
    wrapper = tree.get("spec")
    spec = tree
    if template and wrapper is None:
        pf.problem(tree.line, ".do/deploy.template.yaml has no 'spec:' key: the Deploy to DigitalOcean button "
                              "reads the app spec under 'spec:'", "Indent the whole spec under a top-level 'spec:'.")
    elif not template and wrapper is not None and tree.get("name") is None and tree.get("services") is None:
        pf.problem(wrapper.at, ".do/app.yaml has a 'spec:' wrapper: that is the deploy-template format; doctl and "
                               "the app platform read the spec at the top level",
                   "Remove 'spec:' and un-indent its contents (or move the file to .do/deploy.template.yaml).")
    if wrapper is not None and isinstance(wrapper.value, dict):
        spec = wrapper
    app_env = _env_items(spec.get("envs"), pf, "envs")
    jobs_kinds = limits()["digitalocean"]["job_kinds"]
    for section, kind in (("services", "web"), ("workers", "worker"), ("jobs", "job"), ("static_sites", "static")):
        node = spec.get(section)
        if node is None or node.value is None:
            continue
        if not isinstance(node.value, list):
            pf.problem(node.at, f"'{section}' must be a list of components, not {node.kind()}",
                       f"Write each component as a list item under {section}: '- name: ...'.")
            continue
        for item in node.value:
            if not isinstance(item.value, dict):
                pf.problem(item.line, f"each entry of '{section}' must be a mapping", "Write '- name: ...'.")
                continue
            _do_component(pf, item, section, kind, app_env, jobs_kinds)
    return pf


def _do_component(pf, item: Y, section: str, kind: str, app_env: dict, jobs_kinds: dict) -> None:
    def text(node, key):
        child = node.get(key) if node is not None else None
        return (_str(child.value), child.at) if child is not None else (None, 0)

    name = text(item, "name")[0] or ""
    job_kind = None
    if section == "jobs":
        job_kind = (text(item, "kind")[0] or "UNSPECIFIED").upper()
        kind = jobs_kinds.get(job_kind, "job")
    svc = Service("do-app-platform", pf.path, item.line, name, kind)
    svc.command, svc.command_line = text(item, "run_command")
    svc.env = {**app_env, **_env_items(item.get("envs"), pf, f"{section} '{name}' envs")}
    port = item.get("http_port")
    if port is not None and _int(port.value) is not None:
        svc.port, svc.port_line = _int(port.value), port.at
    hc = text(item.get("health_check"), "http_path")
    if hc[0]:
        svc.health_path = hc
    schedule = item.get("schedule")
    cron = text(schedule, "cron") if schedule is not None and isinstance(schedule.value, dict) else (None, 0)
    if cron[0]:
        svc.schedule = cron
    if job_kind:
        svc.extra["job_kind"] = job_kind
    pf.services.append(svc)
    if kind == "release" and svc.command:
        pf.release.append((svc.command, svc.command_line))
    if job_kind == "SCHEDULED" and not cron[0]:
        pf.cron_problem(item.line, f"job '{name}' is SCHEDULED but has no schedule.cron: the app spec is rejected",
                        "Add 'schedule: {cron: \"0 * * * *\", time_zone: UTC}' to the job.")


# -- scalingo.json, cron.json ------------------------------------------------------------------------
def _scalingo(project, path: str) -> PlatformFile:
    pf, data, line = _json_object(project, path, "scalingo", '{"formation": {...}}')
    if data is None:
        return pf
    env: dict = {}
    raw_env = data.get("env")
    for name, spec in (raw_env.items() if isinstance(raw_env, dict) else ()):
        value = spec.get("value") if isinstance(spec, dict) else spec if isinstance(spec, str) else None
        env[name] = (value if isinstance(value, str) else None, line("env", name))
    formation = data.get("formation")
    if formation is not None and not isinstance(formation, dict):
        pf.problem(line("formation"), f"'formation' must map process types to {{amount, size}}, not "
                                      f"{_type(formation)}", "Write \"formation\": {\"web\": {\"amount\": 1}}.")
    for proc, spec in (formation.items() if isinstance(formation, dict) else ()):
        svc = Service("scalingo", path, line("formation", proc), proc, "web" if proc == "web" else "worker",
                      env=dict(env))
        if isinstance(spec, dict):
            svc.extra = {k: (spec[k], line("formation", proc, k)) for k in ("amount", "size") if k in spec}
        pf.services.append(svc)
    scripts = data.get("scripts")
    if isinstance(scripts, dict):
        for key in ("first-deploy", "postdeploy"):
            cmd = _str(scripts.get(key))
            if cmd and cmd.strip():
                pf.release.append((cmd, line("scripts", key)))
        if _str(scripts.get("postdeploy")):
            pf.problem(line("scripts", "postdeploy"), "scalingo.json scripts.postdeploy is deprecated",
                       "Run it as the Procfile's 'postdeploy:' process (every deploy) or as scripts.first-deploy "
                       "(first deploy of a review app).", "W")
    return pf


def _cron_json(project, path: str) -> PlatformFile:
    pf, data, line = _json(project, path, "scalingo")
    if data is None:
        return pf
    lim = limits()["scalingo"]
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(jobs, list):
        pf.cron_problem(line("jobs") if isinstance(data, dict) else 1,
                        "cron.json must hold {\"jobs\": [...]}: the Scheduler finds no jobs",
                        "Write {\"jobs\": [{\"command\": \"0 * * * * python task.py\"}]}.")
        return pf
    if len(jobs) > lim["cron_max_jobs"]:
        pf.cron_problem(line("jobs", lim["cron_max_jobs"]), f"cron.json has {len(jobs)} jobs; the Scalingo Scheduler "
                                                            f"runs at most {lim['cron_max_jobs']}",
                        "Merge jobs into one script, or run a clock process instead.")
    for i, job in enumerate(jobs):
        at = line("jobs", i)
        text = _str(job.get("command")) if isinstance(job, dict) else None
        if text is None:
            pf.cron_problem(at, f"cron.json job {i + 1} has no \"command\" string",
                            "Write {\"command\": \"<5-field schedule> <command>\"}.")
            continue
        at = line("jobs", i, "command")
        if _MACRO_RE.match(text.strip()):
            pf.cron_problem(at, f"cron.json job {i + 1} uses '{text.split()[0]}': the Scalingo Scheduler does not "
                                "accept @ macros", "Write the 5 fields, e.g. '0 0 * * *' for @daily.")
            continue
        parts = text.split(None, 5)
        if len(parts) < 6:
            pf.cron_problem(at, f"cron.json job {i + 1} ({text!r}) is not a 5-field schedule followed by a command",
                            "Write '<minute> <hour> <day> <month> <weekday> <command>'.")
            continue
        schedule = " ".join(parts[:5])
        pf.services.append(Service("scalingo", path, line("jobs", i), f"job {i + 1}", "cron", parts[5], at,
                                   schedule=(schedule, at),
                                   extra={"size": job.get("size")} if isinstance(job.get("size"), str) else {}))
        _check_interval(pf, (schedule, at), lim["cron_min_interval_minutes"], "the Scalingo Scheduler")
    return pf


# -- project.toml ------------------------------------------------------------------------------------
def _project_toml(project, path: str) -> PlatformFile:
    pf, data, ix = _toml(project, path, "dokku")
    if data is None:
        return pf
    io = data.get("io") if isinstance(data.get("io"), dict) else {}
    bp = io.get("buildpacks") if isinstance(io.get("buildpacks"), dict) else {}
    groups = bp.get("group") if isinstance(bp.get("group"), list) else []
    ids = [g.get("id") for g in groups if isinstance(g, dict) and isinstance(g.get("id"), str)]
    if any(i.startswith("heroku/") for i in ids):
        pf.platform = "heroku-fir"
    head = data.get("_")
    if not isinstance(head, dict) or "schema-version" not in head:
        pf.problem(ix.line("_") or 1, "project.toml has no _.schema-version: pack then reads it as schema 0.1 and "
                                      "silently ignores the 0.2 keys ([io.buildpacks] group, build env, exclude)",
                   "Add [_] with schema-version = \"0.2\" at the top.", "W")
    build = bp.get("build") if isinstance(bp.get("build"), dict) else {}
    for table, keys in ((bp, ("io", "buildpacks")), (build, ("io", "buildpacks", "build"))):
        if "include" in table and "exclude" in table:
            pf.problem(ix.line(*keys, "exclude") or ix.line(*keys), "project.toml sets both include and exclude: "
                                                                   "pack rejects the descriptor",
                       "Keep one of them (exclude lists what to leave out; include lists all that goes in).")
    return pf


# -- app.json, Dokku's keys ------------------------------------------------------------------------------
_SHELL_OP_RE = re.compile(r"(?:^|\s)(;|&&|\|\||\||>>|>|<|&)(?:\s|$)|;\s*$")


def _dokku_app_json(project) -> PlatformFile | None:
    path = "app.json"
    if not _present(project, path):
        return None
    data = project.manifests.app_json
    pf = PlatformFile(path, "dokku", data is not None)
    tf = project.text(path)
    if data is None or tf is None or not isinstance(data, dict):
        return pf
    from preflight.project.configformats import KeyLines

    lines = KeyLines(tf.text)

    def line(*keys):
        return lines(tuple(f"[{k}]" if isinstance(k, int) else k for k in keys))

    checks = data.get("healthchecks")
    for proc, entries in (checks.items() if isinstance(checks, dict) else ()):
        svc = Service("dokku", path, line("healthchecks", proc), proc, "web" if proc == "web" else "worker")
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                svc.health_path = (entry["path"], line("healthchecks", proc, i, "path"))
                break
        pf.services.append(svc)
    cron = data.get("cron")
    if cron is not None and not isinstance(cron, list):
        pf.cron_problem(line("cron"), "app.json \"cron\" must be a list of {command, schedule}",
                        "Write \"cron\": [{\"command\": \"python task.py\", \"schedule\": \"0 * * * *\"}].")
    for i, job in enumerate(cron if isinstance(cron, list) else ()):
        if not isinstance(job, dict):
            pf.cron_problem(line("cron", i), f"app.json cron entry {i + 1} must be an object",
                            "Write {\"command\": \"...\", \"schedule\": \"...\"}.")
            continue
        command, schedule = _str(job.get("command")), _str(job.get("schedule"))
        cline = line("cron", i, "command")
        if command is None or schedule is None:
            missing = " and ".join(k for k, v in (("command", command), ("schedule", schedule)) if v is None)
            pf.cron_problem(line("cron", i), f"app.json cron entry {i + 1} has no {missing} string (both are "
                                             "required): the deploy fails app.json validation",
                            "Give each cron entry a \"command\" and a 5-field \"schedule\".")
            continue
        m = _SHELL_OP_RE.search(re.sub(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"", "''", command))
        if m:
            op = m.group(1) or ";"
            pf.cron_problem(cline, f"app.json cron command {command!r} uses '{op}' outside a shell: Dokku "
                                   "runs cron commands without one, and app.json validation fails the deploy",
                            f"Wrap it: \"command\": \"sh -c '{command}'\" (or call one script).")
        pf.services.append(Service("dokku", path, line("cron", i), f"cron {i + 1}", "cron", command, cline,
                                   schedule=(schedule, line("cron", i, "schedule"))))
    scripts = data.get("scripts")
    dokku = scripts.get("dokku") if isinstance(scripts, dict) else None
    if isinstance(dokku, dict) and _str(dokku.get("predeploy")):
        pf.release.append((dokku["predeploy"], line("scripts", "dokku", "predeploy")))
    return pf


_READ = {
    "render.yaml": _render,
    "fly.toml": _fly,
    "railway.json": _railway,
    "railway.toml": _railway,
    "railpack.json": _railpack,
    "nixpacks.toml": _nixpacks,
    ".do/app.yaml": _do,
    ".do/deploy.template.yaml": _do,
    "scalingo.json": _scalingo,
    "cron.json": _cron_json,
    "project.toml": _project_toml,
}


# -- what a process runs --------------------------------------------------------------------------------
_BOT_WORD_RE = re.compile(r"(?<![A-Za-z0-9])(bot|worker)(?![A-Za-z0-9])", re.I)


def worker_reason(service: Service) -> str | None:
    """Why ``service`` runs a background process rather than an HTTP server: "a Celery worker" (a task
    worker's program), "a bot or worker (by its name)" (the command or group is named bot/worker); None
    when its command starts an HTTP server, or nothing says so."""
    from preflight.project.commands import split
    from preflight.project.webservers import serving_programs, task_workers

    cmds = split(service.command) if service.command else []
    if any(c.program in serving_programs() or "flower" in c.argv for c in cmds):
        return None
    workers = task_workers()
    for c in cmds:
        prog = c.argv[2] if c.program.startswith("python") and c.argv[1:2] == ["-m"] and len(c.argv) > 2 \
            else c.program
        if prog in workers:
            return workers[prog]
    if service.name.lower() in ("worker", "bot") or (service.command and _BOT_WORD_RE.search(service.command)):
        return "a bot or worker (by its name)"
    return None
