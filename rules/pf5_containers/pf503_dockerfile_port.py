"""PF503 dockerfile-port: the web image's command binds a fixed port and never uses $PORT."""
from preflight.findings import Violation
from preflight.project.container import literal_ports, reads_port, start_commands
from preflight.project.deploytarget import platform_shape
from preflight.registry import rule


@rule("PF503", "dockerfile-port", "E", "The web image's command binds a fixed port and never reads $PORT",
      fix="Bind the port the platform assigns: gunicorn --bind 0.0.0.0:$PORT, --port $PORT (shell-form CMD or "
          "heroku.yml run, so $PORT expands).",
      modes=("container",))
@platform_shape
def check(project):
    """
    ## What it does
    Reads the command the `web` image runs (heroku.yml `run.web`, else `ENTRYPOINT` + `CMD`, and the
    entry scripts they start) and reports a literal listen port (`-b 0.0.0.0:8000`, `--port 8080`,
    `listen 80`, `-Dserver.port=8080`) when nothing in it reads `$PORT`. `EXPOSE` is named too: the
    platform ignores it. A Python server whose port `web-port-unbound` already reports is left to
    that rule.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest) and has no Procfile, app.json or heroku.yml, the finding is info.

    ## Why it matters
    The router sends traffic to the port in `$PORT`, assigned per dyno. A server on a fixed port is
    never reached: R10 boot timeout after 60 seconds, and the dyno restarts in a loop.

    ## Example
    ```
    EXPOSE 8000
    CMD ["node", "server.js", "--port", "8000"]
    ```

    ## How to fix
    `CMD node server.js --port $PORT` (shell form: the variable expands; on the platform the CMD runs
    through a shell, so an exec-form `$PORT` works there, but not under plain `docker run`).

    ## Source
    Dev Center "Container Registry & Runtime": "The web process must listen for HTTP traffic on $PORT,
    which is set by Heroku. EXPOSE in Dockerfile is not respected"; research/docker.md §4.1, §5.3.
    """
    image = project.container.image_for("web")
    if image is None or image.dockerfile is None:
        return
    p = project.profile
    scripts = [s for s in project.entry_scripts if s.process == "web"]
    texts = [c.text for c in start_commands(project, image)] + ["\n".join(s.lines) for s in scripts]
    if any(reads_port(t) for t in texts):
        return
    covered = {ep.port for ep in project.code.entrypoints if ep.process == "web" and ep.port}
    expose = image.dockerfile.instruction("EXPOSE", image.stage)
    note = f"; EXPOSE {expose.value.strip()} (line {expose.line}) does nothing on the platform" if expose else ""
    for command in start_commands(project, image):
        ports = [q for q in literal_ports(command.text) if q not in covered]
        for s in scripts if not ports else ():
            ports = [q for q in literal_ports("\n".join(s.lines)) if q not in covered]
        if ports:
            yield Violation(command.source, command.line,
                            f"the web command listens on the fixed port {ports[0]} and never reads ${p.port_var}, "
                            f"so the router never reaches it: {p.boot_timeout}{note}", anchor="fixed-port")
