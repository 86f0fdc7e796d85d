"""PF312 import-undeclared: code on the start path imports a third-party module whose distribution is not declared."""
from preflight.findings import Severity, Violation
from preflight.project.imports import undeclared_imports
from preflight.project.names import canonical
from preflight.registry import rule


@rule("PF312", "import-undeclared", "E",
      "Code on the start path imports a third-party module whose distribution is not declared",
      fix="Add the distribution to requirements.txt (or the project's dependency list) and pin the version "
          "you test with.")
def check(project):
    """
    ## What it does
    Follows the code each process runs (Procfile, Dockerfile/heroku.yml commands, crontab lines) through
    its local imports and checks every third-party import against the declared main dependencies.
    Import names are mapped to distributions as data: `yaml` is PyYAML, `telebot` is pyTelegramBotAPI,
    `cv2` is any of opencv-python(-headless), `bs4` is beautifulsoup4, `PIL` is Pillow... (an unmapped
    name is its own distribution). The code includes what Django loads by name: the packages in
    `INSTALLED_APPS` (and their `apps`, `models`, `admin` modules), `MIDDLEWARE`, URLconfs named by
    `include("app.urls")`. The standard library, local modules (also one imported in another letter
    case, which entry-broken reports), `__future__`, optional imports (`try: ... except ImportError:`),
    imports under `if TYPE_CHECKING:`, under interpreter/OS tests or under configuration tests
    (`if os.environ.get("DEBUG"):`, `if DEBUG: INSTALLED_APPS += [...]`, `if ENABLE_X:` where
    `ENABLE_X` is read from the environment), `INSTALLED_APPS` additions inside `try: ... except
    ImportError:`, a development settings module (manage.py's default when the web process names
    another), the body of a CLI subcommand no process runs (`@app.cli.command()`, `@group.command()`, a
    `@click.command()` the app registers with `add_command`), and the `__main__` block of a module no
    process runs as a script are not judged.

    A module a declared extra exists to install (`passlib[bcrypt]` -> bcrypt) or that a declared framework is
    built on and documents importing (fastapi -> starlette and pydantic, flask -> werkzeug, jinja2, click and
    itsdangerous) counts as declared. A dotted import spelled like a declared distribution (`fluent.syntax`
    from fluent-syntax) is that distribution's. When a declared distribution whose import names the data
    does not know shares a word with the module (`registration` / django-registration-redux), the module is
    not claimed missing: a warning names that distribution (an info when no known distribution is named like
    the module), saying it could not be verified.

    A module that only arrives as another package's dependency is reported with that explanation:
    as a warning when that package is declared (it works today, until the package drops it), as an
    error when that package is itself undeclared.

    ## Why it breaks the deploy
    The build installs exactly what the dependency file lists. A module that works locally because it
    happens to be installed in your environment is missing on the dyno: the process crashes at boot
    with `ModuleNotFoundError` (H10 for a web app).

    ## Example
    ```python
    import aiohttp_jinja2      # aiohttp-jinja2 is not in requirements.txt
    import jinja2              # arrives only through aiohttp-jinja2
    ```

    ## How to fix
    Add each distribution to `requirements.txt` (or `[project.dependencies]`, `[packages]`,
    `[tool.poetry.dependencies]`), pinned to the version you run locally. Declare what you import
    directly even when another package brings it.

    ## Source
    research/heroku.md (d) row 5 and C05/C06 (modules missing at boot); heroku-buildpack-python installs
    only the declared file (`bin/steps/pip-install`); the name map (preflight/data/import_names.json) is
    PyPI metadata and the `top_level.txt` / RECORD / METADATA of real wheels, read by
    `tools/import_names_from_wheels.py`.
    """
    report = undeclared_imports(project)
    for u in report.findings if report is not None else ():
        use, manifest = u.use, report.manifest
        dist = use.dists[0]
        lead = f"'{use.name}' is {use.how} but"
        absent = _absent(use.dists, manifest)
        hint = f"Add {dist} to {manifest}, pinned to the version you run locally."
        data = {"distribution": dist, **({"through": u.via} if u.kind in ("through", "carrier") else {})}
        kw = dict(anchor=canonical(dist), data=data)
        if u.kind == "dev":
            section = getattr(u.dev, "section", "") or u.dev.path
            yield Violation(use.path, use.line,
                            f"{lead} {getattr(u.dev, 'name', None) or dist} is declared only for development "
                            f"({section}), which the platform does not install: ModuleNotFoundError when this code "
                            "runs",
                            hint=f"Move {dist} to the main dependencies in {manifest}.", **kw)
        elif u.kind == "through":
            yield Violation(use.path, use.line, f"{lead} {absent}: it is installed only because {u.via} depends on "
                                                f"it, and a {u.via} release may drop or change it",
                            hint=hint, severity=Severity.WARNING, **kw)
        elif u.kind == "installed":
            yield Violation(use.path, use.line, f"{lead} {absent}: the lock file installs it only as another package's "
                                                "dependency, which may change with any update",
                            hint=hint, severity=Severity.WARNING, **kw)
        elif u.kind == "carrier":
            yield Violation(use.path, use.line, f"{lead} {absent}; it would arrive only through {u.via}, which is "
                                                "itself undeclared: ModuleNotFoundError when this code runs",
                            hint=f"Add {dist} and {u.via} to {manifest}.", **kw)
        elif u.kind == "unverified":
            yield Violation(use.path, use.line, f"{lead} {absent}, though the declared {u.via} may provide it: "
                                                f"preflight does not know the import names of {u.via}, so this "
                                                "could not be verified",
                            hint=f"If {u.via} does not install '{use.name.split('.')[0]}', add {dist} to {manifest}.",
                            severity=Severity.INFO if u.likely else Severity.WARNING, **kw)
        else:
            unsure = "" if report.complete else " (unless a requirement preflight cannot name provides it)"
            yield Violation(use.path, use.line, f"{lead} {absent}: the build does not install it, so this code fails "
                                                f"with ModuleNotFoundError{unsure}",
                            hint=hint, severity=None if report.complete else Severity.WARNING, **kw)


def _absent(dists: list, manifest: str) -> str:
    """``aiohttp-jinja2 is not in requirements.txt`` / ``neither A nor B is in ...`` / ``none of A, B, C is in ...``
    (any of the accepted distributions would do)."""
    if len(dists) == 1:
        return f"{dists[0]} is not in {manifest}"
    if len(dists) == 2:
        return f"neither {dists[0]} nor {dists[1]} is in {manifest}"
    return f"none of {', '.join(dists)} is in {manifest}"
