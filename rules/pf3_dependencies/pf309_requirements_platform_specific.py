"""PF309 requirements-platform-specific: a Windows-only distribution without a marker limiting it to Windows,
or a wheel URL built for another platform or Python."""
from preflight.findings import Violation
from preflight.project.installable import python2_only, wheel_mismatch
from preflight.project.linux import IMPORT_FAILS, WINDOWS_ONLY, never_on_linux, windows_only
from preflight.project.runtime import app_python
from preflight.registry import rule


@rule("PF309", "requirements-platform-specific", "E",
      "A Windows-only distribution, or a wheel for another platform or Python, without a marker limiting it",
      fix="Add the marker '; sys_platform == \"win32\"' to the requirement, or delete it.")
def check(project):
    """
    ## What it does
    Reports a Windows-only distribution among the production dependencies (`requirements.txt`,
    `Pipfile` [packages], `pyproject.toml` dependencies) whose environment marker does not exclude
    Linux: `pywin32`, `pypiwin32`, `pywinpty`, `windows-curses`, `wmi`, `requests-negotiate-sspi`,
    `msvc-runtime`, `twisted-iocpsupport` (no Linux build, or they require pywin32; Twisted, and so
    Channels/Daphne and Scrapy, pull in the last one on Windows), and `comtypes` (installs, fails on
    import). Also a wheel URL in `requirements.txt` that cannot install on the platform: built for
    another OS (`win_amd64`, `macosx_*`, `musllinux`; the stack is glibc Linux x86-64) or, in buildpack
    mode, another CPython than the app's (`cp38` on 3.12; an `abi3` wheel runs on its minor and
    later), copied from a download page or a `pip freeze` on another machine; and a distribution only
    Python 2 can install (`wsgiref==0.1.2`, `MySQL-python`).

    ## Why it breaks the deploy
    Dynos run Linux. pip finds no version of these for Linux ("No matching distribution found for
    pywin32") and the build fails; comtypes installs and then crashes the app on import.
    `pip freeze` on a Windows machine is the usual source.

    ## Example
    ```
    pywin32==306
    ```

    ## How to fix
    Delete the line, or keep it for Windows development only with a marker:
    `pywin32==306; sys_platform == "win32"`.

    ## Source
    research/heroku.md C08 (mhammond/pywin32#1197, #1698, #1739, #1767; zakird/pyad#130;
    moneymeets/python-poetry-buildpack#49); the packages' PyPI files (checked 2026-11).
    """
    dynos = project.profile.dynos
    for dep in windows_only(project.dependencies):
        if dep.key in IMPORT_FAILS:
            msg = f"{dep.name} {WINDOWS_ONLY[dep.key]}: {dynos} run Linux, so the app fails when it imports it"
        else:
            msg = f"{dep.name} {WINDOWS_ONLY[dep.key]}: it is Windows-only and {dynos} run Linux, so the install fails"
        yield Violation(dep.path, dep.line, msg, anchor=dep.key)
    reqs = project.requirements
    python = app_python(project) if project.mode == "buildpack" else None
    for req in reqs.installs if reqs is not None else ():
        if never_on_linux(getattr(req, "marker", "") or ""):
            continue
        old = python2_only(req)
        if old:
            yield Violation(req.path, req.line, f"{req.name} {old}: no Python 3 can install it, so the build fails",
                            hint=f"Delete the {req.name} line" + (" (use mysqlclient)." if req.key == "mysql-python"
                                                                  else ": the standard library has it."),
                            anchor=f"python2:{req.key}")
            continue
        why = wheel_mismatch(req, python)
        if why:
            name = req.url.rsplit("/", 1)[-1]
            yield Violation(req.path, req.line, f"'{name}' {why}, so the build fails", anchor=f"wheel:{name}",
                            hint="Use the package's name and version instead (pip picks the wheel for the platform), "
                                 "or the URL of the wheel built for it.")
