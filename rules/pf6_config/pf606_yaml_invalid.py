"""PF606 yaml-invalid: a deploy-relevant YAML config does not parse (or would exhaust the loader)."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF606", "yaml-invalid", "E", "A deploy-relevant YAML file does not parse",
      fix="Fix the YAML syntax at the line given (indent with spaces, quote values that hold ': ' or '#').")
def check(project):
    """
    ## What it does
    Parses every YAML config production reads (named for production, an `envsubst` template, opened by the
    start-path code, passed by a start command) and reports the first syntax error with its line. It also
    stops, with a finding, on a file nested deeper than the loader can follow and on an alias bomb (a few
    lines of anchors and aliases that expand to billions of values when loaded).

    heroku.yml is not reported here: the platform parses it itself, and a parse failure there is
    file-unreadable's (an error). One broken file gets one report.

    ## Why it matters
    The app calls `yaml.safe_load` at boot: a syntax error raises and the process crashes on every start;
    an alias bomb takes all the memory of the dyno (R14/R15) before it crashes.

    ## How to fix
    Fix the line the message names: tabs used for indentation, an unquoted value with `: ` or ` #`, a
    missing space after `:`. Remove aliases that multiply.

    ## Sources
    PyYAML behaviour on bad input (research/docker.md §5.1: ScannerError with line and column, ComposerError
    for several documents).
    """
    for cfg in project.configs.yaml_files():
        if cfg.error is None or cfg.path == "heroku.yml" or cfg.path in project.unreadable:
            continue
        message, line = cfg.error
        yield Violation(cfg.path, line,
                        f"{cfg.path} {message}; the app cannot load it ({project.configs.production(cfg.path)})",
                        anchor=message.split(":", 1)[0])
