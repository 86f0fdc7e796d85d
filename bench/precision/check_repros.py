"""Replay the minimal reproductions of FALSE_ALARMS.md: which false alarms are still open, and whether
every true look-alike still fires.

  python3 bench/precision/check_repros.py            # one line per case
  python3 bench/precision/check_repros.py --show     # also every finding each case produces
  python3 bench/precision/check_repros.py --strict   # exit 1 while any false alarm is still open

Each case is a ```python block of FALSE_ALARMS.md that starts with `case(` and holds literals only:
files (path -> content) and git (commit them or not) reproduce the false alarm, false_finding names it as
(rule, path, line); lookalike files, with lookalike_finding, are the nearest true case, which must keep
firing. An optional platform (and lookalike_platform) checks the case with `--platform NAME` instead of
the inferred platform. Every case is written into a temporary folder and checked the way run.py checks an app
(`python -m preflight check --format json --isolated`, current interpreter). Exit 1 when a look-alike
stopped firing (a fix went too far), or with --strict when a false alarm still fires at error or warning level
(one lowered to info, which the benchmark counts but does not judge, shows as "lowered"; a case whose finding is
right at a lower severity says so with right_severity='warning'). Standard library only.
"""
from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import check_app  # noqa: E402  (the same `preflight check` call the benchmark makes)

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "repro", "GIT_AUTHOR_EMAIL": "repro@example.invalid",
                "GIT_COMMITTER_NAME": "repro", "GIT_COMMITTER_EMAIL": "repro@example.invalid"}
_RANK = {"info": 0, "warning": 1, "error": 2}
BLOCK = re.compile(r"```python\n(case\(.*?)\n```", re.S)


def parse_cases(markdown: str) -> list[dict]:
    cases = []
    for block in BLOCK.findall(markdown):
        call = ast.parse(block, mode="eval").body
        cases.append({kw.arg: ast.literal_eval(kw.value) for kw in call.keywords})
    return cases


def write_tree(root: Path, files: dict[str, str], git: bool) -> None:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if git:
        env = {**os.environ, **GIT_IDENTITY}
        for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "repro"]):
            subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)


def findings_of(files: dict[str, str], git: bool, platform: str = "") -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="preflight-repro-") as tmp:
        root = Path(tmp) / "app"
        root.mkdir()
        write_tree(root, files, git)
        report, problem = check_app(sys.executable, root, timeout=120, platform=platform)
        if problem:
            raise RuntimeError(f"preflight on a reproduction: {problem}")
        return report.get("findings", [])


def has(findings: list[dict], wanted) -> dict | None:
    rule, path, line = wanted
    for finding in findings:
        if (finding["name"], finding["path"], finding["line"]) == (rule, path, line):
            return finding
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=HERE / "FALSE_ALARMS.md")
    parser.add_argument("--show", action="store_true", help="print every finding of every case")
    parser.add_argument("--strict", action="store_true", help="exit 1 while a false alarm still fires")
    parser.add_argument("--case", action="append", default=[], help="only this case id (repeatable)")
    args = parser.parse_args(argv)

    cases = parse_cases(args.file.read_text(encoding="utf-8"))
    lost = still_open = 0
    for case in cases:
        if args.case and case["id"] not in args.case:
            continue
        found = findings_of(case["files"], case.get("git", True), case.get("platform", ""))
        false_hit = has(found, case["false_finding"])
        # counted, not judged: says less, with why (info; or the severity the case says is right for it)
        right = case.get("right_severity", "info")
        lowered = bool(false_hit) and _RANK[false_hit["severity"]] <= _RANK[right]
        still_open += bool(false_hit) and not lowered
        state = f"lowered ({false_hit['severity']})" if lowered else f"open ({false_hit['severity']})" \
            if false_hit else "fixed"
        look = "-"
        if case.get("lookalike") is not None:
            look_found = findings_of(case["lookalike"], case.get("lookalike_git", case.get("git", True)),
                                     case.get("lookalike_platform", case.get("platform", "")))
            look_hit = has(look_found, case["lookalike_finding"])
            look = f"fires ({look_hit['severity']})" if look_hit else "LOST"
            lost += not look_hit
        print(f"{case['id']:34} false alarm: {state:16} look-alike: {look}")
        if args.show:
            for finding in found:
                print(f"    {finding['severity']:7} {finding['name']} {finding['path']}:{finding['line']}  "
                      f"{finding['message']}")
            if case.get("lookalike") is not None:
                for finding in look_found:
                    print(f"  look-alike: {finding['severity']:7} {finding['name']} {finding['path']}:"
                          f"{finding['line']}  {finding['message']}")
    print(f"\n{len(cases)} cases, {still_open} false alarms still open (at error or warning), {lost} look-alikes lost")
    return 1 if lost or (args.strict and still_open) else 0


if __name__ == "__main__":
    sys.exit(main())
