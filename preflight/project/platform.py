"""The target platform's profile: the words its findings use and the facts of its deploy contract, as data.

Messages say "the dyno", "R10 boot timeout" or "heroku config:set" through ``project.profile`` (for
example ``f"... the {p.dyno} restarts ({p.boot_timeout})"`` with ``p = project.profile``), never as
literals, so another platform's profile swaps them without touching a rule. Each profile is one JSON
file in ``preflight/data/platforms/`` with its sources and the date they were checked:

* ``words``: the platform's vocabulary (every profile has every word the Heroku profile has: a test checks);
* ``facts``: its contract (research/platforms.md §13): ``capabilities`` (what its build and run read or do:
  ``procfile``, ``procfile_required``, ``port_env``, ``runtime_txt``, ``python_buildpack``, ``heroku_yml``,
  ``app_json``, ``ephemeral_fs``, ``release_phase``, ``collectstatic`` (the build runs Django's collectstatic);
  a rule declares the ones it ``needs`` and runs only
  where the profile has them), ``procfile`` (the dialect: name grammar, duplicates, which entries run,
  what ``release:`` does, or null when the Procfile is not read), ``port`` (variable, default, bind
  address), ``python`` (default, supported range, how ``runtime.txt`` and ``.python-version`` are read),
  ``package_managers``, ``dockerfile``, ``worker``, ``cron``, ``health``, ``release``, ``manifests``,
  ``start_command`` (where the start command comes from, in words), ``buildpack_select`` (how to pick the
  Python buildpack where Node.js is detected first). The Procfile dialect may also say ``names_effect``
  (what a bad name does), ``release_key`` (the line that replaces ``release:``), ``picks`` (the one entry
  a one-process-per-service platform runs, in order; ``*``: any) and ``web_missing``.

With no ``--platform`` (and no ``platform =`` setting) the platform is :func:`infer`\\ red from the
repository's manifests, and the run says which file decided it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "platforms"
DEFAULT = "heroku"
ALL = "all"


class Profile:
    """A platform's words (``profile.dyno``...) and facts (``profile.facts``, ``profile.has("port_env")``)."""

    def __init__(self, data: dict):
        self.name: str = data["name"]
        self.title: str = data["title"]
        self.sources: list[str] = list(data.get("sources", ()))
        self.checked: str = data.get("checked", "")
        self.facts: dict = dict(data.get("facts", {}))
        self.words: dict = dict(data.get("words", {}))
        self.capabilities: frozenset = frozenset(self.facts.get("capabilities", ()))

    def has(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def procfile(self) -> dict | None:
        """The Procfile dialect (``names``, ``names_text``, ``duplicates``, ``runs``, ``release``...), None
        when the platform does not read a Procfile."""
        return self.facts.get("procfile")

    @property
    def port(self) -> dict:
        """``var`` (None: the platform sets no port variable), ``default``, ``bind``, ``routed``, and where a web
        process that never binds a port does not simply fail (Fly, Railway) ``unbound``: ``severity``, ``effect``."""
        return self.facts.get("port") or {}

    @property
    def python(self) -> dict:
        return self.facts.get("python") or {}

    @property
    def runtime_vars(self) -> list[str]:
        """Variables that exist only when a process runs, never while the image or slug is built: the
        platform's own (``platform_vars`` less the ``shell_vars`` a build step has too) and the ones its
        add-ons set (``addon_vars``)."""
        words = self.words
        own = set(words.get("platform_vars", ())) - set(words.get("shell_vars", ()))
        return sorted(own | set(words.get("addon_vars", {})))

    def __getattr__(self, key: str):
        words = self.__dict__.get("words", {})
        if key in words:
            return words[key]
        raise AttributeError(f"platform profile {self.__dict__.get('name')!r} has no word {key!r}")


@lru_cache(maxsize=None)
def load_profile(name: str) -> Profile:
    with open(DATA / f"{name}.json", encoding="utf-8") as fh:
        return Profile(json.load(fh))


@lru_cache(maxsize=None)
def names() -> tuple[str, ...]:
    """Every profile preflight has, the default first."""
    found = sorted(p.stem for p in DATA.glob("*.json"))
    return tuple([DEFAULT] + [n for n in found if n != DEFAULT])


@dataclass(frozen=True)
class Choice:
    """The platform a run checks against, and why: ``given`` (--platform or a setting), ``inferred`` from
    ``evidence`` (a manifest), or the ``default``."""
    name: str
    how: str                  # "given", "inferred" or "default"
    evidence: str = ""        # the file that decided an inferred platform
    also: tuple = ()          # other platforms whose manifests are there too

    def to_dict(self) -> dict:
        """As the JSON and SARIF reports carry it (``text`` is the line the text report prints)."""
        return {"name": self.name, "title": load_profile(self.name).title, "how": self.how,
                "evidence": self.evidence, "also": list(self.also), "text": str(self)}

    def __str__(self) -> str:
        title = load_profile(self.name).title
        if self.how == "inferred":
            more = f"; also found: {', '.join(self.also)} (use --platform to choose)" if self.also else ""
            return f"{title} (inferred from {self.evidence}{more})"
        if self.how == "default":
            return f"{title} (the default: no other platform's manifest found; use --platform to choose)"
        return title


# A platform's own manifest, in the order a tie is broken (research/platforms.md §15 "Choosing the profile").
MANIFESTS = (
    ("fly.toml", "fly"),
    ("render.yaml", "render"),
    ("railway.json", "railway"), ("railway.toml", "railway"), ("railpack.json", "railway"),
    (".railway/railway.ts", "railway"),
    (".do/app.yaml", "do-app-platform"), (".do/deploy.template.yaml", "do-app-platform"),
    ("scalingo.json", "scalingo"), ("cron.json", "scalingo"),
    ("CHECKS", "dokku"), ("DOKKU_SCALE", "dokku"), (".buildpacks", "dokku"),
)
# Files that say Heroku classic when nothing else does (a Procfile alone is read by most platforms).
_HEROKU_FILES = ("heroku.yml", "app.json", "Procfile", "runtime.txt")


def _heroku_project_toml(project) -> bool:
    tf = project.text("project.toml") if project.exists("project.toml") else None
    return tf is not None and "heroku/" in tf.text


# Keys of Dokku's app.json that Heroku's schema does not have (dokku.com/docs/appendices/file-formats/app-json).
_DOKKU_APP_JSON_KEYS = {"cron", "healthchecks", "dokku"}


def _dokku_app_json(project) -> bool:
    doc = project.manifests.app_json
    if not isinstance(doc, dict):
        return False
    scripts = doc.get("scripts")
    return bool(_DOKKU_APP_JSON_KEYS & doc.keys()) or (isinstance(scripts, dict) and "dokku" in scripts)


# A process that rebuilds assets when files change: honcho and foreman run such Procfiles on a developer's
# machine (``css: npm run watch``, ``scss: make watch-scss``, ``watchmedo ...``); no platform runs one.
_WATCHER_RE = re.compile(r"\bwatchmedo\b|--watch\b|\b(?:npm|yarn|pnpm)\s+(?:run\s+)?watch\b|\bmake\s+watch\b|"
                         r"\bmake\s+watch[-_]|\b(?:sass|tailwindcss|esbuild|webpack)\b.*\s-w\b")


def development_procfile(project) -> bool:
    """The Procfile runs a file watcher beside its web process: it is written for honcho or foreman on a
    developer's machine (djangoproject.com: ``web: make run`` and ``scss: make watch-scss``), so it says
    nothing about where the app deploys."""
    # the text, not project.procfile: the platform is inferred from this, and the Procfile model reads it
    tf = project.text("Procfile") if project.exists("Procfile") else None
    return tf is not None and any(_WATCHER_RE.search(line) for line in tf.lines
                                  if ":" in line and not line.lstrip().startswith("#"))


def infer(project) -> Choice:
    """The platform the repository's own files name: another platform's manifest (``fly.toml``,
    ``render.yaml``...), a Fir ``project.toml`` (heroku/* buildpacks), a Dokku-only ``app.json``; else
    Heroku classic, as the default."""
    found: list[tuple[str, str]] = []
    for path, name in MANIFESTS:
        if project.exists(path) and name not in {n for n, _ in found}:
            found.append((name, path))
    if project.exists("project.toml") and _heroku_project_toml(project):
        found.append(("heroku-fir", "project.toml"))
    if project.exists("app.json") and "dokku" not in {n for n, _ in found} and _dokku_app_json(project):
        found.append(("dokku", "app.json"))
    if not found:
        heroku = next((p for p in _HEROKU_FILES if project.exists(p)
                       and not (p == "Procfile" and development_procfile(project))), None)
        # a Procfile.txt or procfile made on Windows: written for Heroku all the same (procfile-misnamed says it)
        heroku = heroku or next((f for f in project.index.root_names if f.lower().startswith("procfile")
                                 and f != "Procfile"), None)
        if heroku is not None:
            return Choice(DEFAULT, "inferred", heroku)
        return Choice(DEFAULT, "default")
    (name, evidence), rest = found[0], found[1:]
    return Choice(name, "inferred", evidence, tuple(sorted({n for n, _ in rest} - {name})))


def routed_port(project) -> tuple[str, str, str] | None:
    """The fixed port the platform routes the web process to, once per run (see ``_routed_port``)."""
    return project.memo("platform.routed_port", lambda: _routed_port(project))


def _routed_port(project) -> tuple[str, str, str] | None:
    """(port, why, how sure: "declared" by the repository, "fixed" by the platform, or a "default" that can
    be changed in its settings) the platform sends the web process's traffic to when that port is fixed and known before
    the deploy, so a web server bound to it works although it ignores $PORT; None where $PORT is assigned
    at run time (Heroku, Scalingo, Railway). The port the platform's manifest gives the web service
    (DigitalOcean ``http_port``); on Dokku the web image's first EXPOSE port in container mode, else 5000;
    Render, Koyeb, DigitalOcean, Cloud Run: the profile's ``port.default``."""
    port = project.profile.port
    default = port.get("default")
    if port.get("var") is None or default is None:
        return None
    for svc in project.platform_files.services(project.platform):
        if svc.kind == "web":  # DigitalOcean http_port (8080 when the spec sets none), a PORT render.yaml sets
            if svc.port is not None:
                return str(svc.port), f"the port {svc.path} routes to (line {svc.port_line})", "declared"
            return str(default), f"the port {svc.path} routes to ({project.profile.title}'s default)", "declared"
    if project.platform == "dokku" and project.mode == "container":
        image = project.container.image_for("web")
        df = image.dockerfile if image is not None else None
        expose = df.instruction("EXPOSE", image.stage) if df is not None and image.stage is not None else None
        first = expose.value.split()[0].split("/")[0] if expose is not None and expose.value.split() else None
        if first and first.isdigit():
            return first, f"the port the Dockerfile EXPOSEs (line {expose.line}), which Dokku routes to", "declared"
    return str(default), f"{project.profile.title}'s default port", "fixed" if port.get("fixed") else "default"


def fly_internal_port(project) -> tuple[str, str, str | None]:
    """(internal_port, where it comes from, the PORT fly.toml's [env] sets or None) of Fly's web service: the
    fly.toml ``[http_service]``/``[[services]]`` that serves it; with no fly.toml, what ``fly launch`` will
    write (superfly/flyctl scanner, research/platforms.md §7.1): 8000 with ``[env] PORT = "8000"`` for a
    Django project, else the Dockerfile's first EXPOSE, else 8080."""
    default = str(project.profile.port.get("default") or 8080)
    if project.platform_files.for_platform("fly"):
        web = next((s for s in project.platform_files.services("fly") if s.kind == "web"), None)
        env = (web.env.get("PORT") or (None,))[0] if web is not None else None
        env = str(env) if env not in (None, "") else None
        if web is not None and web.port is not None:
            return str(web.port), f"{web.path}:{web.port_line}", env
        return default, "the default", env
    from preflight.project.names import canonical

    if canonical("django") in project.dependencies.main:
        return "8000", "what fly launch writes for a Django app", "8000"
    image = project.container.image_for("web") if project.shipped("Dockerfile") else None
    df = image.dockerfile if image is not None else None
    expose = df.instruction("EXPOSE", image.stage) if df is not None and image.stage is not None else None
    first = expose.value.split()[0].split("/")[0] if expose is not None and expose.value.split() else ""
    if first.isdigit():
        return first, f"the Dockerfile's EXPOSE (line {expose.line}), which fly launch makes the internal_port", None
    return default, "the default", None
