"""PF307 requirements-conflict: one distribution required twice with incompatible versions."""
from preflight.findings import Violation
from preflight.project.installable import conflicts
from preflight.registry import rule


@rule("PF307", "requirements-conflict", "E", "One distribution required twice with incompatible versions",
      fix="Keep one requirement per distribution, with a version range that works for the whole app.")
def check(project):
    """
    ## What it does
    Collects every requirement pip sees (`requirements.txt`, its `-r` includes and `-c`
    constraints) and reports a distribution required more than once with version specifiers no
    single version satisfies (`flask==2.0` and `flask>=3`; `django~=4.2` and `django>=5`).
    Requirements whose environment markers never hold together on the platform (Linux, CPython
    3.9-3.14) are not a conflict: `numpy==1.26; python_version < "3.12"` and `numpy==2.1;
    python_version >= "3.12"` are fine.

    ## Why it breaks the deploy
    pip's resolver stops with "Cannot install ... because these package versions have conflicting
    dependencies" (ResolutionImpossible) and the build fails.

    ## Example
    ```
    # requirements.txt
    -r base.txt          # base.txt: flask==2.0
    flask>=3
    ```

    ## How to fix
    Keep one line per distribution; with split files, pin in one place (a constraints file) and
    leave the others unpinned.

    ## Source
    pip resolver (ResolutionImpossible); `packaging.specifiers`.
    """
    reqs = project.requirements
    for last, before in conflicts(reqs) if reqs is not None else ():
        others = "; ".join(f"{r.name}{r.specifier} ({r.path}:{r.line})" for r in before)
        yield Violation(last.path, last.line, f"{last.name}{last.specifier} conflicts with {others}: no version "
                                              "satisfies both, so pip stops with ResolutionImpossible",
                        anchor=last.key)
