"""docs/ is generated from the registry (python tools/build_docs.py docs/): it must match the rules as they
are, every rule has its page with the metadata and the docstring, and the CLI prints the same Markdown."""
import importlib.util
from pathlib import Path

from conftest import cli

from preflight import docs
from preflight.registry import load_rules

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_docs", ROOT / "tools" / "build_docs.py")
build_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_docs)


def test_docs_folder_matches_the_registry(tmp_path):
    """Regenerate into tmp and compare, file by file: a rule added, renamed or re-documented without
    `python tools/build_docs.py docs/` fails here."""
    fresh = tmp_path / "docs"
    build_docs.write_site(fresh, load_rules().values())
    want = {p.relative_to(fresh).as_posix(): p.read_text() for p in fresh.rglob("*.md")}
    have = {p.relative_to(ROOT / "docs").as_posix(): p.read_text() for p in (ROOT / "docs").rglob("*.md")
            if p.read_text().startswith(docs.MARKER)}
    stale = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
    assert not stale, f"docs/ is out of date ({stale[:5]}...): run python tools/build_docs.py docs/"


def test_check_mode_reports_drift_and_writes_nothing(tmp_path):
    rules = list(load_rules().values())
    assert build_docs.main([str(tmp_path), "--check"]) == 1 and not any(tmp_path.iterdir())
    assert build_docs.main([str(tmp_path)]) == 0
    assert build_docs.main([str(tmp_path), "--check"]) == 0
    page = tmp_path / "rules" / f"{rules[0].name}.md"
    page.write_text(page.read_text() + "edited\n")
    (tmp_path / "rules" / "rule-renamed-away.md").write_text(docs.MARKER + "\n")
    (tmp_path / "rules" / "handwritten.md").write_text("# notes\n")  # not generated: kept
    assert build_docs.write_site(tmp_path, rules) == [f"rules/{rules[0].name}.md", "rules/rule-renamed-away.md"]
    assert not (tmp_path / "rules" / "rule-renamed-away.md").exists()
    assert (tmp_path / "rules" / "handwritten.md").exists()


def test_every_rule_page_has_its_metadata_and_docs():
    for r in load_rules().values():
        page = docs.rule_page(r)
        assert page.startswith(f"# {r.code} `{r.name}`\n")
        assert f"| {r.family} | {r.severity.value} | " in page
        assert r.summary in page and r.fix in page and r.explanation.strip() in page
        assert "## What it does" in page and "## How to fix" in page


def test_index_links_every_page_by_family():
    rules = list(load_rules().values())
    index = docs.index_page(rules)
    for r in rules:
        assert f"| {r.code} | [`{r.name}`](rules/{r.name}.md) | {r.severity.value} |" in index
    assert index.index("## PF1: Processes") < index.index("## PF2:")


def test_rule_markdown_from_the_cli():
    code, out, _ = cli(["rule", "procfile-misnamed", "--format", "markdown"])
    assert code == 0 and out == docs.rule_page(load_rules()["PF102"])
    code, out, _ = cli(["rule", "--all", "--format", "markdown"])
    assert code == 0 and out.startswith("# preflight rules\n")
    for r in load_rules().values():  # each page once, a level down, reachable from the index's link
        assert out.count(f"\n### {r.code} `{r.name}`\n") == 1
        assert f"(#{r.code.lower()}-{r.name})" in out
    assert "\n#### How to fix\n" in out


def test_shift_headings_leaves_code_blocks():
    text = "# A\n```\n# a comment in a Procfile\n```\n## B"
    assert docs.shift_headings(text, 1) == "## A\n```\n# a comment in a Procfile\n```\n### B"


def test_rule_pages_say_which_rules_are_fixable():
    rules = load_rules()
    assert "| yes (`preflight check --fix`) |" in docs.rule_page(rules["PF102"])
    assert "| yes, unsafe (`preflight check --fix --unsafe-fixes`) |" in docs.rule_page(rules["PF603"])
    assert "| no: the fix hint says what to change |" in docs.rule_page(rules["PF106"])
