"""What pip cannot install from requirements.txt as written: local paths from another machine, placeholders,
unexpanded variables, conflicting pins, incomplete hash-checking, pinned build tools, unpinned lines.

Facts over the requirements model (preflight/project/requirements.py); the rules word the findings.
Sources: pip ``req/req_file.py``, ``req/constructors.py`` and its resolver; heroku-buildpack-python
``lib/pip.sh`` (only PIP_EXTRA_INDEX_URL is passed to pip); research/heroku.md C07-C11, C17, C20.
"""
from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from preflight.lazyre import lazy_re

# Installed and updated by the buildpack itself (lib/pip.sh pip::install_pip_setuptools_wheel).
TOOLING = ("pip", "setuptools", "wheel")
# The classic buildpack passes only this config var to pip (lib/pip.sh, lib/pipenv.sh).
PASSED_TO_PIP = {"PIP_EXTRA_INDEX_URL"}
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1", "0.0.0.0",
                     # the generic hosts templates write ("https://site.org/files/package.zip": heroku-telegram-bot)
                     "site.org", "site.com", "domain.com", "yourdomain.com", "yoursite.com", "mysite.com")
# A download named for no package at all ("package.zip"): a template's example line left in.
PLACEHOLDER_FILE_RE = lazy_re(r"/(?:package|your[-_]?package|my[-_]?package)\.(?:zip|tar\.gz|tgz|whl)$", re.I)
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


@lru_cache(maxsize=None)
def build_tools() -> dict:
    """preflight/data/heroku_build_tools.json: what the buildpack installs before the app's requirements."""
    import json
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "heroku_build_tools.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _highest_allowed(specifier: str):
    """The highest version a pin or cap admits (``==1.2``, ``<2``, ``~=1.4``: 1.2, 2, 1.4 as an approximation
    that errs towards "older"); None when it cannot be read."""
    from packaging.version import InvalidVersion, Version

    caps = []
    for part in specifier.split(","):
        m = re.match(r"\s*(===?|<=?|~=)\s*([^\s;]+)", part)
        if m:
            try:
                caps.append(Version(m.group(2).removesuffix(".*")))
            except InvalidVersion:
                return None
    return min(caps) if caps else None


def tooling_downgrade(req, app_python: tuple | None) -> str | None:
    """What a pip/setuptools/wheel pin does to the build (``pins_tooling``), or None when it breaks nothing:
    pip, and setuptools up to Python 3.12, are installed by the buildpack first, so a pin older than those
    downgrades them mid-install; a newer or equal one is satisfied or a harmless upgrade. On Python 3.13+
    setuptools, and wheel everywhere, are ordinary packages (pip builds sdists in isolated environments
    with their own): only a setuptools too old to import on Python 3.12+ matters."""
    from packaging.version import Version

    tools = build_tools()
    highest = _highest_allowed(req.specifier)
    if highest is None:
        return None
    if req.key == "pip":
        ships = tools["pip"]
    elif req.key == "setuptools" and app_python is not None and \
            app_python <= tuple(int(n) for n in tools["setuptools_up_to_python"].split(".")):
        ships = tools["setuptools"]
    elif req.key == "setuptools":
        first = tools["setuptools_first_for_python_3_12"]
        if highest < Version(first):
            return (f"setuptools before {first} fails to import on Python 3.12 and later (pkg_resources: "
                    "AttributeError: module 'pkgutil' has no attribute 'ImpImporter')")
        return None
    else:
        return None  # wheel: not installed by the platform, and not used by isolated builds
    if highest >= Version(ships):
        return None
    if req.key == "pip":
        return f"it downgrades the platform's pip {ships} to an older one partway through the build"
    return (f"the build downgrades the platform's setuptools {ships} mid-install, and an old one cannot build "
            "packages for current Python")


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
    m = PLACEHOLDER_RE.search(url) or PLACEHOLDER_FILE_RE.search(url.split("#", 1)[0])
    if m:
        return f"still holds the placeholder '{m.group(0).lstrip('/')}'"
    return None


def unexpanded(reqs) -> list:
    """``${VAR}`` references the classic buildpack leaves literal (it passes only PIP_EXTRA_INDEX_URL to pip)."""
    return [ref for ref in reqs.env_refs if ref.name not in PASSED_TO_PIP]


# Distributions only Python 2 can install (their setup.py is Python 2 code): pip freeze from a Python 2
# machine, or an old tutorial's requirements. Checked against the PyPI files of their last releases.
PYTHON2_ONLY = {
    "wsgiref": "is the Python 2 copy of a standard-library module (its only release, 0.1.2 of 2006, has a "
               "setup.py in Python 2 syntax: 'SyntaxError: Missing parentheses in call to print')",
    "mysql-python": "builds only on Python 2 (its setup imports ConfigParser: 'No module named ConfigParser'); "
                    "mysqlclient is its Python 3 fork",
}


def python2_only(req) -> str | None:
    """Why ``req`` cannot install on any Python 3, or None."""
    return PYTHON2_ONLY.get(req.key) if req.kind == "name" and req.key else None


# A wheel's file name: name-version(-build)?-python-abi-platform.whl (PEP 427 / binary distribution format).
_WHEEL_RE = lazy_re(r"/([^/]+?)-([^-/]+)(?:-\d[^-/]*)?-([^-/]+)-([^-/]+)-([^-/]+)\.whl$")


def wheel_mismatch(req, app_python: tuple | None) -> str | None:
    """Why the wheel a URL requirement names cannot install on the platform: built for another CPython
    (``cp38`` on 3.12; ``abi3`` wheels run on their minor and later) or another OS (``win_amd64``,
    ``macosx_*``, ``musllinux``: the stack is glibc Linux x86-64). None when it fits, or is not a wheel."""
    if req.kind != "url" or not req.url:
        return None
    m = _WHEEL_RE.search(req.url.split("#", 1)[0].split("?", 1)[0])
    if not m:
        return None
    pythons, abi, platforms = m.group(3).split("."), m.group(4), m.group(5).split(".")
    if not any(p == "any" or p.startswith(("manylinux", "linux_")) and p.endswith("x86_64") for p in platforms):
        return (f"is a wheel built for {platforms[0]}, and the platform runs Linux x86-64 (glibc): pip rejects it "
                "('is not a supported wheel on this platform')")
    if app_python is None:
        return None
    fits = []
    for tag in pythons:
        t = re.fullmatch(r"(cp|py|pp)(\d)(\d*)", tag)
        if not t:
            return None  # a tag this table does not know: no verdict
        major, minor = int(t.group(2)), int(t.group(3)) if t.group(3) else None
        if t.group(1) == "pp":
            fits.append(False)
        elif minor is None:
            fits.append(major == app_python[0])
        else:
            fits.append((major, minor) == app_python or abi == "abi3" and (major, minor) <= app_python)
    if any(fits):
        return None
    shown = ".".join(pythons)
    return (f"is a wheel for {shown}, and the app runs Python {app_python[0]}.{app_python[1]}: pip rejects it "
            "('is not a supported wheel on this platform')")
