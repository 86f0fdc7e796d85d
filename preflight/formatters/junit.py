"""JUnit XML for Jenkins and Azure Pipelines: one testcase per rule and file.

A rule with findings in a file is a failed testcase (classname = the file, name = code and rule name)
whose ``failure`` carries the first finding's message and, in its text, every finding there with its
position and fix. Each enabled rule without findings is one passed testcase (classname ``preflight``), so
the report counts what was checked; a run of no rules still holds one passed testcase.
"""
from __future__ import annotations

from preflight.formatters.common import position


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold most control characters (a message may quote a file's bytes): show them."""
    return "".join(ch if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd"
                   or ch >= "\U00010000" else f"\\x{ord(ch):02x}" for ch in text)


def element_tree(result, options):
    import xml.etree.ElementTree as ET  # only this format needs it

    groups: dict[tuple[str, str], list] = {}
    for f in result.active:
        groups.setdefault((f.code, f.path), []).append(f)
    crashed = {r.code: detail for r, detail in result.crashes}
    failed_codes = {code for code, _ in groups}
    clean = [r for r in sorted(result.rules, key=lambda r: r.code)
             if r.code not in failed_codes and r.code not in crashed]

    suites = ET.Element("testsuites", name="preflight")
    suite = ET.SubElement(suites, "testsuite", name="preflight")
    for (code, path), found in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        first = found[0]
        case = ET.SubElement(suite, "testcase", classname=path, name=f"{code} {first.name}")
        line, _ = position(first)
        case.set("file", path)
        case.set("line", str(line))
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        message = _xml_text(first.message + more)
        failure = ET.SubElement(case, "failure", message=message, type=first.severity.value)
        failure.text = _xml_text("\n".join(
            f"{f.path}:{':'.join(map(str, position(f)))}: {f.code} {f.name} {f.message}"
            + (f"\nfix: {f.hint}" if f.hint else "") for f in found))
    for r, detail in result.crashes:
        case = ET.SubElement(suite, "testcase", classname="preflight", name=f"{r.code} {r.name}")
        last = detail.strip().splitlines()[-1] if detail.strip() else "crashed"
        ET.SubElement(case, "error", message=_xml_text(f"internal error: the rule crashed ({last})"))
    for r in clean:
        ET.SubElement(suite, "testcase", classname="preflight", name=f"{r.code} {r.name}")
    if not len(suite):
        ET.SubElement(suite, "testcase", classname="preflight", name="no rules selected")
    failures = str(len(groups))
    for node in (suites, suite):
        node.set("tests", str(len(suite)))
        node.set("failures", failures)
        node.set("errors", str(len(result.crashes)))
    return ET.ElementTree(suites)


def write(result, stream, options) -> None:
    import xml.etree.ElementTree as ET

    tree = element_tree(result, options)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree.getroot(), encoding="unicode"))
    stream.write("\n")
