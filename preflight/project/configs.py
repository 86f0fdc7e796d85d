"""The app's configuration files: which exist, which ship to production, what they hold, line by line.

``project.configs`` (:class:`Configs`) finds config files (YAML, JSON, TOML, INI/.cfg, ``.env``-style,
gunicorn config modules) and reads each once, statically, into :class:`ConfigFile` (entries with lines;
for YAML also duplicate keys and YAML 1.1 traps, :mod:`preflight.project.yamltree`).

Which files are production (:meth:`Configs.production`), so that a dev config with a localhost URL that
never ships stays silent:

* the name says so: ``heroku``, ``prod`` or ``production`` in the file or folder name;
* a template a start script, a Procfile/heroku.yml command or the Dockerfile feeds to ``envsubst``
  (:attr:`Configs.envsubst`); the file ``envsubst`` writes is *generated*: its committed copy is replaced,
  so the template stands in for it (:meth:`Configs.template_of`);
* a file the start-path code opens (a path literal in a live module: ``open("config/config.yaml")``,
  ``def load_config(path="config/config.yaml")``), :attr:`Configs.opened`;
* a file a start command passes (``gunicorn -c``, ``uwsgi --ini``, ``alembic -c``, ``--config x.yaml``;
  ``alembic.ini`` when ``alembic`` runs), :attr:`Configs.passed`.

Files named for development (``dev``, ``local``, ``test``, ``example``, ``sample``...) and files that do not
ship are never production. ``envsubst`` is modelled exactly as GNU gettext's: ``$VAR`` and ``${VAR}`` only
(``${VAR:-x}`` is left as written), an unset variable becomes the empty string, and a SHELL-FORMAT argument
(``envsubst '$PORT'``) limits the substitution to the variables it names (research/docker.md §5.3).

Parse failures of JSON/TOML/INI configs are recorded on the project (``file-unreadable``); YAML ones stay
on the :class:`ConfigFile` for ``yaml-invalid`` (one report per broken file either way).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property

from preflight.lazyre import lazy_re
from preflight.project.configformats import Entry
from preflight.project.yamltree import max_bytes as yaml_max_bytes

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".ini": "ini", ".cfg": "ini",
            ".conf": "ini", ".env": "env"}
# files that are manifests, lock files or tool configs, not the app's configuration
_NOT_CONFIG_RE = lazy_re(
    r"(^|/)(app\.json|package(-lock)?\.json|composer\.(json|lock)|tsconfig[^/]*\.json|[^/]*\.lock|Pipfile\.lock|"
    r"docker-compose[^/]*|compose\.ya?ml|heroku\.yml|\.pre-commit-[^/]*|mkdocs\.ya?ml|\.readthedocs\.ya?ml|"
    r"codecov\.ya?ml|\.travis\.ya?ml|\.gitlab-ci\.ya?ml|environment\.ya?ml|pyproject\.toml|poetry\.toml|"
    r"\.?ruff\.toml|\.coveragerc|tox\.ini|pytest\.ini|mypy\.ini|\.flake8|\.pylintrc|\.editorconfig|"
    r"\.yamllint[^/]*|\.bandit|netlify\.toml|vercel\.json|fly\.toml|render\.ya?ml|\.eslintrc[^/]*)$", re.I)
_SKIP_DIR_RE = lazy_re(r"(^|/)(tests?|docs?|examples?|samples?|fixtures?|node_modules|\.github|\.circleci|"
                       r"\.venv|venv|site-packages|__pycache__|\.git)/", re.I)
_PROD_NAME_RE = lazy_re(r"(^|[^a-z])(heroku|prod|production)([^a-z]|$)", re.I)
_DEV_NAME_RE = lazy_re(r"(^|[^a-z])(dev|develop|development|local|test|tests|testing|example|examples|sample|"
                       r"demo|debug|ci|dist)([^a-z]|$)", re.I)
# the file a tool reads from its working folder when no -c/--config names one (gunicorn >= 20, alembic)
_DEFAULT_FILES = {"gunicorn": "gunicorn.conf.py", "alembic": "alembic.ini"}
# suffixes of envsubst templates: the format is the name's without them (config.yaml.template is YAML)
_TEMPLATE_SUFFIXES = (".template", ".tmpl", ".tpl", ".in")
# What a path literal that ``format_of`` recognises holds (its suffix, any case, or a gunicorn config's name):
# ``opened`` looks only at string constants on lines that hold one.
_CONFIG_SUFFIX_HINTS = (".y", ".json", ".toml", ".ini", ".cfg", ".conf", ".env", "gunicorn",
                        ".Y", ".J", ".T", ".I", ".C", ".E")
VAR_RE = lazy_re(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
MAX_DEPLOYED = 200   # production config files read per run (a repository of generated manifests stays fast)
_PATH_LITERAL_RE = lazy_re(r"^[\w./-]{1,200}$")


def envsubst(text: str, env: dict, only: frozenset | None = None) -> str:
    """What GNU ``envsubst`` writes for ``text``: ``$VAR``/``${VAR}`` replaced by ``env`` values (unset: ""),
    or only the variables in ``only`` (a SHELL-FORMAT argument) when given."""
    def sub(m):
        name = m.group(1) or m.group(2)
        if only is not None and name not in only:
            return m.group(0)
        return env.get(name, "")
    return VAR_RE.sub(sub, text)


def placeholders(text: str, only: frozenset | None = None) -> list[str]:
    """The variables ``envsubst`` would replace in ``text``, in order."""
    names = [m.group(1) or m.group(2) for m in VAR_RE.finditer(text)]
    return [n for n in names if only is None or n in only]


@dataclass
class EnvSubst:
    """One ``envsubst`` run: ``template`` -> ``output`` (repo-relative), in ``source`` at ``line``."""
    source: str
    line: int
    template: str
    output: str | None
    at: str                          # "build" (a Dockerfile RUN) or "run" (a start script or command)
    only: frozenset | None = None    # the SHELL-FORMAT variables, when given


@dataclass
class ConfigFile:
    path: str
    format: str                      # yaml json toml ini env gunicorn
    entries: list[Entry] = field(default_factory=list)
    error: tuple[str, int] | None = None
    duplicates: list = field(default_factory=list)   # YAML: (keys, line, first line)
    ambiguous: list = field(default_factory=list)    # YAML: (Entry, why)

    def find(self, keys: tuple) -> Entry | None:
        """The entry at exactly ``keys`` (the last one wins, as every loader keeps it)."""
        found = None
        for e in self.entries:
            if e.keys == keys:
                found = e
        return found

    def siblings(self, entry: Entry) -> list[Entry]:
        parent = entry.keys[:-1]
        return [e for e in self.entries if e.keys[:-1] == parent and e is not entry]


def format_of(path: str) -> str | None:
    """The config format a file name says (yaml, json, toml, ini, env, gunicorn), or None."""
    base = path.rsplit("/", 1)[-1].lower()
    for suffix in _TEMPLATE_SUFFIXES:
        if base.endswith(suffix) and base.count(".") > 1:
            base = base[: -len(suffix)]
            break
    if base == ".env" or base.startswith(".env.") or base.endswith(".env"):
        return "env"
    if base.endswith(".py"):
        return "gunicorn" if "gunicorn" in base else None
    return SUFFIXES.get(posixpath.splitext(base)[1])


def parse(path: str, text: str, lines: list[str], fmt: str) -> ConfigFile:
    from preflight.project import configformats as cf

    cfg = ConfigFile(path, fmt)
    if fmt == "yaml":
        from preflight.project.yamltree import parse as parse_yaml

        tree = parse_yaml(text)
        cfg.entries, cfg.error, cfg.duplicates = tree.entries, tree.error, tree.duplicates
        cfg.ambiguous = tree.ambiguous
        return cfg
    if fmt == "json":
        cfg.entries, cfg.error = cf.read_json(text)
    elif fmt == "toml":
        cfg.entries, cfg.error = cf.read_toml(text, lines)
    elif fmt == "ini":
        cfg.entries, cfg.error = cf.read_ini(lines)
    elif fmt == "env":
        cfg.entries, cfg.error = cf.read_env(lines)
    elif fmt == "gunicorn":
        cfg.entries, cfg.error = cf.read_gunicorn(text)
    return cfg


def envsubst_runs(line: str) -> list[tuple[str, str | None, frozenset | None]]:
    """(template, output, SHELL-FORMAT names) for each ``envsubst`` in a shell line:
    ``envsubst < a > b``, ``cat a | envsubst > b``, ``envsubst '$PORT' < a | tee b``."""
    if "envsubst" not in line:
        return []
    import shlex

    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError:
        return []
    out = []
    commands, current = [], []
    for tok in tokens + [";"]:
        if tok in (";", "&&", "||", "&"):
            commands.append(current)
            current = []
        else:
            current.append(tok)
    for cmd in commands:
        segments, seg = [], []
        for tok in cmd + ["|"]:
            if tok == "|":
                segments.append(seg)
                seg = []
            else:
                seg.append(tok)
        for i, seg in enumerate(segments):
            words = [w for w in seg if w not in ("exec",)]
            if not words or words[0].rsplit("/", 1)[-1] != "envsubst":
                continue
            template = _redirect(words, "<")
            if template is None and i > 0 and segments[i - 1][:1] == ["cat"] and len(segments[i - 1]) == 2:
                template = segments[i - 1][1]
            output = _redirect(words, ">") or _redirect(words, ">>")
            if output is None and i + 1 < len(segments) and segments[i + 1][:1] == ["tee"]:
                rest = [w for w in segments[i + 1][1:] if not w.startswith("-")]
                output = rest[0] if rest else None
            args = [w for j, w in enumerate(words[1:], 1)
                    if not w.startswith("-") and w not in ("<", ">", ">>") and words[j - 1] not in ("<", ">", ">>")]
            only = frozenset(placeholders(" ".join(args))) if args else None
            if template is not None:
                out.append((template, output, only))
    return out


def _redirect(words: list[str], op: str) -> str | None:
    for j, w in enumerate(words[:-1]):
        if w == op:
            return words[j + 1]
    return None


def normalize(path: str) -> str | None:
    path = posixpath.normpath(path.strip("'\""))
    if path.startswith("./"):
        path = path[2:]
    return None if path.startswith("..") or path in (".", "") else path


class Configs:
    def __init__(self, project):
        self.project = project
        self._parsed: dict[str, ConfigFile | None] = {}

    # -- reading ----------------------------------------------------------------------------------
    def get(self, path: str, fmt: str | None = None) -> ConfigFile | None:
        """The file parsed (once), or None when absent, unreadable or not a config format."""
        if path in self._parsed:
            return self._parsed[path]
        cfg = None
        fmt = fmt or format_of(path)
        project = self.project
        if fmt is not None and (project.shipped(path) or project.exists(path)):
            tf = project.text(path)
            if tf is not None and fmt == "yaml" and len(tf.text) > yaml_max_bytes(tf.text):
                limit = yaml_max_bytes(tf.text) // 1024
                project.unreadable.setdefault(path, (f"is larger than {limit} KB; its YAML is not checked", 0))
            elif tf is not None:
                cfg = parse(path, tf.text, tf.lines, fmt)
                if cfg.error and "$" in tf.text and any(r.template == path for r in self.envsubst):
                    cfg = self._parse_filled(cfg, tf, fmt)
                if cfg.error and fmt != "yaml":
                    project.unreadable.setdefault(path, cfg.error)
        self._parsed[path] = cfg
        return cfg

    @staticmethod
    def _parse_filled(cfg: ConfigFile, tf, fmt: str) -> ConfigFile:
        """A template that does not parse as written is judged as envsubst fills it, each placeholder standing
        as the text ``envsubst-NAME`` (``ports: [${PORT}]`` is broken only before: ``{`` opens a YAML flow
        mapping); the app loads the filled text, so its error, if any, is the one to report."""
        text = VAR_RE.sub(lambda m: f"envsubst-{m.group(1) or m.group(2)}", tf.text)
        return parse(cfg.path, text, text.split("\n"), fmt)

    @cached_property
    def candidates(self) -> list[str]:
        """Shipped files that look like the app's configuration (not manifests, tests or docs)."""
        out = []
        for path in self.project.files:
            if _SKIP_DIR_RE.search(path) or _NOT_CONFIG_RE.search(path):
                continue
            fmt = format_of(path)
            if fmt is None or fmt == "gunicorn" and not path.rsplit("/", 1)[-1].startswith("gunicorn"):
                continue
            if self.project.shipped(path):
                out.append(path)
        return out

    # -- how files are used -----------------------------------------------------------------------
    @cached_property
    def envsubst(self) -> list[EnvSubst]:
        """Every ``envsubst`` the build (Dockerfile RUN) or a start command/script (run time) runs."""
        runs: list[EnvSubst] = []
        project = self.project
        df = project.dockerfile if project.mode == "container" else None
        root = df.repo_root_in_image() if df is not None else None
        seen: set = set()

        def add(source, line, text, at):
            for template, output, only in envsubst_runs(text):
                t, o = self._repo_path(template, root), self._repo_path(output, root) if output else None
                if t is not None and (source, line, t) not in seen:
                    seen.add((source, line, t))
                    runs.append(EnvSubst(source, line, t, o, at, only))

        if df is not None:
            for ins in df.instructions:
                if ins.instruction in ("RUN", "CMD", "ENTRYPOINT"):
                    add(df.path, ins.line, ins.shell_text, "build" if ins.instruction == "RUN" else "run")
        for source in self.start_files:
            tf = project.text(source)
            if tf is None or source == "Dockerfile":
                continue
            for n, line in enumerate(tf.lines[:2000], 1):
                add(source, n, line, "run")
        return runs

    @cached_property
    def start_files(self) -> list[str]:
        """The files start commands come from and the scripts they run (Procfile, heroku.yml, run.sh...)."""
        out: list[str] = []
        for ep in self.project.code.entrypoints:
            for source, _ in list(ep.via) + [(ep.source, ep.line)]:
                if source and source not in out:
                    out.append(source)
        return out

    def _repo_path(self, raw: str, image_root: str | None) -> str | None:
        if "$" in raw:
            return None
        if raw.startswith("/"):
            for root in (image_root, "/app"):
                if root and root != "/" and (raw + "/").startswith(root.rstrip("/") + "/"):
                    return normalize(raw[len(root.rstrip("/")) + 1:])
            if image_root == "/":
                return normalize(raw[1:])
            return None
        return normalize(raw)

    def template_of(self, path: str) -> EnvSubst | None:
        """The envsubst run that writes ``path`` (a run-time one first: it is the one that counts)."""
        runs = [r for r in self.envsubst if r.output == path]
        runs.sort(key=lambda r: r.at != "run")
        return runs[0] if runs else None

    def generated(self, path: str) -> bool:
        return self.template_of(path) is not None

    @cached_property
    def opened(self) -> dict[str, tuple[str, int]]:
        """Config files (or envsubst outputs) named by a path literal in live start-path code -> (module, line)."""
        project = self.project
        outputs = {r.output for r in self.envsubst if r.output}
        out: dict[str, tuple[str, int]] = {}
        for mod in project.code.live_modules():
            folder = mod.path.rsplit("/", 1)[0] if "/" in mod.path else ""
            for node in mod.strings(*_CONFIG_SUFFIX_HINTS):
                value = node.value
                if not _PATH_LITERAL_RE.match(value) or format_of(value) is None:
                    continue
                for cand in (normalize(value), normalize(f"{folder}/{value}") if folder else None):
                    if cand and cand not in out and (cand in outputs or project.shipped(cand)) and \
                            project.code.live(mod.path, node):
                        out[cand] = (mod.path, node.lineno)
        return out

    @cached_property
    def passed(self) -> dict[str, tuple[str, int, str]]:
        """Config files a start command names -> (source, line, program): ``gunicorn -c x.py``,
        ``uwsgi --ini x.ini``, ``alembic -c x.ini`` (``alembic.ini`` when ``alembic`` runs without ``-c``)."""
        out: dict[str, tuple[str, int, str]] = {}
        for ep in self.project.code.entrypoints:
            prog = ep.command.program
            for arg in ep.command.argv[1:]:
                value = arg.split("=", 1)[1] if arg.startswith("--") and "=" in arg else arg
                if value.startswith("python:") or format_of(value) is None and not value.endswith(".py"):
                    continue
                path = normalize(posixpath.join(ep.cwd, value) if ep.cwd else value)
                if path and path.endswith(".py") and prog != "gunicorn":
                    continue
                if path and self.project.shipped(path):
                    out.setdefault(path, (ep.source, ep.line, prog))
            default = _DEFAULT_FILES.get(prog)
            if default and not ep.command.option("-c", "--config"):
                path = normalize(posixpath.join(ep.cwd, default) if ep.cwd else default)
                if path and self.project.shipped(path):
                    out.setdefault(path, (ep.source, ep.line, prog))
        return out

    def production(self, path: str) -> str | None:
        """Why ``path`` is configuration production uses (a phrase), or None. A generated file is not: its
        template is (see :meth:`template_of`)."""
        project = self.project
        if not project.shipped(path) or self.generated(path):
            return None
        base = path.rsplit("/", 1)[-1]
        prod_name = bool(_PROD_NAME_RE.search(path))
        if _DEV_NAME_RE.search(base.rsplit(".", 1)[0]) and not prod_name:
            return None
        for run in sorted(self.envsubst, key=lambda r: r.at != "run"):  # the run-time fill is the one that counts
            if run.template == path:
                return f"{run.source} fills it with envsubst"
        if path in self.passed:
            source, _, prog = self.passed[path]
            return f"{prog} reads it ({source})"
        if path in self.opened:
            return f"{self.opened[path][0]} opens it"
        return "its name says production" if prod_name else None

    @cached_property
    def deployed(self) -> list[ConfigFile]:
        """Parsed config files production reads: the :meth:`production` ones among the candidates, the ones
        code opens or commands pass, and every envsubst template."""
        paths: list[str] = []
        # the files the start path names first: the cap only ever drops name-matched extras
        for path in [r.template for r in self.envsubst] + list(self.passed) + list(self.opened) + list(self.candidates):
            if len(paths) >= MAX_DEPLOYED:
                break
            if path not in paths and self.production(path):
                paths.append(path)
        return [c for c in (self.get(p) for p in paths) if c is not None]

    def yaml_files(self) -> list[ConfigFile]:
        """The deploy-relevant YAML: production configs and heroku.yml (whose parse errors are
        file-unreadable's, through the manifest loader)."""
        out = [c for c in self.deployed if c.format == "yaml"]
        if self.project.shipped("heroku.yml"):
            yml = self.get("heroku.yml", "yaml")
            if yml is not None:
                out.append(yml)
        return out

    # -- where a value comes from -------------------------------------------------------------------
    def source_entry(self, path: str, keys: tuple) -> tuple[ConfigFile, Entry, EnvSubst | None] | None:
        """The entry that decides ``keys`` of ``path`` at run time: in the file itself, or, for a generated
        file, in its envsubst template (with the run that fills it)."""
        run = self.template_of(path)
        cfg = self.get(run.template if run else path)
        if cfg is None:
            return None
        entry = cfg.find(keys)
        return (cfg, entry, run) if entry is not None else None


def is_local_host(host: str) -> bool:
    """The machine itself (loopback, ``localhost``). Unlike ``urls.is_local`` it leaves out private
    addresses: a database at 10.x is reachable from a Private Space, one on localhost never is."""
    host = host.strip("[]").lower()
    return host in ("localhost", "127.0.0.1", "::1", "0.0.0.0", "ip6-localhost") or host.startswith("127.") \
        or host.endswith(".localhost")

