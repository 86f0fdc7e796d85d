"""PF810 python-version-source-ignored: the only Python pin is in a file the platform does not read."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.project.runtime import deployed, version_file_lines
from preflight.registry import rule


@rule("PF810", "python-version-source-ignored", "W", "The only Python pin is in a file the platform does not read",
      fix="Pin the version the way the platform reads it: the version alone in .python-version (PythonAnywhere: "
          "the Web tab).",
      platforms=("render", "koyeb", "cloud-run", "pythonanywhere"))
def check(project):
    """
    ## What it does
    Reports a Python pin the target platform's build never reads (its profile's
    `facts.python`):

    - `runtime.txt` where it is ignored (`runtime_txt` "ignored": Render, Koyeb, Cloud Run) and no
      `.python-version` pins the version: the platform installs its default;
    - a `.python-version` with comment lines where the file is read raw (`python_version` "raw":
      Cloud Run's buildpack takes the whole trimmed file as the version; several version lines are
      runtime-invalid's);
    - any pin on PythonAnywhere (`python_version` "ignored"), as info: the Python version is chosen
      on the Web tab (and by the virtualenv you create), not by a file.

    ## Why it breaks the deploy
    The app gets another Python than the one it was written for (Render's default is 3.14.3, Koyeb's
    3.13), so packages pinned for an older version may have no wheels and fail to build; on Cloud Run
    a comment in `.python-version` becomes part of the requested version.

    ## Example
    ```
    python-3.11.9      <- runtime.txt, on Render: ignored
    ```

    ## How to fix
    `echo 3.11 > .python-version && git rm runtime.txt` (Render: or `PYTHON_VERSION=3.11.9`); on Cloud
    Run keep `.python-version` to the version alone; on PythonAnywhere pick the version on the Web
    tab and create the virtualenv with it (`mkvirtualenv --python=/usr/bin/python3.11 venv`).

    ## Source
    research/platforms.md §1 item 5, §5.3, §8.3, §10.1 ("the whole file, trimmed"), §11.1, §11.3, §13
    (`runtime.txt` and `.python-version` rows), §14 rule 10; preflight/data/platforms/*.json
    (`facts.python.runtime_txt`, `python_version`, `sources`).
    """
    rt, p = project.runtime, project.profile
    if not deployed(project):
        return
    how_txt, how_pv = p.python.get("runtime_txt"), p.python.get("python_version")
    txt, pv = rt.runtime_txt, rt.python_version_file
    if how_pv == "ignored":
        for d in (pv, txt):
            if d is not None:
                yield Violation(d.path, d.line, f"{p.title} reads no Python version file: {d.path} does not choose "
                                                "the app's Python (the Web tab and the virtualenv do)",
                                hint="Pick the version on the Web tab and create the virtualenv with the same Python "
                                     "(mkvirtualenv --python=/usr/bin/python3.X venv).",
                                severity=Severity.INFO, anchor=d.path)
        return
    if txt is not None and how_txt == "ignored" and pv is None:
        value = f" ({txt.raw})" if txt.raw else ""
        pin = txt.version.minor_version if txt.version is not None else rt.suggestion()
        yield Violation(txt.path, txt.line, f"{p.title} ignores runtime.txt{value}: it is the only Python pin, so "
                                            f"the build installs {p.title}'s default (Python {rt.default})",
                        hint=f"echo {pin} > .python-version && git rm runtime.txt && git add .python-version",
                        anchor="runtime.txt")
    if pv is not None and how_pv == "raw":
        lines = version_file_lines(project)
        comments = [(n, text) for n, text in lines if text.startswith("#")]
        if comments and len(lines) - len(comments) == 1:
            n, text = comments[0]
            version = next(t for _, t in lines if not t.startswith("#"))
            yield Violation(pv.path, n, f"{p.title} reads .python-version raw (the whole trimmed file, comments "
                                        f"included), so the line '{text}' becomes part of the requested version",
                            hint=f"Keep only the version in the file: echo {version} > .python-version",
                            anchor="comment")
