"""Every registered rule is documented, tested, and named as the catalog says; nothing imports `rules`."""
import ast
import re
from pathlib import Path

import pytest
from test_layout import rule_file

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


def asserted_findings(path: Path) -> set[tuple[str, str, int]]:
    """The ``("rule-name", "path", line)`` tuples inside the ``assert`` statements of a test file: a
    finding asserted as the user sees it (rule, file and line), not a mere mention of the name. A tuple
    element may be a module-level string constant (``RULE = "import-undeclared"``); a tuple asserted to
    be absent (``not in``) does not count."""
    tree = ast.parse(path.read_text())
    constants = {t.id: st.value.value for st in tree.body if isinstance(st, ast.Assign)
                 and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str)
                 for t in st.targets if isinstance(t, ast.Name)}

    def value(e):
        if isinstance(e, ast.Constant):
            return e.value
        return constants.get(e.id) if isinstance(e, ast.Name) else None

    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        absent = {id(sub) for cmp in ast.walk(node.test) if isinstance(cmp, ast.Compare)
                  and any(isinstance(op, ast.NotIn) for op in cmp.ops) for sub in ast.walk(cmp)}
        for sub in ast.walk(node.test):
            if isinstance(sub, ast.Tuple) and len(sub.elts) >= 3 and id(sub) not in absent:
                name, where, line = (value(e) for e in sub.elts[:3])  # (rule, path, line[, severity...])
                if isinstance(name, str) and isinstance(where, str) and type(line) is int:
                    found.add((name, where, line))
    return found


def test_asserted_findings_reads_only_assertions(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text('CASE = ("procfile-missing", ".", 0)\n\ndef test_x(check):\n'
                      '    assert check({}, "procfile-missing") == [("procfile-missing", ".", 0)]\n'
                      '    assert ("port-hardcoded", "app.py", "3") not in []\n'
                      'RULE = "host-localhost"\n'
                      'def test_y(check):\n'
                      '    assert check({}, RULE) == [(RULE, "app.py", 4)]\n'
                      '    assert ("debug-enabled", "app.py", 5) not in check({}, RULE)\n')
    assert asserted_findings(sample) == {("procfile-missing", ".", 0), ("host-localhost", "app.py", 4)}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_tested(code):
    """The rule's own test file asserts at least one finding by rule, file and line."""
    r = RULES[code]
    src = rule_file(code, r.name)
    test = ROOT / "tests" / "rules" / src.parent.name / f"test_{src.name}"
    assert test.is_file(), f"{code} {r.name}: no {test.relative_to(ROOT)}"
    fired = sorted(f for f in asserted_findings(test) if f[0] == r.name)
    assert fired, (f"{test.relative_to(ROOT)} never asserts a {r.name} finding as the user sees it, e.g. "
                   f"assert findings(root, select=[{r.name!r}]) == [({r.name!r}, \"app.py\", 3)]")


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


@pytest.mark.parametrize("code", sorted(RULES))
def test_fixable_flag_matches_the_fixes_the_rule_attaches(code):
    """A rule that attaches a fix (``fix=fixes.<...>(...)``, preflight/project/fixes.py) says so in
    ``@rule(..., fixable=...)``, which the docs and the README show; a rule that attaches none does not."""
    r = RULES[code]
    if r.check is None:
        return
    attaches = "fix=fixes." in rule_file(code, r.name).read_text()
    assert attaches == (r.fixable is not None), f"{r.name}: fixable={r.fixable!r} but attaches a fix: {attaches}"


def test_readme_marks_the_fixable_rules():
    readme = (ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| (PF\d{3}) \| `[a-z0-9-]+` \| \w+ \| (.*) \|$", readme, re.M))
    marked = {code: "unsafe" if row.endswith("(fixable, unsafe)") else "safe" for code, row in rows.items()
              if row.endswith(("(fixable)", "(fixable, unsafe)"))}
    assert marked == {code: r.fixable for code, r in RULES.items() if r.fixable}
