"""PF203 runtime-unsupported: the pinned Python is past end of life, unknown to the platform, or deprecated."""
from preflight.findings import Severity, Violation
from preflight.project import runtime
from preflight.registry import rule


@rule("PF203", "runtime-unsupported", "E",
      "The pinned Python is past end of life, unknown to the platform, or deprecated with a removal date",
      fix="Pin a supported minor version (X.Y) in .python-version", modes=["buildpack"],
      needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Checks the version the buildpack would use (`runtime.txt`, else `.python-version`, else
    `Pipfile.lock`) against the platform's version table:

    - **error**: below 3.10 (end of life and removed: 3.9 on 2026-01-07, 3.8 on 2025-01-08, ...);
      a minor newer than the platform knows (`3.999`, `4.0`); an exact patch that does not exist
      (`3.12.999`).
    - **warning**: 3.10, deprecated, with its removal date (2027-01-06; from that day the finding
      is an error by itself, since the dates are compared with today's); a minor or patch that is
      newer than preflight's table but may have been released since the table was made.
    - **info**: an exact patch older than the latest one (`3.14.0`): the build works, the app
      misses security fixes, and the buildpack suggests pinning `X.Y` only.

    The table is Heroku's Python buildpack's: the rule runs on the platforms that build with it
    (their profile's `facts.python.table` is "heroku": Heroku, Heroku Fir, Dokku, Scalingo), and
    python-version-unavailable-on-platform checks the others against their own range. Where the
    profile lists a narrower range than the table (Scalingo documents 3.11-3.14 while its buildpack
    fork still accepts 3.10), a minor outside the profile's range but in the table is a **warning**.

    ## Why it breaks the deploy
    The build stops with "The requested Python version has reached end-of-life", "...isn't
    recognised" or "...isn't available". Deprecated versions build until the removal date, then
    fail the same way.

    ## Example
    ```
    python-3.8.10      <- runtime.txt copied from an old tutorial
    ```

    ## How to fix
    Pin a supported `X.Y` (3.10-3.14 as of the table; the default is 3.14) in `.python-version`.

    ## Source
    preflight/data/heroku_python.json (heroku-buildpack-python v351, 2026-08-18; buildpacks-python
    v6.5.6); research/heroku.md B10-B14, B22 and table (b); Heroku Dev Center "Python support";
    research/platforms.md §2.3, §4.3, §13, §14 rule 11; preflight/data/platforms/*.json
    (`facts.python`: table, oldest, newest).
    """
    rt = project.runtime
    src, v = rt.chosen, rt.version
    p = project.profile
    if src is None or v is None or p.python.get("table") != "heroku" or not runtime.deployed(project):
        return
    today = runtime.today()
    a, t = rt.table.assess(v, today), rt.table
    where = f"from {src.label}"
    pin = rt.suggestion()
    deprecated = [str(m) for m, info in sorted(t.supported.items(), key=lambda kv: (kv[0].major, kv[0].minor))
                  if info.get("deprecated") and rt.offered(m)]
    note = f"; {', '.join(deprecated)} {'is' if len(deprecated) == 1 else 'are'} deprecated" if deprecated else ""
    fix = f"Pin a supported version ({rt.supported_range}{note}): {runtime.pin_command(rt, pin)}"
    if src.path == "Pipfile.lock":
        fix = (f"Set [requires] python_version = \"{pin}\" in the Pipfile and run 'pipenv lock' (supported: "
               f"{rt.supported_range}), or add a .python-version file")
    minor = v.minor_version
    kw = dict(col=src.col, anchor=str(v))
    if a.kind == "eol":
        removed = f" on {a.removal_date}" if a.removal_date else ""
        removed += f" ({a.removal_release})" if a.removal_release else ""
        eol = f"reached end of life upstream in {a.upstream_eol}" if a.upstream_eol else "is past end of life"
        yield Violation(src.path, src.line, f"Python {v} ({where}) {eol} and the platform removed it{removed}: the "
                                            "build fails", hint=fix, **kw)
    elif a.kind == "unknown-minor":
        yield Violation(src.path, src.line, f"Python {minor} ({where}) is not a version the platform has (newest: "
                                            f"{t.newest}, per {t.source}): the build fails ('The requested Python "
                                            "version isn't recognised')", hint=fix, **kw)
    elif a.kind == "new-minor":
        yield Violation(src.path, src.line, f"Python {minor} ({where}) is newer than preflight's version table "
                                            f"({t.source}, newest {t.newest}); the build fails unless the platform "
                                            "has added it since",
                        hint=f"Check {runtime.SUPPORT_PAGE}#supported-runtimes, or pin {t.newest}",
                        severity=Severity.WARNING, **kw)
    elif a.kind in ("unknown-patch", "new-patch"):
        sure = a.kind == "unknown-patch"
        yield Violation(src.path, src.line,
                        f"Python {v} ({where}) {'does not exist' if sure else 'is newer than any patch preflight knows'}"
                        f" (latest {minor} is {a.latest}{'' if sure else ' in ' + t.source}): the build fails "
                        f"{'' if sure else 'unless it was released since '}('The requested Python version isn't "
                        "available')",
                        hint=f"Pin {minor} only, so the platform installs its latest patch: "
                             f"{runtime.pin_command(rt, minor)}",
                        severity=None if sure else Severity.WARNING, **kw)
    elif a.kind == "deprecated":
        eol = ""
        if a.upstream_eol:
            verb = "ended" if runtime.month_passed(a.upstream_eol, today) else "ends"
            eol = f"upstream support {verb} {a.upstream_eol}, and "
        listed = "" if rt.offered(v) else f" ({p.title} already lists only {rt.supported_range})"
        yield Violation(src.path, src.line, f"Python {minor} ({where}) is deprecated: {eol}the platform removes it "
                                            f"on {a.removal_date}, after which the build fails{listed}",
                        hint=f"Upgrade before {a.removal_date}: {runtime.pin_command(rt, pin)}",
                        severity=Severity.WARNING, **kw)
    elif a.kind in ("ok", "outdated-patch") and not rt.offered(v):
        older = (minor.major, minor.minor) < (rt.oldest.major, rt.oldest.minor)
        side = f"older than the oldest ({rt.oldest})" if older else f"newer than the newest ({rt.newest})"
        yield Violation(src.path, src.line, f"Python {minor} ({where}) is {side} that {p.title} lists "
                                            f"({rt.supported_range}), although the buildpack's table still has it: "
                                            "the build may fail, or the version may go without notice",
                        hint=fix, severity=Severity.WARNING, anchor=f"{minor}-range", col=src.col)
    if a.kind in ("outdated-patch", "deprecated") and v.patch is not None and a.latest is not None \
            and v.patch < a.latest.patch:
        yield Violation(src.path, src.line, f"Python {v} ({where}) pins an old patch (latest {minor} is {a.latest}): "
                                            "the buildpack warns and the app misses the security fixes since",
                        hint=f"Pin {minor} only, so every build gets the latest patch: {runtime.pin_command(rt, minor)}",
                        severity=Severity.INFO, col=src.col, anchor=f"{v}-patch")
