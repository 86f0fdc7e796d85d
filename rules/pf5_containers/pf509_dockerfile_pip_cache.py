"""PF509 dockerfile-pip-cache: pip install keeps its download cache in the image."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.project.container import pip_without_cache_flag
from preflight.registry import rule


@rule("PF509", "dockerfile-pip-cache", "I", "pip install keeps its download cache in the image",
      fix="Add --no-cache-dir (RUN pip install --no-cache-dir -r requirements.txt) or ENV PIP_NO_CACHE_DIR=1.",
      modes=("container",), fixable="safe")
def check(project):
    """
    ## What it does
    Reports a `RUN` with `pip install` (also `python -m pip install`) and no `--no-cache-dir`, unless
    `PIP_NO_CACHE_DIR` is set by `ENV`/`ARG` in the stage (or the stage it is built from) or the `RUN`
    uses a cache mount (`--mount=type=cache`), or deletes the cache in the same RUN (`rm -rf
    /root/.cache/`, `pip cache purge`).

    ## Why it matters
    pip keeps every wheel it downloaded under `/root/.cache/pip`; in an image nothing ever reads it
    again. It often doubles the size of the dependency layer, which the registry stores and every dyno
    pulls at each release and restart.

    ## How to fix
    `RUN pip install --no-cache-dir -r requirements.txt`, or `ENV PIP_NO_CACHE_DIR=1` once.
    `preflight check --fix` adds `--no-cache-dir` after each `pip install` of the RUN.

    ## Source
    hadolint DL3042 (the same check; see bench/hadolint_compare.py); pip's documentation on caching.
    """
    p = project.profile
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        for step in pip_without_cache_flag(project.container.facts(df)):
            yield Violation(df.path, step.ins.line, f"pip install without --no-cache-dir keeps pip's download "
                                                    f"cache in the image: a bigger layer to store and for every "
                                                    f"{p.dyno} to pull", anchor=f"pip-cache:{step.ins.line}",
                            fix=fixes.pip_no_cache_dir(project, df.path, step))
