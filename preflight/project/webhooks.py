"""The webhook URLs a bot registers, and whether each can reach this deploy.

``webhook_urls(project) -> list[WebhookURL]``: every URL given to ``set_webhook`` / ``setWebhook`` /
``run_webhook(webhook_url=...)`` (pyTelegramBotAPI, aiogram, python-telegram-bot) and every raw
``.../setWebhook?url=...`` string, in code that runs in production (``project.code.live_modules()``, not
dead ``__main__`` blocks). ``WebhookURL``: ``path``, ``line``, ``url`` (the literal, or its known head),
``mismatch`` (a :class:`Mismatch`, or None when the URL can be this app's or is not known well enough).
A raw API string on a line whose call already mismatches is not listed twice.

``judge_webhook_url(url, own, complete=True) -> Mismatch | None``: ``own`` are the target platform's host
suffixes (``project.profile.app_host_suffixes``); ``complete`` is False for a known prefix (the host may
go on in the unknown part). ``Mismatch.kind``: "placeholder", "local", "tunnel" (``suffix``) or
"platform" (``suffix``, ``platform``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from preflight.lazyre import lazy_re
from preflight.project.python import call_arg, last_name
from preflight.project.urls import foreign_platform, host_of, is_local, is_placeholder, suffix_in, tunnel_hosts

# The webhook setters: last name -> (position of the URL argument, its keyword names)
_WEBHOOK_CALLS = {"set_webhook": (0, "url", "webhook_url"), "setWebhook": (0, "url", "webhook_url"),
                  "set_webhook_url": (0, "url"), "start_webhook": (None, "webhook_url"),
                  "run_webhook": (None, "webhook_url"), "setWebHook": (0, "url")}
_TELEGRAM_URL_RE = lazy_re(r"/setWebhook\?url=([^&\s'\"]+)", re.I)


@dataclass(frozen=True)
class Mismatch:
    kind: str            # "placeholder" | "local" | "tunnel" | "platform"
    suffix: str = ""     # the tunnel's or platform's host suffix
    platform: str = ""   # the other platform's name


@dataclass(frozen=True)
class WebhookURL:
    path: str
    line: int
    url: str
    mismatch: Mismatch | None


def judge_webhook_url(url: str | None, own, complete: bool = True) -> Mismatch | None:
    """Why a webhook URL cannot reach this deploy, or None."""
    if not url or "://" not in url:
        return None
    authority = url.split("://", 1)[1]
    if not complete and "/" not in authority:
        return None  # the host may continue in the unknown part
    if is_placeholder(authority.split("/", 1)[0]):
        return Mismatch("placeholder")
    host = host_of(url)
    if not host:
        return None
    if is_local(host):
        return Mismatch("local")
    tunnel = suffix_in(host, tunnel_hosts())
    if tunnel:
        return Mismatch("tunnel", tunnel)
    other = foreign_platform(host, own)
    return Mismatch("platform", *other) if other else None


# How code spells Telegram's setWebhook method in a URL literal (the walk looks only at lines holding one).
_SET_WEBHOOK_SPELLINGS = ("setWebhook", "setwebhook", "SetWebhook", "setWebHook", "SETWEBHOOK")


def webhook_urls(project) -> list[WebhookURL]:
    def build():
        code = project.code
        own = tuple(project.profile.app_host_suffixes)
        out: list[WebhookURL] = []
        for mod in code.live_modules():
            text = mod.text.text
            if "ebhook" not in text and "ebHook" not in text:
                continue
            mismatched_lines = set()
            for call in mod.calls(*_WEBHOOK_CALLS):
                if not code.live(mod.path, call):
                    continue
                pos, *names = _WEBHOOK_CALLS[last_name(call.func)]
                s = code.evaluate(mod, call_arg(call, pos, *names), strings=True)
                if s.known is None:
                    continue
                mismatch = judge_webhook_url(s.known, own, complete=s.kind == "literal")
                if mismatch:
                    mismatched_lines.add(call.lineno)
                out.append(WebhookURL(mod.path, call.lineno, s.known, mismatch))
            for node in mod.strings(*_SET_WEBHOOK_SPELLINGS):
                if "setwebhook" in node.value.lower():
                    m = _TELEGRAM_URL_RE.search(node.value)
                    if m and node.lineno not in mismatched_lines and code.live(mod.path, node):
                        out.append(WebhookURL(mod.path, node.lineno, m.group(1), judge_webhook_url(m.group(1), own)))
        return out
    return project.memo("webhooks.urls", build)
