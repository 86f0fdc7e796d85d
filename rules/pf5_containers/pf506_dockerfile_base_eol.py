"""PF506 dockerfile-base-eol: the image is built FROM a Python past its end of life."""
from preflight.findings import Violation
from preflight.project.runtime import python_base_eol
from preflight.registry import rule


@rule("PF506", "dockerfile-base-eol", "W", "The image is built FROM a Python that is past its end of life",
      fix="Move to a supported Python: FROM python:3.13-slim (and run the tests on it).",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reads the `FROM python:X.Y...` image each process runs on (following `FROM <stage>` to the real
    image, ARG defaults substituted; `ghcr.io/astral-sh/uv:python3.X-...` counts too) and compares its
    version with the Python end-of-life dates in preflight's table (`preflight/data/heroku_python.json`,
    upstream dates from devguide.python.org).

    ## Why it matters
    An end-of-life Python gets no security fixes, its images are no longer rebuilt (the OS packages in
    them age too), and current releases of many libraries no longer install on it, so the next
    dependency bump fails the image build. In container mode the platform runs whatever the image
    holds: nothing warns you later.

    ## Example
    ```
    FROM python:3.7
    ```

    ## How to fix
    `FROM python:3.13-slim`, pinning the same version in `.python-version` for local tools.

    ## Source
    devguide.python.org/versions (end-of-life dates); preflight/data/heroku_python.json.
    """
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        for stage in project.container.stages_built(df):
            found = python_base_eol(project.container.facts(df), stage)
            if found is None:
                continue
            base, version, since = found
            yield Violation(df.path, base.line, f"FROM {base.image}: Python {version} reached its end of life "
                                                f"{since}; it gets no security fixes, and new releases of your "
                                                f"dependencies stop installing on it, which fails the image build",
                            anchor=f"base-eol:{base.line}")
