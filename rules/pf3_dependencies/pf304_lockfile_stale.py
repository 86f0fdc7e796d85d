"""PF304 lockfile-stale: a lock file out of sync with pyproject.toml or the Pipfile."""
from preflight.findings import Violation
from preflight.project.lockfiles import stale
from preflight.registry import rule


CONSEQUENCE = {
    "pipenv": "'pipenv install --deploy' aborts the build (\"Pipfile.lock is out of date\")",
    "poetry": "'poetry sync' stops the build (\"pyproject.toml changed significantly since poetry.lock was last "
              "generated\")",
    "uv": "'uv sync --locked' stops the build (the lockfile needs to be updated)",
}
HINT = {"pipenv": "Run 'pipenv lock' with a current Pipenv and commit Pipfile.lock.",
        "poetry": "Run 'poetry lock' and commit poetry.lock.", "uv": "Run 'uv lock' and commit uv.lock."}
LOCK = {"pipenv": "Pipfile.lock", "poetry": "poetry.lock", "uv": "uv.lock"}


@rule("PF304", "lockfile-stale", "E", "A lock file out of sync with pyproject.toml or the Pipfile",
      fix="Re-lock (uv lock, poetry lock or pipenv lock) and commit the lock file with the manifest.",
      modes=["buildpack"], needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Compares each lock file with the manifest it was generated from:
    - `Pipfile.lock`: its `_meta.hash.sha256` against the hash of the `Pipfile` (Pipenv's own
      algorithm: a SHA-256 of the Pipfile's sources, requires and package sections as sorted JSON),
      then names each `[packages]`/`[dev-packages]` entry missing from the lock;
    - `poetry.lock`: its `metadata.content-hash` against Poetry's hash of the relevant
      `pyproject.toml` sections, then names each dependency missing from the lock's packages;
    - `uv.lock`: the project's own entry (`requires-dist`, `requires-dev`) and `requires-python`
      against `[project]`, `[project.optional-dependencies]`, `[dependency-groups]`.

    ## Why it breaks the deploy
    The platform installs with the lock-checking commands: `pipenv install --deploy` ("Pipfile.lock
    is out of date ... Aborting deploy"), `poetry sync` ("pyproject.toml changed significantly since
    poetry.lock was last generated"), `uv sync --locked` ("The lockfile needs to be updated, but
    --locked was provided"). A dependency added to the manifest and not re-locked stops the build.

    ## Example
    ```
    # pyproject.toml
    dependencies = ["flask>=3", "httpx"]     <- httpx added after `uv lock`
    ```

    ## How to fix
    Run `uv lock`, `poetry lock` or `pipenv lock` and commit the lock file together with the
    manifest (a pre-commit hook such as `uv lock --check` keeps them in step).

    ## Source
    heroku-buildpack-python `lib/pipenv.sh`, `lib/poetry.sh`, `lib/uv.sh`; fixtures
    `pipenv_lockfile_out_of_sync`, `poetry_lockfile_out_of_sync`, `uv_lockfile_out_of_sync`;
    pypa/pipenv `project.calculate_pipfile_hash`, python-poetry `Locker._get_content_hash`;
    research/heroku.md C01, C02, C03.
    """
    for s in stale(project):
        yield Violation(s.path, s.line, f"{_what(s)}: {CONSEQUENCE[s.manager]}", hint=HINT[s.manager], anchor=s.anchor)


def _what(s) -> str:
    """How the lock disagrees with its manifest, as the message says it."""
    if s.kind == "missing":
        where = f"Pipfile [{s.section}]" if s.manager == "pipenv" else f"pyproject.toml {s.section}"
        return f"'{s.name}' is in {where} but not in {LOCK[s.manager]}"
    if s.kind == "no-hash":
        return "Pipfile.lock has no _meta.hash"
    if s.kind == "hash" and s.manager == "pipenv":
        return "Pipfile.lock was generated from another Pipfile (its _meta.hash does not match)"
    if s.kind == "hash":
        return ("poetry.lock's content-hash does not match pyproject.toml (a dependency, a source or the Python "
                "constraint changed since 'poetry lock')")
    if s.kind == "root":
        return f"uv.lock has no entry for the project '{s.name}' (renamed, or locked elsewhere)"
    if s.kind == "requires-python":
        return f"requires-python is '{s.want}' but uv.lock was made for '{s.have}'"
    if s.kind == "specifier":
        return f"'{s.name}{s.want}' in pyproject.toml but uv.lock was made for '{s.name}{s.have}'"
    return f"'{s.name}' was removed from pyproject.toml but uv.lock still requires it"
