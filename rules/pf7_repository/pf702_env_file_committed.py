"""PF702 env-file-committed: a tracked .env file that holds secrets."""
from preflight.findings import Violation
from preflight.project.secrets import env_files
from preflight.registry import rule


@rule("PF702", "env-file-committed", "E", "A tracked .env file that holds secrets",
      fix="git rm --cached .env, add .env to .gitignore, set the values with heroku config:set, and "
          "rotate them.")
def check(project):
    """
    ## What it does
    Reports a `.env` file (or `.env.production`, `prod.env`...) that git tracks and that sets at least
    one secret-named variable (`*_TOKEN`, `*_PASSWORD`, `SECRET_KEY`, `API_KEY`...) to a literal
    value, or holds anything `secret-committed` finds. Templates (`.env.example`, `.env.sample`,
    `.env.template`, `.env.dist`, `.env-dist`), the values of a test run (`.env.test`, `.env.testing`,
    `.env.ci`, `test.env`) and files of empty or placeholder values are fine.

    ## Why it matters
    `.env` is the file python-dotenv and docker-compose read for local development; it exists to keep
    secrets out of the code and out of git. Committed, it ships every value to the platform's git and
    to everyone who clones the repository. On the platform the values belong in config vars, and
    dotenv is not needed there at all.

    ## Example
    ```
    $ git ls-files
    .env          <- TOKEN=..., DATABASE_URL=...
    ```

    ## How to fix
    `git rm --cached .env`, add `.env` to `.gitignore`, commit; set each value with
    `heroku config:set NAME=value`; rotate the values that were pushed. Commit a `.env.example` with
    empty values instead, to document the variables.

    ## Source
    research/secrets.md 7.2 E (secret files tracked in git); Heroku Dev Center "Configuration and
    Config Vars".
    """
    p = project.profile
    for env in env_files(project):
        if not env.secret_names:
            continue
        count = len(set(env.secret_names))
        listed = ", ".join(dict.fromkeys(env.secret_names))
        yield Violation(env.path, 0, f"{env.path} is tracked by git and sets {count} secret value"
                                     f"{'s' if count != 1 else ''} ({listed}); every push sends them to "
                                     "the platform's git and every clone has them",
                        hint=f"git rm --cached {env.path}; add it to .gitignore; set the values with "
                             f"'{p.config_set} NAME=...' and rotate them.",
                        anchor="env-file")
