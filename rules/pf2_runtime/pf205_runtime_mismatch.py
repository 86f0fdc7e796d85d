"""PF205 runtime-mismatch: two places name different Python versions."""
from preflight.findings import Severity, Violation
from preflight.project.runtime import cite
from preflight.registry import rule


@rule("PF205", "runtime-mismatch", "W", "Two places name different Python versions",
      fix="Name one Python version everywhere: .python-version, Dockerfile FROM, requires-python, Pipfile")
def check(project):
    """
    ## What it does
    Compares every place that names a Python version with the one the platform will run, and
    reports each one that disagrees, at its line:

    - `.python-version` vs `runtime.txt`: the classic buildpack silently uses `runtime.txt`
      (Fir rejects `runtime.txt` and would use the other one);
    - `Pipfile.lock` `_meta.requires` and `Pipfile` `[requires] python_version`;
    - the Dockerfile's `FROM python:X.Y...` (in buildpack mode it is only used locally; in
      container mode it *is* the runtime: the image the deploy builds, its heroku.yml `target`
      stage, followed through `FROM <stage>` and global `ARG` defaults; `.python-version`,
      `runtime.txt` and the Pipfile files are compared with it, since the platform never reads
      them and they only mislead local runs and tools);
    - `pyproject.toml` `requires-python` and Poetry's `python` constraint, when they exclude the
      version the platform installs (an `X.Y` pin means its latest patch; with no pin, the
      platform default). This is an error when `uv.lock` or `poetry.lock` is present: the
      installer refuses the interpreter.

    `3.13` agrees with `3.13.2`; two different exact patches disagree.

    ## Why it breaks the deploy
    The app runs on a Python nobody tested: the one in the Dockerfile or the IDE is not the one
    on the dyno. uv and Poetry stop the build when `requires-python` excludes the interpreter;
    Pipenv warns. The platform wins silently, so the mismatch shows up as a runtime error.

    ## Example
    ```
    .python-version:  3.12
    pyproject.toml:   requires-python = ">=3.13"
    ```

    ## How to fix
    Pick one version and write it everywhere; delete `runtime.txt`.

    ## Source
    research/heroku.md B04, B20, B21; fixtures `runtime_txt_and_python_version_file`,
    `uv_mismatched_python_version`, `poetry_mismatched_python_version`,
    `pipenv_mismatched_python_version`.
    """
    rt = project.runtime
    if project.mode == "container":
        ref = rt.dockerfile
        if ref is None:
            return
        ref_text = f"the image runs Python {ref.version} ({cite(ref)})"
    elif not project.profile.has("python_buildpack"):
        return  # nothing builds Python from these files (PythonAnywhere: the Web tab): they only pin local tools
    else:
        if rt.chosen is not None and rt.version is None:
            return  # the pinned file is unreadable: runtime-invalid says so; nothing to compare with
        ref = rt.chosen
        if ref is not None:
            ref_text = f"the platform runs Python {ref.version} ({cite(ref)})"
        else:
            ref_text = f"the platform installs its default Python {rt.default} (nothing pins a version)"
    if ref is not None:
        for d in rt.declared:
            if d is ref or d.version.agrees(ref.version):
                continue
            yield Violation(d.path, d.line, _mismatch_message(d, ref, ref_text, project.mode, project.profile.dyno),
                            hint=_mismatch_hint(d, ref), col=d.col, anchor=d.label)
    if ref is None and rt.uses_uv:
        return  # uv without a pin already fails (runtime-missing)
    target = rt.table.resolve(ref.version if ref is not None else rt.default)
    # the image's tag picks its own patch: name the version it gives, not the platform table's latest
    shown = ref.version if project.mode == "container" else target
    enforced = project.mode != "container" and (rt.uses_uv or rt.uses_poetry)
    for c in rt.constraints:
        if c.allows(target) is not False:
            continue
        tool = "uv" if rt.uses_uv else "Poetry"
        effect = (f"{tool} refuses that interpreter and the build fails" if enforced else
                  "installing the project there fails, and the code may use features that Python lacks")
        yield Violation(c.path, c.line, f"{c.label} '{c.raw}' excludes Python {shown}, but {ref_text}: {effect}",
                        hint=f"Make them agree: pin a version the constraint allows, or widen '{c.raw}'",
                        col=c.col, anchor=c.label, severity=Severity.ERROR if enforced else None)


def _mismatch_message(d, ref, ref_text: str, mode: str, dyno: str) -> str:
    value = d.raw if d.path == "runtime.txt" else str(d.version)
    if d.path == ".python-version" and ref.path == "runtime.txt":
        return (f".python-version says {value} but the classic buildpack uses runtime.txt ({ref.raw}) and ignores "
                f"it; Heroku Fir rejects runtime.txt and would run {value}")
    if mode == "container":
        consequence = "the platform never reads it, so local runs use another Python than the image"
    elif d.path in ("Pipfile", "Pipfile.lock"):
        consequence = "the lock was resolved for another Python and Pipenv warns at install"
    elif "FROM" in d.label:
        consequence = f"the container you test with runs another Python than the {dyno}"
    else:
        consequence = "what you test locally is not what runs"
    return f"{d.label} names Python {value}, but {ref_text}: {consequence}"


def _mismatch_hint(d, ref) -> str:
    want = ref.version
    if d.path == ".python-version" and ref.path == "runtime.txt":
        return (f"Keep one: echo {want} > .python-version && git rm runtime.txt (or, if .python-version is "
                "right, just git rm runtime.txt)")
    if d.path == "Pipfile.lock" or d.path == "Pipfile":
        return f"Set [requires] python_version = \"{want.minor_version}\" in the Pipfile and run 'pipenv lock'"
    if "FROM" in d.label:
        return f"Use the same version in the image: FROM python:{want.minor_version}-slim"
    return f"Change it to {want}, or delete it so only one file names the version"
