"""PF518 compose-ignored: a docker-compose file the platform never reads."""
from preflight.findings import Violation
from preflight.project.compose import addon_of, load
from preflight.registry import rule

_WHAT = {"environment": "environment (set them with {config_set})", "env_file": "env_file (the same: config vars)",
         "ports": "ports (the router uses ${port_var})", "volumes": "volumes (the filesystem is ephemeral)",
         "command": "command (use CMD or run: in heroku.yml)", "depends_on": "depends_on"}


@rule("PF518", "compose-ignored", "I", "A docker-compose file: the platform never reads it",
      fix="Carry what it sets over: config vars for environment, heroku.yml for command and build args, add-ons "
          "for database and cache services.", needs=("heroku_yml",))
def check(project):
    """
    ## What it does
    When `docker-compose.yml`/`compose.yaml` exists, says once which of its settings the platform will
    not use: `environment`/`env_file`, `ports`, `volumes`, `command`, `build.args`, and the database or
    cache services it runs (postgres, redis, mysql...), which become add-ons.

    ## Why it matters
    Neither `heroku container:push` nor heroku.yml builds read a compose file. An app that works with
    `docker compose up` boots on the platform without its variables, its database or its command.

    ## How to fix
    `heroku config:set` each variable, put the command in the Dockerfile `CMD` or heroku.yml `run`,
    build args in heroku.yml `build.config`, and provision Postgres/Redis as add-ons (their URLs arrive
    as `DATABASE_URL`/`REDIS_URL`).

    ## Source
    heroku/cli `container:push` source (no compose file is read); heroku/heroku-container-tools#142;
    research/docker.md §4.2, §7 DC01.
    """
    p = project.profile
    for compose in load(project):
        unused = []
        for svc in compose.services:
            for key, text in _WHAT.items():
                if key in svc.keys:
                    unused.append(f"{svc.name}.{text.format(config_set=p.config_set, port_var=p.port_var)} "
                                  f"(line {svc.keys[key]})")
            if svc.build_args_line:
                unused.append(f"{svc.name}.build.args (line {svc.build_args_line}; use build.config in heroku.yml)")
            addon = addon_of(svc.image)
            if addon:
                unused.append(f"the {svc.name} service ({svc.image}, line {svc.line}: use an add-on, "
                              f"{p.postgres if addon == 'postgres' else addon})")
        detail = ": " + "; ".join(unused) if unused else ""
        yield Violation(compose.path, compose.services_line, f"the platform never reads {compose.path} (neither "
                                                             f"{p.container_push} nor heroku.yml does){detail}",
                        anchor="compose")
