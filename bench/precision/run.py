"""Precision of preflight on real public apps: judged verdicts for every error and warning finding.

  python3 bench/precision/run.py /path/to/checkouts            # table + unjudged findings
  python3 bench/precision/run.py /path/to/checkouts --app pontoon --app saleor
  python3 bench/precision/run.py /path/to/checkouts --skeleton new.json   # unjudged, ready to judge

The script fetches nothing. The folder holds one checkout per entry of apps.json, named like its "name",
at its pinned commit:

  mkdir -p ~/realapps && cd ~/realapps
  git clone https://github.com/mozilla/pontoon pontoon && git -C pontoon checkout eb868358ac2c...
  (the same for every app; `python3 bench/precision/run.py --clone-commands` prints all of them)

Each checkout is checked with `python -m preflight check DIR --format json --isolated` run by the current
interpreter, so run the script with the Python that has the preflight under test installed. Every error
and warning finding is matched against verdicts.json. A verdict is keyed by (app, rule name, path, line)
and holds a prefix of the message it judged: a finding whose line moved, or whose message changed, is
listed as unjudged instead of silently inheriting an old verdict. Info findings are counted, not judged.

Precision = judged true / (judged true + judged false), over error and warning findings. A false error
(an error-level finding judged false) is the worst outcome: the table lists each one.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGED_SEVERITIES = ("error", "warning")
PREFIX_CHARS = 60  # enough to tell two findings on one line apart, short enough to survive wording tweaks


def message_prefix(message: str) -> str:
    return message[:PREFIX_CHARS]


def load_json(path: Path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def check_app(python: str, checkout: Path, timeout: float, platform: str = "") -> tuple[dict, str]:
    """The JSON report of one checkout, and a problem description ('' when the run went well).

    platform: '' lets preflight infer it from the repository (what the benchmark measures); a name
    checks against that platform, as `--platform NAME` does."""
    command = [python, "-m", "preflight", "check", str(checkout), "--format", "json", "--isolated"]
    if platform:
        command += ["--platform", platform]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {}, f"timed out after {timeout:.0f} s"
    if done.returncode not in (0, 1):
        return {}, f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return {}, f"output is not JSON: {done.stdout[:200]!r}"
    return report, ""


def platform_text(platform) -> str:
    """'heroku (inferred from app.json)' from the report's platform field (a dict, or a plain name)."""
    if not isinstance(platform, dict):
        return str(platform or "?")
    how, evidence = platform.get("how", ""), platform.get("evidence", "")
    return f"{platform.get('name', '?')} ({how}{' from ' + evidence if evidence else ''})"


def checkout_commit(checkout: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def index_verdicts(verdicts: list[dict]) -> dict[tuple, list[dict]]:
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for verdict in verdicts:
        by_key[(verdict["app"], verdict["rule"], verdict["path"], verdict["line"])].append(verdict)
    return by_key


def find_verdict(by_key: dict, app: str, finding: dict) -> dict | None:
    for verdict in by_key.get((app, finding["name"], finding["path"], finding["line"]), ()):
        if finding["message"].startswith(verdict["message"]):
            return verdict
    return None


def precision(true: int, false: int) -> str:
    return f"{100 * true / (true + false):.1f}%" if true + false else "-"


def print_table(rows: dict[str, Counter], total: Counter) -> None:
    header = f"{'rule':32} {'findings':>8} {'true':>5} {'false':>5} {'unjudged':>8} {'precision':>9} " \
             f"{'false err':>9}"
    print(header)
    print("-" * len(header))
    for rule in sorted(rows, key=lambda r: (-rows[r]["false"], -rows[r]["findings"], r)):
        c = rows[rule]
        print(f"{rule:32} {c['findings']:8} {c['true']:5} {c['false']:5} {c['unjudged']:8} "
              f"{precision(c['true'], c['false']):>9} {c['false_error']:9}")
    print("-" * len(header))
    print(f"{'overall':32} {total['findings']:8} {total['true']:5} {total['false']:5} {total['unjudged']:8} "
          f"{precision(total['true'], total['false']):>9} {total['false_error']:9}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkouts", nargs="?", type=Path, help="folder holding one checkout per app")
    parser.add_argument("--apps", type=Path, default=HERE / "apps.json")
    parser.add_argument("--verdicts", type=Path, default=HERE / "verdicts.json")
    parser.add_argument("--app", action="append", default=[], help="only this app (repeatable)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per app")
    parser.add_argument("--skeleton", type=Path, help="write unjudged findings here as verdict stubs")
    parser.add_argument("--reports", type=Path, help="keep each app's JSON report here as NAME.json")
    parser.add_argument("--clone-commands", action="store_true", help="print how to get the checkouts")
    args = parser.parse_args(argv)

    apps = load_json(args.apps)
    if args.clone_commands:
        for app in apps:
            print(f"git clone https://github.com/{app['repo']} {app['name']} && "
                  f"git -C {app['name']} checkout -q {app['commit']}")
        return 0
    if args.checkouts is None:
        parser.error("give the folder that holds the checkouts (or --clone-commands)")
    by_key = index_verdicts(load_json(args.verdicts) if args.verdicts.exists() else [])

    rows: dict[str, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    false_errors, unjudged, problems = [], [], []
    info_count = 0
    platforms: dict[str, str] = {}
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    for app in apps:
        name = app["name"]
        if args.app and name not in args.app:
            continue
        checkout = args.checkouts / name
        if not checkout.is_dir():
            problems.append(f"{name}: no checkout at {checkout}")
            continue
        commit = checkout_commit(checkout)
        if commit != app["commit"]:
            problems.append(f"{name}: checkout is at {commit or 'no commit'}, apps.json pins {app['commit']}"
                            " (verdicts may not match)")
        report, problem = check_app(sys.executable, checkout, args.timeout)
        if problem:
            problems.append(f"{name}: {problem}")
            continue
        if args.reports:
            (args.reports / f"{name}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        platforms[name] = platform_text(report.get("platform"))
        findings = report.get("findings", [])
        for finding in findings:
            if finding["severity"] not in JUDGED_SEVERITIES:
                info_count += 1
                continue
            row = rows[finding["name"]]
            verdict = find_verdict(by_key, name, finding)
            if verdict is None or verdict.get("verdict") is None:
                outcome = "unjudged"
            else:
                outcome = "true" if verdict["verdict"] else "false"
            for counter in (row, total):
                counter["findings"] += 1
                counter[outcome] += 1
                if outcome == "false" and finding["severity"] == "error":
                    counter["false_error"] += 1
            if outcome == "false" and finding["severity"] == "error":
                false_errors.append((name, finding, verdict))
            elif outcome == "unjudged":
                unjudged.append((name, finding))

    print_table(rows, total)
    print(f"\n{info_count} info findings (not judged)")
    if platforms:
        print("\nplatform inferred per app:")
        for name, platform in platforms.items():
            print(f"  {name:32} {platform}")
    if false_errors:
        print(f"\nfalse errors ({len(false_errors)}):")
        for name, finding, verdict in false_errors:
            print(f"  {name}: {finding['name']} {finding['path']}:{finding['line']}  -- {verdict['reason']}")
    if unjudged:
        print(f"\nunjudged findings ({len(unjudged)}):")
        for name, finding in unjudged:
            print(f"  {name}: {finding['severity']} {finding['name']} {finding['path']}:{finding['line']}"
                  f"  {finding['message'][:120]}")
    if problems:
        print("\nproblems:")
        for problem in problems:
            print(f"  {problem}")
    if args.skeleton:
        stubs = [{"app": name, "rule": f["name"], "path": f["path"], "line": f["line"],
                  "severity": f["severity"], "message": message_prefix(f["message"]),
                  "verdict": None, "reason": ""} for name, f in unjudged]
        args.skeleton.write_text(json.dumps(stubs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\n{len(stubs)} stubs written to {args.skeleton}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
