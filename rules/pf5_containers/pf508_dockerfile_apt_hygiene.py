"""PF508 dockerfile-apt-hygiene: apt instead of apt-get, install without -y, a stale index, lists left behind."""
from preflight.findings import Violation
from preflight.project.container import apt_problems
from preflight.registry import rule


@rule("PF508", "dockerfile-apt-hygiene", "W", "apt instead of apt-get, install without -y, a separate update, "
      "package lists left in the image",
      fix="RUN apt-get update && apt-get install -y --no-install-recommends PKG && rm -rf /var/lib/apt/lists/*",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reads each `RUN` that calls apt and reports, in one finding per `RUN`:
    - `apt` instead of `apt-get` (apt warns that its command line is not stable for scripts);
    - `apt-get install` without `-y` (the build has no terminal to answer the prompt);
    - in the stages the image is made of: an `update` whose package lists stay in the layer, because
      the same `RUN` has no `rm -rf /var/lib/apt/lists/*` or because `update` runs alone in its `RUN`
      (Docker then reuses that cached layer, and a later rebuild installs from a months-old index);
      an `install` with no `update` before it in the stage chain (python and Debian images ship
      without package lists). A cache mount (`RUN --mount=type=cache`) needs no cleanup.

    ## Why it matters
    The first two fail or destabilise the image build; the stale index fails rebuilds later with
    "Unable to fetch some archives"; the lists add tens of MB to every image the platform stores and
    each dyno pulls, slowing every release.

    ## Example
    ```
    RUN apt update && apt -y install gettext-base
    ```

    ## How to fix
    ```
    RUN apt-get update \\
        && apt-get install -y --no-install-recommends gettext-base \\
        && rm -rf /var/lib/apt/lists/*
    ```

    ## Source
    hadolint DL3027, DL3014, DL3009 (preflight agrees with them, see bench/hadolint_compare.py) and
    checkov CKV_DOCKER_5; docs.docker.com/build/building/best-practices/#apt-get.
    """
    p = project.profile
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        used = {st.index for stage in project.container.stages_built(df) for st in df.chain(stage)}
        for found in apt_problems(project.container.facts(df), used):
            line = found.step.ins.line
            yield Violation(df.path, line, "apt in this RUN: " + "; ".join(found.problems) +
                            f": the image build fails or grows, and every release the {p.dynos} pull gets slower",
                            anchor=f"apt:{line}", data={"hadolint": found.codes})
