"""Human output: ``path:line:col: CODE name message`` and the fix hint, grouped by file."""
from __future__ import annotations

from collections import Counter

from preflight.formatters.common import docs_url, position

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m",
           "dim": "\033[2m", "reset": "\033[0m"}


def location(f) -> str:
    line, col = position(f)  # a whole file (line 0) is shown as 1:1, where an editor can jump
    return f"{f.path}:{line}:{col}"


def fix_summary(result, active) -> str:
    """What --fix did, for the summary line: "3 fixed, 2 remaining."; without --fix, how many could be."""
    if getattr(result, "fixing", False):
        text = f" {len(result.fixed)} fixed, {len(active)} remaining."
        if result.unsafe_skipped:
            text += f" {result.unsafe_skipped} more fixable with --unsafe-fixes."
        return text
    safe = sum(1 for f in active if f.fix is not None and f.fix.edits and not f.fix.unsafe)
    unsafe = sum(1 for f in active if f.fix is not None and f.fix.edits and f.fix.unsafe)
    if not safe and not unsafe:
        return ""
    return f" {safe + unsafe} fixable with preflight check --fix" + \
        (f" ({unsafe} of them with --unsafe-fixes)." if unsafe else ".")


def on_platforms(names, options) -> str:
    """Where a ``--platform all`` finding applies: "on every platform", or the profiles' names."""
    from preflight.project.platform import names as every

    if set(names) >= set(every()):
        return "every platform"
    return "on " + ", ".join(names)


def verdict_table(verdicts) -> str:
    """``--platform all``: where the repository deploys as it is, one row per platform."""
    width = max(len(v.title) for v in verdicts)
    rows = [f"{'Platform':{width}}  {'Verdict':24}  errors  warnings  info"]
    for v in verdicts:
        rows.append(f"{v.title:{width}}  {v.text:24}  {v.errors:6}  {v.warnings:8}  {v.infos:4}")
    return "\n".join(rows) + "\n"


def write(result, stream, options) -> None:
    color = options.get("color", False)

    def c(key: str, text: str) -> str:
        return f"{_COLORS[key]}{text}{_COLORS['reset']}" if color else text

    active = result.active
    for f, fix in getattr(result, "fixed", ()):
        stream.write(f"{c('dim', 'fixed:')} {f.path}: {fix.title} ({f.name})\n")
    for f, why in getattr(result, "not_fixed", ()):
        stream.write(f"{c('dim', 'not fixed:')} {f.path}: {f.name}: {why}\n")
    if (getattr(result, "fixed", None) or getattr(result, "not_fixed", None)) and active:
        stream.write("\n")
    last_path = None
    for f in active:
        if last_path is not None and f.path != last_path:
            stream.write("\n")
        last_path = f.path
        on = f" {c('dim', '[' + on_platforms(f.platforms, options) + ']')}" if f.platforms else ""
        stream.write(f"{c('bold', location(f))}: {c(f.severity.value, f.code)} {f.name} {f.message}{on}\n")
        if f.hint:
            stream.write(f"    {c('dim', 'fix:')} {f.hint}\n")
        url = docs_url(f.name, options)  # only when a docs site is configured (PREFLIGHT_DOCS_URL)
        if url:
            stream.write(f"    {c('dim', 'docs:')} {url}\n")
    if options.get("statistics") and active:
        stream.write("\n")
        counts = Counter((f.code, f.name, f.severity.value) for f in active)
        for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            stream.write(f"{n:5d}  {code}  {name:32s} {sev}\n")
    for r, detail in result.crashes:
        first = detail.strip().splitlines()[-1] if detail.strip() else ""
        stream.write(c("error", f"internal error: rule {r.code} {r.name} crashed ({first}); "
                                "the other rules' findings are complete. Please report this.\n"))
        if options.get("verbose"):
            stream.write(detail + "\n")
    verdicts = getattr(result, "verdicts", None)
    if verdicts and not options.get("quiet"):  # a summary: -q prints the findings only
        stream.write("\n" if active else "")
        stream.write(verdict_table(verdicts))
    if not options.get("quiet"):
        platform = getattr(result, "platform", None)
        if platform and not verdicts:
            stream.write(f"{c('dim', 'Platform:')} {platform['text']}\n")
        by = Counter(f.severity.value for f in active)
        suppressed = len(result.findings) - len(active)
        if active:
            parts = [f"{by[k]} {k}{'s' if by[k] != 1 and k != 'info' else ''}"
                     for k in ("error", "warning", "info") if by[k]]
            summary = f"\nFound {len(active)} problem{'s' if len(active) != 1 else ''} ({', '.join(parts)})."
        else:
            summary = "All checks passed." if not result.crashes else "No findings from the rules that ran."
        if suppressed:
            summary += f" {suppressed} suppressed."
        summary += fix_summary(result, active)
        stream.write(summary.lstrip("\n") if not active else summary)
        stream.write("\n")
        if active:
            stream.write("Run 'preflight rule NAME' for what a rule checks and why.\n")
