"""PF504 dockerfile-build-time-env: a RUN step reads variables that exist only when the dyno runs."""
from preflight.findings import Severity, Violation
from preflight.project.container import build_time_env
from preflight.registry import rule


@rule("PF504", "dockerfile-build-time-env", "E", "A RUN step reads $PORT, $DATABASE_URL or config vars, which "
      "exist only at run time", fix="Do it when the container starts: move the step into the entry script "
                                    "(envsubst < template > config && exec ...), or into the CMD.",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reports a `RUN` step of an image the platform builds that reads a variable only the running dyno
    has: `$PORT`, `$DATABASE_URL`, `$REDIS_URL` and other add-on variables, dyno metadata, and the
    config vars `app.json` declares under `env`.
    The classic case is `envsubst` filling a config template at build time: preflight reads the
    template that `COPY` put in the image and names the variables in it that nothing at build time
    sets. A variable the Dockerfile declares with `ARG` (fed by heroku.yml `build.config` or
    `container:push --arg`; `build.config` alone, without the `ARG`, does not reach `RUN`) or sets with
    `ENV` is known at build time and is not reported; single-quoted
    text (`sed 's/x/$PORT/'`) is not expanded and is not reported either.

    ## Why it matters
    Config vars are not passed to the Docker build, and `$PORT` is assigned per dyno when it starts.
    At build time they are empty, so `envsubst` writes `port:` and `url:` with nothing after them
    into the image; the app then fails at boot or listens on a wrong port (R10 boot timeout).

    ## Example
    ```
    RUN cat config/heroku_config.yaml | envsubst > config/config.yaml
    ```

    ## How to fix
    Run it when the container starts, in an entry script that ends in `exec`:
    `envsubst < config/heroku_config.yaml > config/config.yaml` then `exec python main.py`.

    ## Source
    Dev Center "Container Registry & Runtime" (config vars are not available at build time; use `ARG`
    and heroku.yml `build.config`), heroku/roadmap#320; research/docker.md §4.1, §4.4.
    """
    p = project.profile
    app_json = project.manifests.app_json if project.shipped("app.json") else None
    env = app_json.get("env") if isinstance(app_json, dict) else None
    runtime_vars = list(p.runtime_vars) + [str(k) for k in env] if isinstance(env, dict) else list(p.runtime_vars)
    hy = project.heroku_yml
    build_config = hy.config if hy is not None else {}
    seen = set()
    for image in project.container.images:
        df = image.dockerfile
        if df is None or df.errors or image.stage is None:
            continue
        facts = project.container.facts(df)
        for use in build_time_env(project, image, facts, runtime_vars):
            line = use.step.ins.line
            if (df.path, line) in seen:
                continue  # two processes built from one Dockerfile
            seen.add((df.path, line))
            names = " and ".join(f"${n}" for n in use.names[:3]) + (" ..." if len(use.names) > 3 else "")
            configured = [n for n in use.names if n in build_config]
            if configured:  # build.config only reaches the build through an ARG of the same name
                names += f" (build.config sets {', '.join(configured)}, but no ARG declares it)"
            if use.envsubst:
                unset = f"{names} in {use.template} are" if use.names else \
                    f"${p.port_var}, $DATABASE_URL and the config vars are"
                severity = None if use.template is not None or use.names else Severity.WARNING
                yield Violation(df.path, line, f"envsubst runs at build time, when {unset} not set: they exist only "
                                               f"when the {p.dyno} starts, so the file it writes gets empty values",
                                severity=severity,
                                anchor=f"build-env:{line}")
            else:
                yield Violation(df.path, line, f"this RUN reads {names}, which the build does not have: it exists "
                                               f"only when the {p.dyno} starts, so the step sees an empty value",
                                anchor=f"build-env:{line}")
