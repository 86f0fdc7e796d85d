"""The target platform's profile: the words and facts its findings name, as data.

Messages say "the dyno", "R10 boot timeout" or "heroku config:set" through ``project.profile`` (for
example ``f"... the {p.dyno} restarts ({p.boot_timeout})"`` with ``p = project.profile``), never as
literals, so another platform's profile swaps them without touching a rule. Each profile is one JSON
file in ``preflight/data/platforms/`` with its sources and the date they were checked.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "platforms"


class Profile:
    """A platform's words: ``profile.dyno``, ``profile.boot_timeout``... (``words`` in the JSON file)."""

    def __init__(self, data: dict):
        self.name: str = data["name"]
        self.title: str = data["title"]
        self.source: str = data.get("source", "")
        self.checked: str = data.get("checked", "")
        self.words: dict = dict(data.get("words", {}))

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


def names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA.glob("*.json")))
