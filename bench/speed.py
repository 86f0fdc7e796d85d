"""One table of preflight's speed: a small app, a real big tree, another tool on that tree, and a scaling
curve over generated repositories.

  python3 bench/speed.py                                  # small app + scaling curve (100 ... 20,000 files)
  python3 bench/speed.py --tree /path/to/saleor --runs 5  # and a real checkout (this script fetches nothing)
  python3 bench/speed.py --tree PATH --vs 'gitleaks dir .'   # and another command on the same tree
  python3 bench/speed.py --sizes 100,1000 --runs 3         # a shorter curve

Every run is a fresh interpreter (``python -m preflight check . --format json --no-cache``), as a
pre-commit hook pays; the "warm cache" rows leave the results cache on (in a temporary folder, never in the
tree), so their first run fills it and the others reuse it. Wall time is measured with ``time.perf_counter`` around the child; CPU time (user + system) and
peak memory (max RSS) come from ``os.wait4``, the child's own ``getrusage``. The first run of each case
warms the OS file cache and Python's bytecode cache and is reported on its own ("first"); the medians are
over the runs after it. On a shared or loaded machine compare medians and ratios, not single runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SMALL, make_repo  # noqa: E402  (the benchmarks' shared small app and repository maker)

SIZES = (100, 1_000, 5_000, 20_000)


def generated(n_files: int) -> dict[str, str]:
    """A Flask app of ``n_files`` files shaped like real trees: a fifth Python modules (a package whose
    modules import their neighbours, all on the web process's start path up to the model's bound),
    templates, static files, docs and data for the rest."""
    files = dict(SMALL)
    files["Procfile"] = "web: gunicorn shop.app:app\n"
    files["shop/__init__.py"] = ""
    files["shop/app.py"] = "import flask\nfrom shop.pkg0 import m0\n\napp = flask.Flask(__name__)\n"
    n_py = max(1, n_files // 5)
    for i in range(n_py):
        pkg = f"shop/pkg{i // 50}"
        files.setdefault(f"{pkg}/__init__.py", "")
        nxt = "".join(f"from shop.pkg{j // 50} import m{j}\n" for j in (i + 1, i + 2) if j < n_py)
        files[f"{pkg}/m{i}.py"] = (
            f'"""Module {i}."""\nimport json\nimport os\n{nxt}\nLIMIT = int(os.environ.get("LIMIT_{i}", "10"))\n\n\n'
            f"def handler_{i}(request):\n    items = request.get('items', [])[:LIMIT]\n"
            f"    return json.dumps({{'module': {i}, 'count': len(items)}})\n\n\n"
            f"class Store{i}:\n    def save(self, path):\n        with open(path, 'w') as fh:\n"
            f"            fh.write(str(self))\n")
    kinds = [("templates/page{}.html", "<html><body>{{{{ title }}}} {}</body></html>\n"),
             ("static/js/app{}.js", "export const n{} = () => fetch('/api');\n"),
             ("docs/note{}.md", "# Note {}\n\nRun it with `flask run`.\n"),
             ("data/fixture{}.json", '{{"id": {}, "name": "item"}}\n')]
    i = 0
    while len(files) < n_files:
        path, text = kinds[i % len(kinds)]
        files[path.format(i)] = text.format(i)
        i += 1
    return files


def run_once(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak RSS MB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return wall, usage.ru_utime + usage.ru_stime, rss_kb / 1024, os.waitstatus_to_exitcode(status)


def measure(label: str, cmd: list[str], cwd: Path, runs: int, n_files: int | str, cache_dir: Path | None = None) -> dict:
    """``cache_dir``: preflight's results cache goes there (the first run fills it, the others are warm);
    without it every run is cold (``--no-cache`` in ``cmd``)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PREFLIGHT_CACHE_DIR")}
    if cache_dir is not None:
        env["PREFLIGHT_CACHE_DIR"] = str(cache_dir)
    first = run_once(cmd, cwd, env)
    rest = [run_once(cmd, cwd, env) for _ in range(runs)]
    return {"case": label, "files": n_files, "runs": runs, "first": first[0],
            "median": statistics.median(r[0] for r in rest), "min": min(r[0] for r in rest),
            "cpu": statistics.median(r[1] for r in rest), "rss": max(r[2] for r in [first, *rest]),
            "exit": rest[-1][3]}


def tracked_files(tree: Path) -> int | str:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=tree, capture_output=True, check=True).stdout
        return out.count(b"\0")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def print_table(rows: list[dict], notes: list[str], load_before: str) -> None:
    print(f"preflight speed, {time.strftime('%Y-%m-%d')}, {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}; load average (1/5/15 min) "
          f"{load_before} before, {_load()} after")
    head = f"| {'case':<34} | {'files':>6} | {'first s':>7} | {'median s':>8} | {'min s':>6} | {'cpu s':>6} | " \
           f"{'peak MB':>7} | {'cpu s / 1k files':>16} |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for r in rows:
        per = f"{r['cpu'] / r['files'] * 1000:.3f}" if r["case"].startswith("generated") else ""
        print(f"| {r['case']:<34} | {r['files']:>6} | {r['first']:>7.2f} | {r['median']:>8.2f} | {r['min']:>6.2f} | "
              f"{r['cpu']:>6.2f} | {r['rss']:>7.0f} | {per:>16} |")
    for note in notes:
        print(note)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", type=Path, help="a real checkout to time (never fetched by this script)")
    ap.add_argument("--vs", help="another command to time on --tree, e.g. 'gitleaks dir .'")
    ap.add_argument("--runs", type=int, default=5, help="runs per case after the first (default 5)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="scaling curve sizes (files)")
    args = ap.parse_args(argv)
    warm = [sys.executable, "-m", "preflight", "check", ".", "--format", "json"]
    check = [*warm, "--no-cache"]
    rows, notes = [], []
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="pf-speed-") as tmp:
        small = Path(tmp) / "small"
        make_repo(small, SMALL)
        rows.append(measure("small app (cold process)", check, small, args.runs, len(SMALL)))
        rows.append(measure("small app, warm cache", warm, small, args.runs, len(SMALL), Path(tmp) / "c-small"))
        if args.tree:
            tree = args.tree.resolve()
            rows.append(measure(f"{tree.name}: preflight check", check, tree, args.runs, tracked_files(tree)))
            rows.append(measure(f"{tree.name}: warm cache", warm, tree, args.runs, tracked_files(tree),
                                Path(tmp) / "c-tree"))  # the cache goes to the temporary folder, not the tree
            if args.vs:
                other = shlex.split(args.vs)
                if shutil.which(other[0]) is None:
                    notes.append(f"--vs {args.vs!r}: {other[0]} not installed")
                else:
                    rows.append(measure(f"{tree.name}: {args.vs}", other, tree, args.runs, tracked_files(tree)))
                    cold, warm_row, vs = rows[-3:]
                    notes.append(f"preflight / {other[0]} (median wall): {cold['median'] / vs['median']:.2f}x cold, "
                                 f"{warm_row['median'] / vs['median']:.2f}x warm")
        elif args.vs:
            notes.append("--vs needs --tree")
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            root = Path(tmp) / f"gen{n}"
            make_repo(root, generated(n))
            rows.append(measure(f"generated, {n:,} files", check, root, max(1, args.runs // 2), n))
            shutil.rmtree(root)
    curve = [r for r in rows if str(r["case"]).startswith("generated")]
    if len(curve) >= 2:
        lo, hi = curve[0], curve[-1]
        notes.append(f"scaling: {hi['files'] / lo['files']:.0f}x the files took {hi['median'] / lo['median']:.1f}x "
                     f"the wall time, {hi['cpu'] / lo['cpu']:.1f}x the CPU time and {hi['rss'] / lo['rss']:.1f}x "
                     "the memory")
    print_table(rows, notes, load_before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
