"""The web process's listen port, followed across files to the line that sets it.

``hardcoded_ports(project)`` -> :class:`PortSetting` for each config line that gives the web server a
fixed port where the platform's ``$PORT`` is needed:

* start command -> code -> config key -> template -> ``$PORT``: a server call in the web process
  (``web.run_app(app, port=config["common"]["port"])``) whose port is a key chain read from a config file
  the start-path code opens; a generated file (``envsubst < template > file``) is replaced by its template,
  and the template line is the one that must change (seed 004). A port read from the environment first
  (``os.environ.get("PORT", config["port"])``) is fine;
* ``gunicorn -c file`` (or ``gunicorn.conf.py`` in the working folder, gunicorn's default config file):
  ``bind = "0.0.0.0:8080"`` replaces gunicorn's own default, which is ``0.0.0.0:$PORT`` when ``PORT`` is
  set (docs.gunicorn.org settings, ``bind``). A ``-b``/``--bind`` on the command line wins over the file;
* ``uwsgi --ini file``: ``http-socket``/``http`` with a literal port (uWSGI expands ``$(PORT)``).
"""
from __future__ import annotations

import ast
import posixpath
from dataclasses import dataclass

_INT_WRAPPERS = ("int", "str", "float")
_UWSGI_HTTP_KEYS = ("http-socket", "http", "http11-socket", "https-socket")


@dataclass
class PortSetting:
    path: str      # the file and line that must change
    line: int
    key: str       # as written: "port", "bind", "http-socket"
    value: str     # as written: "8080", "0.0.0.0:8080"
    chain: str     # how the value reaches the server, for the message
    literal_var: bool = False   # the value is the text "$PORT" in a file nothing expands
    written: str = ""           # the setting as the file spells it: "port: 8080", "bind = '0.0.0.0:8080'"
    templated: bool = False     # the file is an envsubst template filled at start (writing $PORT there works)


def key_chain(code, mod, expr, depth: int = 0) -> list[str]:
    """``cfg["common"]["port"]``, ``cfg.get("port")``, ``int(...)`` of them -> ["common", "port"]; names
    are followed through their single assignment. [] when the expression is not a key lookup."""
    from preflight.project.python import last_name

    if depth > 8 or expr is None:
        return []
    if isinstance(expr, ast.Call):
        if last_name(expr.func) in _INT_WRAPPERS and len(expr.args) == 1 and isinstance(expr.func, ast.Name):
            return key_chain(code, mod, expr.args[0], depth + 1)
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "get" and expr.args and \
                isinstance(expr.args[0], ast.Constant) and isinstance(expr.args[0].value, str):
            return key_chain(code, mod, expr.func.value, depth + 1) + [expr.args[0].value]
        return []
    if isinstance(expr, ast.Subscript):
        key = expr.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, (str, int)) and not isinstance(key.value, bool):
            text = key.value if isinstance(key.value, str) else f"[{key.value}]"
            return key_chain(code, mod, expr.value, depth + 1) + [text]
        return []
    if isinstance(expr, ast.Name):
        value = code.assigned_value(mod, expr)
        return key_chain(code, mod, value, depth + 1) if value is not None else []
    return []


def _reads_env(expr) -> bool:
    from preflight.project.python import env_read

    return any(env_read(n) is not None for n in ast.walk(expr))


def hardcoded_ports(project) -> list[PortSetting]:
    return project.memo("configs.hardcoded_ports", lambda: _code_chains(project) + _server_configs(project))


def _code_chains(project) -> list[PortSetting]:
    from preflight.project.servers import server_calls

    configs = project.configs
    out: list[PortSetting] = []
    for sc in server_calls(project, "web"):
        node = sc.port_node
        if node is None or _reads_env(node) or sc.port is not None and sc.port.kind in ("literal", "env"):
            continue
        keys = key_chain(project.code, sc.module, node)
        if not keys:
            continue
        source = _config_source(configs, keys, sc.module.path)
        if source is None:
            continue
        path, (cfg, entry, run) = source
        setting = _literal_port(entry, run)
        if setting is None:
            continue
        access = "config" + "".join(f"[{k!r}]" if not k.startswith("[") else k for k in entry.keys)
        where = f"{sc.module.path} reads {access} from {path}"
        if run is not None:
            where += f", which {run.source} makes from {cfg.path} with envsubst"
        out.append(PortSetting(cfg.path, entry.line, entry.key, entry.value or "", where,
                               literal_var=setting == "var", written=f"{entry.key}: {entry.value}",
                               templated=run is not None and run.at == "run"))
    return out


def _config_source(configs, keys: list[str], module: str):
    """(path, (file, entry, envsubst run)) of the one config file the key chain reads: the longest match
    of the chain's tail among the files the code opens, a file the server's own module opens first.
    None when no file, or more than one, could be the source."""
    matches = []
    for path, (opener, _) in configs.opened.items():
        for n in range(len(keys), 0, -1):
            if n == 1 and "port" not in keys[-1].lower():
                break  # one generic key ("value") is too weak a link
            found = configs.source_entry(path, tuple(keys[-n:]))
            if found:
                matches.append((n, opener == module, path, found))
                break
    if not matches:
        return None
    best = max(m[0] for m in matches)
    matches = [m for m in matches if m[0] == best]
    if any(m[1] for m in matches):
        matches = [m for m in matches if m[1]]
    return (matches[0][2], matches[0][3]) if len(matches) == 1 else None


def _literal_port(entry, run) -> str | None:
    """"port" when the value that reaches the server is a fixed number, "var" when it is the unexpanded text
    "$PORT", None when it is filled from the environment (or not a port at all)."""
    from preflight.project.configs import placeholders

    text = (entry.value or "").strip()
    if run is not None and placeholders(text, run.only):
        return None  # filled at run time (PORT), or a variable config-env-unset looks at
    if text.isdigit():
        return "port"
    if "$" in text and "PORT" in text:
        return "var"  # left as written: no envsubst, or its SHELL-FORMAT leaves PORT out
    return None


def _server_configs(project) -> list[PortSetting]:
    from preflight.project.configs import format_of

    configs = project.configs
    out: list[PortSetting] = []
    seen: set = set()
    for ep in project.code.entrypoints:
        if ep.process != "web" or ep.port is not None:
            continue
        if ep.server == "gunicorn":
            found = gunicorn_config(project, ep)
            if found is None:
                continue
            cfg, how = found
            keys = [("bind",)]
        elif ep.server == "uwsgi":
            given = ep.command.option("--ini") or next((a for a in ep.command.argv[1:] if a.endswith(".ini")), None)
            path = _join(ep.cwd, given) if given else None
            cfg = configs.get(path, "ini") if path and format_of(path) == "ini" else None
            how = f"uwsgi runs with --ini {given} ({ep.source})"
            keys = [("uwsgi", k) for k in _UWSGI_HTTP_KEYS]
        else:
            continue
        if cfg is None or cfg.path in seen:
            continue
        for k in keys:
            entry = cfg.find(k)
            if entry is None or entry.kind.startswith("expr") or "$" in (entry.value or ""):
                continue
            addresses = (entry.value or "").split()
            ports = [a.rpartition(":")[2] for a in addresses if not a.startswith(("unix:", "fd://"))]
            if ports and all(p.isdigit() for p in ports):
                seen.add(cfg.path)
                written = f"{entry.key} = {entry.value!r}" if cfg.format == "gunicorn" else f"{entry.key} = {entry.value}"
                out.append(PortSetting(cfg.path, entry.line, entry.key, entry.value or "", how, written=written))
                break
    return out


def gunicorn_config(project, ep):
    """(the config file a gunicorn command reads: ``-c file`` or ``gunicorn.conf.py`` in its working folder, how
    it reads it) as ``configs.ConfigFile``; None when there is none, when ``-c python:module`` names a module,
    or when ``GUNICORN_CMD_ARGS`` gives the bind (it wins over the file)."""
    args = ep.env.get("GUNICORN_CMD_ARGS", "")
    if "--bind" in args or "-b" in args.split():
        return None
    given = ep.command.option("-c", "--config")
    if given and given.startswith("python:"):
        return None
    path = _join(ep.cwd, given or "gunicorn.conf.py")
    cfg = project.configs.get(path, "gunicorn") if path and path.endswith(".py") else None
    if cfg is None:
        return None
    how = f"gunicorn runs with -c {given} ({ep.source})" if given else \
        f"gunicorn reads {path}, its default config file ({ep.source})"
    return cfg, how


def _join(cwd: str, path: str) -> str | None:
    from preflight.project.configs import normalize

    if path.startswith("/app/"):
        path = path[5:]
    elif path.startswith("/"):
        return None
    return normalize(posixpath.join(cwd, path) if cwd else path)
