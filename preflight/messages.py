"""Helpers for writing finding messages: short quotes of user text, articles. Pure functions."""
from __future__ import annotations


def clip(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for quoting a command or a line."""
    return text if len(text) <= width else text[: width - 3] + "..."


def article(label: str) -> str:
    """"a" or "an" before ``label`` ("an AWS key", "an npm token", "a GitHub token")."""
    return "an" if label[:1].lower() in "aeiou" or label.startswith("npm") else "a"


def _coded(word: str) -> tuple[str, str] | None:
    """("H14", "No web processes running") for a word that starts with a platform error code, else None."""
    code, _, name = word.partition(" ")
    return (code, name) if len(code) >= 2 and code[0].isupper() and code[1:].isdigit() else None


def code_of(word: str) -> str:
    """The error code at the front of a profile word: "H10 App crashed" -> "H10"; a word without one (another
    platform's "a boot timeout (...)") is returned whole."""
    coded = _coded(word)
    return coded[0] if coded else word


def code_named(word: str) -> str:
    """A profile word as code and name in brackets: "H14 No web processes running" -> "H14 (No web processes
    running)"; a word without a code is returned whole."""
    coded = _coded(word)
    if coded is None:
        return word
    code, name = coded
    return f"{code} ({name})" if name else code


def quote(text: str, width: int = 60) -> str:
    """``text`` clipped and in single quotes, as messages quote a command: ``'gunicorn app:app'``."""
    return f"'{clip(text, width)}'"
