"""PF507 dockerfile-unpinned-base: FROM an image with no tag or with :latest."""
from preflight.findings import Violation
from preflight.project.container import unpinned_bases
from preflight.registry import rule


@rule("PF507", "dockerfile-unpinned-base", "W", "FROM an image with no tag, or with :latest",
      fix="Pin the base image's version: FROM python:3.13-slim (or a digest, @sha256:...).",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reports a `FROM` whose image has no tag (`FROM python`) or the `latest` tag, in every stage of a
    Dockerfile the platform builds. Stage names (`FROM build`), `scratch` and images given by a
    variable without a default are not reported; a digest (`@sha256:...`) pins the image.

    ## Why it matters
    The image the build starts from changes under you: `python` / `python:latest` moves to each new
    Python release, so a rebuild with no change of yours can run another Python, break wheels and fail
    the build or the boot. Each machine that builds (`heroku container:push` from a laptop, CI) may also
    use a different cached `latest`.

    ## How to fix
    `FROM python:3.13-slim`; for fully reproducible builds add the digest.

    ## Source
    hadolint DL3006 and DL3007 (the same check; preflight agrees with them, see bench/hadolint_compare.py);
    docs.docker.com/build/building/best-practices/#pin-base-image-versions.
    """
    p = project.profile
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        for stage, tag in unpinned_bases(df):
            image = stage.image or stage.base
            what = f"the 'latest' tag ({image})" if tag else f"no tag ({image} means {image}:latest)"
            yield Violation(df.path, stage.line, f"FROM with {what}: each build may start from another release, "
                                                 f"so an image that built and ran yesterday can fail today on the "
                                                 f"{p.dyno} with no change of yours", anchor=f"unpinned:{stage.line}")
