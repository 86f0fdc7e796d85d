"""Write the rule docs site from the registry: ``python tools/build_docs.py [DIR]`` (default ``docs``).

``DIR/index.md`` lists every rule by family, ``DIR/rules/<name>.md`` is one page per rule (rendered by
``preflight.docs``). Pages of rules that no longer exist are removed; files without the generated
marker are left alone. ``--check`` writes nothing and exits 1 when the folder is out of date (for CI).
This script lives outside the package: preflight itself reads no files but the repository it checks.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def write_site(target: Path, rules, check: bool = False) -> list[str]:
    """Write (or with ``check`` only compare) the site; returns the paths that differed or were removed."""
    from preflight.docs import MARKER, site

    pages = site(rules)
    changed = []
    for rel, text in sorted(pages.items()):
        path = target / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(rel)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in sorted((target / "rules").glob("*.md")) if (target / "rules").is_dir() else []:
        rel = f"rules/{path.name}"
        if rel not in pages and path.read_text(encoding="utf-8").startswith(MARKER):
            changed.append(rel)
            if not check:
                path.unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    from preflight.registry import load_rules

    parser = argparse.ArgumentParser(prog="python tools/build_docs.py", description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", default="docs", help="the docs folder (default: docs)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the folder is out of date")
    args = parser.parse_args(argv)
    changed = write_site(Path(args.target), load_rules().values(), check=args.check)
    for rel in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {Path(args.target) / rel}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
