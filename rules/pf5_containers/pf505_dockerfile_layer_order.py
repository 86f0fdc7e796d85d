"""PF505 dockerfile-layer-order: the whole build context is copied before the dependency install."""
from preflight.findings import Violation
from preflight.project.container import layer_order
from preflight.registry import rule


@rule("PF505", "dockerfile-layer-order", "W", "The whole build context is copied before the dependency install",
      fix="Copy the dependency files first, install, then copy the rest: COPY requirements.txt . / RUN pip "
          "install -r requirements.txt / COPY . .",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reports a `COPY . <dest>` (the whole build context) followed, in the same stage, by a dependency
    install that reads a manifest: `pip install -r`, `poetry install`, `pipenv install`, `uv sync`,
    `npm ci`, `yarn install`, `bundle install`. A builder stage whose result is copied with
    `COPY --from` is judged on its own.

    ## Why it matters
    Docker reuses a layer only while every file the steps before it copied is unchanged. With the
    whole context copied first, every code change reinstalls every dependency: each push rebuilds and
    re-uploads the largest layers, and the build is slower than the platform's buildpack would be.

    ## Example
    ```
    COPY . .
    RUN pip install -r requirements.txt
    ```

    ## How to fix
    ```
    COPY requirements.txt .
    RUN pip install --no-cache-dir -r requirements.txt
    COPY . .
    ```

    ## Source
    docs.docker.com/build/cache/ ("order your layers"); the seed tutorial (research seeds 004) explains
    the rule and breaks it; research/docker.md §7 DF12.
    """
    p = project.profile
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        for copy, install in layer_order(project.container.facts(df)):
            yield Violation(df.path, copy.line,
                            f"COPY {copy.value.strip()} copies the whole context before '{install.command}' (line "
                            f"{install.step.ins.line}): every code change reinstalls all dependencies, so each "
                            f"{p.container_push} or build rebuilds and uploads the biggest layers again",
                            anchor=f"layer-order:{copy.line}")
