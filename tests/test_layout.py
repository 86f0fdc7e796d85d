"""The house rules of the code base, checked: one rule per file, named by its code and grouped by family;
no rule imports another rule module; tests mirror the rules. A newcomer finds any rule from its code in
one step: PF101 procfile-missing is rules/pf1_processes/pf101_procfile_missing.py, tested in
tests/rules/pf1_processes/test_pf101_procfile_missing.py."""
import ast
import re
from pathlib import Path

import pytest

from preflight.registry import FAMILIES, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "rules"
RULES = load_rules()
FOLDERS = {"0": "pf0_engine", "1": "pf1_processes", "2": "pf2_runtime", "3": "pf3_dependencies", "4": "pf4_code",
           "5": "pf5_containers", "6": "pf6_config", "7": "pf7_repository",
           "8": "pf8_platforms"}


def rule_file(code: str, name: str) -> Path:
    return RULES_DIR / FOLDERS[code[2]] / f"pf{code[2:]}_{name.replace('-', '_')}.py"


def test_families_have_folders():
    assert set(FOLDERS) == set(FAMILIES)
    for folder in FOLDERS.values():
        assert (RULES_DIR / folder / "__init__.py").is_file(), folder


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_lives_in_its_file(code):
    r = RULES[code]
    module = r.check.__module__ if r.check is not None else None
    path = rule_file(code, r.name)
    assert path.is_file(), f"{code} {r.name} must live in {path.relative_to(ROOT)}"
    if module is not None:
        assert module == "preflight.rules." + ".".join(path.relative_to(RULES_DIR).with_suffix("").parts)


def test_only_rule_modules_in_rules():
    """Every module below rules/ is one rule's file (or a family's __init__): no shared helper modules."""
    known = {rule_file(c, r.name) for c, r in RULES.items()}
    for path in RULES_DIR.rglob("*.py"):
        if path.name == "__init__.py":
            continue
        assert path in known, f"{path.relative_to(ROOT)} is not the file of a registered rule"


def _imports(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append(node.module)
            out += [f"{node.module}.{a.name}" for a in node.names]
    return out


def test_no_rule_imports_another_rule():
    for path in RULES_DIR.rglob("*.py"):
        bad = [m for m in _imports(path) if m.startswith("preflight.rules.")]
        assert not bad, f"{path.relative_to(ROOT)} imports rule modules {bad}: move shared facts to preflight/project/"


def test_rule_tests_mirror_rule_files():
    """A rule's tests live beside its mirror path, and that file names the rule."""
    for code, r in RULES.items():
        src = rule_file(code, r.name)
        test = ROOT / "tests" / "rules" / src.parent.name / f"test_{src.name}"
        assert test.is_file(), f"{code} {r.name}: no {test.relative_to(ROOT)}"
        assert re.search(rf"['\"]{re.escape(r.name)}['\"]", test.read_text()), f"{test.name} never names {r.name}"


def test_every_package_folder_is_installed():
    """``pip install .`` ships only the packages pyproject.toml lists: a family folder left out would
    lose its rules (and PF001/PF002 the engine needs) outside an editable install."""
    text = (ROOT / "pyproject.toml").read_text()
    listed = set(re.findall(r'"(preflight(?:\.[a-z0-9_]+)*)"', text[text.index("packages = ["):]))
    folders = {"preflight." + ".".join(p.parent.relative_to(ROOT / "preflight").parts) if p.parent != ROOT / "preflight"
               else "preflight" for p in (ROOT / "preflight").rglob("__init__.py")}
    folders |= {".".join(("preflight", "rules") + p.parent.relative_to(RULES_DIR).parts)
                for p in RULES_DIR.rglob("__init__.py")}
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
