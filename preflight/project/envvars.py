"""Environment variables the app needs at run time, and whether anything provides them.

``needed_variables(project)`` -> :class:`Needed` for each variable production reads that must be set:

* ``$VAR``/``${VAR}`` placeholders in a template a start command or script fills with ``envsubst`` at run
  time (``envsubst`` makes an unset one an empty string, silently); a build-time envsubst (Dockerfile
  ``RUN``) is not counted here: no config var is set during the build at all (dockerfile-build-time-env);
* ``os.environ["VAR"]`` reads (a KeyError when unset) in live start-path code.

Each is classified by what provides it (:attr:`Needed.provider`): the platform itself (``PORT``, ``DYNO``...,
``profile.platform_vars``), an add-on (``DATABASE_URL`` -> Heroku Postgres, ``profile.addon_vars``), the
repository (``app.json`` ``env``, heroku.yml ``setup.config``, a Dockerfile ``ENV``, an assignment in the
start script before the use), or nothing.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from preflight.lazyre import lazy_re

_ASSIGN_RE = lazy_re(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=")


@dataclass
class Needed:
    name: str
    path: str
    line: int
    how: str                     # "envsubst" (a template placeholder) or "code" (os.environ[...])
    provider: str                # "platform", "addon", "repo" or "" (nothing)
    addon: tuple | None = None   # (add-on slug, title) for an add-on's variable
    attached: bool = False       # the add-on is listed in app.json / heroku.yml setup
    filled_by: str = ""          # for a placeholder: the file that runs envsubst on it (run.sh)


def app_json_env(project) -> set[str] | None:
    """Variables app.json declares (``env`` and every ``environments.*.env``); None without an app.json."""
    data = project.manifests.app_json if project.shipped("app.json") else None
    if not isinstance(data, dict):
        return None
    names: set[str] = set()
    blocks = [data] + [v for v in (data.get("environments") or {}).values() if isinstance(v, dict)] \
        if isinstance(data.get("environments") or {}, dict) else [data]
    for block in blocks:
        env = block.get("env")
        if isinstance(env, dict):
            names.update(str(k) for k in env)
    return names


def attached_addons(project) -> set[str]:
    """Add-on slugs app.json ``addons`` or heroku.yml ``setup.addons`` ask for (``heroku-postgresql``)."""
    slugs: set[str] = set()
    sources = []
    data = project.manifests.app_json if project.shipped("app.json") else None
    if isinstance(data, dict):
        sources.append(data.get("addons"))
        envs = data.get("environments")
        for v in (envs.values() if isinstance(envs, dict) else ()):
            if isinstance(v, dict):
                sources.append(v.get("addons"))
    hy = project.heroku_yml
    if hy is not None and hy.shipped:
        sources.append([plan for plan, _ in hy.setup_addons])
    for addons in sources:
        for item in addons if isinstance(addons, list) else ():
            plan = item.get("plan") if isinstance(item, dict) else item
            if isinstance(plan, str):
                slugs.add(plan.split(":", 1)[0].strip())
    return slugs


def _repo_provided(project) -> set[str]:
    names = set(app_json_env(project) or ())
    hy = project.heroku_yml
    if hy is not None and hy.shipped:
        names.update(hy.setup_config)
    if project.mode == "container" and project.dockerfile is not None:
        names.update(project.dockerfile.env())
    return names


def _set_before(project, source: str, line: int) -> set[str]:
    """Variables a start script assigns or exports above ``line``."""
    tf = project.text(source) if source.endswith(".sh") or "/" in source else None
    names: set[str] = set()
    for text in tf.lines[: max(0, line - 1)] if tf is not None else ():
        m = _ASSIGN_RE.match(text)
        if m:
            names.add(m.group(1))
    return names


def needed_variables(project) -> list[Needed]:
    return project.memo("configs.needed_variables", lambda: _build(project))


def _build(project) -> list[Needed]:
    from preflight.project.configs import placeholders

    profile = project.profile
    platform = set(profile.words.get("platform_vars", ()))
    addon_vars = profile.words.get("addon_vars", {})
    repo = _repo_provided(project)
    attached = attached_addons(project)
    out: list[Needed] = []
    seen: set = set()

    def add(name, path, line, how, local=(), filled_by=""):
        if (name, path) in seen:
            return
        seen.add((name, path))
        addon = addon_vars.get(name) or (addon_vars.get("HEROKU_POSTGRESQL_URL")
                                         if name.startswith("HEROKU_POSTGRESQL_") else None)
        if name in platform:
            provider = "platform"
        elif name in repo or name in local:
            provider = "repo"
        elif addon:
            provider = "addon"
        else:
            provider = ""
        out.append(Needed(name, path, line, how, provider, tuple(addon) if addon else None,
                          bool(addon) and addon[0] in attached, filled_by))

    configs = project.configs
    for run in configs.envsubst:
        if run.at != "run":
            continue
        tf = project.text(run.template)
        if tf is None:
            continue
        local = _set_before(project, run.source, run.line)
        for n, text in enumerate(tf.lines, 1):
            if "$" not in text or text.lstrip().startswith("#"):
                continue
            for name in placeholders(text, run.only):
                add(name, run.template, n, "envsubst", local, run.source)
    from preflight.project.python import env_read

    for mod in project.code.live_modules():
        if "environ[" not in mod.text.text:
            continue
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                name = env_read(node)
                if name and project.code.live(mod.path, node) and not _guarded(mod, node, name):
                    add(name, mod.path, node.lineno, "code")
    return out


def _guarded(mod, node, name: str) -> bool:
    """The read is checked first (``if "X" in os.environ``) or sits in a ``try`` that catches KeyError."""
    text = mod.text.text
    if f'"{name}" in os.environ' in text or f"'{name}' in os.environ" in text:
        return True
    parents = mod.parents
    cur = parents.get(id(node))
    while cur is not None:
        if isinstance(cur, ast.Try):
            for handler in cur.handlers:
                caught = ast.unparse(handler.type) if handler.type is not None and hasattr(ast, "unparse") else ""
                if handler.type is None or any(w in caught for w in ("KeyError", "Exception", "LookupError")):
                    return True
        cur = parents.get(id(cur))
    return False
