"""The buildpacks a repository names for itself, with their lines: app.json ``buildpacks`` (Heroku, Fir),
the ``.buildpacks`` file (Dokku herokuish, Scalingo's multi-buildpack), and ``BUILDPACK_URL`` /
``BUILDPACK_NAME`` in a committed ``.env`` or a manifest's ``env`` (Dokku reads ``BUILDPACK_URL`` from a
committed ``.env``; Scalingo selects its buildpack with ``BUILDPACK_NAME``; research/platforms.md §3.1, §4.1).

A URL-form buildpack (``https://github.com/heroku/heroku-buildpack-python``) is a classic buildpack; a
registry name (``heroku/python``) may be classic or CNB, so it is kept apart (:attr:`Named.url`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from preflight.lazyre import lazy_re

_ENV_RE = lazy_re(r"^\s*(?:export\s+)?(BUILDPACK_URL|BUILDPACK_NAME)\s*=\s*['\"]?([^'\"\s#]*)")
_MANIFESTS_WITH_ENV = ("app.json", "scalingo.json")


@dataclass(frozen=True)
class Named:
    value: str     # the URL or name as written
    path: str      # the file that names it
    line: int      # 1-based (0: not found)
    key: str = "buildpacks"   # "buildpacks", ".buildpacks", "BUILDPACK_URL" or "BUILDPACK_NAME"

    @property
    def url(self) -> bool:
        """A URL (or git address): a classic buildpack, never a CNB registry name."""
        return "://" in self.value or self.value.startswith("git@")

    @property
    def python(self) -> bool:
        return "python" in self.value.lower()


def named(project) -> list[Named]:
    """Every buildpack the repository's own files name, in file order (app.json, .buildpacks, .env, the
    manifests' env)."""
    return project.memo("buildpacks.named", lambda: _app_json(project) + _dot_buildpacks(project) + _env(project))


def _line_of(text: str, literal: str) -> int:
    at = text.find(json.dumps(literal))
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def _app_json(project) -> list[Named]:
    doc = project.manifests.app_json if project.shipped("app.json") else None
    packs = doc.get("buildpacks") if isinstance(doc, dict) else None
    if not isinstance(packs, list):
        return []
    tf = project.text("app.json")
    text = tf.text if tf is not None else ""
    return [Named(item["url"], "app.json", _line_of(text, item["url"])) for item in packs
            if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip()]


def _dot_buildpacks(project) -> list[Named]:
    tf = project.text(".buildpacks") if project.shipped(".buildpacks") else None
    if tf is None:
        return []
    return [Named(line.strip(), ".buildpacks", n, ".buildpacks") for n, line in enumerate(tf.lines, 1)
            if line.strip() and not line.strip().startswith("#")]


def _env(project) -> list[Named]:
    out: list[Named] = []
    tf = project.text(".env") if project.shipped(".env") else None
    for n, line in enumerate(tf.lines if tf is not None else (), 1):
        m = _ENV_RE.match(line)
        if m and m.group(2):
            out.append(Named(m.group(2), ".env", n, m.group(1)))
    for path in _MANIFESTS_WITH_ENV:
        doc = project.manifests.json(path) if project.shipped(path) else None
        env = doc.get("env") if isinstance(doc, dict) else None
        if not isinstance(env, dict):
            continue
        text = project.text(path).text if project.text(path) is not None else ""
        for key in ("BUILDPACK_URL", "BUILDPACK_NAME"):
            value = env.get(key)
            value = value.get("value") if isinstance(value, dict) else value
            if isinstance(value, str) and value.strip():
                out.append(Named(value.strip(), path, _line_of(text, key), key))
    return out
