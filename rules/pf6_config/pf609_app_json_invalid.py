"""PF609 app-json-invalid: app.json breaks its schema or asks for a retired plan or stack."""
from preflight.findings import Severity, Violation
from preflight.project.appjson import schema_problems
from preflight.registry import rule


@rule("PF609", "app-json-invalid", "E", "app.json breaks its schema, or asks for a retired add-on plan or stack",
      fix="Fix app.json as the message says (schema: name, env, formation, addons, buildpacks, stack, scripts, "
          "environments).")
def check(project):
    """
    ## What it does
    Checks a parsed app.json against its schema: the top-level keys (`name`, `description`, `keywords`,
    `website`, `repository`, `logo`, `success_url`, `scripts`, `env`, `formation`, `image`, `addons`,
    `buildpacks`, `environments`, `stack`) and the shape of each (`env` values are strings or objects with
    `description`/`value`/`required`/`generator: "secret"`; `formation.<process>.quantity` a whole number;
    `addons` plan strings or `{"plan": ...}`; `buildpacks` `[{"url": ...}]`; `environments` `test`,
    `review`, `production`). It reports retired add-on plans (`heroku-postgresql:hobby-dev`,
    `heroku-redis:hobby-dev`), retired stacks (`heroku-18`, `heroku-20`...) and dyno sizes (`free`,
    `hobby`), at the line. Unknown keys and sizes are warnings: they are ignored, not rejected.
    A file that is not valid JSON is reported by file-unreadable.

    ## Why it matters
    Review Apps, CI and the Deploy button create the app from app.json: a retired plan stops the setup
    with "The heroku-postgresql:hobby-dev plan is no longer available"; a retired stack fails the build.

    ## How to fix
    Replace the plan (`heroku-postgresql:essential-0`, `heroku-redis:mini`), the stack (`heroku-24`),
    and fix the types the message names.

    ## Sources
    Heroku Dev Center "app.json Schema"; "Stacks"; the setup error quoted in saleor/saleor#11723;
    research/heroku.md J01-J08; preflight/data/heroku_app_json.json.
    """
    for problem in schema_problems(project):
        yield Violation("app.json", problem.line, problem.message, hint=problem.hint,
                        severity=Severity.WARNING if problem.warning else None, anchor=problem.anchor)
