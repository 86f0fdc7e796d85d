"""PF514 entry-script-no-shebang: a script executed without a shell has no #! line."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF514", "entry-script-no-shebang", "E", "A script executed directly has no #! line",
      fix="Make the first line '#!/bin/sh' (or '#!/bin/bash' when the image has bash).")
def check(project):
    """
    ## What it does
    Reports a script an exec-form `CMD` or `ENTRYPOINT` executes directly (`CMD ["./run.sh"]`) whose
    first bytes are not `#!` (a byte-order mark in front of `#!` counts as missing). A shell-form
    command (`CMD ./run.sh`, Procfile lines) is not reported: when the kernel refuses the file, the
    shell running the command reads it as a shell script itself.

    ## Why it matters
    Executed without a shell, the kernel refuses a file with no interpreter line: `exec format error`,
    and the container stops before the app starts. That is certain for an `ENTRYPOINT` and under
    `docker run`; Heroku documents that it runs `CMD` through a shell, which would then read the
    script as `sh` itself (and break on anything bash-only), so the image works in one place and not
    in the other until the `#!` line is there.

    ## How to fix
    Start the file with `#!/bin/sh`.

    ## Source
    research/docker.md §4.4; execve(2) (ENOEXEC); POSIX sh "Command Search and Execution"; ShellCheck
    SC2148.
    """
    p = project.profile
    for s in project.entry_scripts:
        if not s.direct or not s.exec_form or s.shebang is not None and not s.has_bom or not s.lines:
            continue
        what = "starts with a byte-order mark before #!" if s.has_bom and s.shebang else "has no #! line"
        yield Violation(s.path, 1, f"{s.source}:{s.line} executes {s.path} without a shell and it {what}: "
                                   f"'exec format error', and the {p.dyno} never starts the app",
                        anchor="no-shebang")
