"""PF511 dockerignore-missing: COPY . with no .dockerignore, or one that lets .git, .env or keys in."""
from preflight.findings import Violation
from preflight.project import fixes
from preflight.project.container import context_leaks, whole_context_copy
from preflight.registry import rule


@rule("PF511", "dockerignore-missing", "W", "COPY . with no .dockerignore, or one that lets .git, .env or keys in",
      fix="Add a .dockerignore beside the Dockerfile: .git, .env, *.pem, venv/, __pycache__/",
      modes=("container",), fixable="safe")
def check(project):
    """
    ## What it does
    For each image that copies its whole build context (`COPY . .`), checks the `.dockerignore` of
    that context (BuildKit's `<Dockerfile>.dockerignore` first), matched with Docker's own rules (not
    git's: patterns are anchored at the context root, `!` can re-include a file inside an excluded
    folder). Reports a missing file, and one that lets in `.git` (with `heroku container:push`, which
    sends the working tree), `.env` files or private keys that are in the context.

    ## Why it matters
    `heroku container:push` builds from your working directory, untracked and git-ignored files
    included: without a `.dockerignore` the local `.env`, `.git` history and keys are baked into an
    image layer the registry stores and anyone with access to the image can read; the context upload
    and every layer grow too.

    ## How to fix
    A `.dockerignore` next to the Dockerfile:
    ```
    .git
    .env
    *.pem
    venv/
    **/__pycache__
    ```
    When the file is missing, `preflight check --fix` writes one with these defaults and the files
    this check found (and stages it inside git).

    ## Source
    docs.docker.com/build/concepts/context/#dockerignore-files; heroku/cli `container:push` (the
    context is the Dockerfile's folder on disk); research/docker.md §4.2, §7 DF18.
    """
    seen = set()
    for image in project.container.images:
        df = image.dockerfile
        if df is None or df.errors or df.path in seen:
            continue
        seen.add(df.path)
        copy = next((c for st in df.stages for c in [whole_context_copy(df, st)] if c is not None), None)
        if copy is None:
            continue
        ignore = project.container.dockerignore(image)
        leaks = context_leaks(project, image, ignore)
        if ignore is None:
            extra = f" ({', '.join(leaks[:4])} among them)" if leaks else ""
            cost = "local secrets and history end up in the image the platform stores" \
                if image.declared != "heroku.yml" else "tests, docs and caches bloat the image every dyno pulls"
            yield Violation(df.path, copy.line, f"COPY {copy.value.strip()} with no .dockerignore sends every file "
                                                f"of the build context into the image{extra}: {cost}",
                            anchor=f"dockerignore:{image.path}", fix=fixes.dockerignore(project, image, leaks))
        elif leaks:
            yield Violation(df.path, copy.line, f"COPY {copy.value.strip()} puts {', '.join(leaks[:4])} in the "
                                                f"image: {ignore.path} does not exclude "
                                                f"{'it' if len(leaks) == 1 else 'them'}",
                            hint=f"Add {', '.join(leaks[:4])} to {ignore.path}.",
                            anchor=f"dockerignore:{image.path}")
