"""heroku.yml, read once with line numbers: its four sections, the images it builds and the commands it runs.

Schema (Dev Center "Building Docker Images with heroku.yml", research/docker.md §4.3): top-level keys
``setup`` (``addons``, ``config``), ``build`` (``docker``: process -> Dockerfile path, or ``{dockerfile,
target}``; ``config``: build arguments), ``release`` (``image``, ``command``: a list of commands) and ``run``
(process -> command string, or ``{command: [...], image: <build.docker key>}``). Anything else at the top is
a typo the platform ignores or rejects.

The file is composed into YAML nodes (``yaml.compose``), so every value keeps its 1-based line; a file that
does not parse is recorded on the project (``file-unreadable`` reports it with the parser's line) and
yields a :class:`HerokuYml` with ``parsed=False``. Schema problems are collected in ``problems`` as
(line, message) for ``heroku-yml-invalid``.

API (``project.heroku_yml``, None when there is no heroku.yml):
``docker`` {process: DockerBuild(path, target, line)}, ``dockerfiles`` (their paths), ``config`` {name:
(value, line)} (build.config), ``setup_addons`` [(plan, line)], ``setup_config`` {name: (value, line)}, ``run`` {process: RunSpec(commands [(text, line)], image, line)}, ``release`` ReleaseSpec |
None, ``commands()`` (every run and release command with its line), ``sections`` {key: line},
``builds_docker`` (the deploy mode's test), ``problems``.

This is the one reader of heroku.yml. It reads the file when git ships it *or* it is only on disk
(``shipped`` says which): the deploy mode, the images and the entry scripts follow the file as the user
sees it (``heroku container:push`` and a later commit use it), and deploy-file-untracked reports one git
does not carry. Facts about what ``git push`` builds ask for ``shipped`` (``container.deploy_dockerfile``,
the process commands the dependency rules read).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from preflight.project.manifests import compose_yaml

PATH = "heroku.yml"
SECTIONS = ("setup", "build", "release", "run")


@dataclass
class DockerBuild:
    process: str
    path: str | None        # the Dockerfile, repo-relative ("./" removed); None when not a string
    target: str | None
    line: int


@dataclass
class RunSpec:
    process: str
    commands: list[tuple[str, int]]   # (command text, line)
    image: str | None                 # the build.docker key whose image runs it (default: its own)
    line: int


@dataclass
class ReleaseSpec:
    commands: list[tuple[str, int]]
    image: str | None
    line: int
    image_line: int = 0


@dataclass
class HerokuYml:
    path: str = PATH
    text: str = ""
    parsed: bool = False
    sections: dict[str, int] = field(default_factory=dict)
    docker: dict[str, DockerBuild] = field(default_factory=dict)
    docker_line: int = 0
    config: dict[str, tuple[str, int]] = field(default_factory=dict)
    setup_addons: list[tuple[str, int]] = field(default_factory=list)   # (plan as written, line)
    setup_config: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (value, line)
    run: dict[str, RunSpec] = field(default_factory=dict)
    release: ReleaseSpec | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)
    shipped: bool = True     # git carries it (False: only on disk, so a git push does not read it)

    @property
    def builds_docker(self) -> bool:
        """``build.docker`` is there and not empty: the app deploys as containers."""
        return bool(self.docker) or self._docker_scalar

    _docker_scalar: bool = False

    @property
    def dockerfiles(self) -> list[str]:
        """Every Dockerfile ``build.docker`` names (repo-relative, each once, in file order)."""
        return list(dict.fromkeys(b.path for b in self.docker.values() if b.path))

    def commands(self) -> list[tuple[str, str, int]]:
        """(process, command, line) of every ``run`` command, then the ``release`` ones (process "release")."""
        out = [(proc, text, line) for proc, spec in self.run.items() for text, line in spec.commands]
        if self.release is not None:
            out += [("release", text, line) for text, line in self.release.commands]
        return out


def _line(node) -> int:
    return node.start_mark.line + 1


def _text_line(node) -> int:
    """The line a scalar's text starts on: a block scalar (``web: |``) starts below its indicator."""
    if node.style in ("|", ">"):
        lines = node.value.split("\n")
        return _line(node) + 1 + next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    return _line(node)


def _scalar(node) -> str | None:
    import yaml

    return node.value if isinstance(node, yaml.ScalarNode) else None


def _mapping(node) -> list | None:
    import yaml

    return node.value if isinstance(node, yaml.MappingNode) else None


def _commands(node, what: str, hy: HerokuYml) -> list[tuple[str, int]]:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [(node.value, _text_line(node))] if node.value.strip() else []
    if isinstance(node, yaml.SequenceNode):
        out = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                out.append((item.value, _text_line(item)))
            else:
                hy.problems.append((_line(item), f"{what}: each command must be a string"))
        return out
    hy.problems.append((_line(node), f"{what} must be a command string or a list of commands"))
    return []


def _items(hy: HerokuYml, node, expected: str) -> list | None:
    """A mapping node's (key, value) pairs; None, with the problem recorded, for anything else."""
    items = _mapping(node)
    if items is None:
        hy.problems.append((_line(node), f"{expected}, not {_type(node)}"))
    return items


def _type(node) -> str:
    import yaml

    return {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}.get(type(node), "a single value")


def parse(text: str) -> tuple[HerokuYml, tuple[str, int] | None]:
    """The model, and the parse error (message, line) when the YAML does not parse."""
    hy = HerokuYml(text=text)
    root, error = compose_yaml(text)
    if error is not None:
        return hy, error
    hy.parsed = True
    if root is None:
        return hy, None
    top = _mapping(root)
    if top is None:
        hy.problems.append((_line(root), f"heroku.yml must be a mapping of setup/build/release/run, not "
                                         f"{_type(root)}"))
        return hy, None
    for key_node, value in top:
        key = _scalar(key_node) or ""
        hy.sections[key] = _line(key_node)
        if key not in SECTIONS:
            import difflib

            hint = next(iter(difflib.get_close_matches(key.lower(), SECTIONS, n=1, cutoff=0.6)), None)
            hy.problems.append((_line(key_node), f"unknown top-level key '{key}'" +
                                (f" (did you mean '{hint}'?)" if hint else "") +
                                ": heroku.yml has only setup, build, release and run"))
            continue
        if _scalar(value) in ("", "~", "null") and value.tag.endswith(":null"):
            continue  # an empty section
        getattr(_Sections, key)(hy, value)
    return hy, None


class _Sections:
    @staticmethod
    def setup(hy: HerokuYml, node) -> None:
        import yaml

        for key_node, value in _items(hy, node, "setup must be a mapping (addons, config)") or ():
            key = _scalar(key_node)
            if key == "addons" and isinstance(value, yaml.SequenceNode):
                for item in value.value:   # "heroku-postgresql" or {plan: heroku-postgresql:essential-0, as: DB}
                    spec = {(_scalar(k) or ""): v for k, v in (_mapping(item) or [])}
                    plan = _scalar(spec["plan"]) if "plan" in spec else _scalar(item)
                    if plan:
                        hy.setup_addons.append((plan, _line(item)))
            elif key == "config":
                for k, v in _mapping(value) or ():
                    hy.setup_config[_scalar(k) or ""] = (_scalar(v) or "", _line(k))

    @staticmethod
    def build(hy: HerokuYml, node) -> None:
        for key_node, value in _items(hy, node, "build must be a mapping (docker, config)") or ():
            key = _scalar(key_node)
            if key == "docker":
                hy.docker_line = _line(key_node)
                _Sections.docker(hy, value)
            elif key == "config":
                for k, v in _items(hy, value, "build.config must be a mapping of NAME: value") or ():
                    name = _scalar(k) or ""
                    val = _scalar(v)
                    if val is None:
                        hy.problems.append((_line(v), f"build.config {name} must be a single value"))
                        continue
                    hy.config[name] = (val, _line(k))
            else:
                hy.problems.append((_line(key_node), f"unknown key build.{key}: build has only docker and config"))

    @staticmethod
    def docker(hy: HerokuYml, node) -> None:
        items = _mapping(node)
        if items is None:
            hy._docker_scalar = bool(node.value)  # the mode still says container, as before
            hy.problems.append((_line(node), "build.docker must map each process type to its Dockerfile "
                                             "(web: Dockerfile)"))
            return
        for key_node, value in items:
            proc = _scalar(key_node) or ""
            path = _scalar(value)
            target = None
            if path is None:
                spec = {(_scalar(k) or ""): v for k, v in (_mapping(value) or [])}
                if _mapping(value) is None or "dockerfile" not in spec or _scalar(spec["dockerfile"]) is None:
                    hy.problems.append((_line(value), f"build.docker.{proc} must be a Dockerfile path or "
                                                      "{dockerfile: PATH, target: STAGE}"))
                    hy.docker[proc] = DockerBuild(proc, None, None, _line(key_node))
                    continue
                path = _scalar(spec["dockerfile"])
                target = _scalar(spec["target"]) if "target" in spec else None
            while path.startswith("./"):
                path = path[2:]
            if path.startswith("/") or posixpath.normpath(path).startswith(".."):
                hy.problems.append((_line(value), f"build.docker.{proc} names {path}, outside the repository: the "
                                                  "build only sees the pushed repository"))
                hy.docker[proc] = DockerBuild(proc, None, target, _line(key_node))
                continue
            hy.docker[proc] = DockerBuild(proc, posixpath.normpath(path), target, _line(key_node))

    @staticmethod
    def release(hy: HerokuYml, node) -> None:
        items = _items(hy, node, "release must be a mapping (image, command)")
        if items is None:
            return
        spec = ReleaseSpec([], None, _line(node))
        for key_node, value in items:
            key = _scalar(key_node)
            if key == "command":
                spec.commands = _commands(value, "release.command", hy)
            elif key == "image":
                spec.image, spec.image_line = _scalar(value), _line(value)
            else:
                hy.problems.append((_line(key_node), f"unknown key release.{key}: release has only image and "
                                                     "command"))
        hy.release = spec

    @staticmethod
    def run(hy: HerokuYml, node) -> None:
        for key_node, value in _items(hy, node, "run must map process types to commands") or ():
            proc = _scalar(key_node) or ""
            if _mapping(value) is None:
                hy.run[proc] = RunSpec(proc, _commands(value, f"run.{proc}", hy), None, _line(key_node))
                continue
            spec = {(_scalar(k) or ""): v for k, v in _mapping(value)}
            unknown = [k for k in spec if k not in ("command", "image")]
            for k in unknown:
                hy.problems.append((_line(value), f"unknown key run.{proc}.{k}: a process has only command and "
                                                  "image"))
            commands = _commands(spec["command"], f"run.{proc}.command", hy) if "command" in spec else []
            if "command" not in spec:
                hy.problems.append((_line(key_node), f"run.{proc} has no command"))
            image = _scalar(spec["image"]) if "image" in spec else None
            hy.run[proc] = RunSpec(proc, commands, image, _line(key_node))


def load(project) -> HerokuYml | None:
    if not project.shipped(PATH) and not project.exists(PATH):
        return None
    if project.index.is_dir(PATH):
        return None
    tf = project.text(PATH)
    if tf is None:
        return HerokuYml(shipped=project.shipped(PATH))
    hy, error = parse(tf.text)
    hy.shipped = project.shipped(PATH)
    if error is not None:
        project.unreadable[PATH] = (f"does not parse: {error[0]}", error[1])
    return hy
