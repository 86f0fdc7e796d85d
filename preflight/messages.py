"""Helpers for writing finding messages: short quotes of user text, articles. Pure functions."""
from __future__ import annotations


def clip(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for quoting a command or a line."""
    return text if len(text) <= width else text[: width - 3] + "..."


def article(label: str) -> str:
    """"a" or "an" before ``label`` ("an AWS key", "an npm token", "a GitHub token")."""
    return "an" if label[:1].lower() in "aeiou" or label.startswith("npm") else "a"
