"""PF705 deploy-file-untracked: a file the deploy needs is on disk but git ignores or lacks it."""
from preflight.findings import REPO, Severity, Violation
from preflight.project.deployfiles import RUNTIME_FILES, container_push, ignore_source, needed_files
from preflight.registry import rule


# What the build loses without each file (research/heroku.md A02, A05, B, E01, I); {h14} is the platform's
# "no web processes" error, written "H14 (No web processes running)".
CONSEQUENCE = {
    "Procfile": "no process types are declared and requests get {h14}",
    "requirements.txt": "the build finds no package manager file (\"Couldn't find any supported Python package "
                        "manager files\") and fails",
    "Pipfile.lock": "the build finds no package manager file and fails",
    "poetry.lock": "the build finds no package manager file and fails",
    "uv.lock": "the build finds no package manager file and fails",
    "Pipfile": "Pipenv installs from Pipfile.lock without its Pipfile and the build fails",
    "pyproject.toml": "the locked install has no project file and the build fails",
    ".python-version": "the build uses the platform's default Python, not the version this file names",
    "runtime.txt": "the build uses the platform's default Python, not the version this file names",
    "heroku.yml": "the container build is not used and the push falls back to buildpack detection",
    "Dockerfile": "heroku.yml names a Dockerfile the build cannot find, so the build fails",
    "app.json": "review apps, the Heroku Button and Heroku CI do not see its settings",
}
# uv will not guess a Python version (research/heroku.md B16).
UV_PIN_CONSEQUENCE = "uv needs it and the build fails ('No Python version was specified')"


@rule("PF705", "deploy-file-untracked", "E", "A file the deploy needs is on disk but git ignores or lacks it",
      fix="Commit the file: git add <file> && git commit (remove its pattern from .gitignore first if it is "
          "ignored).")
def check(project):
    """
    ## What it does
    Checks the root files the build reads (`Procfile`, `requirements.txt`, `Pipfile`/`Pipfile.lock`,
    `poetry.lock`, `uv.lock`, `pyproject.toml` for Poetry/uv, `.python-version`, `runtime.txt`,
    `heroku.yml` and the Dockerfiles it names, `app.json`): one that exists on disk but that
    `.gitignore` excludes, or that was never `git add`-ed. It names the ignore pattern and where it
    is written.

    Severity: an error, except a warning for `app.json` and for a runtime file of an app that does
    not use uv (the build then uses the default Python, as runtime-missing says for a repository
    with no pin at all; with uv the build fails).

    A package manager or runtime file left out while another one is committed is taken as
    deliberate (a local `poetry.lock` beside a committed `requirements.txt`) and not reported.
    Outside git only the `.gitignore` half applies. Local modules the processes import are checked
    by module-gitignored. `heroku container:push` builds from the working directory, not from git,
    so a Dockerfile app without `heroku.yml` is not checked.

    ## Why it breaks the deploy
    `git push heroku main` sends commits, not the working directory. A file that works locally but
    is not committed does not exist in the build: no Procfile means H14, no package manager file
    fails the build, no `.python-version` gets the default Python.

    ## Example
    ```
    # .gitignore
    *.txt            <- also hides requirements.txt
    ```

    ## How to fix
    Remove or narrow the pattern (`!requirements.txt` after it, or `git add -f requirements.txt`),
    then commit the file.

    ## Source
    heroku/heroku-buildpack-python `bin/detect` and `lib/package_manager.sh` (their error text
    asks whether the file is in `.gitignore` and committed); research/heroku.md A05.
    """
    if container_push(project):
        return  # heroku container:push: the image is built from the working directory
    index = project.index
    needed = needed_files(project)
    if index.in_git and not project.files and needed:  # nothing staged or committed yet: one finding, not ten
        yield Violation(REPO, 0, f"nothing is committed yet ({', '.join(needed)} only on disk), so a push carries "
                                 "none of it", hint="git add -A && git commit -m 'first deploy'", anchor="empty")
        return
    code, _, what = project.profile.no_web_process.partition(" ")
    h14 = f"{code} ({what})"
    uv = project.shipped("uv.lock")
    for path in needed:
        severity = Severity.WARNING if path == "app.json" or (path in RUNTIME_FILES and not uv) else None
        consequence = UV_PIN_CONSEQUENCE if uv and path == ".python-version" else \
            CONSEQUENCE.get(path, "the build cannot read it").format(h14=h14)
        if index.ignored(path):
            source = ignore_source(project, path)
            by = f"ignored by {source}" if source else "ignored by .gitignore"
            fix = (f"Remove or narrow that pattern (or add '!{path}' after it), then: git add {path} && "
                   "git commit" if source else f"Stop ignoring it (git add -f {path}), then commit it.")
            yield Violation(path, 0, f"{path} is on disk but {by}, so the push does not carry it: {consequence}",
                            hint=fix, severity=severity, anchor=path)
        elif index.in_git and index.untracked(path):
            yield Violation(path, 0, f"{path} is on disk but was never committed, so the push does not carry "
                                     f"it: {consequence}",
                            hint=f"git add {path} && git commit", severity=severity, anchor=path)
