"""PF001 file-unreadable: a file that matters could not be read, decoded or parsed.

The engine emits it (it has no check of its own); declaring it here gives it a code, a name, docs and a
place in the catalog like every other rule.
"""
from preflight.registry import declare

FILE_UNREADABLE = declare(
    "PF001", "file-unreadable", "W",
    "A file that matters could not be read, decoded or parsed",
    fix="Save the file as UTF-8 text and fix the syntax error the message names.",
    explanation="""
    ## What it does
    Reports a file preflight needed but could not read: binary content where text is expected, a
    UTF-16 or invalid UTF-8 encoding, a file over the size cap, a symlink that leaves the repository,
    or a manifest (TOML, JSON, YAML) that does not parse. It is an error for the files the platform
    parses itself (Procfile, requirements.txt, Pipfile and Pipfile.lock, pyproject.toml, poetry.lock,
    uv.lock, .python-version, runtime.txt, app.json, heroku.yml, Dockerfile): the buildpack stops on
    them too ("Can't parse Pipfile.lock", research/heroku.md B19).

    ## Why it matters
    The platform reads these files too. What preflight cannot read, the build usually cannot either,
    and every rule that needed the file is silent about it.

    ## How to fix
    Save the file as UTF-8 without a byte-order mark, fix the syntax error at the line given, or
    replace the symlink with the file itself.
    """,
)
