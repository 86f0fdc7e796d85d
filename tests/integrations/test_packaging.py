"""A non-editable install ships exactly the packages pyproject.toml lists: every package folder is there.

An editable install (the test venv) sees every folder, so without this check a new rule family would
work in the tests and be missing from the wheel and from pre-commit's hook environment.
"""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_listed():
    if sys.version_info < (3, 11):
        pytest.skip("reads pyproject.toml with tomllib (Python 3.11+)")
    import tomllib

    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    dirs = {pkg: Path(d) for pkg, d in tool.get("package-dir", {}).items()}

    def folder(pkg: str) -> Path:
        for prefix in sorted(dirs, key=len, reverse=True):
            if pkg == prefix or pkg.startswith(prefix + "."):
                return ROOT / dirs[prefix] / Path(*pkg[len(prefix):].lstrip(".").split(".") or [])
        return ROOT / Path(*pkg.split("."))

    listed = set(tool["packages"])
    assert all((folder(p) / "__init__.py").exists() for p in listed), "a listed package has no folder"
    on_disk = {"preflight." + ".".join(i.parent.relative_to(ROOT / "preflight").parts)
               for i in (ROOT / "preflight").rglob("__init__.py")}
    on_disk |= {"preflight.rules." + ".".join(i.parent.relative_to(ROOT / "rules").parts)
                for i in (ROOT / "rules").rglob("__init__.py")}
    on_disk = {p.rstrip(".") for p in on_disk}
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
