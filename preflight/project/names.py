"""Distribution names compared the way pip compares them (PEP 503), without importing packaging."""
from __future__ import annotations

from preflight.lazyre import lazy_re

_SEPARATORS_RE = lazy_re(r"[-_.]+")


def canonical(name: str) -> str:
    """``Flask_SQLAlchemy`` -> ``flask-sqlalchemy`` (packaging.utils.canonicalize_name)."""
    return _SEPARATORS_RE.sub("-", name).lower() if name else ""
