"""PF1xx Processes: what the Procfile itself shows.

Sources: Heroku Dev Center "The Procfile" (process types, the web process, release phase), and the
failure catalog in research/heroku.md section E (H14, R10, H10).
"""
from __future__ import annotations

from preflight.findings import REPO, Violation
from preflight.registry import rule

# Names users give the Procfile that the platform does not read (Windows editors add ".txt").
MISNAMED = ("Procfile.txt", "procfile", "PROCFILE", "ProcFile", "procfile.txt", "Procfile.yml",
            "Procfile.yaml", "Procfile.py", "Procfile.md", "Procfile.sh", "Procfile.rtf", "Procfile.")


@rule("PF102", "procfile-misnamed", "E", "The Procfile is misnamed, is a folder, or is only in a subfolder",
      fix="Rename the file to exactly 'Procfile' (no extension, capital P) at the repository root: "
          "git mv <file> Procfile", modes=["buildpack"])
def procfile_misnamed(project):
    """
    ## What it does
    Finds a process file the platform will not read: `Procfile.txt` (Windows editors add the
    extension), `procfile`, `PROCFILE`, `Procfile.yml`, a folder named `Procfile`, or a `Procfile`
    that exists only in a subfolder.

    ## Why it breaks the deploy
    The platform looks for a file named exactly `Procfile` at the root of the pushed tree. Any
    other name is ignored: the build succeeds, no process types are declared, and every request
    gets **H14 No web processes running**.

    ## Example
    ```
    Procfile.txt        <- ignored
    ```

    ## How to fix
    `git mv Procfile.txt Procfile`; on Windows, turn on "file name extensions" in Explorer to see
    the hidden `.txt`.

    ## Source
    Heroku Dev Center, "The Procfile"; research/heroku.md E02.
    """
    if project.index.is_dir("Procfile"):
        yield Violation("Procfile", 0, "'Procfile' is a folder; the platform needs a file with that name")
        return
    if project.shipped("Procfile"):
        return
    names = set(project.index.root_names) | {f for f in project.files if "/" not in f}
    for name in MISNAMED:
        if name in names:
            yield Violation(name, 0, f"the process file is named '{name}'; the platform only reads 'Procfile'",
                            hint=f"Rename it: git mv '{name}' Procfile")
            return
    nested = sorted(f for f in project.files if f.endswith("/Procfile"))
    if nested:
        yield Violation(nested[0], 0, f"'{nested[0]}' is in a subfolder; the platform only reads a Procfile "
                                      "at the root of the repository",
                        hint="Move it to the root, or deploy that folder as its own app (a monorepo buildpack "
                             "with APP_BASE).")
