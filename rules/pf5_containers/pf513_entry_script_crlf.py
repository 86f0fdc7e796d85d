"""PF513 entry-script-crlf: a script a process runs has Windows (CRLF) line endings."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.registry import rule


@rule("PF513", "entry-script-crlf", "E", "A script a process runs has Windows (CRLF) line endings",
      fix="Convert it to LF (dos2unix SCRIPT) and add '*.sh text eol=lf' to .gitattributes so it stays LF.",
      fixable="safe")
def check(project):
    """
    ## What it does
    Reports CRLF line endings in a script a process starts (found the way
    `entry-script-not-executable` finds it, whether the kernel or a shell runs it), at its first CRLF
    line, unless the image converts it (`dos2unix`, `sed -i 's/\\r$//'`) after copying it.

    ## Why it matters
    With `#!/bin/sh\\r` the kernel looks for an interpreter named `sh\\r`: `exec ./run.sh: no such file or
    directory`, although the file is there. Run by a shell, every command gets a stray `\\r`
    (`$'\\r': command not found`, `set: Illegal option -`). The process crashes at start.

    ## How to fix
    `dos2unix run.sh` (or `preflight check --fix`), commit, and a `.gitattributes` line
    `*.sh text eol=lf` so Windows checkouts keep LF.

    ## Source
    research/docker.md §4.4 (neo4j-contrib/neodash#492, moby/moby#22469); ShellCheck SC1017.
    """
    p = project.profile
    seen = set()
    for s in project.entry_scripts:
        if not s.crlf_line or s.crlf_fixed_line is not None or s.path in seen:
            continue
        seen.add(s.path)
        if s.direct and s.shebang:
            interpreter = s.shebang[2:].strip().split(" ")[0].rsplit("/", 1)[-1]
            effect = f"the kernel looks for an interpreter named '{interpreter}\\r' ('no such file or directory')"
        else:
            effect = "the shell reads a stray \\r at the end of every command (\"$'\\r': command not found\")"
        yield Violation(s.path, s.crlf_line, f"{s.path} has CRLF line endings and {s.source}:{s.line} runs it: "
                                             f"{effect}, so the {p.dyno} crashes at start ({p.app_crashed})",
                        anchor="crlf", fix=fixes.crlf_to_lf(project, s.path))
