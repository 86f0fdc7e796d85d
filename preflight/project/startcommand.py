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
    facts = project.profile.facts
    manifests = facts.get("manifests") or ()
    docker_service = False
    if "render.yaml" in manifests and project.shipped("render.yaml"):
        found, docker_service = _render(project)
        if found is not None:
            return found
    if "fly.toml" in manifests and project.shipped("fly.toml"):
        found = _fly(project)
        if found is not None:
            return found
    always = str(facts.get("dockerfile") or "").startswith("always")
    if (always or docker_service) and project.shipped("Dockerfile"):
        df = project.dockerfile
        start = (df.entrypoint or df.cmd) if df is not None else None
        if start is not None:
            return OwnStart("Dockerfile", start.line, start.instruction)
    return None


def _render(project) -> tuple[OwnStart | None, bool]:
    """(the first service's startCommand, whether some service runs a Docker image)."""
    from preflight.project import yamltree

    tf = project.text("render.yaml")
    if tf is None or len(tf.text) > yamltree.max_bytes(tf.text):
        return None, False
    tree = yamltree.parse(tf.text)
    if tree.error is not None:
        return None, False
    docker = False
    for entry in tree.entries:
        keys = entry.keys
        if len(keys) != 3 or keys[0] != "services":
            continue
        if keys[2] == "startCommand" and (entry.value or "").strip():
            return OwnStart("render.yaml", entry.line, "startCommand"), docker
        if keys[2] in ("runtime", "env") and entry.value in ("docker", "image"):
            docker = True
    return None, docker


def _fly(project) -> OwnStart | None:
    from preflight.project.tomllines import TomlLines

    data = project.manifests.toml("fly.toml")
    processes = data.get("processes") if isinstance(data, dict) else None
    if not isinstance(processes, dict) or not processes:
        return None
    tf = project.text("fly.toml")
    line = TomlLines(tf.lines).table("processes") if tf is not None else 0
    return OwnStart("fly.toml", line, "[processes]")
