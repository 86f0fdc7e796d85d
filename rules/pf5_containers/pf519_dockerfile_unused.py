"""PF519 dockerfile-unused: buildpack mode with a Dockerfile: the platform does not build it."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF519", "dockerfile-unused", "I", "A Dockerfile beside a Procfile, without heroku.yml: the platform "
      "builds with the buildpack, not the Dockerfile",
      fix="Nothing if the Dockerfile is for local use; to deploy the image, add heroku.yml (build.docker.web: "
          "Dockerfile) and run heroku stack:set container, or use heroku container:push.",
      modes=("buildpack",), needs=("heroku_yml",))
def check(project):
    """
    ## What it does
    Says once, as information, that a repository with a `Dockerfile`, a `Procfile` and no `heroku.yml`
    deploys with the buildpack on `git push`: the Procfile starts the processes, and nothing in the
    Dockerfile (its base image, its system packages, its `CMD`) is used. preflight then checks the
    buildpack deploy and leaves the Dockerfile alone.

    ## Why it matters
    System packages installed only in the Dockerfile (`apt-get install ...`) are missing at run time,
    and the Python version is the one the runtime files pin, not the `FROM` image's.

    ## How to fix
    Keep it if it is for local development. To deploy the image: a heroku.yml with `build: docker: web:
    Dockerfile` plus `heroku stack:set container`, or `heroku container:push web`.

    ## Source
    Dev Center "Building Docker Images with heroku.yml" (the stack must be `container`) and "Container
    Registry & Runtime"; research/docker.md §4.3.
    """
    if not project.shipped("Dockerfile") or not project.shipped("Procfile") or project.heroku_yml is not None:
        return
    p = project.profile
    yield Violation("Dockerfile", 0, f"with a Procfile and no heroku.yml, git push builds this app with the "
                                     f"buildpack and the Procfile: the Dockerfile is not used (its FROM image, "
                                     f"system packages and CMD never reach the {p.dynos})", anchor="unused")
