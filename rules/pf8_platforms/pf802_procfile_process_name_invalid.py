"""PF802 procfile-process-name-invalid: a Procfile process type outside the platform's own name grammar,
or declared twice where the platform drops one or refuses the file."""
from __future__ import annotations

import re

from preflight.findings import Severity, Violation
from preflight.project.procfile import own_grammar
from preflight.registry import rule


@rule("PF802", "procfile-process-name-invalid", "E", "A Procfile process type the platform's own grammar "
      "rejects or rewrites, or one declared twice",
      fix="Rename the process type to fit the platform's grammar (e.g. 'celery_worker' -> 'celery-worker' on "
          "Dokku, 'celeryworker' on Scalingo) and declare each type once.", needs=("procfile",))
def check(project):
    """
    ## What it does
    On a platform that reads the Procfile with a process-name grammar stricter than Heroku
    classic's (the profile's `facts.procfile.names`: Dokku, Scalingo, Heroku Fir, Google Cloud
    Run), reports each process type outside that grammar, and each type declared twice. The
    severity is the profile's (`facts.procfile.severity`: an error on Dokku and Scalingo, a warning
    on Fir and Cloud Run); a duplicate where the platform refuses the whole file (Dokku) is an error.
    On Heroku classic, procfile-invalid checks the names and duplicates instead.

    ## Why it breaks the deploy
    - Dokku parses the Procfile in strict mode: a type must be a DNS label (lowercase letters,
      digits and `-`, at most 63 characters), so `celery_worker` or `Web` is invalid, and a
      duplicate type makes the whole file invalid.
    - Scalingo documents process types as letters and digits only, at most 24 characters:
      `celery-worker` and `celery_beat` do not fit.
    - Heroku Fir's CNB rewrites `_` to `-` and capitals to lowercase with a warning (`web_1`
      becomes `web-1`, which `ps:scale web_1=1` does not name), keeps the last of duplicate types.
    - Google's buildpacks match `^(\\w+):` per line: a `celery-worker:` line is silently skipped;
      of duplicate types the first wins.

    ## Example
    ```
    web: gunicorn app:app
    celery_worker: celery -A app worker     <- not a DNS label (Dokku)
    ```

    ## How to fix
    Rename the type so it fits the platform's grammar (the hint proposes a name), and keep one line
    per type.

    ## Source
    research/platforms.md §2.2 (Fir: heroku/buildpacks-procfile SPEC.md), §3.2 (Dokku:
    procfile-util strict mode), §4.2 (Scalingo: platform/app/procfile.md), §10.2 (Google
    buildpacks: pkg/entrypoint/procfile.go), §12.0, §14 rule 2; the profiles' `facts.procfile`
    (`names`, `names_text`, `names_effect`, `duplicates`, `severity`) in preflight/data/platforms/.
    """
    p = project.profile
    dialect = p.procfile
    pf = project.procfile
    if not own_grammar(p) or pf is None or pf.unreadable:
        return
    grammar = re.compile(dialect["names"])
    severity = Severity.parse(dialect.get("severity") or "W")
    for proc in pf.processes:
        name = proc.name
        if name.lower() == "web" and name != "web" or grammar.match(name):
            continue  # 'Web:' is procfile-invalid's (only 'web' gets traffic anywhere)
        better = _renamed(name, grammar)
        hint = f"Rename it to '{better}'." if better else f"Rename it: {dialect['names_text']}."
        yield Violation(pf.path, proc.line, f"process type '{name}' does not fit {p.title}'s Procfile names "
                                            f"({dialect['names_text']}): {dialect.get('names_effect', 'it is refused')}",
                        hint=hint, severity=severity, anchor=f"name:{name}")
    duplicates = str(dialect.get("duplicates") or "")
    for name, first, line in pf.duplicates:
        if duplicates.startswith("rejected"):
            effect, sev = f"{p.title} refuses the whole Procfile, so the deploy fails", Severity.ERROR
        else:
            kept = first if duplicates.startswith("first") else line
            effect, sev = f"{p.title} keeps only one of them ({duplicates}: line {kept})", severity
        yield Violation(pf.path, line, f"process type '{name}' is declared twice (lines {first} and {line}): {effect}",
                        hint="Keep one line per process type (give the other process its own name).",
                        severity=sev, anchor=f"duplicate:{name}")


def _renamed(name: str, grammar) -> str | None:
    """A name close to ``name`` that fits ``grammar``: '_' as '-', '-' as '_', or letters and digits only."""
    lower = name.lower()
    squeezed = re.sub(r"[^A-Za-z0-9]", "", name)
    for candidate in (lower.replace("_", "-").strip("-"), name.replace("-", "_"), lower.replace("-", "_"),
                      squeezed, squeezed.lower(), squeezed[:24], lower.replace("_", "-").strip("-")[:63].strip("-")):
        if candidate and candidate != name and grammar.match(candidate):
            return candidate
    return None
