"""PF306 requirements-pip-listed: pip, setuptools or wheel pinned in requirements.txt."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.project.installable import pins_tooling
from preflight.registry import rule


@rule("PF306", "requirements-pip-listed", "W", "pip, setuptools or wheel pinned in requirements.txt",
      fix="Delete the pip/setuptools/wheel pin: the platform installs and updates them itself.",
      modes=["buildpack"], fixable="safe")
def check(project):
    """
    ## What it does
    Reports `pip`, `setuptools` or `wheel` pinned to a version, or capped (`==`, `<`, `<=`, `~=`),
    in `requirements.txt` (or a file it includes). An unpinned line or a lower bound
    (`setuptools>=70`) is left alone: pip sees it satisfied and changes nothing.

    ## Why it matters
    The buildpack installs its own pip (and, up to Python 3.12, setuptools and wheel) before
    installing the app. A pin makes pip replace itself partway through the install: an old pin
    such as `pip==9.0.1` or `setuptools==28.8.0` (`pip freeze` output from years ago) downgrades
    the tools to versions that cannot build packages for current Python, or breaks the build
    outright.

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
    heroku-buildpack-python `lib/pip.sh` (`pip::install_pip_setuptools_wheel`), `requirements/*.txt`;
    research/heroku.md C17.
    """
    reqs = project.requirements
    for req in reqs.installs if reqs is not None else ():
        if not pins_tooling(req):
            continue
        what = "pip replaces itself partway through the build" if req.key == "pip" else \
            f"the build reinstalls {req.key} mid-install, and an old one cannot build packages for current Python"
        yield Violation(req.path, req.line, f"{req.name}{req.specifier} pins {req.key}, which the platform "
                                            f"installs and manages itself: {what}",
                        hint=f"Delete the {req.key} line from {req.path}.", anchor=req.key,
                        fix=fixes.drop_requirement(project, req))
