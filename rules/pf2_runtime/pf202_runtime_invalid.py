"""PF202 runtime-invalid: a Python version file the buildpack cannot read."""
from preflight.findings import Violation
from preflight.project import runtime
from preflight.project.runtime import deployed
from preflight.registry import rule


@rule("PF202", "runtime-invalid", "E", "A Python version file the buildpack cannot read",
      fix="Write the version alone on one line, e.g. 3.13, in a UTF-8 file named exactly .python-version",
      modes=["buildpack"], needs=("python_buildpack",))
def check(project):
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

    Only the files the target platform's build reads are checked (its profile's `facts.python`):
    `runtime.txt` where it is read or deprecated (not on Render, Koyeb or Cloud Run, which ignore it,
    nor on Heroku Fir, where runtime-txt-deprecated reports it), `Pipfile.lock` where the platform
    lists it as a source; the misspelled names only where the Heroku buildpack's check applies. Fly
    and PythonAnywhere build nothing from these files: the rule does not run there.

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
    research/heroku.md B02, B05-B09, B18;
    research/platforms.md §13 and preflight/data/platforms/*.json (`facts.python`).
    """
    rt = project.runtime
    if (rt.problems or rt.misspelled) and not deployed(project):
        return
    for p in rt.problems:
        if not runtime.read_by_platform(project, p.path):
            continue  # a file this platform's build never reads (python-version-source-ignored, runtime-txt-deprecated)
        yield Violation(p.path, p.line, p.message, hint=p.hint, col=p.col, anchor=p.anchor)
    for name in rt.misspelled if project.profile.python.get("table") == "heroku" else ():
        yield Violation(name, 0, f"'{name}' is a misspelling of '.python-version': the buildpack stops with 'Your "
                                 ".python-version file is spelled incorrectly'",
                        hint=f"Rename it: git mv '{name}' .python-version", anchor=name)
