"""The pre-commit manifest loads and names a whole-repo hook that pre-commit can install."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_manifest():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    by_id = {h["id"]: h for h in hooks}
    hook = by_id["preflight"]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["entry"].split()[:2] == ["preflight", "check"]
    files = re.compile(hook["files"])
    for path in ("Procfile", "Procfile.txt", "requirements.txt", "app/main.py", ".python-version",
                 "config/heroku_config.yaml", "Dockerfile", "run.sh", "crontab"):
        assert files.search(path), path
    assert not files.search("README.md")
    assert set(hook["stages"]) <= {"pre-commit", "pre-push", "manual", "pre-merge-commit"}
