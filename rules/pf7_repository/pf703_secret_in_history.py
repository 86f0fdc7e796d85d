"""PF703 secret-in-history: with --history, a secret added in an earlier commit."""
import sys

from preflight.findings import Severity, Violation
from preflight.masking import fingerprint
from preflight.project import detectors
from preflight.project.secrets import describe, finding_data
from preflight.registry import rule


@rule("PF703", "secret-in-history", "W", "With --history: a secret added in an earlier commit",
      fix="Rotate the secret: removing it from the tree does not remove it from the history the "
          "platform and every clone hold.", needs_history=True)
def check(project):
    """
    ## What it does
    With `--history` only: reads every line added by every commit reachable from `HEAD` (one streamed
    `git log -p -U0`), runs the `secret-committed` detectors on them, and reports each secret that is
    no longer in the tracked files, once, at the oldest commit that added it (path and line in that
    commit, short commit id in the message). Secrets still in the tree are reported by
    `secret-committed` instead. A shallow clone (CI checkouts usually are) is scanned as far as it
    goes, with a note on stderr.

    ## Why it matters
    `git push heroku main` sends the whole history of the branch. A token deleted in a later commit is
    still in every clone and in the platform's copy; only rotating it makes it harmless.

    ## Example
    ```
    a1b2c3d  add bot            conf.py: TOKEN = "123456789:AA..."
    d4e5f6a  use env variable   conf.py: TOKEN = os.environ["TOKEN"]
    ```
    `secret-committed` is quiet (the tree is clean); `secret-in-history` reports `conf.py` at commit
    `a1b2c3d`.

    ## How to fix
    Revoke or rotate the secret. Rewriting history (`git filter-repo`) helps only before anyone else
    has cloned or pulled it; the platform's copy is replaced only by a force-push.

    ## Source
    research/secrets.md 7.2 F (history mode) and section 5 (history-scan complaints); GitHub Docs
    "Removing sensitive data from a repository".
    """
    p = project.profile
    current = project.secret_scan.values()
    result = project.history_scan()
    for note in result.notes:
        print(f"preflight: note: {note}", file=sys.stderr)
    for found in result.found:
        h = found.hit
        if fingerprint(h.value) in current:
            continue  # still in the tree: secret-committed reports it
        where = f"commit {found.commit[:8]}" + (f" ({found.date})" if found.date else "")
        note = f" ({h.note})" if h.note else ""
        yield Violation(found.path, h.line,
                        f"{describe(h)} was committed to {found.path} in {where}{note}; it is no longer in the "
                        "tree but every clone, and the platform's copy of the history, still holds it",
                        hint=detectors.hint(h.kind, p.config_set), col=h.col,
                        severity=Severity.parse(detectors.lower_level(h.level)), anchor=fingerprint(h.value),
                        data={**finding_data(h), "commit": found.commit})
