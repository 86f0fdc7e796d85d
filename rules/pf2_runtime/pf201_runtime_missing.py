"""PF201 runtime-missing: no Python version is pinned; the platform picks its default."""
from preflight.findings import REPO, Severity, Violation
from preflight.project import fixes
from preflight.project.deploytarget import lowered
from preflight.project.runtime import deployed
from preflight.registry import rule


@rule("PF201", "runtime-missing", "W", "No Python version is pinned; the platform picks its default",
      fix="Pin the Python version: echo 3.14 > .python-version && git add .python-version", modes=["buildpack"],
      fixable="safe", needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Reports a Python app deployed with the buildpack that pins no Python version: no
    `.python-version`, no `runtime.txt`, and no Python version in `Pipfile.lock`. A pin file that
    exists on disk but that git ignores or does not track is missing for the platform too; it is
    reported once, by deploy-file-untracked, which names the ignore pattern. With `uv.lock` the
    finding is an error (on the platforms that build with the Heroku Python buildpacks).

    The message names the target platform's default (its profile's `facts.python.default`: 3.14 on
    Heroku, 3.13 on Scalingo, Koyeb, DigitalOcean and Railway, 3.14.3 on Render). The rule runs where the
    platform builds Python from the repository's files (`python_buildpack`): not on Fly (the
    Dockerfile's `FROM` decides) nor PythonAnywhere (the Web tab does).

    Python must show at the root (the buildpack's detection files, or a script there): a Node app
    with a helper script in a subfolder, or a monorepo whose app lives in `backend/`, is not judged
    here (procfile-misnamed and requirements-missing point at the subfolder). A package published to
    an index (package metadata with a build backend, and no deploy file, root entry script or
    WSGI/ASGI server) is not deployed and is left alone by the runtime rules.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest), on a chat bot with no Procfile, app.json or heroku.yml (such bots mostly run on
    their author's own server), and on a collection of apps each with its own requirements.txt (a
    demos repository, whose root nobody pushes), the finding is info and says why.

    ## Why it breaks the deploy
    The classic buildpack then installs its default (Python 3.14 today) on the first build and
    keeps the cached major version on later builds; the default moves with buildpack releases, so
    the app's Python changes without a commit, and packages pinned years ago stop having wheels.
    The buildpack says this warning will become an error. With uv, both buildpacks already stop:
    "No Python version was specified" (`uv python pin` is the fix they give).

    ## Example
    ```
    requirements.txt      <- and nothing that names a Python version
    ```

    ## How to fix
    `echo 3.13 > .python-version && git add .python-version` (or `uv python pin 3.13`). Pin
    `X.Y` only, so every build gets the latest security patch. `preflight check --fix` writes
    `.python-version` with the version it suggests (the platform's default unless the Dockerfile or
    `requires-python` asks for another supported one) and stages it.

    ## Source
    heroku-buildpack-python `lib/python_version.sh`; research/heroku.md B15, B16, A05; fixtures
    `python_version_unspecified`, `uv_no_python_version_file`; research/platforms.md §13 (the default
    Python per platform) and preflight/data/platforms/*.json (`facts.python.default`).
    """
    rt = project.runtime
    if rt.chosen is not None or rt.misspelled or not rt.has_python_project or not deployed(project):
        return
    if rt.unshipped:
        return  # the pin is on disk but not pushed: deploy-file-untracked names the ignore pattern
    if rt.runtime_txt is not None:
        return  # a runtime.txt the platform ignores or rejects: python-version-source-ignored, runtime-txt-deprecated
    pin = rt.suggestion()
    p = project.profile
    classic = p.python.get("table") == "heroku"   # the Heroku buildpacks' rules (uv, the cached version)
    if rt.uses_uv and classic:
        yield lowered(project, Violation(
            REPO, 0, "uv.lock but no .python-version: the buildpack will not guess a Python version for uv and "
                     "the build fails ('No Python version was specified')",
            hint=f"uv python pin {pin} && git add .python-version", severity=Severity.ERROR, anchor="uv",
            fix=fixes.python_version_pin(project)),
            unless_heroku=True)
        return
    files = ".python-version or runtime.txt" if p.python.get("runtime_txt") in ("read", "deprecated") \
        else ".python-version"
    if classic and p.python.get("runtime_txt") == "deprecated":
        later = "later builds keep whatever the first build cached"
    else:
        later = f"the default moves with {p.title}'s releases"
    who = "the buildpack" if classic else p.title
    yield lowered(project, Violation(
        REPO, 0, f"no {files}: {who} installs its default (Python {rt.default} today) and {later}, so the "
                 "app's Python changes without a commit",
        hint=f"Pin the version: echo {pin} > .python-version && git add .python-version", anchor="missing",
        fix=fixes.python_version_pin(project)),
        unless_heroku=True)
