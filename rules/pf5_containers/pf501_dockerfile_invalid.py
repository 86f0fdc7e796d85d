"""PF501 dockerfile-invalid: a Dockerfile the platform builds does not parse."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF501", "dockerfile-invalid", "E", "A Dockerfile the platform builds does not parse",
      fix="Fix the line named: close the heredoc, remove the trailing backslash, save as UTF-8, start with FROM.",
      modes=("container",))
def check(project):
    """
    ## What it does
    Reports what makes the image build stop before its first step: an unknown instruction (often a
    heredoc or continuation gone wrong), no `FROM`, a heredoc that is never closed, a last line that
    ends in a continuation backslash, a stage name used twice, `COPY --from` naming its own stage, a
    file saved as UTF-16 or holding NUL bytes.

    The file is read the way BuildKit reads it, not the way the `dockerfile-parse` library does: a
    UTF-8 byte-order mark is skipped, heredoc bodies are not instructions, a blank line inside a
    continuation does not end it, and the `# escape=` directive is honoured (research/docker.md §3).

    ## Why it matters
    `heroku container:push` or the heroku.yml build fails, and nothing is deployed.

    ## Example
    ```
    FROM python:3.13-slim
    RUN <<EOF
    pip install -r requirements.txt
    ```

    ## How to fix
    Fix the line named in the message; `docker build .` locally shows the same error.

    ## Source
    docs.docker.com/reference/dockerfile (parser directives, heredocs); research/docker.md §3.2-3.4.
    """
    for df in project.container.dockerfiles:
        for line, message in df.errors:
            yield Violation(df.path, line, f"{message}: the image build stops here and nothing is deployed",
                            anchor=f"invalid:{line}")
