"""URLs and hosts as the app's code and config write them, and the public hosts of platforms and tunnels.

``host_of(url) -> str`` (lower-cased, "" when there is none), ``suffix_in(host, suffixes)`` (the suffix a
host is or ends in), ``mask_url(url)`` (scheme, user and host: never the password, never the path).
``platform_hosts() -> dict`` (host suffix -> platform name) and ``tunnel_hosts() -> tuple`` come from
``preflight/data/hosts.json``; the target platform's own suffixes are ``project.profile.app_host_suffixes``.
``is_placeholder(host)`` (``example.com``, ``<your app>``, ``yourdomain``), ``is_local(host)`` (localhost,
private addresses), ``foreign_platform(host, own) -> (suffix, name) | None`` (another platform's host).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from preflight.lazyre import lazy_re

DATA = Path(__file__).resolve().parents[1] / "data" / "hosts.json"
# Brackets are bounded: unbounded, a value of many "<" or "{" took quadratic time to search.
_PLACEHOLDER_RE = lazy_re(
    r"<[^>]{0,200}>|\{[^}]{0,200}\}|\byour[-_. ]?(app|domain|site|host|server|project|url|name|bot|heroku)|\bapp[-_ ]?name\b|"
    r"\byourdomain|\bmy[-_]?domain\b|\bx{3,}\b|(^|\.)example\.(com|org|net)$|\.example$|^example$|\.invalid$",
    re.I)
_LOCAL_RE = lazy_re(r"^(localhost|.*\.localhost|.*\.local|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1?\]?|"
                    r"10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$", re.I)


@lru_cache(maxsize=None)
def _hosts() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return json.load(fh)


def platform_hosts() -> dict[str, str]:
    """Host suffix -> the hosting platform that serves apps under it."""
    return _hosts()["platforms"]


def tunnel_hosts() -> tuple[str, ...]:
    """Host suffixes of tunnels from a development machine (ngrok, localtunnel...)."""
    return tuple(_hosts()["tunnels"])


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url if "://" in url else "//" + url)
        return (parts.hostname or "").lower()
    except ValueError:
        return ""


def suffix_in(host: str, suffixes) -> str | None:
    for s in suffixes:
        if host == s or host.endswith("." + s):
            return s
    return None


def is_placeholder(text: str) -> bool:
    """A host (or URL authority) copied from an example: ``example.com``, ``<your app_name>``, ``yourdomain``."""
    return bool(_PLACEHOLDER_RE.search(text))


def is_local(host: str) -> bool:
    """localhost, a ``.local`` name, a loopback or private address."""
    return bool(_LOCAL_RE.match(host))


def foreign_platform(host: str, own) -> tuple[str, str] | None:
    """(suffix, platform name) when ``host`` is served by another hosting platform than the one whose
    host suffixes are ``own``."""
    other = suffix_in(host, platform_hosts())
    if other and not suffix_in(host, own):
        return other, platform_hosts()[other]
    return None


def mask_url(url: str) -> str:
    """``postgres://forum:****@host:5432``: never the password, never the path."""
    m = re.match(r"^([a-z0-9+.-]+://)(?:([^:@/]*)(:[^@/]*)?@)?([^/?#]*)", url, re.I)
    if not m:
        return "<a URL>"
    scheme, user, password, host = m.groups()
    cred = "" if user is None else f"{user}:****@" if password else f"{user}@"
    return f"{scheme}{cred}{host}"
