"""What the container image installs (preflight/project/image.py), from the Dockerfile the deploy builds."""
from __future__ import annotations

from preflight.project import Project
from preflight.project.container import deploy_dockerfile
from preflight.project.image import image, installs_any

HEROKU_YML = ("build:\n  docker:\n    web: docker/web.Dockerfile\n    worker:\n      dockerfile: ./docker/worker.Dockerfile\n"
              "run:\n  web: gunicorn app:app\n  worker:\n    command:\n      - celery -A app worker\n"
              "release:\n  command:\n    - python manage.py migrate\n")


def test_pip_installs_by_name_and_from_a_copied_requirements_file(app):
    root = app({"Dockerfile": "FROM python:3.12-slim\nWORKDIR /code\nCOPY deploy/reqs.txt /code/requirements.txt\n"
                              "RUN pip install --no-cache-dir -r requirements.txt \\\n    && python -m pip install "
                              "'Gunicorn==23.0' uvicorn[standard] -i https://pypi.org/simple\n"})
    img = image(Project(root))
    assert img.path == "Dockerfile" and img.plain_bases
    assert [(pip.line, pip.names, pip.requirement_files) for pip in img.installs] == [
        (4, [], [("requirements.txt", "deploy/reqs.txt")]), (4, ["gunicorn", "uvicorn"], [])]
    assert img.named == {"gunicorn", "uvicorn"} and img.other_requirements


def test_root_requirements_and_other_installers(app):
    root = app({"Dockerfile": "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"
                              "RUN apt-get install -y gunicorn\n", "requirements.txt": "flask\n"})
    project = Project(root)
    img = image(project)
    assert not img.other_requirements and img.named == set()
    assert img.mentions(["gunicorn"]) and not img.mentions(["uvicorn"])
    assert installs_any(project, ("gunicorn",)) is True  # apt installs it: any RUN naming it counts


def test_a_base_image_that_may_ship_packages_cannot_be_told(app):
    root = app({"Dockerfile": "FROM tiangolo/uvicorn-gunicorn:python3.11\nCOPY . /app\n"})
    project = Project(root)
    assert not image(project).plain_bases and installs_any(project, ("gunicorn",)) is None
    root = app({"Dockerfile": "FROM python:3.12 AS build\nRUN pip wheel .\nFROM build\nRUN pip install flask\n"})
    assert installs_any(Project(root), ("gunicorn",)) is False


def test_the_image_heroku_yml_builds_for_web(app):
    root = app({"heroku.yml": HEROKU_YML, "docker/web.Dockerfile": "FROM python:3.12\nRUN pip install gunicorn\n"})
    project = Project(root)
    assert deploy_dockerfile(project) == ("docker/web.Dockerfile", None)
    assert image(project).path == "docker/web.Dockerfile" and image(project).named == {"gunicorn"}


def test_installs_from_heredoc_and_mount_flagged_runs(app):
    """The steps come from the container model: a heredoc body and RUN --mount=... are commands too."""
    root = app({"Dockerfile": "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask\n"
                              "RUN <<EOF\npip install gunicorn\nEOF\n"})
    assert [(pip.line, pip.names) for pip in image(Project(root)).installs] == [(2, ["flask"]), (3, ["gunicorn"])]


def test_no_dockerfile(app):
    project = Project(app({"app.py": ""}))
    assert image(project) is None and deploy_dockerfile(project) == ("Dockerfile", None)
