"""``preflight check``, ``preflight rule``: argparse, exit codes 0 (clean) / 1 (findings) / 2 (error)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from preflight import __version__
from preflight.errors import BaselineError, ConfigError, UsageError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="preflight",
        description="Find what would break a deploy to Heroku-like platforms, before you push.")
    parser.add_argument("--version", action="version", version=f"preflight {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check a repository (default: the current directory)",
                           description="Check repositories for deploy problems. Exit code: 0 nothing at or "
                                       "above --fail-on, 1 findings, 2 usage, configuration or internal error.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="project folders (or files inside one)")
    check.add_argument("--select", type=_csv, action="extend", default=None, metavar="RULES",
                       help="only these rules: codes, prefixes (PF1) or names, comma-separated")
    check.add_argument("--extend-select", type=_csv, action="extend", default=[], metavar="RULES",
                       help="add rules to the selection")
    check.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="RULES",
                       help="leave these rules out")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still means error)")
    from preflight.formatters import CHOICES

    check.add_argument("--format", "--output-format", dest="format", choices=CHOICES, default="text",
                       help="output format (default: text; 'full' is text, as ruff spells it)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--platform", default=None, metavar="NAME",
                       help="the platform to check against: heroku, heroku-fir, dokku, scalingo, render, railway, "
                            "fly, koyeb, do-app-platform, cloud-run, pythonanywhere, or 'all' for a verdict per "
                            "platform (default: inferred from the repository's manifests, else heroku)")
    check.add_argument("--config", metavar="FILE", help="read settings from this TOML file")
    check.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    check.add_argument("--history", action="store_true", help="also scan every commit's added lines for secrets")
    check.add_argument("--fix", action="store_true",
                       help="apply the mechanical fixes (rename Procfile.txt, pin .python-version, CRLF -> LF...), "
                            "then report what remains")
    check.add_argument("--diff", action="store_true",
                       help="with or without --fix: print the changes the fixes would make, write nothing")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="also apply the fixes that change behaviour (postgres:// -> postgresql://)")
    check.add_argument("--baseline", metavar="FILE", help="hide findings recorded in this baseline file")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline")
    check.add_argument("--no-cache", action="store_true",
                       help="do not read or write the results cache (.preflight_cache/ or $PREFLIGHT_CACHE_DIR)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("-v", "--verbose", action="store_true", help="explain skipped files and internal errors")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")

    rule = sub.add_parser("rule", help="explain a rule, or list them all",
                          description="Explain a rule: what it checks, why it breaks a deploy, how to fix it.")
    rule.add_argument("name", nargs="?", help="rule name or code")
    rule.add_argument("--all", action="store_true", help="list every rule")
    rule.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                      help="markdown: the rule's docs page (with --all, the whole catalog)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rule":
            return cmd_rule(args)
        parser.print_help()
        return EXIT_ERROR
    except UsageError as exc:
        print(f"preflight: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def entry() -> None:
    """The console script and ``python -m preflight``: a short-lived process, tuned as one.

    The cyclic garbage collector is off: a run builds many syntax trees and no reference cycles worth
    collecting, and collections cost a fifth of the time of a large check. At the end the process leaves
    without tearing down every object (``os._exit``), after flushing its output; tests call ``main``.
    """
    import gc

    gc.disable()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or EXIT_ERROR
    os._exit(code)


def _git_toplevel(directory: Path) -> Path | None:
    import subprocess

    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=directory, capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def _targets(paths: list[str]) -> list[tuple[Path, set[str] | None]]:
    """Each PATH becomes (project root, only-these-files or None). Files map to their repository."""
    roots: dict[Path, set[str] | None] = {}
    for raw in paths or ["."]:
        p = Path(raw)
        if not os.path.lexists(p):
            raise UsageError(f"{raw}: no such file or folder")
        if p.is_dir():
            roots[p.resolve()] = None
            continue
        top = _git_toplevel(p.parent.resolve()) or p.parent.resolve()
        rel = os.path.relpath(p.resolve(), top).replace(os.sep, "/")
        if top in roots and roots[top] is None:
            continue
        roots.setdefault(top, set()).add(rel)
    return list(roots.items())


def load_settings(args, root: Path):
    from preflight import config

    if args.config:
        cfg = Path(args.config)
        table = config.load_toml(cfg)
        if cfg.name == "pyproject.toml":
            table = table.get("tool", {}).get(config.DIST_NAME, {})
        settings = config.from_table(table, str(cfg))
    elif args.isolated:
        settings = config.Settings()
    else:
        found = config.find_config(root)
        settings = config.from_table(found[1], str(found[0])) if found else config.Settings()
    where = "command line"
    if args.select is not None:
        settings.select = args.select
    settings.extend_select += args.extend_select
    settings.ignore += args.ignore
    if args.fail_on:
        settings.fail_on = config.parse_fail_on(args.fail_on, where)
    if args.platform:
        settings.platform = config.parse_platform(args.platform, where)
    if args.baseline:
        settings.baseline = os.path.abspath(args.baseline)
    elif settings.baseline and settings.source and not os.path.isabs(settings.baseline):
        settings.baseline = os.path.join(os.path.dirname(os.path.abspath(settings.source)), settings.baseline)
    if args.write_baseline:
        settings.baseline = None  # record every current finding, not only the new ones
    elif settings.baseline:
        from preflight import baseline

        baseline.load(settings.baseline)  # missing or broken: exit 2 before any work
    settings.history = args.history
    config.check_selectors(settings, where)
    return settings


# Where a progress line would land in a log, not on a person's screen: CI services set these.
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "BUILDKITE")
# Formats a program reads (github's workflow commands are read from the CI log).
MACHINE_FORMATS = frozenset({"json", "sarif", "gitlab", "junit", "github"})


def show_progress(fmt: str, environ, stream) -> bool:
    """A progress line for long work (``--history``) only on a terminal: never in CI, never with a format a
    program reads, never when stderr is a file or a pipe."""
    if fmt in MACHINE_FORMATS or any(environ.get(v, "").strip().lower() not in ("", "0", "false")
                                     for v in CI_VARIABLES):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


FIX_ROUNDS = 3  # a fix that overlaps another waits for the next round; each round re-reads the repository


def _reported(findings, only):
    return [f for f in findings if not f.suppressed_by and (only is None or f.path in only or f.path == ".")]


def _fix(args, project, result, only, rules, settings, combined, label=""):
    """--fix / --diff on one project: apply (or preview) the fixes, re-check after each round, and return
    the project and result that remain. The fixes, refusals and the diff are added to ``combined``."""
    from preflight import engine, fixer
    from preflight.project import Project

    mask = _diff_mask(project) if args.diff else (lambda line: line)
    for _ in range(FIX_ROUNDS):
        outcome = fixer.apply(project.root, _reported(result.findings, only), unsafe=args.unsafe_fixes,
                              write=not args.diff, mask=mask, label=label)
        combined.fixed += outcome.fixed
        if args.diff or not outcome.fixed:
            break
        project = Project(project.root, platform=settings.platform, exclude=settings.exclude,
                          progress=project.progress)
        result = engine.run(project, rules, settings)
    else:  # rounds used up: say what is left instead of applying it
        outcome = fixer.apply(project.root, _reported(result.findings, only), unsafe=args.unsafe_fixes,
                              write=False)
        outcome.refused += [(f, "needs another round: run preflight check --fix again") for f, _ in outcome.fixed]
    combined.not_fixed += outcome.refused
    combined.unsafe_skipped += len(outcome.unsafe_skipped)
    return project, result, outcome.diff


def _diff_mask(project):
    """--diff prints lines of the user's files: a secret the scan found there, or a URL's password, is masked."""
    from preflight.masking import mask_line

    values = sorted({h.value for hits in project.secret_scan.hits.values() for h in hits}, key=len, reverse=True)
    return lambda line: mask_line(line, values)


def _run_every_platform(root, rules, settings, progress):
    """``--platform all``: one project per profile (they share the file listing and the files read), run
    together by ``engine.run_platforms``."""
    from preflight import engine
    from preflight.project import Project
    from preflight.project.platform import ALL, names

    first = Project(root, platform=names()[0], exclude=settings.exclude, progress=progress)
    projects = {first.platform: first}
    for name in names()[1:]:
        projects[name] = first.sibling(name)
    result = engine.run_platforms(projects, rules, settings)
    result.platform = {"name": ALL, "title": "every platform", "how": "given", "evidence": "", "also": [],
                       "text": f"every platform ({', '.join(names())})"}
    return first, result


def cmd_check(args) -> int:
    from preflight import engine, formatters
    from preflight.project.platform import ALL
    from preflight.registry import load_rules, resolve
    from preflight.project import Project

    load_rules()
    targets = _targets(args.paths)
    try:
        settings = load_settings(args, targets[0][0])
    except ConfigError as exc:
        print(f"preflight: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    rules = resolve(settings.select, settings.extend_select, settings.ignore)
    if settings.platform == ALL and (args.fix or args.diff or args.write_baseline):
        print("preflight: error: --fix, --diff and --write-baseline check one platform: give --platform NAME",
              file=sys.stderr)
        return EXIT_ERROR

    combined = engine.RunResult(findings=[], rules=rules, fixing=args.fix or args.diff)
    progress = sys.stderr if show_progress(args.format, os.environ, sys.stderr) else None
    diffs = []
    # The cache (preflight/cache.py) holds findings only: runs that fix, write a baseline, read history or
    # explain skipped files need the project itself.
    use_cache = not (args.no_cache or combined.fixing or args.write_baseline or args.history or args.verbose
                     or settings.platform == ALL)
    for root, only in targets:
        run_cache = cached = None
        if use_cache:
            from preflight.cache import Cache

            run_cache = Cache(root, settings, rules)
            cached = run_cache.load()
        if cached is not None:
            findings, note = cached
            result = engine.RunResult(findings=findings, rules=rules, platform=run_cache.stored_platform)
            if note and not args.quiet:
                print(f"preflight: note: {root}: {note}", file=sys.stderr)
        elif settings.platform == ALL:
            project, result = _run_every_platform(root, rules, settings, progress)
            if project.index.note and not args.quiet:
                print(f"preflight: note: {root}: {project.index.note}", file=sys.stderr)
        else:
            project = Project(root, platform=settings.platform, exclude=settings.exclude, progress=progress)
            if project.index.note and not args.quiet:
                print(f"preflight: note: {root}: {project.index.note}", file=sys.stderr)
            result = engine.run(project, rules, settings)
            result.platform = project.platform_choice.to_dict()
            if run_cache is not None and not result.crashes:
                run_cache.store(result.findings, project.index.note, result.platform)
        if combined.platform is None:
            combined.platform = result.platform
        combined.verdicts.extend(result.verdicts)
        earlier = len(combined.fixed), len(combined.not_fixed)  # this target's fix reports come after these
        if combined.fixing:
            label = os.path.relpath(root).replace(os.sep, "/") + "/" if len(targets) > 1 else ""
            project, result, diff = _fix(args, project, result, only, rules, settings, combined, label)
            diffs.append(diff)
        if args.verbose:
            _print_skipped(project.skipped, root if len(targets) > 1 else None)
        findings = result.findings
        if only is not None:
            findings = [f for f in findings if f.path in only or f.path == "."]
        if len(targets) > 1:
            prefix = os.path.relpath(root).replace(os.sep, "/")
            mine = combined.fixed[earlier[0]:] + combined.not_fixed[earlier[1]:]
            reports = list({id(f): f for f, _ in mine}.values())  # a finding fixed and refused is one finding
            for f in findings + [f for f in reports if all(f is not g for g in findings)]:
                f.path = prefix if f.path == "." else f"{prefix}/{f.path}"
        combined.findings.extend(findings)
        combined.crashes.extend(result.crashes)

    if args.diff:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write("".join(diffs))
        else:
            sys.stdout.write("".join(diffs))
        n = len(combined.fixed)
        more = f"; {combined.unsafe_skipped} more with --unsafe-fixes" if combined.unsafe_skipped else ""
        print(f"preflight: {n} fix{'es' if n != 1 else ''} would be applied{more} (nothing was written)",
              file=sys.stderr)
        for f, why in combined.not_fixed:
            print(f"preflight: not fixable now: {f.path}: {f.name}: {why}", file=sys.stderr)
        return EXIT_ERROR if combined.crashes else EXIT_FINDINGS if n else EXIT_CLEAN

    if args.write_baseline:
        from preflight import baseline

        try:
            n = baseline.write(combined.active, args.write_baseline)
        except BaselineError as exc:
            print(f"preflight: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        print(f"preflight: wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if combined.crashes else EXIT_CLEAN

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        color = args.color == "always" or (
            args.color == "auto" and not args.output and out.isatty() and "NO_COLOR" not in os.environ)
        options = {"color": color, "statistics": args.statistics, "verbose": args.verbose,
                   "quiet": args.quiet, "root": str(targets[0][0]) if len(targets) == 1 else "."}
        formatters.get(args.format)(combined, out, options)
    finally:
        if args.output:
            out.close()
    if combined.crashes:
        for r, detail in combined.crashes:
            print(f"preflight: internal error in rule {r.code} {r.name}; its findings may be missing"
                  + ("" if args.verbose else " (run with -v for details)"), file=sys.stderr)
    return engine.exit_code(combined, settings.fail_on, args.exit_zero)


def _print_skipped(skipped: dict, root) -> None:
    """--verbose: the files the secret scan did not read, and why (binaries only counted)."""
    where = f"{root}: " if root else ""
    binaries = 0
    for path, why in sorted(skipped.items()):
        if why.startswith("binary"):
            binaries += 1
        else:
            print(f"preflight: skipped {where}{path}: {why}", file=sys.stderr)
    if binaries:
        print(f"preflight: skipped {where}{binaries} binary file(s)", file=sys.stderr)


def cmd_rule(args) -> int:
    from preflight.registry import REGISTRY, load_rules, lookup

    load_rules()
    if args.all or not args.name:
        rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    else:
        rules = lookup(args.name)
        if not rules:
            raise UsageError(f"unknown rule {args.name!r} (see 'preflight rule --all')")
    if args.format == "markdown":
        from preflight import docs

        print(docs.catalog(rules) if args.all or not args.name or len(rules) > 1 else docs.rule_page(rules[0]),
              end="")
        return EXIT_CLEAN
    if args.format == "json":
        import json

        json.dump([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
                    "summary": r.summary, "fix": r.fix, "platforms": r.platform_names(),
                    "explanation": r.explanation} for r in rules],
                  sys.stdout, indent=2)
        print()
        return EXIT_CLEAN
    if args.all or not args.name or len(rules) > 1:
        family = None
        width = max(len(r.name) for r in rules)
        for r in rules:
            if r.family != family:
                family = r.family
                print(f"\n{family}")
            print(f"  {r.code}  {r.name:{width}s}  {r.severity.value:8s} {r.summary}")
        return EXIT_CLEAN
    r = rules[0]
    print(f"{r.code} {r.name} ({r.family}, default severity: {r.severity.value}; on {r.platforms_text()})\n")
    print(f"{r.summary}.\n")
    print(r.explanation or "")
    print(f"\nFix: {r.fix}")
    return EXIT_CLEAN
