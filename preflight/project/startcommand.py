"""Where a platform that reads no Procfile takes its start command from, when the repository sets it.

``own_start(project)`` -> :class:`OwnStart` (file, line, what) for the checked platform's own start command
(research/platforms.md §5.2, §7.2, §12.1, §12.2): a ``startCommand`` of a render.yaml service, or a Docker
service there (``runtime: docker``, whose image's CMD starts it); the ``[processes]`` table of fly.toml; the
root Dockerfile's CMD or ENTRYPOINT where the profile says a root Dockerfile is always built
(``facts.dockerfile`` "always ..."). Which of those files count comes from the profile's
``facts.manifests``; a file that does not parse sets nothing here (file-unreadable reports it).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OwnStart:
    path: str
    line: int
    what: str      # "startCommand", "[processes]", "CMD"...


def builds_root_dockerfile(project) -> bool:
    """The platform builds the root Dockerfile instead of using its buildpacks whenever one is there
    (``facts.dockerfile``: "always ..." on Railway, "when a Dockerfile is at the root" on Cloud Run and App
    Platform), and the repository has one."""
    how = str(project.profile.facts.get("dockerfile") or "")
    return how.startswith(("always", "when a Dockerfile is at the root")) and project.shipped("Dockerfile")


def own_start(project) -> OwnStart | None:
    return project.memo("startcommand.own_start", lambda: _find(project))


def _find(project) -> OwnStart | None:
    """The first service or process group of the platform's manifest (``project.platform_files``) with a
    start command; else the root Dockerfile's CMD where the platform always builds it or a manifest service
    runs it (Render ``runtime: docker``)."""
    facts = project.profile.facts
    docker_service = False
    for svc in project.platform_files.services(project.platform):
        if svc.command and svc.command.strip():
            what = {"fly.toml": "[processes]"}.get(svc.path, "startCommand")
            return OwnStart(svc.path, svc.command_line or svc.line, what)
        docker_service = docker_service or svc.extra.get("runtime") in ("docker", "image")
    always = str(facts.get("dockerfile") or "").startswith("always")
    if (always or docker_service) and project.shipped("Dockerfile"):
        df = project.dockerfile
        start = (df.entrypoint or df.cmd) if df is not None else None
        if start is not None:
            return OwnStart("Dockerfile", start.line, start.instruction)
    return None
