"""PF308 requirements-local-path: a requirement on a local path, file: URL or placeholder the build cannot reach."""
import re

from preflight.findings import Violation
from preflight.project.installable import local_target, path_problem, placeholder, unexpanded
from preflight.registry import rule


@rule("PF308", "requirements-local-path", "E",
      "A requirement on a local path, file: URL or placeholder the build cannot reach",
      fix="Replace the path with the package's name and version (or a public VCS URL), or commit the package "
          "inside the repository and refer to it relative to the root.")
def check(project):
    """
    ## What it does
    Reports requirements the build cannot fetch:
    - a local path, `file:` URL or `-e` target that is absolute (`/Users/...`, `C:\\...`,
      conda's `@ file:///croot/...`, an old Heroku `/tmp/build_<hash>`), outside the repository
      (`-e ../lib`), not committed, or a folder with no `setup.py`/`pyproject.toml` (the repository
      root itself, `-e .`, is project-not-installable's);
    - `pkg-resources==0.0.0`, the artefact `pip freeze` writes in Ubuntu/Debian virtualenvs
      (a pip-freeze leftover of the local machine, like the conda paths, hence this rule);
    - a URL still holding a placeholder (`example.com`, `<user>`, `your-username`, a template's
      `https://site.org/files/package.zip`);
    - in buildpack mode, a `${VAR}` reference other than `${PIP_EXTRA_INDEX_URL}`: the classic
      buildpack passes no other config var to pip, so it stays literal.

    ## Why it breaks the deploy
    The build runs in a clean directory on another machine: the path does not exist there
    (pip: "does not exist" / "is not a valid editable requirement"), `pkg-resources==0.0.0` is not
    on PyPI ("No matching distribution found"), and a placeholder or unexpanded URL fails to
    download.

    ## Example
    ```
    numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_1700000000/work
    pkg-resources==0.0.0
    -e ../shared-lib
    ```

    ## How to fix
    Regenerate the file with `pip list --format=freeze` (no `@ file://`), delete
    `pkg-resources==0.0.0`, pin the real version (`numpy==1.26.4`), and vendor a local package
    into the repository (`-e ./libs/shared`).

    ## Source
    pip `req/constructors.py` (path and editable handling; paths are relative to the build
    directory); heroku-buildpack-python `lib/pip.sh` (only PIP_EXTRA_INDEX_URL is passed);
    research/heroku.md C09, C10, C11, C20; MicroPyramid/django-mfa#58.
    """
    reqs = project.requirements
    if reqs is None:
        return
    p = project.profile
    build_folder = f"an old {p.title} build (pip freeze on a {p.dyno})"
    for req in reqs.requirements:
        if req.key == "pkg-resources" and req.specifier.replace(" ", "") == "==0.0.0":
            yield Violation(req.path, req.line, "pkg-resources==0.0.0 is an artefact of 'pip freeze' in an "
                                                "Ubuntu/Debian virtualenv, not a real release: pip finds no such "
                                                "version and the build fails",
                            hint="Delete the line (regenerate with 'pip list --format=freeze' to avoid it).",
                            anchor="pkg-resources")
            continue
        why = path_problem(project, local_target(req.url), build_folder) if req.kind == "path" else \
            placeholder(req.url) if req.kind in ("url", "vcs") else None
        if why and req.kind == "path":
            hint = None
            if req.name and re.match(r"^(/|~|[A-Za-z]:|file:/)", req.url):
                hint = (f"Replace it with {req.name}==<version> ('pip list --format=freeze' prints versions "
                        "where 'pip freeze' prints local paths).")
            yield Violation(req.path, req.line, f"'{'-e ' if req.editable else ''}{req.text}' {why}: the build cannot "
                                                "install it", hint=hint, anchor=f"path:{req.url}")
        elif why:
            yield Violation(req.path, req.line, f"'{req.text}' {why}: the download fails",
                            hint="Put the real URL (or the package's name and version) in its place.",
                            anchor=f"url:{req.url}")
    for opt in reqs.options:
        why = placeholder(opt.value) if opt.name in ("--index-url", "--extra-index-url", "--find-links") and \
            "://" in opt.value else None
        if why:
            yield Violation(opt.path, opt.line, f"'{opt.name} {opt.value}' {why}: pip cannot reach that index",
                            hint="Put the real index URL in its place, or delete the line.", anchor=f"index:{opt.value}")
    for ref in unexpanded(reqs) if project.mode == "buildpack" else ():
        yield Violation(ref.path, ref.line, f"'${{{ref.name}}}' is not expanded: the classic buildpack passes "
                                            "only PIP_EXTRA_INDEX_URL to pip, so the line keeps the literal "
                                            "text and the install fails",
                        hint="Use PIP_EXTRA_INDEX_URL for a private index, or a public URL; never write the "
                             "token into the file.", anchor=f"env:{ref.name}")
