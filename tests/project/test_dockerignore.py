""".dockerignore is matched with Docker's rules (moby/patternmatcher), not git's: the cases where they differ."""
import subprocess

import pytest
from conftest import HAVE_GIT

from preflight.project.dockerignore import parse


def docker(lines, path):
    return parse(".dockerignore", lines).ignores(path)


def git(tmp_path, lines, path):
    """What git itself decides for the same lines in a .gitignore (git check-ignore, the file on disk)."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("\n".join(lines) + "\n")
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x")
    return subprocess.run(["git", "check-ignore", "-q", path], cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("lines, path, docker_says, git_says", [
    (["*.pyc"], "pkg/mod.pyc", False, True),          # anchored at the context root in Docker
    (["*.pyc"], "mod.pyc", True, True),
    (["**/*.pyc"], "pkg/sub/mod.pyc", True, True),
    (["secrets"], "config/secrets", False, True),      # a bare name: only at the root in Docker
    (["build/"], "build", True, False),                # the trailing slash is cleaned away: a file matches too
    (["docs", "!docs/keep.md"], "docs/keep.md", False, True),  # git cannot re-include...
    (["docs/", "!docs/keep.md"], "docs/keep.md", False, True),  # ...below an excluded folder; Docker can
    (["/venv"], "venv/bin/python", True, True),        # leading slash = the root; a folder covers its content
    (["#.env"], "#.env", False, False),                # a comment, in both
    ([".env*", "!.env.example"], ".env.example", False, False),
    ([".env*", "!.env.example"], ".env.local", True, True),
])
def test_docker_vs_git(tmp_path, lines, path, docker_says, git_says):
    assert docker(lines, path) is docker_says
    if HAVE_GIT:
        assert git(tmp_path, lines, path) is git_says


def test_last_match_wins_and_rule_for_gives_the_line():
    di = parse(".dockerignore", ["# c", "*.md", "!README.md", "README.md"])
    assert di.ignores("README.md")
    assert di.rule_for("README.md").line == 4
    assert not di.ignores("src/x.md")


def test_double_star_and_classes():
    di = parse(".dockerignore", ["**/__pycache__", "data/*.[ch]sv", "a?c"])
    assert di.ignores("__pycache__/x.pyc") and di.ignores("a/b/__pycache__/x.pyc")
    assert di.ignores("data/x.csv") and di.ignores("data/x.hsv") and not di.ignores("data/sub/x.csv")
    assert di.ignores("abc") and not di.ignores("a/c")


def test_malformed_class_matches_nothing_and_does_not_crash():
    assert not parse(".dockerignore", ["[z-a"]).ignores("b")
