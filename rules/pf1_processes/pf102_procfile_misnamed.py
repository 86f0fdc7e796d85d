"""PF102 procfile-misnamed: a process file the platform does not read (misnamed, a folder, in a subfolder)."""
from __future__ import annotations

from preflight.findings import Violation
from preflight.messages import code_of
from preflight.project import fixes
from preflight.registry import rule


@rule("PF102", "procfile-misnamed", "E", "The Procfile is misnamed, is a folder, or is only in a subfolder",
      fix="Rename the file to exactly 'Procfile' (no extension, capital P) at the repository root: "
          "git mv <file> Procfile", modes=["buildpack"], fixable="safe", needs=("procfile",))
def check(project):
    """
    ## What it does
    Finds a process file the platform will not read: `Procfile.txt` (Windows editors add the
    extension), `procfile`, `PROCFILE`, `Procfile.yml`, a folder named `Procfile`, or a `Procfile`
    that exists only in a subfolder. `Procfile.dev` and similar deliberate variants are left alone,
    and so are Procfiles in documentation, example and test folders (`docs/`, `examples/`,
    `tests/fixtures/`...).

    ## Why it breaks the deploy
    The platform looks for a file named exactly `Procfile` at the root of the pushed tree. Any
    other name is ignored: the build succeeds, no process types are declared, and every request
    gets **H14 No web processes running**.

    ## Example
    ```
    Procfile.txt        <- ignored
    ```

    ## How to fix
    `git mv Procfile.txt Procfile` (`preflight check --fix` does it for a misnamed file); on Windows, turn on "file name extensions" in Explorer to see
    the hidden `.txt`.

    ## Source
    Heroku Dev Center, "The Procfile" ("Procfile.txt is not valid"; it must live in the root);
    research/heroku.md E02.
    """

    found = project.misplaced_procfile
    if found is None:
        return
    path, h14 = found.path, code_of(project.profile.no_web_process)
    if found.how == "folder" and found.also:
        yield Violation(path, 0, f"'{path}' is a folder and the processes are in '{found.also}': the platform reads "
                                 f"neither, so no process types are declared ({h14})",
                        hint=f"Remove the 'Procfile' folder, then git mv '{found.also}' Procfile")
    elif found.how == "folder":
        yield Violation(path, 0, f"'{path}' is a folder; the platform needs a file with that name, so no process "
                                 f"types are declared ({h14})",
                        hint="Rename or remove the 'Procfile' folder and put a file named Procfile at the root.")
    elif found.how == "misnamed":
        yield Violation(path, 0, f"the process file is named '{path}'; the platform only reads 'Procfile', so no "
                                 f"process types are declared ({h14})",
                        hint=f"Rename it: git mv '{path}' Procfile", anchor=path,
                        fix=fixes.rename(project, path, "Procfile"))
    else:
        yield Violation(path, 0, f"'{path}' is in a subfolder; the platform only reads a Procfile at the root of "
                                 "the repository",
                        hint="Move it to the root, or deploy that folder as its own app (on Heroku: a monorepo "
                             "buildpack with APP_BASE).", anchor=path)
