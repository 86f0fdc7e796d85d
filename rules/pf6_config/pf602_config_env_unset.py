"""PF602 config-env-unset: a variable a template or the code needs that nothing sets on the platform."""
from preflight.findings import Severity, Violation
from preflight.messages import clip
from preflight.project.envvars import app_json_env, needed_variables
from preflight.registry import rule


@rule("PF602", "config-env-unset", "W",
      "A $VAR placeholder envsubst fills (or, with an app.json, an os.environ[...] read) that nothing sets",
      fix="Set it as a config var before the first deploy, and declare it in app.json env.")
def check(project):
    """
    ## What it does
    Lists the variables production needs: `$VAR`/`${VAR}` placeholders in a template a start script fills
    with `envsubst` at run time, and `os.environ["VAR"]` reads on the start path. Each is looked up in
    what sets it: the platform itself (`PORT`, `DYNO`, `HOME`...), its standard add-ons (`DATABASE_URL`
    comes from Heroku Postgres, `REDIS_URL` from Heroku Key-Value Store...), the repository (app.json
    `env`, heroku.yml `setup.config`, a Dockerfile `ENV`, an assignment earlier in the start script).

    With an app.json, each variable it does not declare is a warning (Review Apps and the Heroku Button
    create apps from app.json alone), and an add-on variable whose add-on app.json does not ask for names
    the add-on. Without one, a single info lists the template placeholders to set with
    `heroku config:set` before the first deploy (`os.environ[...]` reads are left alone there: a missing
    one stops the app with a KeyError that names it).

    ## Why it matters
    `envsubst` turns an unset variable into an empty string, silently: `token: $BOT_TOKEN` becomes
    `token: ` and the app fails later with a confusing error. `os.environ["X"]` raises KeyError at boot.

    ## How to fix
    `heroku config:set NAME=value` (or attach the add-on that provides it), and list the variable in
    app.json `env` so new apps get it too.

    ## Sources
    Heroku Dev Center "Configuration and config vars", "Dynos" (local environment variables), "app.json
    schema"; GNU gettext manual, envsubst (unset variables are replaced by empty strings); seed 004.
    """
    p = project.profile
    declared = app_json_env(project)
    missing = [n for n in needed_variables(project) if n.provider in ("", "addon") and not n.attached]
    if declared is not None:
        for n in missing:
            if n.addon:
                slug, title = n.addon
                yield Violation(n.path, n.line,
                                f"{n.name} comes from the {title} add-on, which app.json does not ask for: apps "
                                f"created from it have no {n.name}{_effect(n)}",
                                hint=f"Add \"{slug}\" to app.json addons (or {p.addons_create} {slug} on the app).",
                                anchor=n.name)
            else:
                yield Violation(n.path, n.line,
                                f"{n.name} is not set by the platform and app.json env does not declare it{_effect(n)}",
                                hint=f"Declare \"{n.name}\" in app.json env and set it with {p.config_set} "
                                     f"{n.name}=...", anchor=n.name)
        return
    # without app.json, only placeholders: envsubst blanks them silently, while a missing os.environ[...]
    # stops the process with a KeyError that names the variable (and nearly every app reads a few)
    plain = [n for n in missing if not n.addon and n.how == "envsubst"]
    if not plain:
        return
    first = plain[0]
    names = sorted({n.name for n in plain})
    places = ", ".join(sorted({f"{n.path}:{n.line}" for n in plain}))
    yield Violation(first.path, first.line,
                    f"the app needs {', '.join(names)}, which the platform does not set ({clip(places, 120)}); "
                    f"set {'it' if len(names) == 1 else 'them'} before the first deploy",
                    hint=f"{p.config_set} " + " ".join(f"{n}=..." for n in names),
                    severity=Severity.INFO, anchor=",".join(names))


def _effect(n) -> str:
    if n.how == "envsubst":
        return f"; the envsubst in {n.filled_by} writes an empty string in its place"
    return ": os.environ[...] raises KeyError when the process starts"
