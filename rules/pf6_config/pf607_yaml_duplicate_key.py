"""PF607 yaml-duplicate-key: a key repeated in one YAML mapping (the loader keeps one, silently)."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF607", "yaml-duplicate-key", "W", "A key is repeated in one YAML mapping; the loader silently keeps one",
      fix="Keep one of the two keys (merge their values).")
def check(project):
    """
    ## What it does
    Reports each key that appears twice in one mapping of a deploy-relevant YAML file (production configs
    and heroku.yml), with both lines. Keys that load as the same value collide too: `on:` and `yes:` are
    both the boolean true.

    ## Why it matters
    PyYAML keeps the last value without a word, so the first setting (often the one edited) has no
    effect; Docker Compose and yamllint reject such files.

    ## How to fix
    Delete one of the keys, or merge the two blocks.

    ## Sources
    research/docker.md §5.1-5.2 (PyYAML keeps the last duplicate; compose-go and yamllint reject it).
    """
    for cfg in project.configs.yaml_files():
        for keys, line, first in cfg.duplicates:
            shown = ".".join(k for k in keys if not k.startswith("[doc"))
            yield Violation(cfg.path, line,
                            f"{shown} is set again here (first on line {first}): the YAML loader keeps only this "
                            f"one and drops line {first} silently",
                            anchor=shown)
