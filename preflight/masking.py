"""How a secret may appear in any output: a masked preview and a stable, slow-to-reverse fingerprint.

No output format carries a secret whole. The preview shows at most the first 4 and last 2 characters
and the length, and fewer characters for short values, so a 6-character password never shows up whole.
Baselines and JSON carry the fingerprint instead of the value.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

ELLIPSIS = "\u2026"
# A fixed salt and a few thousand rounds: the fingerprint must be stable across runs and machines
# (baselines depend on it), but a weak password should not fall to a plain SHA-256 table lookup.
_SALT = b"preflight-secret-v1"
_ROUNDS = 2000


def mask(value: str) -> str:
    """``'1234…Qk (46 chars)'``: at most the first 4 and last 2 characters, and the length."""
    n = len(value)
    if n >= 16:
        shown = value[:4] + ELLIPSIS + value[-2:]
    elif n >= 10:
        shown = value[:2] + ELLIPSIS + value[-1:]
    else:
        shown = ELLIPSIS
    return f"{shown} ({n} chars)"


@lru_cache(maxsize=4096)
def fingerprint(value: str) -> str:
    """A stable 16-hex-digit identity of a secret value (used as the finding's anchor)."""
    digest = hashlib.pbkdf2_hmac("sha256", value.encode("utf-8", "surrogatepass"), _SALT, _ROUNDS)
    return digest.hex()[:16]


def fingerprint_bytes(data: bytes) -> str:
    """The identity of a secret file's content (key stores), without decoding it."""
    return hashlib.sha256(_SALT + data).hexdigest()[:16]


def mask_line(line: str, values=()) -> str:
    """A line of a user's file fit to print (``--diff``): each secret value in ``values`` masked, and a URL's
    password replaced by ``****`` even when no detector named it."""
    import re

    for value in values:
        if value and value in line:
            line = line.replace(value, mask(value))
    return re.sub(r"(://[^:/@\s]*:)[^@\s/]+@", r"\1****@", line)
