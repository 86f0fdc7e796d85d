"""The root files a deploy needs git to carry, given which of them exist on disk.

``git push heroku main`` sends commits, not the working directory: a needed file that ``.gitignore`` excludes
or that was never committed does not exist in the build. Sources: heroku-buildpack-python ``bin/detect`` and
``lib/package_manager.sh``; research/heroku.md A02, A05.
"""
from __future__ import annotations

PACKAGE_FILES = ("requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock")
RUNTIME_FILES = (".python-version", "runtime.txt")


def needed_files(project) -> list[str]:
    """The root deploy files the push must carry and does not (on disk, but ignored or never committed).

    A package manager or runtime file that is left out while another one ships is usually deliberate (a
    local poetry.lock next to a committed requirements.txt), so it only counts when nothing else does the job.
    """
    on_disk = lambda p: project.exists(p) and not project.index.is_dir(p)  # noqa: E731
    needed = ["Procfile", "heroku.yml", "app.json"]
    if not any(project.shipped(p) for p in PACKAGE_FILES):
        needed += PACKAGE_FILES
        if on_disk("Pipfile.lock"):
            needed.append("Pipfile")
        if on_disk("poetry.lock") or on_disk("uv.lock"):
            needed.append("pyproject.toml")
    if not any(project.shipped(p) for p in RUNTIME_FILES):
        needed += RUNTIME_FILES
    hy = project.heroku_yml   # also when only on disk: its Dockerfiles are needed once it is committed
    needed += hy.dockerfiles if hy is not None else []
    seen = []
    for p in needed:
        if p not in seen and on_disk(p) and not project.shipped(p):
            seen.append(p)
    return seen


def container_push(project) -> bool:
    """A Dockerfile app without Procfile or heroku.yml: ``heroku container:push`` builds from the working
    directory, so git carrying the files does not matter."""
    return project.exists("Dockerfile") and not project.exists("Procfile") and not project.exists("heroku.yml")


def ignore_source(project, path: str) -> str:
    """`.gitignore:3 ('*.txt')`; only asked once a finding is known (empty outside git)."""
    return project.index.ignore_sources([path]).get(path, "") if project.index.in_git else ""
