"""PF811 python-version-unavailable-on-platform: the pinned Python is outside the platform's range."""
from __future__ import annotations

import datetime

from preflight.findings import Severity, Violation
from preflight.project import runtime
from preflight.project.dependencies import sole_manager
from preflight.registry import rule

STALE_DAYS = 183   # a profile checked longer ago than this may miss a version the platform added since


@rule("PF811", "python-version-unavailable-on-platform", "E",
      "The pinned Python version is outside the range the platform offers",
      fix="Pin a minor version the platform offers (its oldest to newest) in .python-version.",
      needs=("python_buildpack",), platforms=("render", "railway", "koyeb", "do-app-platform", "cloud-run"))
def check(project):
    """
    ## What it does
    On the platforms that do not build with Heroku's version table (their profile's
    `facts.python.table` is null), checks the version their build reads (`.python-version`, and
    `runtime.txt` or `Pipfile.lock` where the platform reads them) against the profile's range
    (`facts.python.oldest` to `newest`): Render 3.7-3.14, Railway 3.10-3.14, Koyeb 3.9-3.13,
    DigitalOcean 3.9-3.14, Cloud Run 3.8-3.14. Outside it is an error; a version newer than the
    newest is only a warning when the profile was checked more than six months ago (the platform
    may have added it since). The Heroku-lineage platforms are runtime-unsupported's.

    ## Why it breaks the deploy
    The build cannot install a Python the platform does not offer: it stops before installing the
    dependencies (Koyeb lists nothing newer than 3.13; Railway's precompiled Pythons start at 3.10).

    ## Example
    ```
    3.14        <- .python-version, on Koyeb
    ```

    ## How to fix
    Pin a minor in the platform's range, e.g. `echo 3.13 > .python-version`.

    ## Source
    research/platforms.md §5.3, §6.3, §8.3, §9.3, §10.3, §13 ("Supported range" row), §14 rule 11;
    preflight/data/platforms/*.json (`facts.python.oldest`, `newest`, `table`; `checked`).
    """
    rt, p = project.runtime, project.profile
    py = p.python
    src, v = rt.chosen, rt.version
    if src is None or v is None or py.get("table") is not None or not (py.get("oldest") and py.get("newest")) \
            or rt.offered(v) or not runtime.deployed(project):
        return
    sole = sole_manager(project)
    if sole is not None and sole[0] not in p.facts.get("package_managers", ()):
        return  # the platform's Python build does not run at all (package-manager-unsupported-on-platform)
    minor = v.minor_version
    older = (minor.major, minor.minor) < (rt.oldest.major, rt.oldest.minor)
    pin = rt.suggestion()
    hint = f"Pin a version {p.title} offers ({rt.supported_range}): {runtime.pin_command(rt, pin)}"
    if older:
        yield Violation(src.path, src.line, f"Python {minor} ({src.label}) is older than any version {p.title} "
                                            f"offers ({rt.supported_range}): the build fails",
                        hint=hint, col=src.col, anchor=str(minor))
        return
    checked = datetime.date.fromisoformat(p.checked) if p.checked else None
    stale = checked is None or (runtime.today() - checked).days > STALE_DAYS
    if stale:
        yield Violation(src.path, src.line, f"Python {minor} ({src.label}) is newer than the newest version {p.title} "
                                            f"offered when preflight's profile was checked ({rt.newest}, on "
                                            f"{p.checked or 'an unknown date'}): the build fails unless it was added "
                                            "since", hint=hint, col=src.col, anchor=str(minor),
                        severity=Severity.WARNING)
        return
    yield Violation(src.path, src.line, f"Python {minor} ({src.label}) is newer than the newest version {p.title} "
                                        f"offers ({rt.newest}, checked {p.checked}): the build fails",
                    hint=hint, col=src.col, anchor=str(minor))
