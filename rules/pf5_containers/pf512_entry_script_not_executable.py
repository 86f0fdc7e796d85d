"""PF512 entry-script-not-executable: a script the process executes directly lacks the executable bit."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.registry import rule


@rule("PF512", "entry-script-not-executable", "E", "A script the process runs directly is not executable",
      fix="git update-index --chmod=+x SCRIPT && git commit (or RUN chmod +x SCRIPT / COPY --chmod=755 in the "
          "Dockerfile)", fixable="safe")
def check(project):
    """
    ## What it does
    Follows each process's start command (Dockerfile `CMD`/`ENTRYPOINT`, heroku.yml `run`/`release`,
    Procfile) to a script it executes directly (`./run.sh`, `/app/entrypoint.sh`, not `sh run.sh`),
    matches it to the `COPY` that puts it in the image, and reads the mode git records for it. It
    reports a `100644` script when the image never makes it executable after that COPY (`RUN chmod +x`,
    `chmod 755`, `chmod -R +x` on its folder, `COPY --chmod=755`).

    ## Why it matters
    The process dies at once with `exec ./run.sh: permission denied` (`H10 App crashed`). It often
    works on the author's machine: Windows and some editors do not record the bit, and Docker on
    Windows marks every file executable.

    ## Example
    `CMD ["./run.sh"]` with `run.sh` committed as `100644`.

    ## How to fix
    `git update-index --chmod=+x run.sh` and commit, or `RUN chmod +x run.sh` after the COPY.
    `preflight check --fix` sets the bit in git's index (the mode only, not unstaged content) and on
    disk.

    ## Source
    research/docker.md §4.4 (git ls-files -s, update-index --chmod); Dev Center "Container Registry &
    Runtime".
    """
    p = project.profile
    for s in project.entry_scripts:
        if not s.direct or s.executable is not False or s.chmod_line is not None:
            continue
        how = "git stores it as 100644" if project.index.in_git else "it is not executable on disk"
        image = " and the image never runs chmod +x on it" if s.image is not None else ""
        yield Violation(s.path, 0, f"{s.source}:{s.line} executes {s.path} for {s.process}, but {how}{image}: "
                                   f"the {p.dyno} fails with 'permission denied' ({p.app_crashed})",
                        hint=f"git update-index --chmod=+x {s.path} && git commit" +
                             (f", or COPY --chmod=755 / RUN chmod +x {s.image_path} in {s.source}"
                              if s.image is not None else ""),
                        anchor=f"not-executable:{s.process}", fix=fixes.make_executable(project, s.path))
