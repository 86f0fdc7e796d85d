"""PF517 heroku-yml-invalid: heroku.yml breaks its schema."""
from preflight.findings import Violation
from preflight.registry import rule


@rule("PF517", "heroku-yml-invalid", "E", "heroku.yml breaks its schema (keys, build.docker paths, run and "
      "release shapes)", fix="Follow the heroku.yml schema: build.docker.<process>: <Dockerfile>, run.<process>: "
                             "<command>, release: {image: <process>, command: [<command>]}.",
      needs=("heroku_yml",))
def check(project):
    """
    ## What it does
    Validates heroku.yml against its documented schema, at the line of each problem: top-level keys
    other than `setup`, `build`, `release`, `run` (a typo such as `biuld:` silently turns the container
    deploy into a buildpack one); `build` keys other than `docker`/`config`; a `build.docker` entry that
    is not a path or `{dockerfile, target}`, that names a Dockerfile that is not in the repository, or
    a `target` stage the Dockerfile does not define; `run.<process>` that is not a command or `{command,
    image}`; `release` without a command or not a mapping; an `image:` that names no `build.docker`
    process. A file that does not parse is reported as `file-unreadable`.

    ## Why it matters
    The platform rejects the manifest at push time, or ignores the misspelt part: no image is built,
    the release phase never runs, or the process runs another image's command.

    ## Example
    ```
    build:
      docker:
        web: Dockerfile.web      # no such file
    release:
      command: alembic upgrade head
      image: worker              # not a build.docker process
    ```

    ## How to fix
    ```
    build:
      docker:
        web: Dockerfile
    release:
      image: web
      command:
        - alembic upgrade head
    ```

    ## Source
    Dev Center "Building Docker Images with heroku.yml"; research/docker.md §4.3.
    """
    hy = project.heroku_yml
    if hy is None or not hy.parsed:
        return
    for line, message in hy.problems:
        yield Violation(hy.path, line, f"{message}: the platform rejects or ignores this part of heroku.yml",
                        anchor=f"schema:{line}")
    for build in hy.docker.values():
        if build.path is None:
            continue
        if not project.exists(build.path) or project.index.is_dir(build.path):
            yield Violation(hy.path, build.line, f"build.docker.{build.process} names {build.path}, which is not in "
                                                 "the repository: the image build fails",
                            anchor=f"docker-path:{build.process}")
        elif build.target:
            image = project.container.image_for(build.process)
            df = image.dockerfile if image is not None else None
            if df is not None and not df.errors and not any((s.name or "").lower() == build.target.lower()
                                                             for s in df.stages):
                yield Violation(hy.path, build.line, f"build.docker.{build.process} builds target "
                                                     f"'{build.target}', which {build.path} does not define "
                                                     "(FROM ... AS name): the image build fails",
                                anchor=f"docker-target:{build.process}")
    images = [(f"run.{s.process}.image", s.image, s.line) for s in hy.run.values() if s.image]
    if hy.release is not None and hy.release.image:
        images.append(("release.image", hy.release.image, hy.release.image_line))
    if hy.release is not None and not hy.release.commands:
        yield Violation(hy.path, hy.release.line, "release has no command: the release phase runs nothing",
                        anchor="release-command")
    for where, name, line in images:
        if hy.docker and name not in hy.docker:
            yield Violation(hy.path, line, f"{where} is '{name}', which is not a build.docker process "
                                           f"({', '.join(hy.docker)}): the platform has no such image",
                            anchor=f"image:{where}")
