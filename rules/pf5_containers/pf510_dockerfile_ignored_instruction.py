"""PF510 dockerfile-ignored-instruction: EXPOSE, VOLUME, HEALTHCHECK, STOPSIGNAL do nothing on the platform."""
from preflight.findings import Severity, Violation
from preflight.project.container import IGNORED_INSTRUCTIONS
from preflight.registry import rule


@rule("PF510", "dockerfile-ignored-instruction", "I", "EXPOSE, VOLUME, HEALTHCHECK or STOPSIGNAL: the platform "
      "ignores them", fix="Keep EXPOSE for local runs if you like; store data in a database or object storage, "
                          "not a VOLUME.", modes=("container",), needs=("heroku_yml",))
def check(project):
    """
    ## What it does
    Names each `EXPOSE`, `HEALTHCHECK`, `STOPSIGNAL` and `VOLUME` in the stages of an image the
    platform runs. `VOLUME` is a warning: data the app writes there looks persistent and is not.

    ## Why it matters
    The container runtime does not honour them: traffic goes to `$PORT` whatever `EXPOSE` says, the
    dyno manager checks health and stops processes its own way (SIGTERM, then SIGKILL after 30 s), and
    the filesystem, volumes included, is ephemeral: reset at every restart and deploy, not shared.

    ## How to fix
    Listen on `$PORT`; keep uploads and data in Postgres, Redis or object storage (S3).

    ## Source
    Dev Center "Container Registry & Runtime", "Unsupported Dockerfile commands"; research/docker.md §4.1.
    """
    p = project.profile
    for df in project.container.dockerfiles:
        if df.errors:
            continue
        chains = {st.index for stage in project.container.stages_built(df) for st in df.chain(stage)}
        for ins in df.instructions:
            why = IGNORED_INSTRUCTIONS.get(ins.instruction)
            if why is None or ins.stage not in chains:
                continue
            yield Violation(df.path, ins.line, f"{ins.instruction} is ignored by {p.container_runtime}: "
                                               f"{why.replace('$PORT', '$' + p.port_var)}",
                            severity=Severity.WARNING if ins.instruction == "VOLUME" else None,
                            anchor=f"ignored:{ins.instruction}:{ins.line}")
