"""Whether each lock file still matches the manifest it was generated from (the facts lockfile-stale reports).

The platform installs with the lock-checking commands, which stop when the lock is out of date:
``pipenv install --deploy`` (Pipfile.lock ``_meta.hash.sha256`` vs the Pipfile), ``poetry sync`` (poetry.lock
``metadata.content-hash`` vs pyproject.toml), ``uv sync --locked`` (uv.lock's own project entry vs
``[project]``). ``pipfile_hashes`` and ``poetry_hashes`` compute those digests the way the tools do;
``stale(project)`` lists every mismatch, once per run. Sources: pypa/pipenv ``project.calculate_pipfile_hash``,
plette ``Pipfile.get_hash``, python-poetry ``Locker._get_content_hash``; research/heroku.md C01-C03.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from preflight.project.names import canonical
from preflight.project.tomllines import line_containing, toml_lines


@dataclass
class Stale:
    """One way a lock file disagrees with its manifest."""

    manager: str        # "pipenv" | "poetry" | "uv"
    kind: str           # missing | removed | hash | no-hash | root | requires-python | specifier
    path: str
    line: int
    anchor: str
    name: str = ""      # the dependency as written (missing, removed, specifier), or the project's name (root)
    section: str = ""   # where the manifest declares it
    want: str = ""      # the manifest's value (requires-python, specifier)
    have: str = ""      # the lock's value


def stale(project) -> list[Stale]:
    """Every mismatch between a shipped lock file and its shipped manifest (computed once per run)."""
    def build():
        out: list[Stale] = []
        if project.shipped("Pipfile") and project.shipped("Pipfile.lock"):
            out += _pipenv_stale(project)
        if project.shipped("pyproject.toml") and project.shipped("poetry.lock"):
            out += _poetry_stale(project)
        if project.shipped("pyproject.toml") and project.shipped("uv.lock"):
            out += _uv_stale(project)
        return out

    return project.memo("lockfiles.stale", build)


# -- the digests -------------------------------------------------------------------------------------
def pipfile_hashes(data: dict) -> set:
    """Pipfile.lock `_meta.hash.sha256` as the Pipenv versions in use compute it.

    Pipenv hashes ``json.dumps({"_meta": {"sources": ..., "requires": ...}, "default": [packages],
    "develop": [dev-packages], <custom categories>}, sort_keys=True, separators=(",", ":"))``
    (plette ``Pipfile.get_hash``; a Pipfile without [[source]] gets the PyPI default). Pipenv 2026
    canonicalizes package names first (pypa/pipenv project.calculate_pipfile_hash); older releases
    do not, and older plette leaves out custom categories. Any of these counts as in sync. (Pipenv 2026
    also hashes the indexes of the developer's pip.conf into a Pipfile without [[source]]; the build
    has no pip.conf, so such a lock fails there too and is rightly reported.)
    """
    import hashlib
    import json

    default_source = [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]
    sections = {"source", "packages", "dev-packages", "requires", "scripts", "pipfile", "pipenv", "default",
                "develop"}
    sources = data.get("source", default_source)
    out = set()
    for canon in (False, True):
        def norm(section, canon=canon):
            if not isinstance(section, dict):
                return section
            return {(canonical(k) if canon else k): v for k, v in section.items()}

        for custom in (False, True):
            body = {"_meta": {"sources": sources, "requires": data.get("requires", {})},
                    "default": norm(data.get("packages", {})), "develop": norm(data.get("dev-packages", {}))}
            if custom:
                for key, value in data.items():
                    if key not in sections:
                        body[key] = norm(value)
            try:
                text = json.dumps(body, sort_keys=True, separators=(",", ":"))
            except (TypeError, ValueError):
                continue
            out.add(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return out


def poetry_hashes(data: dict) -> set:
    """poetry.lock `metadata.content-hash` as Poetry 1.x and 2.x compute it (Locker._get_content_hash)."""
    import hashlib
    import json

    legacy = ("dependencies", "source", "extras", "dev-dependencies")
    relevant = legacy + ("group",)
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    project_part = {k: project[k] for k in ("requires-python", "dependencies", "optional-dependencies")
                    if project.get(k) is not None}
    out = set()
    for use_project, groups in ((True, data.get("dependency-groups") or {}), (True, {}), (False, {})):
        proj = project_part if use_project else {}
        poetry_part = {}
        for key in relevant:
            value = poetry.get(key)
            if value is None and (key not in legacy or proj or groups):
                continue
            poetry_part[key] = value
        content: dict = {}
        if proj:
            content["project"] = proj
        if groups:
            content["dependency-groups"] = groups
        if content:
            content["tool"] = {"poetry": poetry_part}
        else:
            content = poetry_part
        try:
            out.add(hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest())
        except (TypeError, ValueError):
            continue
    return out


def same_versions(a: str, b: str) -> bool:
    """Two specifier sets that admit the same versions (on a grid fine enough for Python versions)."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        sa, sb = SpecifierSet(a), SpecifierSet(b)
    except InvalidSpecifier:
        return True
    if sa == sb:
        return True
    grid = [f"{major}.{minor}.{patch}" for major in (2, 3, 4) for minor in range(0, 21)
            for patch in (0, 1, 5, 99)]
    return all(sa.contains(v, prereleases=True) == sb.contains(v, prereleases=True) for v in grid)


# -- each manager ------------------------------------------------------------------------------------
def _pipenv_stale(project) -> list[Stale]:
    pipfile, lock = project.manifests.pipfile, project.manifests.pipfile_lock
    if not isinstance(pipfile, dict) or not isinstance(lock, dict):
        return []
    meta = lock.get("_meta") if isinstance(lock.get("_meta"), dict) else {}
    digest = meta.get("hash", {}).get("sha256") if isinstance(meta.get("hash"), dict) else None
    if isinstance(digest, str) and digest in pipfile_hashes(pipfile):
        return []
    from preflight.project.dependencies import table_entries

    lines = toml_lines(project, "Pipfile")
    out = []
    for section, locked in (("packages", "default"), ("dev-packages", "develop")):
        body = lock.get(locked) if isinstance(lock.get(locked), dict) else {}
        have = {canonical(k) for k in body if isinstance(k, str)}
        for dep in table_entries(pipfile.get(section), "Pipfile", lines, section, section, f"[{section}]", skip=()):
            if dep.key not in have:
                out.append(Stale("pipenv", "missing", "Pipfile", dep.line, dep.key, name=dep.name, section=section))
    if not out:
        out.append(Stale("pipenv", "hash" if isinstance(digest, str) else "no-hash", "Pipfile.lock",
                         line_containing(project, "Pipfile.lock", '"sha256"'), "hash"))
    return out


def _poetry_stale(project) -> list[Stale]:
    data = project.manifests.pyproject
    lock = project.dependencies.lock("poetry.lock")
    if not isinstance(data, dict) or not isinstance(lock, dict):
        return []
    metadata = lock.get("metadata") if isinstance(lock.get("metadata"), dict) else {}
    digest = metadata.get("content-hash")
    if isinstance(digest, str) and digest in poetry_hashes(data):
        return []
    from preflight.project.dependencies import Dependencies, read_poetry

    declared = Dependencies()
    read_poetry(declared, data, toml_lines(project, "pyproject.toml"))
    locked = {canonical(p["name"]) for p in lock.get("package") or []
              if isinstance(p, dict) and isinstance(p.get("name"), str)}
    out = [Stale("poetry", "missing", "pyproject.toml", dep.line, dep.key, name=dep.name, section=dep.section)
           for dep in list(declared.main.values()) + list(declared.dev.values()) + list(declared.optional.values())
           if dep.key not in locked]
    if not out:
        out.append(Stale("poetry", "hash", "poetry.lock", line_containing(project, "poetry.lock", "content-hash"),
                         "hash"))
    return out


def _uv_stale(project) -> list[Stale]:
    from preflight.project.dependencies import Dependencies, read_uv, uv_root

    data = project.manifests.pyproject
    lock = project.dependencies.lock("uv.lock")
    if not isinstance(data, dict) or not isinstance(lock, dict):
        return []
    proj = data.get("project") if isinstance(data.get("project"), dict) else None
    if proj is None or not isinstance(proj.get("name"), str):
        return []
    lines = toml_lines(project, "pyproject.toml")
    packages = [p for p in lock.get("package") or [] if isinstance(p, dict)]
    root = uv_root(project, packages)
    if root is None:
        return [Stale("uv", "root", "pyproject.toml", lines.key("project", "name"), "root", name=proj["name"])]
    out = []
    want = proj.get("requires-python")
    have = lock.get("requires-python")
    if isinstance(want, str) and isinstance(have, str) and not same_versions(want, have):
        out.append(Stale("uv", "requires-python", "pyproject.toml", lines.key("project", "requires-python"),
                         "requires-python", want=want, have=have))
    declared = Dependencies()
    read_uv(declared, data, lines)
    metadata = root.get("metadata") if isinstance(root.get("metadata"), dict) else {}
    locked = {}
    for entry in metadata.get("requires-dist") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            locked.setdefault(canonical(entry["name"]), []).append(entry)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    sourced = {canonical(k) for k in (uv.get("sources") or {}) if isinstance(k, str)} \
        if isinstance(uv.get("sources"), dict) else set()
    wanted = {}
    for dep in list(declared.main.values()) + list(declared.optional.values()):
        wanted.setdefault(dep.key, dep)
    for key, dep in wanted.items():
        if key not in locked:
            out.append(Stale("uv", "missing", "pyproject.toml", dep.line, key, name=dep.name, section=dep.section))
            continue
        entries = locked[key]
        plain = [e for e in entries if not ({"git", "url", "path", "directory", "editable", "index"} & set(e))]
        if dep.url or key in sourced or len(entries) != 1 or not plain:
            continue
        lock_spec = plain[0].get("specifier", "") or ""
        if not same_versions(dep.specifier, lock_spec) and _count_decl(data, key) == 1:
            out.append(Stale("uv", "specifier", "pyproject.toml", dep.line, key, name=dep.name,
                             want=dep.specifier, have=lock_spec))
    for key in sorted(set(locked) - set(wanted)):
        out.append(Stale("uv", "removed", "pyproject.toml",
                         lines.key("project", "dependencies") or lines.table("project"), key,
                         name=locked[key][0]["name"]))
    locked_dev = metadata.get("requires-dev") if isinstance(metadata.get("requires-dev"), dict) else {}
    have_dev = {}
    for group, entries in locked_dev.items():
        have_dev[canonical(group)] = {canonical(e["name"]) for e in entries or []
                                      if isinstance(e, dict) and isinstance(e.get("name"), str)}
    for dep in declared.dev.values():
        group = canonical(dep.group)
        if dep.key not in have_dev.get(group, set()):
            out.append(Stale("uv", "missing", "pyproject.toml", dep.line, f"{group}:{dep.key}", name=dep.name,
                             section=dep.section))
    return out


def _count_decl(data: dict, key: str) -> int:
    """How often [project] dependencies name ``key`` (several entries with markers: not compared)."""
    proj = data.get("project") if isinstance(data.get("project"), dict) else {}
    count = 0
    for value in proj.get("dependencies") or []:
        if isinstance(value, str):
            name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", value)
            count += bool(name and canonical(name.group(1)) == key)
    return count
