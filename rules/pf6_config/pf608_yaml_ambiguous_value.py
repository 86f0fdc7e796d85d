"""PF608 yaml-ambiguous-value: a YAML 1.1 value that loads as something else than its text."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF608", "yaml-ambiguous-value", "W",
      "A YAML 1.1 surprise where a string is meant: yes/no/on/off, 22:22, 0755, 3.10",
      fix="Quote the value (\"3.10\", \"22:22\", \"NO\") so YAML keeps it as text.")
def check(project):
    """
    ## What it does
    Reports plain (unquoted) scalars in deploy-relevant YAML that PyYAML (YAML 1.1) turns into something
    else than the text suggests:

    * `22:22` is the base-60 number 1342 (any `a:b` whose parts after the first are below 60);
    * `0755` is the octal number 493 (not reported under a `mode`/`umask` key, where that is meant);
    * `3.10` is the float 3.1 (a Python version loses its zero);
    * `yes`/`no`/`on`/`off` are booleans: reported as mapping keys (`on:` becomes `True:`), as list
      items, and for keys that hold codes (`country: NO` is False).

    ## Why it matters
    The app gets a different value than the file shows, with no error: a time `22:22` becomes 1342, a
    version 3.10 becomes 3.1, Norway's code becomes False.

    ## How to fix
    Quote the value: `"22:22"`, `"0755"`, `"3.10"`, `"NO"`, or write `true`/`false` when a boolean is meant.

    ## Sources
    research/docker.md §5.1 (PyYAML 6 results measured), YAML 1.1 type repository (bool, int base 60,
    float); yamllint `truthy` and `octal-values`.
    """
    for cfg in project.configs.yaml_files():
        for entry, why in cfg.ambiguous:
            yield Violation(cfg.path, entry.line, f"{entry.dotted}: {why}",
                            hint=f"Quote it: \"{entry.value}\" (or write the value YAML means, e.g. true/false).",
                            anchor=f"{entry.dotted}={entry.value}")
