"""Wall time of a full `preflight check` (all rules) as a user's shell runs it.

  python3 bench/bench.py            # small app (goal <= 150 ms) and a 200-module app (goal <= 300 ms)
  python3 bench/bench.py --runs 31

Each case is a generated git repository; every run is a fresh interpreter (`python -m preflight check .`),
which is what a pre-commit hook pays. One warm-up run first lets Python write its bytecode cache, as it
does on a user's machine after the first commit (this workplace sets PYTHONDONTWRITEBYTECODE, which the
benchmark unsets for its child processes).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = {
    "Procfile": "web: gunicorn flask_app:app\n",
    "requirements.txt": "Flask==3.1.2\ngunicorn==23.0.0\npyTelegramBotAPI==4.29.1\n",
    ".python-version": "3.13\n",
    ".gitignore": ".env\n__pycache__/\n",
    "flask_app.py": (
        "import os\n\nimport flask\nimport telebot\n\nTOKEN = os.environ['TOKEN']\n"
        "bot = telebot.TeleBot(TOKEN, threaded=False)\napp = flask.Flask(__name__)\n\n\n"
        "@app.route('/')\ndef index():\n    return 'ok'\n\n\nif __name__ == '__main__':\n"
        "    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n"),
}


def big_app(n_modules: int = 200) -> dict[str, str]:
    """A package of n modules, each importing the next two, all on the web process's start path."""
    files = dict(SMALL)
    files["Procfile"] = "web: gunicorn shop.app:app\n"
    files["shop/__init__.py"] = ""
    files["shop/app.py"] = "import flask\nfrom shop import m0\n\napp = flask.Flask(__name__)\n"
    for i in range(n_modules - 2):
        imports = "".join(f"from shop import m{j}\n" for j in (i + 1, i + 2) if j < n_modules - 2)
        body = "".join(
            f"\n\ndef handler_{i}_{k}(request, size={k}):\n    total = 0\n"
            f"    for item in request.get('items', []):\n        total += len(str(item)) * size\n"
            f"    return {{'module': {i}, 'k': {k}, 'total': total}}\n" for k in range(8))
        files[f"shop/m{i}.py"] = f'"""Module {i}."""\nimport json\nimport os\n{imports}{body}'
    return files


def make_repo(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "bench"]):
        subprocess.run(cmd, cwd=root, check=True, env=env)


def time_check(root: Path, runs: int) -> tuple[float, int]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-m", "preflight", "check", ".", "-q"]
    warm = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if warm.returncode not in (0, 1):
        raise SystemExit(f"preflight failed ({warm.returncode}):\n{warm.stdout}\n{warm.stderr}")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=root, env=env, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, len(warm.stdout.splitlines())


def interpreter_start(runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"])
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} runs")
    print(f"  interpreter start (python -c pass):      {interpreter_start(args.runs):7.1f} ms")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for label, files, goal in (("small app (flask bot, 5 files)", SMALL, 150.0),
                                   ("200-module app on the start path", big_app(200), 300.0)):
            root = Path(tmp) / label.split()[0]
            root.mkdir()
            make_repo(root, files)
            ms, lines = time_check(root, args.runs)
            verdict = "ok" if ms <= goal else "OVER GOAL"
            ok &= ms <= goal
            print(f"  {label:40s} {ms:7.1f} ms  (goal <= {goal:.0f} ms: {verdict}; {lines} output lines)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
