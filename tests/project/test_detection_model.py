"""Whether the repository is a Python app, and the near misses (preflight/project/detection.py), and what pip
cannot install as written (preflight/project/installable.py)."""
from __future__ import annotations

import pytest

from preflight.project import Project
from preflight.project.detection import committed_venvs, misspelt_requirements, nested_requirements, pythonish
from preflight.project.installable import local_target, path_problem, placeholder


@pytest.mark.parametrize("name, found", [("requirement.txt", "requirement.txt"), ("Requirements.txt", "Requirements.txt"),
                                         ("requirments.txt", "requirments.txt"), ("reqs.txt", None),
                                         ("requirements.txt", None)])
def test_misspelt_requirements(app, name, found):
    assert misspelt_requirements(Project(app({name: "flask\n"}))) == found


@pytest.mark.parametrize("files, expected", [
    ({"bot.py": ""}, True), ({"backend/requirements.txt": "flask\n"}, True),
    ({"package.json": "{}", "scripts/requirements.txt": "x\n"}, False),
    ({"package.json": "{}", "scripts/requirements.txt": "x\n", "Procfile": "worker: python scripts/x.py\n"}, True),
    ({"docs/requirements.txt": "sphinx\n", "index.html": ""}, False),
])
def test_pythonish(app, files, expected):
    assert pythonish(Project(app(files))) is expected


def test_nested_requirements_and_venvs(app):
    assert nested_requirements("backend/requirements.txt") and not nested_requirements("docs/requirements.txt")
    assert not nested_requirements("a/b/c/requirements.txt")
    root = app({".venv/pyvenv.cfg": "", "deep/down/pyvenv.cfg": "", ".heroku/python/bin/python": ""})
    assert committed_venvs(Project(root)) == ([".venv/pyvenv.cfg"], ".heroku/python/bin/python")


@pytest.mark.parametrize("url, target", [("file:///home/me/pkg", "/home/me/pkg"), ("file://localhost/x", "/x"),
                                         ("./libs/a#egg=a", "./libs/a")])
def test_local_target(url, target):
    assert local_target(url) == target


def test_path_problems(app):
    project = Project(app({"libs/ok/pyproject.toml": "", "libs/bare/x.py": "", "app.py": ""}))
    assert path_problem(project, "libs/ok") is None and path_problem(project, ".") is None
    assert "no setup.py" in path_problem(project, "libs/bare")
    assert path_problem(project, "../shared") == "is outside the repository"
    assert path_problem(project, "/tmp/build_0a1b2c/x", "an old build") == "is the build folder of an old build"
    assert "Windows path" in path_problem(project, "C:\\Users\\me\\pkg")
    assert path_problem(project, "libs/none") == "does not exist"


def test_placeholders():
    assert placeholder("https://example.com/simple") == "points at the placeholder host 'example.com'"
    assert placeholder("git+https://github.com/your-username/app.git") == \
        "still holds the placeholder 'your-username'"
    assert placeholder("https://pypi.org/simple") is None
