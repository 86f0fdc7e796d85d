"""How the code base hangs together, checked statically (ast, nothing imported):

- the module-level import graph of preflight/ and rules/ has no cycles;
- nothing outside the project model (preflight/project/) opens, reads or parses a repository file, or
  runs a program on it: the model reads once and caches, rules and the engine read facts. The few
  modules that read files of their own (preflight's settings, the baseline) are allowed below, each
  with its reason.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "preflight" / "project"


def module_name(path: Path) -> str:
    """``rules/`` is installed as ``preflight.rules``."""
    if path.is_relative_to(ROOT / "rules"):
        parts = ("preflight", "rules") + path.relative_to(ROOT / "rules").with_suffix("").parts
    else:
        parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    return {module_name(p): p for d in ("preflight", "rules") for p in sorted((ROOT / d).rglob("*.py"))}


def _module_level(tree: ast.Module):
    """The statements that run at import time: the module body, and the bodies of top-level if/try
    blocks (``if TYPE_CHECKING:`` aside). Imports inside functions run later and cannot form a cycle."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
        else:
            yield node


def import_graph(mods: dict[str, Path], lazy: bool = False) -> dict[str, set[str]]:
    """Module -> the modules it imports at import time (``lazy``: also inside functions)."""
    graph = {}
    for name, path in mods.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets = set()
        tree = ast.parse(path.read_text())
        for node in (ast.walk(tree) if lazy else _module_level(tree)):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
                targets.add(base)
                targets |= {f"{base}.{a.name}" for a in node.names}  # ``from pkg import module``
        graph[name] = {t for t in targets if t in mods and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node, path):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [])
            if found:
                return found
    return None


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_import_graph_has_no_cycles():
    graph = import_graph(sources())
    assert "preflight.engine" in graph and "preflight.filters" in graph["preflight.engine"]  # the graph is real
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_engine_modules_have_no_cycles_even_through_lazy_imports():
    """Settings, filters, baseline, registry and CLI used to call each other back from inside functions
    (settings -> registry and suppress, baseline -> config); outside the model and the rules (which the
    registry discovers by walking their package) not even a lazy import goes back up."""
    engine = {n: p for n, p in sources().items() if not n.startswith(("preflight.project", "preflight.rules"))}
    graph = import_graph(engine, lazy=True)
    assert "preflight.config" in graph["preflight.cli"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_model_has_no_cycles_even_through_lazy_imports():
    """The model's modules import each other lazily (inside functions) to keep the CLI's start fast; a
    lazy import that goes back up still ties two facts in a knot, so none may close a circle. The package
    face (``Project`` in preflight/project/__init__.py, which wires every fact as a cached property) is the
    top and is left out: ``from preflight.project import webservers`` names a module, not ``Project``."""
    model = {n: p for n, p in sources().items() if n.startswith("preflight.project.")}
    graph = import_graph(model, lazy=True)
    assert "preflight.project.dockerfile" in graph["preflight.project.container"]  # the graph is real
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


# -- who reads repository files ---------------------------------------------------------------------
# Calls that read a file or a folder, parse a file format, or run a program.
READ_CALLS = {"open", "io.open", "os.open", "os.listdir", "os.scandir", "os.walk", "json.load", "json.loads"}
READ_METHODS = {"read_text", "read_bytes", "iterdir", "read_regular"}
READ_MODULES = {"yaml", "tomllib", "tomli", "subprocess", "configparser", "dockerfile_parse", "pathspec"}

# Modules outside the model that read files that are not the repository's, each with why.
ALLOWED = {
    "preflight/config.py": {"open", "tomllib", "tomli"},        # preflight's own settings file
    "preflight/baseline.py": {"read_text", "json.loads", "open"},  # the baseline file, read and written
    "preflight/cli.py": {"subprocess", "open"},                 # git's top level for a file argument; -o FILE
    # --fix: it writes, and reads nothing but the files it edits (their bytes checked against the digest the
    # model's fix carries) and their git index entries; git runs with a fixed argv for mv/add/update-index.
    "preflight/fixer.py": {"os.open", "subprocess"},
    # the results cache: hashes the bytes of every file under the root and git's listings of them (never
    # parses one, never hands their content on), hashes preflight's own source; reads and writes JSON
    # entries only in its own cache folder.
    "preflight/cache.py": {"os.walk", "os.open", "open", "subprocess", "json.loads", "os.listdir"},
}


def reads(path: Path) -> set[str]:
    """What in ``path`` reads files or runs programs: call names, method names, module names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names} & READ_MODULES
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module.split(".")[0]} & READ_MODULES
            found |= {a.name for a in node.names} & READ_METHODS
        elif isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in READ_CALLS:
                found.add(name)
            elif isinstance(node.func, ast.Attribute) and node.func.attr in READ_METHODS:
                found.add(node.func.attr)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in READ_MODULES:
            found.add(node.value.id)
    return found


def test_read_scanner_sees_reads(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import json\nfrom pathlib import Path\n\ndef f(p, project):\n"
                      "    import yaml\n    yaml.safe_load(open(p))\n    json.loads(Path(p).read_text())\n"
                      "    return project.read_bytes('x')\n")
    assert reads(sample) == {"yaml", "open", "json.loads", "read_text", "read_bytes"}
    sample.write_text("import json\n\ndef f(findings, out):\n    json.dump(findings, out)\n")
    assert reads(sample) == set()


def test_only_the_model_reads_repository_files():
    offenders = {}
    for path in sorted((ROOT / "preflight").rglob("*.py")) + sorted((ROOT / "rules").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if path.is_relative_to(MODEL):
            continue
        extra = reads(path) - ALLOWED.get(rel, set())
        if extra:
            offenders[rel] = sorted(extra)
    assert not offenders, f"read files only in preflight/project/ (the model), then hand rules facts: {offenders}"
