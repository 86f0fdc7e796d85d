"""PF824 builder-detection-surprise: the files present make the platform build something other than the
Python app the repository sets up."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.project.buildpacks import named
from preflight.project.dependencies import manager_files
from preflight.project.deploytarget import lowered
from preflight.project.startcommand import builds_root_dockerfile
from preflight.registry import rule

_PINS = ("runtime.txt", ".python-version")


@rule("PF824", "builder-detection-surprise", "W", "The platform's detection builds something other than the "
      "Python app: Node.js first, or the root Dockerfile", fix="Select the Python buildpack explicitly (a "
      ".buildpacks file, BUILDPACK_NAME, buildpacks:set), or make the Dockerfile the one build the repository "
      "describes.")
def check(project):
    """
    ## What it does
    Reports files that make the platform's builder detection pick something other than the Python
    app the repository sets up:
    - a root `package.json` beside the Python project files on a platform that detects Node.js
      before Python (the profile's `facts.node_first`: Heroku classic, Dokku's herokuish, Scalingo),
      unless the repository selects the Python buildpack itself (a `.buildpacks` file, app.json
      `buildpacks`, `BUILDPACK_URL`/`BUILDPACK_NAME` in a committed `.env` or a manifest's `env`);
      a warning when the repository's deploy files are the platform's (a Procfile, app.json...) and
      it builds no image of its own (no root Dockerfile), else info, since the buildpacks are often
      set on the app where no file shows them;
      and on Dokku when a root Dockerfile and no buildpack file make it build the Dockerfile;
    - a root `Dockerfile` on a platform that builds it whenever it is there (`facts.dockerfile`:
      Railway, DigitalOcean App Platform, Google Cloud Run) while the repository also has a
      Procfile or a Python pin for the buildpack: they are ignored. Info when there is no Procfile
      (the Dockerfile is most likely the intended build).

    ## Why it breaks the deploy
    Scalingo tries its buildpacks in alphabetical order and Node.js comes before Python; Heroku
    classic's detection also tries Node.js first: a Django app with a `package.json` for Tailwind is
    built as a Node.js app, the Python dependencies are never installed, and the web process fails
    with `gunicorn: command not found`. Railway "will always build with a Dockerfile if it finds
    one", and App Platform and Cloud Run build a root Dockerfile instead of their buildpacks: the
    Procfile's commands, `runtime.txt` and `.python-version` then play no part.

    ## Example
    ```
    package.json        <- Tailwind's build
    requirements.txt
    Procfile            web: gunicorn mysite.wsgi
    ```

    ## How to fix
    Select the buildpacks explicitly (Scalingo: `BUILDPACK_NAME=python`, or a `.buildpacks` file
    with the Node.js and Python buildpacks; Heroku: `heroku buildpacks:set heroku/python`, plus
    `heroku/nodejs` first when the build needs Node.js; Dokku: a `.buildpacks` file). Beside a
    Dockerfile that is always built: put the start command in the Dockerfile's `CMD` (or the
    service's start command) and pin Python in its `FROM`, or remove the Dockerfile.

    ## Source
    research/platforms.md §4.1 (Scalingo: detection order, BUILDPACK_NAME), §3.1 (Dokku builder
    selection), §6.1 (Railway: a Dockerfile is always built), §9.1, §10.1, §13 ("Python + root
    package.json", "Dockerfile used automatically"), §14 rule 24; the profiles' `facts.node_first`,
    `facts.buildpack_select` and `facts.dockerfile` (preflight/data/platforms/).
    """
    p = project.profile
    python_files = manager_files(project) + [f for f in ("Pipfile", "pyproject.toml") if project.shipped(f)]
    if not python_files:
        return
    # Dokku builds a root Dockerfile when no buildpack file selects herokuish (facts.dockerfile "when ..."): then
    # the buildpacks' detection order plays no part
    dockerfile_build = project.shipped("Dockerfile") and str(p.facts.get("dockerfile") or "").startswith("when")
    packs = named(project)
    if p.facts.get("node_first") and project.shipped("package.json") and not any(b.python for b in packs) and \
            not (dockerfile_build and not packs) and project.mode == "buildpack":
        select = p.facts.get("buildpack_select") or "select the Python buildpack explicitly"
        # The buildpacks are often set on the app (heroku buildpacks:set), where no file shows them: a
        # warning only when the repository's own deploy files are the platform's, else info.
        # A Dockerfile beside them (pythondotorg, saleor) says the app also ships as an image that builds
        # both: the buildpack's detection is then a maybe.
        sure = project.deploy_target.kind == "platform" and not any(
            f == "Dockerfile" or f.startswith("Dockerfile.") for f in project.index.root_names)
        yield lowered(project, Violation(
            "package.json", 0, f"{p.title} detects Node.js before Python: with package.json at the root (beside "
                               f"{python_files[0]}), the app is built as a Node.js app unless the buildpacks are "
                               "set on the app, and the Python dependencies are not installed",
            hint=f"Select the buildpacks: {select}.", anchor="node-first",
            severity=None if sure else Severity.INFO))
    if builds_root_dockerfile(project) and p.procfile is not None:  # Fly reads no Procfile: PF801 says it
        ignored = [f for f in ("Procfile",) + _PINS if project.shipped(f)]
        if not ignored:
            return
        procfile = "Procfile" in ignored
        yield Violation("Dockerfile", 0, f"{p.title} builds the root Dockerfile whenever it is there: "
                                         f"{' and '.join(ignored)} {'are' if len(ignored) > 1 else 'is'} ignored "
                                         "(the image's CMD and FROM decide the start command and the Python version)",
                        hint="Put the start command in the Dockerfile's CMD (or the service's start command) and pin "
                             "Python in its FROM; or remove the Dockerfile to build with the buildpack.",
                        severity=None if procfile else Severity.INFO, anchor="dockerfile-wins")
