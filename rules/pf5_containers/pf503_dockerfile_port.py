"""PF503 dockerfile-port: the web image's command binds a fixed port, or names $PORT in an exec form."""
from preflight.findings import Severity, Violation
from preflight.project.container import literal_ports, reads_port, start_commands
from preflight.project.deploytarget import platform_shape
from preflight.project.platform import routed_port
from preflight.registry import rule


@rule("PF503", "dockerfile-port", "E",
      "The web image's command binds a fixed port, or names $PORT where nothing expands it",
      fix="Bind the port the platform assigns: gunicorn --bind 0.0.0.0:$PORT, --port $PORT (shell-form CMD or "
          "heroku.yml run, so $PORT expands).",
      modes=("container",), needs=("port_env",))
@platform_shape
def check(project):
    """
    ## What it does
    Reads the command the `web` image runs (heroku.yml `run.web`, else `ENTRYPOINT` + `CMD`, and the
    entry scripts they start) and reports:

    - `$PORT` in an exec-form `CMD`/`ENTRYPOINT` (a JSON array, `CMD ["gunicorn", "-b",
      "0.0.0.0:$PORT", "app:app"]`), at its line, as a warning: Docker never expands variables in an
      exec form, so `docker run`, and every platform that runs the array as it is, hands the server the
      text `$PORT`. Heroku's runtime documents that it runs `CMD` through a shell, and whether that shell
      expands a word of the array is not certain from the docs (a dyno log shows the word quoted), so
      this is not an error. An array that runs `sh -c "..."` expands its script and is not reported;
    - a literal listen port (`-b 0.0.0.0:8000`, `--port 8080`, `listen 80`, `-Dserver.port=8080`)
      when nothing in the command reads `$PORT`. `EXPOSE` is named too: the platform ignores it. A
      Python server whose port `web-port-unbound` already reports is left to that rule.

    On a repository that shows it deploys elsewhere (docker compose, Kubernetes, another platform's
    manifest) and has no Procfile, app.json or heroku.yml, the finding is info.

    Runs on the platforms that give the web process a port in `$PORT` (the profile's `port_env`):
    not on Fly (no `PORT`: listen-port-mismatch compares with `internal_port`) nor PythonAnywhere
    (WSGI, no port).

    ## Why it matters
    The router sends traffic to the port in `$PORT`, assigned per dyno. A server on a fixed port is
    never reached: R10 boot timeout after 60 seconds, and the dyno restarts in a loop. A server given
    the text `$PORT` stops at once (gunicorn: "'$PORT' is not a valid port number"): H10 App crashed.
    The shell form is expanded everywhere, so it is the one to rely on.

    ## Example
    ```
    EXPOSE 8000
    CMD ["node", "server.js", "--port", "8000"]
    CMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"]
    ```

    ## How to fix
    `CMD node server.js --port $PORT`, `CMD gunicorn -b 0.0.0.0:$PORT app:app` (shell form: `/bin/sh
    -c` expands the variable when the dyno starts), or `CMD ["sh", "-c", "exec gunicorn -b
    0.0.0.0:$PORT app:app"]`.

    ## Source
    Dev Center "Container Registry & Runtime": "The web process must listen for HTTP traffic on $PORT,
    which is set by Heroku. EXPOSE in Dockerfile is not respected", and "CMD will always be executed
    by a shell": the platform quotes each word of an exec-form CMD before that shell sees it (a dyno
    log, `/bin/sh -c gunicorn\\ ...\\ 0.0.0.0:\\6039` with the `$` of `$PORT` still quoted, in
    veryacademy/YT-Django-Docker-Deploy-Heroku-Container#1), and Docker's exec form never expands
    variables (Dockerfile reference, "Shell and exec form"); research/docker.md §4.1, §5.3;
    research/platforms.md §1 item 3, §7.2, §11.2, §13 (port row).
    """
    image = project.container.image_for("web")
    if image is None or image.dockerfile is None:
        return
    p = project.profile
    for command in start_commands(project, image):
        literal = [w for w in command.literal_vars if reads_port(w)]
        if literal:
            yield Violation(command.source, command.line,
                            f"'{literal[0]}' is in an exec-form command (a JSON array), where Docker never expands "
                            f"${p.port_var}: unless the platform runs the array through a shell, the server is given "
                            f"that text and cannot listen on the port the router uses ({p.app_crashed})",
                            anchor="exec-form-port", severity=Severity.WARNING,
                            hint=f"Use the shell form, which /bin/sh expands when the {p.dyno} starts: "
                                 f"CMD {' '.join(command.exec_argv)}, or CMD [\"sh\", \"-c\", \"exec ...\"].")
            return
    scripts = [s for s in project.entry_scripts if s.process == "web"]
    texts = [c.text for c in start_commands(project, image)] + ["\n".join(s.lines) for s in scripts]
    if any(reads_port(t) for t in texts):
        return
    covered = {ep.port for ep in project.code.entrypoints if ep.process == "web" and ep.port}
    routed = routed_port(project)
    if routed is not None and routed[2] == "declared":  # Dokku routes to the EXPOSEd port: binding it works
        covered.add(routed[0])
    expose = image.dockerfile.instruction("EXPOSE", image.stage)
    note = f"; EXPOSE {expose.value.strip()} (line {expose.line}) does nothing on the platform" \
        if expose and p.has("heroku_yml") else ""  # Heroku's container runtime ignores it; Dokku routes to it
    for command in start_commands(project, image):
        ports = [q for q in literal_ports(command.text) if q not in covered]
        for s in scripts if not ports else ():
            ports = [q for q in literal_ports("\n".join(s.lines)) if q not in covered]
        if ports:
            yield Violation(command.source, command.line,
                            f"the web command listens on the fixed port {ports[0]} and never reads ${p.port_var}, "
                            f"so the router never reaches it: {p.boot_timeout}{note}", anchor="fixed-port")
