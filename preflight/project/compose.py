"""docker-compose files: what each service sets, with lines, for telling what the platform will not use.

Neither ``heroku container:push`` nor heroku.yml builds read a compose file (research/docker.md §4.2):
environment, ports, volumes, command, build args and the database/cache services it defines must be
re-expressed as config vars, heroku.yml and add-ons. ``project.memo`` keeps the parsed files; a file that
does not parse is left to ``yaml-invalid``/``file-unreadable``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from preflight.project.manifests import compose_yaml

NAMES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")
# Images of services the platform offers as add-ons (the word after the last "/", before the tag).
ADDON_IMAGES = {"postgres": "postgres", "postgis": "postgres", "mysql": "mysql", "mariadb": "mysql",
                "redis": "redis", "valkey": "redis", "memcached": "memcached", "rabbitmq": "rabbitmq",
                "mongo": "mongo", "elasticsearch": "elasticsearch", "opensearch": "elasticsearch"}


@dataclass
class Service:
    name: str
    line: int
    keys: dict[str, int] = field(default_factory=dict)   # top-level service keys -> line
    image: str | None = None
    build_args_line: int = 0


@dataclass
class Compose:
    path: str
    services_line: int = 0
    services: list[Service] = field(default_factory=list)


def _parse(path: str, text: str) -> Compose | None:
    import yaml

    root, error = compose_yaml(text)
    if error is not None:
        return None
    out = Compose(path)
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if getattr(key, "value", None) != "services" or not isinstance(value, yaml.MappingNode):
            continue
        out.services_line = key.start_mark.line + 1
        for name_node, body in value.value:
            svc = Service(str(name_node.value), name_node.start_mark.line + 1)
            for k, v in body.value if isinstance(body, yaml.MappingNode) else ():
                svc.keys[str(k.value)] = k.start_mark.line + 1
                if k.value == "image" and isinstance(v, yaml.ScalarNode):
                    svc.image = v.value
                if k.value == "build" and isinstance(v, yaml.MappingNode):
                    for bk, _ in v.value:
                        if bk.value == "args":
                            svc.build_args_line = bk.start_mark.line + 1
            out.services.append(svc)
    return out


def parse_file(project, path: str) -> Compose | None:
    """A compose file anywhere in the repository (``load`` reads the root ones the platform would meet)."""
    tf = project.text(path)
    return _parse(path, tf.text) if tf is not None else None


def addon_of(image: str | None) -> str | None:
    if not image:
        return None
    short = image.split("@", 1)[0].rsplit("/", 1)[-1].split(":", 1)[0].lower()
    return ADDON_IMAGES.get(short)


def load(project) -> list[Compose]:
    def build():
        found = []
        for name in NAMES:
            if project.shipped(name) or project.exists(name) and not project.index.is_dir(name):
                tf = project.text(name)
                parsed = _parse(name, tf.text) if tf is not None else None
                if parsed is not None:
                    found.append(parsed)
        return found

    return project.memo("compose", build)
