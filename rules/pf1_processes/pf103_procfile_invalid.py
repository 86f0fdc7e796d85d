"""PF103 procfile-invalid: Procfile lines the platform rejects or misreads (the parser in
preflight/project/procfile.py finds them)."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.project import fixes
from preflight.registry import rule


@rule("PF103", "procfile-invalid", "E", "A Procfile line the platform rejects or misreads",
      fix="Write one 'name: command' per line (e.g. 'web: gunicorn app:app'), saved as UTF-8 with LF endings.",
      modes=["buildpack"], fixable="safe", needs=("procfile",))
def check(project):
    """
    ## What it does
    Checks the Procfile's format: a byte-order mark, UTF-16, CRLF line endings, a line that is not
    `type: command` (a missing colon, a space before the colon, YAML list syntax `- web: ...`, a
    process type with spaces or dots, a `\\` continuation onto the next line), a line that is only
    the start command (`gunicorn app:app`: the hint puts `web:` in front), a terminal command pasted
    from a tutorial (`heroku ps:scale web=1`, `export SECRET=...`, `pip install ...`: the Procfile is
    never run as a script, so config vars go to `heroku config:set`), typographic characters pasted
    from a web page or a word processor (a no-break or zero-width space, an en or em dash for `--`,
    curly quotes), an empty command, a process type declared twice, `Web:` instead of `web:`, and
    a whole command in quotes. Warns (W) about names the next
    generation platform (CNB, Heroku Fir) rewrites or rejects (uppercase, `_`, over 63 characters,
    a leading or trailing `-`), and about a Procfile that declares nothing when the app is not a
    web app (a web app gets procfile-no-web instead).

    On a platform with its own process-name grammar (Dokku, Scalingo, Heroku Fir, Google Cloud Run:
    `facts.procfile.names` in the profile), the names and duplicate types are left to
    procfile-process-name-invalid, which checks them against that grammar.

    ## Why it breaks the deploy
    The platform reads each line as `<process type>: <command>`. A BOM makes the first type
    `\\ufeffweb`, so no `web` process exists (H14); a line without a colon, or continued with `\\`,
    is dropped or read as a process with another name; a `\\r` at the end of every command turns
    `$PORT` into `$PORT\\r` and `app.py` into `app.py\\r`; a quoted command makes the shell look for
    a program named `"gunicorn app:app"`. Only a type named exactly `web` gets HTTP traffic.

    ## Example
    ```
    web gunicorn app:app          <- no colon
    - worker: python bot.py       <- YAML list syntax
    heroku ps:scale web=1         <- a terminal command, not a process
    ```

    ## How to fix
    One `name: command` per line, names of lowercase letters, digits and `-`, saved as UTF-8
    without BOM and with LF line endings (`dos2unix Procfile`, or `preflight check --fix`, which
    converts the line endings; `Procfile text eol=lf` in `.gitattributes`). Put a long command on one line or in a script.

    ## Source
    Heroku Dev Center, "The Procfile" (format, the web process type); heroku/buildpacks-procfile
    `SPEC.md` and `src/procfile.rs` (the CNB grammar: lowercase keys, 63 characters, duplicate keys
    keep the last, empty values rejected); research/heroku.md E05, E06.
    """

    pf = project.procfile
    if pf is None:
        return
    tf = project.text(pf.path) if not pf.unreadable else None

    def anchor(line: int, message: str) -> str:
        text = tf.line(line).strip() if tf is not None and line else ""
        return text or message

    from preflight.project.procfile import own_grammar

    left = pf.dialect if own_grammar(project.profile) else ()  # procfile-process-name-invalid says them
    crlf_line = tf.first_crlf_line if tf is not None and tf.crlf else -1
    for line, message, hint in (e for e in pf.errors if e not in left):
        crlf = line == crlf_line and "(CRLF)" in message  # the line-endings error: the one with a mechanical fix
        yield Violation(pf.path, line, message, hint=hint, anchor=anchor(line, message),
                        fix=fixes.crlf_to_lf(project, pf.path) if crlf else None)
    for line, message, hint in (w for w in pf.warnings if w not in left):
        yield Violation(pf.path, line, message, hint=hint, severity=Severity.WARNING,
                        anchor=anchor(line, message))
    if not pf.processes and not pf.errors and not pf.unreadable and not project.is_web_app:
        yield Violation(pf.path, 0, f"{pf.path} declares no process types, so nothing runs after the deploy",
                        hint="Add the process that runs the app, e.g. 'worker: python bot.py'.",
                        severity=Severity.WARNING, anchor="empty")
