"""SARIF 2.1.0 for code-scanning uploads: every enabled rule in ``rules[]``, relative URIs."""
from __future__ import annotations

import json

from preflight.formatters.common import docs_url

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def write(result, stream, options) -> None:
    from preflight import __version__

    rules = sorted(result.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [{
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary[:1024]},
        "fullDescription": {"text": (r.explanation.split("\n\n")[1] if r.explanation.count("\n\n") else
                                     r.summary)[:1024]},
        "help": {"text": r.fix, "markdown": r.explanation or r.fix},
        "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
        "properties": {"tags": [r.family]},
    } for r in rules]
    for descriptor in descriptors:
        url = docs_url(descriptor["name"], options)
        if url:
            descriptor["helpUri"] = url
    results = []
    for f in result.findings:
        region = {"startLine": max(f.line, 1), "startColumn": max(f.col, 1),
                  "endLine": max(f.line, 1), "endColumn": max(f.col, 1) + 1}
        res = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity.value],
            "message": {"text": f"{f.message}. Fix: {f.hint}" if f.hint else f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": region}}],
            "partialFingerprints": {"preflight/v1": f.fingerprint},
        }
        if f.code in index:
            res["ruleIndex"] = index[f.code]
        if f.platforms:  # --platform all: where it applies
            res["properties"] = {"platforms": list(f.platforms)}
        if f.suppressed_by:
            res["suppressions"] = [{"kind": "inSource" if f.suppressed_by == "inline" else "external"}]
        results.append(res)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "preflight", "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/paas-preflight/",
                                "rules": descriptors}},
            "results": results,
        }],
    }
    properties = {}
    if getattr(result, "platform", None):
        properties["platform"] = result.platform
    if getattr(result, "verdicts", None):
        properties["platforms"] = [v.to_dict() for v in result.verdicts]
    if properties:
        doc["runs"][0]["properties"] = properties
    json.dump(doc, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
