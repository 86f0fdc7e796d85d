"""PF404 module-gitignored: the start path imports a local module that git does not ship."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import code_of
from preflight.registry import rule


@rule("PF404", "module-gitignored", "E", "The start path imports a local module that git does not ship",
      fix="Read secrets from os.environ (heroku config:set NAME=value) instead of an ignored module, or "
          "commit the module if it holds no secrets.")
def check(project):
    """
    ## What it does
    Follows the imports of the code each process runs and finds a local module that git leaves out:
    ignored by `.gitignore` (the classic `from conf import *` with `conf.py` ignored because it holds
    the bot token) or on disk but never committed. Imports inside `try: ... except ImportError:` are
    optional and not reported (Django's `local_settings` pattern), nor are imports under a test of the
    configuration (`if os.path.exists("local.py"):`, `if os.environ.get("DEBUG"):`).

    ## Why it breaks the deploy
    The platform builds what git pushes. The module is missing on the dyno, so the import raises
    `ModuleNotFoundError` at boot and the process crashes (**H10 App crashed** for the web process).

    ## Example
    ```python
    from conf import *      # .gitignore: conf.py
    ```

    ## How to fix
    Move the secrets into config vars (`heroku config:set TOKEN=...`) and read them with
    `os.environ["TOKEN"]`; commit the module if it holds nothing secret.

    ## Source
    research/heroku.md E10, F (H10) and A05; the seed tutorial's "Секретные ключи" section.
    """

    from preflight.project.unshipped import unshipped_imports

    h10 = code_of(project.profile.app_crashed)
    for found in unshipped_imports(project):
        mod, imp = found.module, found.imp
        name = imp.module if not imp.names or imp.names == ["*"] else f"{imp.module}.{'/'.join(imp.names)}"
        where = " (and not on disk here either)" if found.absent else ""
        yield Violation(mod.path, imp.line, f"{mod.path} imports {name}, but {found.path} is {found.state}{where}: git "
                                            f"never pushes it, so the import fails with ModuleNotFoundError at boot "
                                            f"({h10})", col=imp.col + 1, anchor=imp.module)
