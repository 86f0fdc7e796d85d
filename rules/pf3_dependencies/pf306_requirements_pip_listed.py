"""PF306 requirements-pip-listed: pip, setuptools or wheel pinned in requirements.txt."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.project.installable import pins_tooling, tooling_downgrade
from preflight.project.runtime import app_python
from preflight.registry import rule


@rule("PF306", "requirements-pip-listed", "W", "pip, setuptools or wheel pinned in requirements.txt",
      fix="Delete the pip/setuptools pin: the platform installs and updates them itself.",
      modes=["buildpack"], fixable="safe", needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Reports `pip` or `setuptools` pinned, or capped (`==`, `<`, `<=`, `~=`), in `requirements.txt`
    (or a file it includes) below the version the buildpack installs itself: pip 26.2.1, and
    setuptools 70.3.0 on Python 3.10-3.12. On Python 3.13 and later the buildpack installs no
    setuptools, so a setuptools pin is an ordinary package, reported only when it is too old to
    import on Python 3.12+ (before 66.1.0). `wheel` is not installed by the buildpack and pip builds
    sdists in isolated environments with their own, so a wheel pin is not reported. An unpinned line,
    a lower bound (`setuptools>=70`) and a pin at or above the platform's version are left alone: pip
    sees it satisfied, or upgrades, and nothing breaks. In pip-compile output with `--hash` lines the
    hint says to regenerate the file instead of deleting the line, which would break the
    hash-checking install.

    ## Why it matters
    The buildpack installs its own pip (and, up to Python 3.12, setuptools) before installing the
    app. An older pin makes pip replace itself partway through the install: `pip==9.0.1` or
    `setuptools==28.8.0` (`pip freeze` output from years ago) downgrades the tools to versions that
    cannot build packages for current Python, or breaks the build outright.

    ## Example
    ```
    pip==9.0.1
    setuptools==28.8.0
    ```

    ## How to fix
    Delete those lines. If a package really needs a newer setuptools to build, write a lower bound
    (`setuptools>=70`). `preflight check --fix` deletes them, except from a hash-locked file
    (`--hash`), where pip needs every package pinned: regenerate the lock there.

    ## Source
    heroku-buildpack-python v351 `lib/pip.sh` (`pip::install_pip`, `SETUPTOOLS_VERSION`),
    `requirements/pip.txt` (preflight/data/heroku_build_tools.json); setuptools history v66.1.0;
    research/heroku.md C17.
    """
    reqs = project.requirements
    python = app_python(project)
    for req in reqs.installs if reqs is not None else ():
        what = tooling_downgrade(req, python) if pins_tooling(req) else None
        if what is None:
            continue
        hint = f"Delete the {req.key} line from {req.path}."
        if req.hashes:  # pip-compile --generate-hashes output: every dependency must keep its hashed line
            hint = (f"Regenerate {req.path} without the pin (pip-compile without --allow-unsafe, or with "
                    f"--unsafe-package {req.key}): deleting only that line breaks the hash-checking install when "
                    f"a dependency needs {req.key}.")
        yield Violation(req.path, req.line, f"{req.name}{req.specifier} pins {req.key}, which the platform "
                                            f"installs and manages itself: {what}", hint=hint, anchor=req.key,
                        fix=fixes.drop_requirement(project, req))
