"""What pip cannot install from requirements.txt as written: local paths from another machine, placeholders,
unexpanded variables, conflicting pins, incomplete hash-checking, pinned build tools, unpinned lines.

Facts over the requirements model (preflight/project/requirements.py); the rules word the findings.
Sources: pip ``req/req_file.py``, ``req/constructors.py`` and its resolver; heroku-buildpack-python
``lib/pip.sh`` (only PIP_EXTRA_INDEX_URL is passed to pip); research/heroku.md C07-C11, C17, C20.
"""
from __future__ import annotations

import posixpath
import re

from preflight.lazyre import lazy_re

# Installed and updated by the buildpack itself (lib/pip.sh pip::install_pip_setuptools_wheel).
TOOLING = ("pip", "setuptools", "wheel")
# The classic buildpack passes only this config var to pip (lib/pip.sh, lib/pipenv.sh).
PASSED_TO_PIP = {"PIP_EXTRA_INDEX_URL"}
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1", "0.0.0.0")
# The bracket's length is bounded: unbounded, a line of many "<" took quadratic time to search.
PLACEHOLDER_RE = lazy_re(r"<[^>/]{0,200}>|\b(?:your[-_]?(?:user(?:name)?|org(?:anization)?|repo(?:sitory)?|token|"
                            r"package|project|name)|username/repo(?:sitory)?|user/repo)\b", re.IGNORECASE)
# Where conda and Anaconda build their packages: `pip freeze` in a conda environment writes these paths.
CONDA_BUILD_RE = lazy_re(r"/(croot|feedstock_root|conda-bld)/|^/tmp/build/[0-9a-f]{8}/|^/?[A-Za-z]:/(ci|b)/")
_CAP_RE = lazy_re(r"(^|,)\s*(===?|<=?|~=)")
_EXACT_RE = lazy_re(r"^===?[^,]*$")


def pins_tooling(req) -> bool:
    """pip, setuptools or wheel pinned or capped (``==``, ``<``, ``<=``, ``~=``); a lower bound changes nothing."""
    return req.key in TOOLING and bool(_CAP_RE.search(req.specifier))


def unpinned(reqs) -> list:
    """Named requirements with no version at all and no constraint pinning them (tooling left out)."""
    constrained = {r.key for r in reqs.requirements if r.constraint and r.specifier}
    return [req for req in reqs.installs if req.kind == "name" and not req.specifier and req.key
            and req.key not in TOOLING and req.key not in constrained]


def conflicts(reqs):
    """(the last requirement, the ones before it it conflicts with) for each distribution required several
    times with specifiers no version satisfies together, on some platform environment where all apply."""
    from preflight.project.linux import linux_environments, marker_active
    from preflight.project.requirements import satisfiable

    groups: dict[str, list] = {}
    for req in reqs.requirements:
        if req.key and req.specifier and req.kind == "name":
            groups.setdefault(req.key, []).append(req)
    for group in groups.values():
        if len(group) < 2:
            continue
        for env in linux_environments():
            active = [r for r in group if marker_active(r.marker, env)]
            if len(active) >= 2 and not satisfiable([r.specifier for r in active]):
                yield active[-1], active[:-1]
                break


def hash_mode(reqs):
    """(why pip is in hash-checking mode, [(requirement, what it lacks)]) where ``what`` is "editable",
    "hash" or "pin"; None when pip is not in hash-checking mode."""
    installs = reqs.installs
    hashed = [r for r in installs if r.hashes]
    required = any(o.name == "--require-hashes" for o in reqs.options)
    if not hashed and not required:
        return None
    why = "--hash is used on another line" if hashed else "--require-hashes is set"
    bad = []
    for req in installs:
        if req.editable:
            bad.append((req, "editable"))
        elif not req.hashes:
            bad.append((req, "hash"))
        elif req.kind == "name" and not _EXACT_RE.match(req.specifier):
            bad.append((req, "pin"))
    return why, bad


def local_target(url: str) -> str:
    """The filesystem path a path requirement or file: URL points at."""
    if url.lower().startswith("file:"):
        rest = url[5:]
        if rest.startswith("//"):
            rest = rest[2:]
            host, _, tail = rest.partition("/")
            rest = "/" + tail if host in ("", "localhost") else "//" + rest
        return rest.split("#", 1)[0]
    return url.split("#", 1)[0]


def path_problem(project, target: str, build_folder: str = "an old build") -> str | None:
    """Why the build cannot install from ``target`` (relative to the repository root), or None.
    ``build_folder`` names what a ``/tmp/build_<hash>`` path is (the platform's build folder)."""
    if CONDA_BUILD_RE.search(target.replace("\\", "/")) or target.startswith("/") and "/work/" in target \
            and "conda" in target:
        return "is a conda build path (pip freeze inside a conda environment)"
    if re.match(r"^/?[A-Za-z]:[\\/]", target) or target.startswith("\\\\"):
        return "is a Windows path from the machine the file was written on"
    if target.startswith("~"):
        return "is in a home folder on the machine the file was written on"
    if target.startswith("/"):
        if re.match(r"^/tmp/build_[0-9a-f]+", target):
            return f"is the build folder of {build_folder}"
        return "is an absolute path on the machine the file was written on"
    rel = posixpath.normpath(target.replace("\\", "/"))
    if rel == ".." or rel.startswith("../"):
        return "is outside the repository"
    if rel == ".":
        return None  # the project itself: project-not-installable judges whether it builds
    if rel and project.shipped(rel):
        return None
    prefix = rel + "/" if rel else ""
    inside = [f for f in project.files if f.startswith(prefix)]
    if not inside:
        return "is not in the repository (not committed)" if project.exists(rel or ".") else "does not exist"
    if not any(f"{prefix}{name}" in inside for name in ("setup.py", "pyproject.toml")):
        where = rel or "the repository root"
        return f"has no setup.py or pyproject.toml ({where} is not an installable project)"
    return None


def placeholder(url: str) -> str | None:
    """How ``url`` is still a placeholder (``example.com``, ``<user>``, ``your-username``), or None."""
    host = re.sub(r"^[a-z0-9+.-]+://", "", url, flags=re.I).split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if host.lower() in PLACEHOLDER_HOSTS or host.lower().endswith((".example.com", ".example.org")):
        return f"points at the placeholder host '{host}'"
    m = PLACEHOLDER_RE.search(url)
    if m:
        return f"still holds the placeholder '{m.group(0)}'"
    return None


def unexpanded(reqs) -> list:
    """``${VAR}`` references the classic buildpack leaves literal (it passes only PIP_EXTRA_INDEX_URL to pip)."""
    return [ref for ref in reqs.env_refs if ref.name not in PASSED_TO_PIP]
