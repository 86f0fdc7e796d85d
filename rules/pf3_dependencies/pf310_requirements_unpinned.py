"""PF310 requirements-unpinned: a requirement without a version."""
from preflight.findings import Violation
from preflight.project.installable import unpinned
from preflight.registry import rule


@rule("PF310", "requirements-unpinned", "I", "A requirement without a version",
      fix="Pin the version you test with (name==version; `pip freeze` shows it).")
def check(project):
    """
    ## What it does
    Reports each requirement in `requirements.txt` (and its includes) with no version specifier at
    all (`requests`), unless a `-c` constraints file pins it. Ranges (`requests>=2.31`) count as a
    choice and are not reported; URL, VCS and path requirements, and pip/setuptools/wheel, are
    left alone.

    ## Why it matters
    Every build installs whatever release is newest that day. A new major version can break the app
    between two deploys of the same code, and a rollback does not bring the old version back.

    ## Example
    ```
    requests
    ```

    ## How to fix
    Pin the version you test with (`requests==2.32.3`), or move to a lock file (uv, Poetry).

    ## Source
    Heroku Dev Center, "Python Dependencies via Pip" (pin versions for repeatable builds).
    """
    reqs = project.requirements
    for req in unpinned(reqs) if reqs is not None else ():
        yield Violation(req.path, req.line, f"'{req.name}' has no version: each build installs the newest release",
                        hint=f"Pin it: {req.name}==<the version you test with>.", anchor=req.key)
