"""PF515 envsubst-missing: envsubst is used on an image that does not have it."""
from preflight.findings import Violation
from preflight.project.container import GETTEXT_PACKAGES
from preflight.registry import rule


@rule("PF515", "envsubst-missing", "E", "envsubst is used on an image that does not have it",
      fix="Install it: RUN apt-get update && apt-get install -y --no-install-recommends gettext-base && rm -rf "
          "/var/lib/apt/lists/* (Alpine: apk add --no-cache gettext-envsubst)", modes=("container",))
def check(project):
    """
    ## What it does
    Reports `envsubst` in a `RUN` step or in an entry script of an image whose base lacks it (the
    `-slim` and Alpine variants, distroless, scratch) when no step before installs it (`apt-get
    install gettext-base` or `gettext`, `apk add gettext` or `gettext-envsubst`). Full Debian-based
    images and `nginx` images are not reported: what they ship varies or includes it.

    ## Why it matters
    `envsubst: not found`: the image build fails, or the container exits at start before the app
    runs; with `set -e` absent, the config file is silently left empty.

    ## Example
    ```
    FROM python:3.13-slim
    CMD ["./run.sh"]        # run.sh: envsubst < config.tmpl > config.yaml
    ```

    ## How to fix
    `RUN apt-get update && apt-get install -y --no-install-recommends gettext-base && rm -rf
    /var/lib/apt/lists/*`.

    ## Source
    Debian package gettext-base (/usr/bin/envsubst), Alpine gettext-envsubst; research/docker.md §4.4.
    """
    p = project.profile
    container = project.container
    seen = set()
    for image in container.images:
        df, stage = image.dockerfile, image.stage
        if df is None or stage is None or df.errors:
            continue
        facts = container.facts(df)
        lacks = facts.lacks_gettext(stage)
        if lacks is None:
            continue
        installed = {n: line for n, line in facts.installs(stage).items() if n in GETTEXT_PACKAGES}
        for step in facts.chain_steps(stage):
            if "envsubst" in step.programs() and not any(line <= step.ins.line for line in installed.values()) \
                    and (df.path, step.ins.line) not in seen:
                seen.add((df.path, step.ins.line))
                yield Violation(df.path, step.ins.line, f"this RUN calls envsubst, but {lacks} and nothing "
                                                        "installs gettext-base before it: the image build fails "
                                                        "with 'envsubst: not found'", anchor="envsubst:run")
        if installed:
            continue
        for s in project.entry_scripts:
            if s.image is not image:
                continue
            for line in s.envsubst_lines():
                if (s.path, line) not in seen:
                    seen.add((s.path, line))
                    yield Violation(s.path, line, f"{s.path} calls envsubst, but the image {lacks} and the "
                                                  f"Dockerfile never installs gettext-base: 'envsubst: not found' "
                                                  f"when the {p.dyno} starts", anchor="envsubst:script")
