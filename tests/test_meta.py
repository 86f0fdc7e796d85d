"""Every registered rule is documented, tested, and named as the catalog says; nothing imports `rules`."""
import ast
import re
from pathlib import Path

import pytest

from preflight.registry import CODE_RE, NAME_RE, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
SECTIONS = ("## What it does", "## How to fix")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata(code):
    r = RULES[code]
    assert CODE_RE.match(r.code) and NAME_RE.match(r.name)
    assert r.summary and not r.summary.endswith(".")
    assert r.fix, "every rule needs a default fix hint"
    for section in SECTIONS:
        assert section in r.explanation, f"{r.name}: docstring lacks {section!r}"
    assert "## Why" in r.explanation, f"{r.name}: docstring lacks a '## Why ...' section"


@pytest.mark.parametrize("code", sorted(c for c in RULES if RULES[c].check is not None))
def test_rule_is_tested(code):
    """A test file other than this one names the rule (tests assert rule names, not counts)."""
    name = RULES[code].name
    hits = [p for p in (ROOT / "tests").rglob("test_*.py")
            if p.name != "test_meta.py" and re.search(rf"['\"]{re.escape(name)}['\"]", p.read_text())]
    assert hits, f"no test names rule {name}"


# The catalog rows the open issues cover (foundation, start path, secrets): their names are interface.
REQUIRED = """
procfile-missing procfile-misnamed procfile-invalid procfile-no-web procfile-target-missing procfile-dev-server
web-port-unbound procfile-tool-runner release-in-web runtime-missing runtime-invalid runtime-unsupported
runtime-txt-deprecated runtime-mismatch requirements-missing package-manager-conflict lockfile-missing
lockfile-stale requirements-invalid requirements-pip-listed requirements-conflict requirements-local-path
requirements-platform-specific requirements-unpinned server-undeclared import-undeclared venv-committed
port-hardcoded host-localhost debug-enabled module-gitignored entry-broken sqlite-ephemeral local-file-writes
webhook-host-mismatch django-static-root-missing django-allowed-hosts database-url-scheme secret-committed
env-file-committed secret-in-history gitignore-missing deploy-file-untracked file-unreadable suppression-unused
""".split()


def test_required_rules_are_registered_under_catalog_names():
    catalog = ROOT.parent / "shared" / "design" / "rules.md"
    if catalog.exists():
        names = set(re.findall(r"^\| ([a-z0-9-]+) \|", catalog.read_text(), re.M))
        assert set(REQUIRED) <= names, sorted(set(REQUIRED) - names)
    missing = sorted(set(REQUIRED) - {r.name for r in RULES.values()})
    assert not missing, f"rules not registered: {missing}"


def test_no_top_level_rules_import():
    for path in list((ROOT / "preflight").rglob("*.py")) + list((ROOT / "rules").rglob("*.py")) + \
            list((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] != "rules" for a in node.names), path
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert (node.module or "").split(".")[0] != "rules", path


def test_heavy_modules_not_imported_at_startup():
    """The CLI imports YAML, pyflakes, dockerfile-parse, packaging and pathspec only when a rule needs them."""
    import subprocess
    import sys

    code = ("import sys, preflight.cli, preflight.registry as r; r.load_rules(); "
            "print(sorted(m for m in ('yaml','pyflakes','dockerfile_parse','packaging','pathspec','tomllib')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text()
    missing = [r.name for r in RULES.values() if f"| {r.code} | `{r.name}` |" not in readme]
    assert not missing, f"README rule table lacks: {missing}"
