"""Machine output: a versioned document (``version`` changes only on incompatible edits)."""
from __future__ import annotations

import json

SCHEMA_VERSION = 1


def fix_entry(f) -> dict:
    return {"code": f.code, "name": f.name, "path": f.path, "line": f.line}


def write(result, stream, options) -> None:
    from preflight import __version__

    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "preflight", "version": __version__},
        "root": options.get("root", "."),
        "platform": getattr(result, "platform", None),
        "findings": [f.to_dict() for f in result.active],
        "suppressed": len(result.findings) - len(result.active),
        "errors": [{"code": r.code, "name": r.name, "message": d.strip().splitlines()[-1] if d.strip() else ""}
                   for r, d in result.crashes],
    }
    if getattr(result, "verdicts", None):  # --platform all
        doc["platforms"] = [v.to_dict() for v in result.verdicts]
    if getattr(result, "fixing", False):  # --fix: what was fixed (as it was found), what was not and why
        doc["fixed"] = [{**fix_entry(f), "fix": fix.title, "unsafe": fix.unsafe} for f, fix in result.fixed]
        doc["not_fixed"] = [{**fix_entry(f), "reason": why} for f, why in result.not_fixed]
        doc["unsafe_fixes_skipped"] = result.unsafe_skipped
    json.dump(doc, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
