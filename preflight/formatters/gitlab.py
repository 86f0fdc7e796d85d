"""GitLab Code Quality (a Code Climate subset): a JSON array, one issue per finding.

GitLab shows ``description`` and ``severity`` but not ``check_name``, so the code and name also open the
description. ``fingerprint`` must be unique in the report: GitLab compares reports of two pipelines by
it, so it is the finding's stable fingerprint (rule, path, anchor), suffixed when two findings share one.
"""
from __future__ import annotations

import json

from preflight.formatters.common import position

# GitLab's levels are info, minor, major, critical, blocker. An error stops the deploy or the app
# (critical); a warning likely breaks or leaks (major); info is advice.
SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def issues(result) -> list[dict]:
    out, seen = [], {}
    for f in result.active:
        fp = f.fingerprint
        seen[fp] = seen.get(fp, 0) + 1
        if seen[fp] > 1:
            fp = f"{fp}-{seen[fp]}"
        out.append({
            "type": "issue",
            "check_name": f"{f.code} {f.name}",
            "description": f"{f.code} {f.name}: {f.message}. Fix: {f.hint}" if f.hint
                           else f"{f.code} {f.name}: {f.message}",
            "categories": ["Bug Risk"],
            "severity": SEVERITY[f.severity.value],
            "fingerprint": fp,
            "location": {"path": f.path, "lines": {"begin": position(f)[0]}},
        })
    return out


def write(result, stream, options) -> None:
    json.dump(issues(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
