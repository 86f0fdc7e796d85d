"""YAML read as a node tree, never loaded into Python values: exact lines, duplicate keys, YAML 1.1 traps.

``parse(text)`` composes the document with PyYAML's pure-Python ``SafeLoader`` (``yaml.compose``: no tags
are constructed, no code runs) and walks the nodes without recursion. What it gives, all 1-based lines:

* ``entries``: one :class:`preflight.project.configformats.Entry` per scalar leaf, keyed by its path of
  mapping keys (sequence items as ``"[0]"``), with the raw text and the type YAML 1.1 resolves it to;
* ``duplicates``: ``(keys, line, first_line)`` for every key repeated in one mapping (``on:`` and ``yes:``
  collide: both are the boolean true). ``safe_load`` silently keeps the last one;
* ``ambiguous``: plain scalars PyYAML turns into something a reader does not expect (research/docker.md
  §5.1): ``22:22`` -> 1342 (base 60), ``0755`` -> 493 (octal), ``3.10`` -> 3.1, ``NO`` -> False;
* ``error``: ``(message, line)`` when the text does not parse, nests too deeply, or expands through aliases
  beyond :data:`MAX_EXPANDED` nodes (a "billion laughs" file: ``safe_load`` would exhaust the memory).

Aliases share one node, so each node is walked once; the size ``safe_load`` would build is counted over
that graph (linear time). The C loader (``CSafeLoader``, ten times faster) composes when the text's nesting
is shallow; its composer recurses on the C stack, so a text whose brackets or indentation suggest deep
nesting goes to the pure-Python ``SafeLoader``, which stops with RecursionError after a few hundred levels:
reported as an error, never a traceback (libyaml 0.2.5+ also stops at 1,000 levels by itself).
:func:`max_bytes` is the size each loader is given at most (the caller skips larger files).
"""
from __future__ import annotations

import sys

from preflight.project.manifests import yaml_loader

MAX_EXPANDED = 1_000_000    # nodes safe_load would build; beyond this a file is an alias bomb
MAX_NODES = 300_000         # distinct nodes walked; the rest of a larger file is left unchecked
MAX_C_BYTES = 1024 * 1024   # the C loader composes about 1 MB in half a second
MAX_PY_BYTES = 256 * 1024   # the pure-Python loader is ten times slower

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
KINDS = {BOOL_TAG: "bool", INT_TAG: "int", FLOAT_TAG: "float", NULL_TAG: "null", STR_TAG: "str"}
_PLAIN_BOOLS = {"true", "false"}
# keys whose octal value is meant as a number (a file mode); elsewhere 0755 is a surprise
_MODE_KEYS = ("mode", "umask", "perm", "chmod")
# keys whose value is a short code, where ``NO`` (Norway) or ``ON`` (Ontario) is meant as text
_CODE_KEYS = ("country", "lang", "language", "locale", "region", "province", "code")


class YamlTree:
    __slots__ = ("entries", "duplicates", "ambiguous", "error")

    def __init__(self):
        self.entries: list = []
        self.duplicates: list[tuple[tuple[str, ...], int, int]] = []
        self.ambiguous: list[tuple[object, str]] = []
        self.error: tuple[str, int] | None = None


def _key_text(node) -> str:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node.value
    return f"<{node.id}>"


def _key_identity(node):
    """What makes two keys the same key once loaded: the resolved type and value (``on`` == ``yes``)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == BOOL_TAG:
        return (BOOL_TAG, node.value.lower() in ("yes", "true", "on", "y"))
    if node.tag == INT_TAG:
        return (INT_TAG, node.value.replace("_", "").lstrip("+") or "0")
    return (node.tag, node.value)


def ambiguity(node, keys: tuple[str, ...], as_key: bool = False) -> str | None:
    """Why a plain scalar loads as something else than its text suggests, or None."""
    if node.style:
        return None  # quoted or block: a string, as written (plain is None, or "" from the C loader)
    text, tag = node.value, node.tag
    last = keys[-1].lower() if keys else ""
    if tag == INT_TAG and ":" in text:
        return f"{text} is read as the base-60 number {_sexagesimal(text)}, not the text \"{text}\""
    if tag == INT_TAG and len(text) > 1 and text.lstrip("+-").startswith("0") and text.lstrip("+-")[1:2].isdigit():
        if any(k in last for k in _MODE_KEYS):
            return None
        try:
            number = int(text.replace("_", ""), 8)
        except ValueError:
            return None
        return f"{text} is read as the octal number {number}, not the text \"{text}\""
    if tag == FLOAT_TAG and "." in text and text[-1:].isdigit():
        try:
            shown = repr(float(text.replace("_", "")))
        except ValueError:
            return None
        if shown != text:
            return f"{text} is read as the number {shown}, not the text \"{text}\" (a version number loses its zero)"
        return None
    if tag == BOOL_TAG and text.lower() not in _PLAIN_BOOLS:
        value = text.lower() in ("yes", "on", "y")
        if as_key:
            return f"this key is read as the boolean {value}, not the text \"{text}\""
        if any(k in last for k in _CODE_KEYS) or (keys and keys[-1].startswith("[")):
            return f"{text} is read as the boolean {value}, not the text \"{text}\""
    return None


def _sexagesimal(text: str) -> int:
    total = 0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + int(part or 0)
    return -total if text.startswith("-") else total


def max_bytes(text: str) -> int:
    import yaml

    return MAX_C_BYTES if yaml_loader(text) is not yaml.SafeLoader else MAX_PY_BYTES


def parse(text: str) -> YamlTree:
    import yaml

    from preflight.project.configformats import Entry

    tree = YamlTree()
    try:
        docs = list(yaml.compose_all(text, Loader=yaml_loader(text)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        tree.error = (f"does not parse as YAML: {problem}", mark.line + 1 if mark else 0)
        return tree
    except RecursionError:
        tree.error = (f"is nested too deeply to parse (more than about {sys.getrecursionlimit() // 3} levels): "
                      "PyYAML stops with RecursionError", 0)
        return tree
    sizes: dict[int, int] = {}
    walked = 0
    for doc_index, root in enumerate(d for d in docs if d is not None):
        prefix = (f"[doc {doc_index}]",) if doc_index else ()
        seen: set[int] = set()
        stack = [(root, prefix, False)]
        while stack:
            node, keys, done = stack.pop()
            if done:  # children are sized: this node's expanded size is known
                sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in _children(node))
                continue
            if id(node) in seen:
                continue  # an alias: the anchored node is already walked
            seen.add(id(node))
            walked += 1
            if walked > MAX_NODES:
                stack.clear()  # enough: the rest of a huge file is left unchecked
                break
            if isinstance(node, yaml.ScalarNode):
                entry = Entry(keys, node.value, KINDS.get(node.tag, "other"), node.start_mark.line + 1,
                              plain=not node.style)
                tree.entries.append(entry)
                why = ambiguity(node, keys)
                if why:
                    tree.ambiguous.append((entry, why))
                sizes[id(node)] = 1
                continue
            stack.append((node, keys, True))
            if isinstance(node, yaml.SequenceNode):
                for i, item in reversed(list(enumerate(node.value))):
                    stack.append((item, keys + (f"[{i}]",), False))
                continue
            first: dict = {}
            for key_node, value_node in reversed(node.value):
                if key_node.tag == MERGE_TAG:
                    continue
                name = _key_text(key_node)
                path = keys + (name,)
                line = key_node.start_mark.line + 1
                if isinstance(key_node, yaml.ScalarNode):
                    why = ambiguity(key_node, keys + (name,), as_key=True)
                    if why:
                        tree.ambiguous.append((Entry(path, name, KINDS.get(key_node.tag, "other"), line), why))
                stack.append((value_node, path, False))
            for key_node, _ in node.value:
                ident = _key_identity(key_node)
                if ident is None or key_node.tag == MERGE_TAG:
                    continue
                line = key_node.start_mark.line + 1
                if ident in first:
                    tree.duplicates.append((keys + (_key_text(key_node),), line, first[ident]))
                else:
                    first[ident] = line
        total = sizes.get(id(root), 1)
        if total > MAX_EXPANDED:
            tree.error = (f"expands through YAML aliases to more than {MAX_EXPANDED:,} values (an alias bomb): "
                          "loading it exhausts the memory", root.start_mark.line + 1)
            return tree
    tree.entries.sort(key=lambda e: e.line)
    return tree


def _children(node):
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return ()
