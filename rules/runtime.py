"""PF2xx Python runtime: which Python the platform installs, and whether it can.

The model (preflight/project/runtime.py) reads `.python-version`, `runtime.txt`, `Pipfile.lock`,
`Pipfile`, `pyproject.toml` and the Dockerfile's base image the way the Heroku Python buildpacks
do; the version table is data (preflight/data/heroku_python.json, from heroku-buildpack-python
v351 and buildpacks-python v6.5.6). Facts: research/heroku.md section B (B01-B23) and table (b).
"""
from __future__ import annotations

import datetime

from preflight.findings import REPO, Severity, Violation
from preflight.registry import rule

SUPPORT_PAGE = "https://devcenter.heroku.com/articles/python-support"


def _today() -> datetime.date:
    return datetime.date.today()


def _pin_command(rt, version) -> str:
    """The shell command that pins ``version`` in the file the platform should read."""
    if rt.uses_uv:
        cmd = f"uv python pin {version}"
    else:
        cmd = f"echo {version} > .python-version"
    if rt.runtime_txt is not None:
        cmd += " && git rm runtime.txt"
    return cmd + " && git add .python-version"


def _cite(decl) -> str:
    """``.python-version:1``; ``Pipfile.lock python_version, line 5`` when the label says more than the path."""
    at = f"{decl.path}:{decl.line}" if decl.line else decl.path
    if decl.label == decl.path:
        return at
    return f"{decl.label}, line {decl.line}" if decl.line else decl.label


def _deployed(project) -> bool:
    """False for a package published to an index: its pins are for local tools (pyenv, tox), not a build."""
    from preflight.project.dependencies import is_library

    return not is_library(project)


def _month_passed(month: str, today: datetime.date) -> bool:
    return bool(month) and today.strftime("%Y-%m") > month


@rule("PF201", "runtime-missing", "W", "No Python version is pinned; the platform picks its default",
      fix="Pin the Python version: echo 3.14 > .python-version && git add .python-version", modes=["buildpack"])
def runtime_missing(project):
    """
    ## What it does
    Reports a Python app deployed with the buildpack that pins no Python version: no
    `.python-version`, no `runtime.txt`, and no Python version in `Pipfile.lock`. A pin file that
    exists on disk but that git ignores or does not track is missing for the platform too; it is
    reported once, by deploy-file-untracked, which names the ignore pattern. With `uv.lock` the
    finding is an error.

    Python must show at the root (the buildpack's detection files, or a script there): a Node app
    with a helper script in a subfolder, or a monorepo whose app lives in `backend/`, is not judged
    here (procfile-misnamed and requirements-missing point at the subfolder). A package published to
    an index (package metadata with a build backend, and no deploy file, root entry script or
    WSGI/ASGI server) is not deployed and is left alone by the runtime rules.

    ## Why it breaks the deploy
    The classic buildpack then installs its default (Python 3.14 today) on the first build and
    keeps the cached major version on later builds; the default moves with buildpack releases, so
    the app's Python changes without a commit, and packages pinned years ago stop having wheels.
    The buildpack says this warning will become an error. With uv, both buildpacks already stop:
    "No Python version was specified" (`uv python pin` is the fix they give).

    ## Example
    ```
    requirements.txt      <- and nothing that names a Python version
    ```

    ## How to fix
    `echo 3.13 > .python-version && git add .python-version` (or `uv python pin 3.13`). Pin
    `X.Y` only, so every build gets the latest security patch.

    ## Source
    heroku-buildpack-python `lib/python_version.sh`; research/heroku.md B15, B16, A05; fixtures
    `python_version_unspecified`, `uv_no_python_version_file`.
    """
    rt = project.runtime
    if rt.chosen is not None or rt.misspelled or not rt.has_python_project or not _deployed(project):
        return
    if rt.unshipped:
        return  # the pin is on disk but not pushed: deploy-file-untracked names the ignore pattern
    pin = rt.suggestion()
    default = rt.table.default
    if rt.uses_uv:
        yield Violation(REPO, 0, "uv.lock but no .python-version: the buildpack will not guess a Python "
                                 "version for uv and the build fails ('No Python version was specified')",
                        hint=f"uv python pin {pin} && git add .python-version", severity=Severity.ERROR,
                        anchor="uv")
        return
    yield Violation(REPO, 0, "no .python-version or runtime.txt: the buildpack installs its default "
                             f"(Python {default} today) and later builds keep whatever the first build cached, so "
                             "the app's Python changes without a commit",
                    hint=f"Pin the version: echo {pin} > .python-version && git add .python-version",
                    anchor="missing")


@rule("PF202", "runtime-invalid", "E", "A Python version file the buildpack cannot read",
      fix="Write the version alone on one line, e.g. 3.13, in a UTF-8 file named exactly .python-version",
      modes=["buildpack"])
def runtime_invalid(project):
    """
    ## What it does
    Reads `.python-version`, `runtime.txt` and `Pipfile.lock` the way the Heroku Python buildpack
    does and reports what it rejects, at the offending line:

    - `.python-version`: each line is trimmed (Unicode whitespace too); blank lines and lines
      starting with `#` are skipped; exactly one line must remain and be `X.Y` or `X.Y.Z` with no
      leading zeros. Rejected: a `python-` prefix, quotes, `3.x`, `3.12.*`, `rc`/`dev` suffixes,
      four components, a trailing dot, a comment after the version, several versions, an empty
      file, a UTF-8 byte-order mark or UTF-16 (PowerShell's `>`), and invisible characters
      (zero-width space, no-break space inside the value, ANSI colour codes), which the message
      names with their column. CRLF line endings are fine.
    - `runtime.txt`: the same rules, and the value must be `python-X.Y` or `python-X.Y.Z`.
    - `Pipfile.lock` (when it is the version source): `_meta.requires.python_full_version`, else
      `python_version`, must be `X.Y` or `X.Y.Z` (`^3.12`, `3.9.*` are rejected).
    - A file named like `.python-version` but misspelt (`.python_version`, `.python-version.txt`,
      `python-version`, a trailing space, ... the buildpack's list of 20), reported at that file.

    Not checked for a package published to an index (see runtime-missing): pyenv's several
    versions for tox are fine there.

    ## Why it breaks the deploy
    The build stops with "Invalid Python version in .python-version" (or runtime.txt,
    Pipfile.lock), "Unable to read .python-version", or "Your .python-version file is spelled
    incorrectly". Invisible characters make the file look right in an editor.

    ## Example
    ```
    python-3.12        <- in .python-version: the prefix belongs to runtime.txt
    ```

    ## How to fix
    `printf '3.13\\n' > .python-version`. Comments go on their own line, starting with `#`.
    On Windows PowerShell use `Set-Content .python-version 3.13 -Encoding ascii`.

    ## Source
    heroku-buildpack-python `lib/python_version.sh` (PYTHON_VERSION_REGEX,
    MISSPELLED_PYTHON_VERSION_FILE_NAMES); buildpacks-python `src/python_version_file.rs`;
    research/heroku.md B02, B05-B09, B18.
    """
    rt = project.runtime
    if (rt.problems or rt.misspelled) and not _deployed(project):
        return
    for p in rt.problems:
        yield Violation(p.path, p.line, p.message, hint=p.hint, col=p.col, anchor=p.anchor)
    for name in rt.misspelled:
        yield Violation(name, 0, f"'{name}' is a misspelling of '.python-version': the buildpack stops with 'Your "
                                 ".python-version file is spelled incorrectly'",
                        hint=f"Rename it: git mv '{name}' .python-version", anchor=name)


@rule("PF203", "runtime-unsupported", "E",
      "The pinned Python is past end of life, unknown to the platform, or deprecated with a removal date",
      fix="Pin a supported minor version (X.Y) in .python-version", modes=["buildpack"])
def runtime_unsupported(project):
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
    v6.5.6); research/heroku.md B10-B14, B22 and table (b); Heroku Dev Center "Python support".
    """
    rt = project.runtime
    src, v = rt.chosen, rt.version
    if src is None or v is None or not _deployed(project):
        return
    a = rt.table.assess(v, _today())
    t = rt.table
    where = f"from {src.label}"
    pin = rt.suggestion()
    fix = f"Pin a supported version ({t.supported_range}; 3.10 is deprecated): {_pin_command(rt, pin)}"
    if src.path == "Pipfile.lock":
        fix = (f"Set [requires] python_version = \"{pin}\" in the Pipfile and run 'pipenv lock' (supported: "
               f"{t.supported_range}), or add a .python-version file")
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
                        hint=f"Check {SUPPORT_PAGE}#supported-runtimes, or pin {t.newest}",
                        severity=Severity.WARNING, **kw)
    elif a.kind in ("unknown-patch", "new-patch"):
        sure = a.kind == "unknown-patch"
        yield Violation(src.path, src.line,
                        f"Python {v} ({where}) {'does not exist' if sure else 'is newer than any patch preflight knows'}"
                        f" (latest {minor} is {a.latest}{'' if sure else ' in ' + t.source}): the build fails "
                        f"{'' if sure else 'unless it was released since '}('The requested Python version isn't "
                        "available')",
                        hint=f"Pin {minor} only, so the platform installs its latest patch: "
                             f"{_pin_command(rt, minor)}",
                        severity=None if sure else Severity.WARNING, **kw)
    elif a.kind == "deprecated":
        eol = ""
        if a.upstream_eol:
            verb = "ended" if _month_passed(a.upstream_eol, _today()) else "ends"
            eol = f"upstream support {verb} {a.upstream_eol}, and "
        yield Violation(src.path, src.line, f"Python {minor} ({where}) is deprecated: {eol}the platform removes it "
                                            f"on {a.removal_date}, after which the build fails",
                        hint=f"Upgrade before {a.removal_date}: {_pin_command(rt, pin)}", severity=Severity.WARNING,
                        **kw)
    if a.kind in ("outdated-patch", "deprecated") and v.patch is not None and a.latest is not None \
            and v.patch < a.latest.patch:
        yield Violation(src.path, src.line, f"Python {v} ({where}) pins an old patch (latest {minor} is {a.latest}): "
                                            "the buildpack warns and the app misses the security fixes since",
                        hint=f"Pin {minor} only, so every build gets the latest patch: {_pin_command(rt, minor)}",
                        severity=Severity.INFO, col=src.col, anchor=f"{v}-patch")


@rule("PF204", "runtime-txt-deprecated", "W", "runtime.txt is deprecated (and rejected with uv and on Fir)",
      fix="echo 3.13 > .python-version && git rm runtime.txt", modes=["buildpack"])
def runtime_txt_deprecated(project):
    """
    ## What it does
    Reports a `runtime.txt` in the pushed tree: a warning, or an error when the app uses uv
    (`uv.lock`).

    ## Why it breaks the deploy
    The classic buildpack has warned since v276 (2025-02-05) that `runtime.txt` is deprecated
    and will become an error. The Cloud Native Buildpack that Heroku Fir runs rejects it outright
    ("The runtime.txt file isn't supported"), and with uv both buildpacks already stop the build.
    A leftover `runtime.txt` also silently overrides `.python-version` on the classic buildpack.

    ## Example
    ```
    python-3.13        <- runtime.txt
    ```

    ## How to fix
    `echo 3.13 > .python-version && git rm runtime.txt` (same version, without the `python-`
    prefix; `X.Y` only gets security patches automatically).

    ## Source
    heroku-buildpack-python CHANGELOG v276; buildpacks-python CHANGELOG 1.0.0; research/heroku.md
    B01, B03, B04; fixtures `runtime_txt_and_python_version_file`, `uv_runtime_txt`.
    """
    rt = project.runtime
    txt = rt.runtime_txt
    if txt is None:
        return
    version = rt.suggestion()
    if txt.version is not None and txt.version.minor_version in rt.table.supported:
        version = txt.version.minor_version
    pv = rt.python_version_file
    if pv is not None and pv.version is not None and txt.version is not None and pv.version.agrees(txt.version):
        hint = f"Delete it: git rm runtime.txt (.python-version already pins {pv.version})"
    else:
        hint = f"Move the version to .python-version: {_pin_command(rt, version)}"
    if rt.uses_uv:
        yield Violation("runtime.txt", txt.line, "runtime.txt is not supported when uv installs the app (uv.lock): "
                                                 "the build fails ('The runtime.txt file isn't supported when using "
                                                 "uv')", hint=hint, severity=Severity.ERROR, anchor="uv")
        return
    yield Violation("runtime.txt", txt.line, "runtime.txt is deprecated: the classic buildpack warns that it will "
                                             "become an error, and Heroku Fir (Cloud Native Buildpack) already "
                                             "rejects it", hint=hint, anchor="deprecated")


@rule("PF205", "runtime-mismatch", "W", "Two places name different Python versions",
      fix="Name one Python version everywhere: .python-version, Dockerfile FROM, requires-python, Pipfile")
def runtime_mismatch(project):
    """
    ## What it does
    Compares every place that names a Python version with the one the platform will run, and
    reports each one that disagrees, at its line:

    - `.python-version` vs `runtime.txt`: the classic buildpack silently uses `runtime.txt`
      (Fir rejects `runtime.txt` and would use the other one);
    - `Pipfile.lock` `_meta.requires` and `Pipfile` `[requires] python_version`;
    - the Dockerfile's `FROM python:X.Y...` (in buildpack mode it is only used locally; in
      container mode it *is* the runtime, and the other files are compared with it);
    - `pyproject.toml` `requires-python` and Poetry's `python` constraint, when they exclude the
      version the platform installs (an `X.Y` pin means its latest patch; with no pin, the
      platform default). This is an error when `uv.lock` or `poetry.lock` is present: the
      installer refuses the interpreter.

    `3.13` agrees with `3.13.2`; two different exact patches disagree.

    ## Why it breaks the deploy
    The app runs on a Python nobody tested: the one in the Dockerfile or the IDE is not the one
    on the dyno. uv and Poetry stop the build when `requires-python` excludes the interpreter;
    Pipenv warns. The platform wins silently, so the mismatch shows up as a runtime error.

    ## Example
    ```
    .python-version:  3.12
    pyproject.toml:   requires-python = ">=3.13"
    ```

    ## How to fix
    Pick one version and write it everywhere; delete `runtime.txt`.

    ## Source
    research/heroku.md B04, B20, B21; fixtures `runtime_txt_and_python_version_file`,
    `uv_mismatched_python_version`, `poetry_mismatched_python_version`,
    `pipenv_mismatched_python_version`.
    """
    rt = project.runtime
    if project.mode == "container":
        ref = rt.dockerfile
        if ref is None:
            return
        ref_text = f"the image runs Python {ref.version} ({_cite(ref)})"
    else:
        if rt.chosen is not None and rt.version is None:
            return  # the pinned file is unreadable: runtime-invalid says so; nothing to compare with
        ref = rt.chosen
        if ref is not None:
            ref_text = f"the platform runs Python {ref.version} ({_cite(ref)})"
        else:
            ref_text = f"the platform installs its default Python {rt.table.default} (nothing pins a version)"
    if ref is not None:
        for d in rt.declared:
            if d is ref or d.version.agrees(ref.version):
                continue
            yield Violation(d.path, d.line, _mismatch_message(d, ref, ref_text, project.mode),
                            hint=_mismatch_hint(d, ref), col=d.col, anchor=d.label)
    if ref is None and rt.uses_uv:
        return  # uv without a pin already fails (runtime-missing)
    target = rt.table.resolve(ref.version if ref is not None else rt.table.default)
    enforced = project.mode != "container" and (rt.uses_uv or rt.uses_poetry)
    for c in rt.constraints:
        if c.allows(target) is not False:
            continue
        tool = "uv" if rt.uses_uv else "Poetry"
        effect = (f"{tool} refuses that interpreter and the build fails" if enforced else
                  "installing the project there fails, and the code may use features that Python lacks")
        yield Violation(c.path, c.line, f"{c.label} '{c.raw}' excludes Python {target}, but {ref_text}: {effect}",
                        hint=f"Make them agree: pin a version the constraint allows, or widen '{c.raw}'",
                        col=c.col, anchor=c.label, severity=Severity.ERROR if enforced else None)


def _mismatch_message(d, ref, ref_text: str, mode: str) -> str:
    value = d.raw if d.path == "runtime.txt" else str(d.version)
    if d.path == ".python-version" and ref.path == "runtime.txt":
        return (f".python-version says {value} but the classic buildpack uses runtime.txt ({ref.raw}) and ignores "
                f"it; Heroku Fir rejects runtime.txt and would run {value}")
    if mode == "container":
        consequence = "the platform never reads it, so local runs use another Python than the image"
    elif d.path in ("Pipfile", "Pipfile.lock"):
        consequence = "the lock was resolved for another Python and Pipenv warns at install"
    elif "FROM" in d.label:
        consequence = "the container you test with runs another Python than the dyno"
    else:
        consequence = "what you test locally is not what runs"
    return f"{d.label} names Python {value}, but {ref_text}: {consequence}"


def _mismatch_hint(d, ref) -> str:
    want = ref.version
    if d.path == ".python-version" and ref.path == "runtime.txt":
        return (f"Keep one: echo {want} > .python-version && git rm runtime.txt (or, if .python-version is "
                "right, just git rm runtime.txt)")
    if d.path == "Pipfile.lock" or d.path == "Pipfile":
        return f"Set [requires] python_version = \"{want.minor_version}\" in the Pipfile and run 'pipenv lock'"
    if "FROM" in d.label:
        return f"Use the same version in the image: FROM python:{want.minor_version}-slim"
    return f"Change it to {want}, or delete it so only one file names the version"
