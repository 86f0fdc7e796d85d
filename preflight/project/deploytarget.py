"""Where the repository deploys: to the platform preflight checks (``kind`` "platform": its own manifest,
or for Heroku a Procfile, app.json, heroku.yml or runtime.txt), elsewhere (docker compose, Kubernetes,
another platform's manifest, PythonAnywhere), or unknown (nothing says).

One fact, with its evidence, so that the rules about the platform's shape (no Procfile, no Python pin, a
fixed port, cron) say less on a repository that shows it runs somewhere else, and say why. The checked
platform is ``project.platform`` (given with --platform, or inferred from these same manifests:
``platform.infer``); its own manifest always wins. For Heroku, a Heroku manifest wins over other
platforms' files, because a repo that has one is pushed there (student apps with a Procfile.txt included).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from preflight.project.platform import MANIFESTS, development_procfile, load_profile

# Files whose presence says the repository is pushed to Heroku (the buildpack or heroku.yml reads them).
HEROKU_MANIFESTS = ("Procfile", "app.json", "heroku.yml", "runtime.txt")
# Another platform's own manifest, by exact path: the files platform.infer names a profile from (each
# platform's docs name the file it reads), and Google App Engine's, which has no profile. Built on first use:
# it loads the profiles, which a run that never asks does not need.
@lru_cache(maxsize=1)
def other_manifests() -> dict[str, str]:
    return {**{path: load_profile(name).title for path, name in MANIFESTS},
            "app.yaml": "Google App Engine"}   # cloud.google.com/appengine/docs/standard/reference/app-yaml


# Folders whose YAML files are Kubernetes manifests or Helm charts; files that are such by name.
K8S_FOLDERS = {"k8s", "kubernetes", "kube", "helm", "charts", "kustomize"}
K8S_FILES = {"kustomization.yaml", "kustomization.yml", "Chart.yaml", "skaffold.yaml"}
COMPOSE_RE = re.compile(r"(?:docker-)?compose(?:[.-][\w-]+)?\.ya?ml$")
# Compose files in these folders describe a developer's machine, not where the app runs.
DEV_FOLDERS = {".devcontainer", "test", "tests"}
# A config file, script or page named for the platform (config/heroku_config.yaml, deploy-heroku.sh): not a logo.
_HEROKU_NAMED = re.compile(r"heroku[^/]*\.(?:ya?ml|json|toml|ini|cfg|conf|env|sh|py|md|rst|txt)$|heroku[^/.]*$", re.I)
# PythonAnywhere's WSGI file is /var/www/<user>_pythonanywhere_com_wsgi.py; repos keep a copy or a deploy folder.
_PYTHONANYWHERE_FILE = re.compile(r"pythonanywhere.*\.(py|sh|md|txt|ya?ml|ini|cfg)$")


@dataclass(frozen=True)
class DeployTarget:
    kind: str                 # "platform" (the one checked), "elsewhere" or "unknown"
    how: str = ""             # "docker compose", "Kubernetes", "Fly.io"... ("platform": the manifest's kind)
    evidence: str = ""        # the file that shows it

    @property
    def elsewhere(self) -> bool:
        return self.kind == "elsewhere"

    def __str__(self) -> str:
        if self.kind == "elsewhere":
            return f"elsewhere: {self.how} ({self.evidence})"
        return f"platform ({self.evidence})" if self.kind == "platform" else "unknown"

    @property
    def reason(self) -> str:
        """Why a platform-shape finding was lowered, for its message."""
        return (f"this repository deploys with {self.how} ({self.evidence}), so this matters only if you push it "
                "to the platform as it is")


def _compose_builds_app(project, path: str) -> bool:
    """A compose file with a service that is the app (built here, or an image that is no add-on service):
    one that only runs a local Postgres or Redis for development is not where the app runs."""
    from preflight.project.compose import addon_of, parse_file

    parsed = parse_file(project, path)
    if parsed is None:
        return False
    return any("build" in s.keys or "<<" in s.keys or (s.image and addon_of(s.image) is None)
               for s in parsed.services)


def _app_json_is_dokku(project) -> bool:
    doc = project.manifests.app_json if project.shipped("app.json") else None
    return isinstance(doc, dict) and "dokku" in doc and not doc.keys() - {"dokku", "name", "scripts", "healthchecks",
                                                                          "cron", "formation"}


# Dokku builds with the same buildpacks and reads a Procfile and runtime.txt too: those beside Dokku's own files (CHECKS, DOKKU_SCALE) or a page or script
# named for Dokku (deploy_dokku.md, dokku-deploy.sh) is a Dokku app, whose port contract differs (PORT=5000).
_DOKKU_NAMED = re.compile(r"dokku[^/]*\.(?:md|rst|txt|sh|ya?ml|json|toml)$|^(?:CHECKS|DOKKU_SCALE)$", re.I)


def _dokku_evidence(project) -> str | None:
    return next((f for f in project.files if _DOKKU_NAMED.search(f.rsplit("/", 1)[-1])), None)


def _own_manifest(project) -> str | None:
    """The checked platform's own manifest (``facts.manifests`` of a profile other than Heroku's), if present."""
    if project.platform == "heroku":
        return None
    return next((m for m in project.profile.facts.get("manifests", ()) if project.exists(m)), None)


def detect(project) -> DeployTarget:
    files = project.files
    own = _own_manifest(project)
    if own is not None:
        return DeployTarget("platform", own, own)
    if project.platform != "heroku":
        if project.profile.has("procfile") and project.exists("Procfile") and not development_procfile(project):
            return DeployTarget("platform", "Procfile", "Procfile")  # a platform that reads it: its deploy file
        return _detect_elsewhere(project, own_title=project.profile.title)
    present = [name for name in HEROKU_MANIFESTS
               if project.exists(name) and not (name == "app.json" and _app_json_is_dokku(project))
               and not (name == "Procfile" and development_procfile(project))]
    if present and set(present) <= {"Procfile", "runtime.txt"} and (dokku := _dokku_evidence(project)) is not None:
        return DeployTarget("elsewhere", "Dokku", dokku)
    for name in present:
        return DeployTarget("platform", name, name)
    misplaced = project.misplaced_procfile
    if misplaced is not None:
        return DeployTarget("platform", "Procfile", misplaced.path)
    named = next((f for f in files if _HEROKU_NAMED.search(f.rsplit("/", 1)[-1])), None)
    if named is not None:  # config/heroku_config.yaml, deploy-heroku.sh: written for the platform
        return DeployTarget("platform", "a file named for it", named)
    if project.exists("app.json"):
        return DeployTarget("elsewhere", "Dokku", "app.json")
    return _detect_elsewhere(project)


def _detect_elsewhere(project, own_title: str | None = None) -> DeployTarget:
    """Another platform's manifest, Kubernetes, PythonAnywhere or docker compose; "unknown" when none.
    ``own_title``: the checked platform's title, whose own files are not "elsewhere"."""
    files = project.files
    for path, platform in other_manifests().items():
        if platform == own_title:
            continue
        if project.shipped(path):
            return DeployTarget("elsewhere", platform, path)
    for f in files:
        parts = f.split("/")
        if parts[-1] in K8S_FILES or (f.endswith((".yaml", ".yml")) and K8S_FOLDERS & set(parts[:-1])):
            return DeployTarget("elsewhere", "Kubernetes", f)
    for f in files:
        parts = f.lower().split("/")
        if any("pythonanywhere" in part for part in parts[:-1]) or _PYTHONANYWHERE_FILE.search(parts[-1]):
            if own_title == "PythonAnywhere":
                return DeployTarget("platform", "a file named for it", f)
            return DeployTarget("elsewhere", "PythonAnywhere", f)
    for f in sorted(files, key=lambda f: (f.count("/"), f)):
        parts = f.split("/")
        if COMPOSE_RE.fullmatch(parts[-1]) and not DEV_FOLDERS & set(parts[:-1]) and _compose_builds_app(project, f):
            return DeployTarget("elsewhere", "docker compose", f)
    return DeployTarget("unknown")


def self_hosted_bot(project) -> str | None:
    """The bot library of a chat bot that nothing shows is pushed to the platform (no manifest of any kind,
    no web framework): such bots mostly run on their author's own machine or server. None otherwise."""
    from preflight.project.names import canonical
    from preflight.project.webservers import bot_libraries

    if project.deploy_target.kind != "unknown" or project.is_web_app:
        return None
    declared = set(project.dependencies.main)
    return min((name for name in bot_libraries() if canonical(name) in declared), default=None)


SEVERAL_APPS = 3  # sibling folders with their own requirements.txt: a collection of apps, not one misplaced


def sibling_apps(project) -> list[str]:
    """The folders of a repository that holds several apps (three or more with their own requirements.txt, and
    none at the root: aiohttp-demos' demos/blog, demos/chat...): nobody pushes its root. Empty otherwise."""
    def build():
        from preflight.project import detection

        if project.shipped("requirements.txt"):
            return []
        apps = sorted({f.rsplit("/", 1)[0] for f in project.files if detection.nested_requirements(f)})
        return apps if len(apps) >= SEVERAL_APPS else []

    return project.memo("deploytarget.sibling_apps", build)


def lowered(project, violation, unless_heroku: bool = False):
    """``violation`` as info, with the reason in its message, when the repository shows it deploys elsewhere
    (a finding about the platform's shape is then a maybe), or with ``unless_heroku`` when it is a chat bot
    that nothing shows is pushed to the platform, or a collection of apps (``sibling_apps``) whose root nobody
    pushes; unchanged otherwise."""
    from preflight.findings import Severity

    target = project.deploy_target
    if target.elsewhere:
        violation.severity = Severity.INFO
        violation.message += f"; {target.reason}"
    elif unless_heroku and (bot := self_hosted_bot(project)):
        violation.severity = Severity.INFO
        violation.message += (f"; this {bot} bot has no Procfile, app.json or heroku.yml, so nothing shows it is "
                              "pushed to the platform: this matters only if you push it there")
    elif unless_heroku and target.kind != "platform" and (apps := sibling_apps(project)):
        violation.severity = Severity.INFO
        violation.message += (f"; this repository holds {len(apps)} apps ({', '.join(apps[:3])}"
                              f"{', ...' if len(apps) > 3 else ''}), each deployed from its own folder")
    return violation


def platform_shape(check):
    """Decorates the ``check`` of a rule about the platform's shape (a Procfile, $PORT, the buildpack's
    steps, cron on a dyno): its findings are ``lowered`` on a repository that deploys elsewhere."""
    import functools

    @functools.wraps(check)
    def lowered_check(project):
        for violation in check(project):
            yield lowered(project, violation)

    return lowered_check
