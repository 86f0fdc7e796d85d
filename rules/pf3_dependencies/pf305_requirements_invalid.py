"""PF305 requirements-invalid: a requirements.txt line pip cannot parse or follow."""
from preflight.findings import Violation
from preflight.project.installable import hash_mode
from preflight.registry import rule


HASH_HINTS = {
    "editable": "pip can check no hash for a local project, with or without -e: leave it out (uv export "
                "--no-emit-project) or drop every hash (uv export --no-hashes, pip-compile without --generate-hashes).",
    "hash": "Regenerate the file with hashes for every line (pip-compile --generate-hashes).",
    "pin": "Pin it: name==version with its hashes.",
}


@rule("PF305", "requirements-invalid", "E", "A requirements.txt line pip cannot parse or follow",
      fix="Write one PEP 508 requirement per line (name, optional [extras], version specifier, '; marker'), "
          "and check that every -r/-c file exists in the repository.")
def check(project):
    """
    ## What it does
    Reads `requirements.txt` the way pip does (continuation lines joined, comments removed after
    the join, `-r`/`-c` includes followed relative to the including file, options such as
    `--hash`, `-e`, `-i`, `--extra-index-url` understood, environment markers parsed) and reports:
    - a requirement `packaging` cannot parse (the message says what it expected);
    - an unknown or malformed option (`--install-option` was removed in pip 23.1);
    - an `-r`/`-c` file that does not exist, is not committed, or lies outside the repository;
    - an include cycle, or includes nested more than 10 levels deep;
    - a logical line over 10,000 characters, not counting its `--hash` options (not parsed);
    - hash-checking mode (any `--hash`, or `--require-hashes`) with a requirement that has no hash,
      is not pinned with `==`, or is editable.

    A UTF-16 `requirements.txt` with a byte-order mark is not reported: pip detects the BOM and
    reads it.

    ## Why it breaks the deploy
    pip stops at the first line it cannot parse ("Invalid requirement") or file it cannot open
    ("Could not open requirements file"), and the build fails with "Unable to install dependencies
    using pip".

    ## Example
    ```
    flask=2.0            <- '=' is not an operator
    -r base.txt          <- base.txt was never committed
    ```

    ## How to fix
    Fix the line as the message says (`flask==2.0`), commit the included file, or delete the line.

    ## Source
    pip `req/req_file.py` and `req/constructors.py`; fixture `pip_invalid_requirement`;
    research/heroku.md C07.
    """
    reqs = project.requirements
    if reqs is None:
        return
    for problem in reqs.problems:
        hint = None
        if problem.kind == "too-long":
            hint = "Split the line: one requirement per line (a minified or generated file?)."
        elif problem.kind in ("include", "cycle", "depth"):
            hint = "Commit the included file inside the repository, or remove the -r/-c line."
        yield Violation(problem.path, problem.line, f"pip cannot read this line: {problem.message}"
                        if problem.kind in ("invalid", "option") else problem.message,
                        hint=hint, anchor=f"{problem.kind}:{problem.message[:60]}")
    why, unchecked = hash_mode(reqs) or ("", [])
    for req, lacks in unchecked:
        if lacks == "editable":
            msg = f"'-e {req.text}' is editable, which pip refuses in hash-checking mode ({why})"
        elif lacks == "hash":
            msg = f"'{req.text}' has no --hash while pip is in hash-checking mode ({why}): pip refuses to install it"
        else:
            msg = f"'{req.text}' is not pinned with '==', which hash-checking mode requires"
        yield Violation(req.path, req.line, msg, hint=HASH_HINTS[lacks],
                        anchor=f"hash:{req.key if lacks == 'pin' else req.key or req.text}")
