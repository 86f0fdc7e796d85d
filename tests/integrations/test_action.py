"""action.yml run as a workflow runs a composite action: each step's `run` in bash (-e -o pipefail), its
`env` with `${{ inputs.* }}` filled in from the defaults and the `with:` values, RUNNER_TEMP and
GITHUB_OUTPUT set, in the workspace; the install step installs a copy of this checkout (`version` may be
a path). pip needs the package index for the dependencies: without one the test skips and says so."""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import HAVE_GIT, git_init, write_files
from pip_index import QUICK_PIP, skip_without_index

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not HAVE_GIT or not shutil.which("bash"), reason="needs git and bash")]
ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
BROKEN = {"Procfile.txt": "web: gunicorn app:app\n", "requirements.txt": "flask==3.0.3\ngunicorn==23.0.0\n",
          ".python-version": "3.12\n", ".gitignore": ".env\n__pycache__/\n",
          "app.py": "from flask import Flask\n\napp = Flask(__name__)\n"}
CLEAN = {**{k: v for k, v in BROKEN.items() if k != "Procfile.txt"}, "Procfile": BROKEN["Procfile.txt"]}


def expand(text: str, inputs: dict) -> str:
    """The expressions this action may use; any other one fails the test (a workflow would need it)."""
    def value(m):
        expr = m[1]
        assert expr.startswith("inputs."), f"action.yml uses ${{{{ {expr} }}}}, which this test cannot run"
        return inputs[expr[len("inputs."):]]
    return EXPR.sub(value, str(text))


def run_step(step: dict, inputs: dict, workspace: Path, runner: dict) -> subprocess.CompletedProcess:
    assert step["shell"] == "bash"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PIP_", "VIRTUAL_ENV"))}
    env.update(QUICK_PIP, **runner, GITHUB_WORKSPACE=str(workspace), GITHUB_ACTIONS="true",
               **{k: expand(v, inputs) for k, v in step.get("env", {}).items()})
    assert "${{" not in step["run"], "inputs reach the script through env, never pasted into it"
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=300)


def outputs(path: Path) -> dict:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def test_metadata():
    assert ACTION["runs"]["using"] == "composite"
    assert {"path", "args", "sarif", "version"} <= set(ACTION["inputs"])
    assert all("description" in i for i in ACTION["inputs"].values())
    ids = {s.get("id") for s in ACTION["runs"]["steps"]}
    for name in ("sarif", "exit-code"):
        m = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", ACTION["outputs"][name]["value"])
        assert m and m[1] in ids and m[2] == name


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The install step, once: a copy of this checkout's files (pip builds in the source folder)."""
    base = tmp_path_factory.mktemp("action")
    source = base / "preflight-source"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode:
        pytest.skip(f"{ROOT} is not a git checkout")
    for rel in filter(None, listed.stdout.split("\0")):
        if (ROOT / rel).is_file():
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, source / rel)
    runner = {"RUNNER_TEMP": str(base / "runner-temp")}
    Path(runner["RUNNER_TEMP"]).mkdir()
    install = ACTION["runs"]["steps"][0]
    inputs = {k: v.get("default", "") for k, v in ACTION["inputs"].items()} | {"version": str(source)}
    proc = run_step(install, inputs, base, runner)
    if proc.returncode:
        skip_without_index(proc.stdout + proc.stderr, "the action's install step")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("preflight ")
    return runner


def run_check(installed, tmp_path, files, **with_):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    write_files(workspace, files)
    git_init(workspace)
    out = tmp_path / "github-output"
    out.touch()
    inputs = {k: v.get("default", "") for k, v in ACTION["inputs"].items()} | with_
    steps = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    proc = run_step(steps[0], inputs, workspace, {**installed, "GITHUB_OUTPUT": str(out)})
    return proc, outputs(out), workspace


def test_broken_app_annotates_writes_sarif_and_fails(installed, tmp_path):
    proc, out, workspace = run_check(installed, tmp_path, BROKEN)
    assert proc.returncode == 1 and out["exit-code"] == "1", proc.stderr
    assert "::error file=Procfile.txt,title=PF102 procfile-misnamed::" in proc.stdout
    assert "Found 1 problem" in proc.stdout  # the full report follows the annotations
    assert out["sarif"] == "preflight.sarif"
    sarif = json.loads((workspace / out["sarif"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PF102"]


def test_clean_app_passes_and_args_reach_preflight(installed, tmp_path):
    proc, out, workspace = run_check(installed, tmp_path, CLEAN, sarif="false", args="--select PF1 --statistics")
    assert proc.returncode == 0 and out == {"exit-code": "0", "sarif": ""}, proc.stderr
    assert "All checks passed." in proc.stdout
    assert not (workspace / "preflight.sarif").exists()


def test_bad_arguments_exit_2_with_the_outputs_set(installed, tmp_path):
    proc, out, _ = run_check(installed, tmp_path, CLEAN, args="--select NOPE")
    assert proc.returncode == 2 and out["exit-code"] == "2"


@pytest.mark.parametrize("version, spec", [("", "paas-preflight"), ("0.3.0", "paas-preflight==0.3.0"),
                                           ("paas-preflight>=0.3", "paas-preflight>=0.3"),
                                           ("git+https://example.invalid/p.git", "git+https://example.invalid/p.git")])
def test_install_step_turns_version_into_a_pip_requirement(tmp_path, version, spec):
    """With a stand-in python3 that records what pip was asked for (nothing is installed)."""
    shims = tmp_path / "shims"
    shims.mkdir()
    log = tmp_path / "pip-args"
    (shims / "python3").write_text(
        "#!/bin/bash\n"
        '[ "$1 $2" = "-m venv" ] || exit 9\n'
        'mkdir -p "$3/bin"\n'
        f'printf \'#!/bin/bash\\necho "$*" > {log}\\n\' > "$3/bin/python"\n'
        'printf \'#!/bin/bash\\necho "preflight 0.0"\\n\' > "$3/bin/preflight"\n'
        'chmod +x "$3/bin/python" "$3/bin/preflight"\n')
    (shims / "python3").chmod(0o755)
    runner = {"RUNNER_TEMP": str(tmp_path), "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}
    inputs = {k: v.get("default", "") for k, v in ACTION["inputs"].items()} | {"version": version}
    proc = run_step(ACTION["runs"]["steps"][0], inputs, tmp_path, runner)
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().split()[-1] == spec
