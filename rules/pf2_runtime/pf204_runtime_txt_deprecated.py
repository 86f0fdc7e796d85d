"""PF204 runtime-txt-deprecated: runtime.txt is deprecated (and rejected with uv and on Fir)."""
from preflight.findings import Severity, Violation
from preflight.project.runtime import pin_command
from preflight.registry import rule


@rule("PF204", "runtime-txt-deprecated", "W", "runtime.txt is deprecated (and rejected with uv and on Fir)",
      fix="echo 3.13 > .python-version && git rm runtime.txt", modes=["buildpack"],
      needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Reports a `runtime.txt` in the pushed tree, as the target platform's build treats it (its
    profile's `facts.python.runtime_txt`): on the platforms where it is deprecated (Heroku classic,
    Dokku, Scalingo, DigitalOcean App Platform) a warning, or an error when the app uses uv
    (`uv.lock`); on Heroku Fir an error, since the build fails. Where the build reads it as a
    normal source (Railway) nothing is reported; where it is ignored (Render, Koyeb, Cloud Run)
    python-version-source-ignored says so.

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
    B01, B03, B04; research/platforms.md §1 item 5, §2.1, §13 (`runtime.txt` row),
    preflight/data/platforms/*.json (`facts.python.runtime_txt`); fixtures
    `runtime_txt_and_python_version_file`, `uv_runtime_txt`.
    """
    rt = project.runtime
    txt = rt.runtime_txt
    how = project.profile.python.get("runtime_txt")
    if txt is None or how not in ("deprecated", "error"):
        return
    version = rt.suggestion()
    if txt.version is not None and txt.version.minor_version in rt.table.supported and rt.offered(txt.version):
        version = txt.version.minor_version
    pv = rt.python_version_file
    if pv is not None and pv.version is not None and txt.version is not None and pv.version.agrees(txt.version):
        hint = f"Delete it: git rm runtime.txt (.python-version already pins {pv.version})"
    else:
        hint = f"Move the version to .python-version: {pin_command(rt, version)}"
    p = project.profile
    if how == "error":
        yield Violation("runtime.txt", txt.line, f"{p.title} does not read runtime.txt: its Python buildpack stops "
                                                 "the build ('The runtime.txt file isn't supported')",
                        hint=hint, severity=Severity.ERROR, anchor="unsupported")
        return
    if rt.uses_uv:
        yield Violation("runtime.txt", txt.line, "runtime.txt is not supported when uv installs the app (uv.lock): "
                                                 "the build fails ('The runtime.txt file isn't supported when using "
                                                 "uv')", hint=hint, severity=Severity.ERROR, anchor="uv")
        return
    yield Violation("runtime.txt", txt.line, f"runtime.txt is deprecated: {p.title}'s Python buildpack warns that it "
                                             "will become an error, and Heroku's Cloud Native Buildpack (Fir) "
                                             "already rejects it", hint=hint, anchor="deprecated")
