"""PF314 project-not-installable: the package manager installs the project itself, and its package cannot be built."""
from preflight.findings import Violation
from preflight.messages import clip
from preflight.registry import rule


BY = {"poetry": "poetry sync", "uv": "uv sync", "pip": "pip", "pipenv": "pipenv install"}


@rule("PF314", "project-not-installable", "E",
      "The package manager installs the project itself, and its package cannot be built",
      fix="If the app is not meant to be a package, tell the package manager not to install it (Poetry: "
          "package-mode = false; uv: [tool.uv] package = false; pip: delete '-e .'); otherwise point the "
          "build at the package folder.", modes=["buildpack"], needs=("python_buildpack",))
def check(project):
    """
    ## What it does
    Finds a build that installs the repository itself as a package and cannot build it:
    - Poetry in package mode (the default: no `package-mode = false`) where no folder or module is
      named after the project (`name` lowercased, `-` and `.` read as `_`; at the root or under
      `src/`), or a `packages = [{include = ...}]` entry that names a folder that is not there;
    - a uv project with a `[build-system]` whose backend finds no package: uv_build wants
      `src/<name>/__init__.py` (or its `module-root`/`module-name`), hatchling a folder named after
      the project, setuptools refuses a flat layout with several top-level folders;
    - `-e .` or `.` in requirements.txt (or `{path = "."}` in the Pipfile) with neither `setup.py`
      nor `pyproject.toml`, or where setuptools' automatic discovery finds several top-level packages
      (every folder with an identifier name counts, `templates/` and `static/` included) or, with
      none, several top-level modules.

    ## Why it breaks the deploy
    The buildpack runs `poetry sync --only main`, `uv sync --locked --no-default-groups` or
    `pip install -r requirements.txt`, each of which builds and installs the root project, and the
    build stops: "No file/folder found for package backend" (an error since Poetry 2.0), "Expected a
    Python module at: src/shop/__init__.py", "Unable to determine which files to ship inside the
    wheel", "Multiple top-level packages discovered in a flat-layout: ['static', 'templates']",
    "does not appear to be a Python project: neither 'setup.py' nor 'pyproject.toml' found". A web
    app run by gunicorn from its folder usually never needed to be installed at all.

    ## Example
    ```toml
    [project]
    name = "backend"           # `poetry init` in a folder called backend; the code is in mysite/
    dependencies = ["django (>=5.2,<6.0)"]

    [build-system]
    requires = ["poetry-core>=2.0.0,<3.0.0"]
    build-backend = "poetry.core.masonry.api"
    ```

    ## How to fix
    An app that is not a package: `package-mode = false` under `[tool.poetry]`; `package = false`
    under `[tool.uv]` (or no `[build-system]`); delete `-e .` from requirements.txt. A real package:
    name its folder (`packages = [{include = "mysite"}]`, `[tool.uv.build-backend] module-name`,
    `[tool.hatch.build.targets.wheel] packages`, `[tool.setuptools] packages`) or move it to
    `src/<name>/`.

    ## Source
    heroku-buildpack-python `lib/poetry.sh` (`poetry sync --only main`), `lib/uv.sh` (`uv sync --locked
    --no-default-groups`), `lib/pip.sh`; research/heroku.md C04, C20; poetry-core
    `masonry/utils/module.py`; hatchling `builders/wheel.py`; setuptools `discovery.py` (checked with
    setuptools 84 and pip 26); preflight/project/rootproject.py for the model.
    """
    root = getattr(project.dependencies, "root", None)
    if root is None or not root.problem:
        return
    installs = {"pip": f"'{clip(root.line_text, 40)}' installs the project itself",
                "pipenv": "the Pipfile installs the project itself",
                "poetry": "Poetry installs the project itself (package mode is on)",
                "uv": f"uv installs the project itself ([build-system] uses {root.backend})"}[root.manager]
    yield Violation(root.problem_path, root.problem_line,
                    f"{installs} and cannot build it: {root.problem}, so '{BY[root.manager]}' fails the build",
                    hint=root.hint, anchor=f"root:{root.manager}")
