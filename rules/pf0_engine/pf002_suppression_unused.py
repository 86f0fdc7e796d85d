"""PF002 suppression-unused: an inline suppression that suppressed nothing.

The engine emits it (it has no check of its own); declaring it here gives it a code, a name, docs and a
place in the catalog like every other rule.
"""
from preflight.registry import declare

SUPPRESSION_UNUSED = declare(
    "PF002", "suppression-unused", "I",
    "An inline suppression that suppressed nothing",
    fix="Delete the directive, or correct the rule name in it.",
    explanation="""
    ## What it does
    Reports a `# preflight: ignore[...]` or `# preflight: file-ignore[...]` directive that matched no
    finding, or that names a rule preflight does not have.

    ## Why it matters
    A dead suppression hides the next real problem on that line, and a misspelt rule name suppresses
    nothing while looking as if it did.

    ## Example
    ```
    # preflight: ignore[procfile-dev-server]
    web: gunicorn app:app
    ```

    ## How to fix
    Delete the directive, or fix the rule name (`preflight rule --all` lists them).
    """,
)
