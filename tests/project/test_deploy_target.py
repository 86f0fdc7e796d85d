"""project.deploy_target: where the repository deploys, with its evidence (issue #8 item 7)."""
import pytest

from preflight.project import Project

FLASK = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", "app.py": "import flask\napp = flask.Flask(__name__)\n"}
BUILT = "services:\n  web:\n    build: .\n    ports:\n      - '8000:8000'\n"


def target(app, files):
    return str(Project(app({**FLASK, **files}, git=True)).deploy_target)


@pytest.mark.parametrize("files, expected", [
    ({"Procfile": "web: gunicorn app:app\n", "docker-compose.yml": BUILT}, "platform (Procfile)"),
    ({"app.json": '{"name": "svc"}\n', "compose.yml": BUILT}, "platform (app.json)"),
    ({"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n", "Dockerfile": "FROM python:3.13\n"},
     "platform (heroku.yml)"),
    ({"Procfile.txt": "web: gunicorn app:app\n"}, "platform (Procfile.txt)"),
    # a config file written for the platform (the aiohttp-docker-broken example) beats the compose file
    ({"config/heroku_config.yaml": "port: 8080\n", "docker-compose.yaml": BUILT}, "platform (config/heroku_config.yaml)"),
    ({"docker-compose.yml": BUILT}, "elsewhere: docker compose (docker-compose.yml)"),
    ({"docker/docker-compose.yml": "services:\n  web:\n    build:\n      context: ..\n"},
     "elsewhere: docker compose (docker/docker-compose.yml)"),
    ({"fly.toml": "app = 'svc'\n"}, "elsewhere: Fly.io (fly.toml)"),
    ({"render.yaml": "services: []\n"}, "elsewhere: Render (render.yaml)"),
    ({"k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n"}, "elsewhere: Kubernetes (k8s/deployment.yaml)"),
    ({"deploy/kustomization.yaml": "resources: []\n"}, "elsewhere: Kubernetes (deploy/kustomization.yaml)"),
    ({"deploy/pythonanywhere/README.md": "# deploy\n"}, "elsewhere: PythonAnywhere (deploy/pythonanywhere/README.md)"),
    ({"app.json": '{"dokku": {"predeploy": "python manage.py migrate"}}\n'}, "elsewhere: Dokku (app.json)"),
    # scrape.world: a Procfile (Dokku reads one too) beside a page on deploying to Dokku, or Dokku's own files
    ({"Procfile": "web: python app.py\n", "deploy_dokku.md": "# git push dokku main\n"},
     "elsewhere: Dokku (deploy_dokku.md)"),
    ({"Procfile": "web: python app.py\n", "CHECKS": "/ ok\n"}, "elsewhere: Dokku (CHECKS)"),
    # ...but a Heroku manifest beside it still says Heroku
    ({"Procfile": "web: python app.py\n", "runtime.txt": "python-3.12.1\n", "deploy_dokku.md": "# dokku\n"},
     "elsewhere: Dokku (deploy_dokku.md)"),
    ({"Procfile": "web: python app.py\n", "heroku.yml": "run:\n  web: python app.py\n", "deploy_dokku.md": "# dokku\n"},
     "platform (Procfile)"),
    # djangoproject.com: a Procfile for honcho on a developer's machine (a file watcher beside web)
    ({"Procfile": "web: make run\nscss: make watch-scss\n", "docker-compose.yml": BUILT},
     "elsewhere: docker compose (docker-compose.yml)"),
    ({"Procfile": "web: python manage.py runserver\ncss: npm run watch\n"}, "unknown"),
    # ...and its look-alike: a worker whose script is named for watching is a real process
    ({"Procfile": "web: gunicorn app:app\nworker: python watcher.py --interval 60\n",
      "docker-compose.yml": BUILT}, "platform (Procfile)"),
    # look-alikes that say nothing about the deploy
    ({"docker-compose.yml": "services:\n  db:\n    image: postgres:16\n"}, "unknown"),  # a local database only
    ({".devcontainer/docker-compose.yml": BUILT}, "unknown"),                          # a developer's machine
    ({"static/img/pythonanywhere.png": b"\x89PNG"}, "unknown"),                        # a sponsor's logo
    ({"static/img/heroku-logo.png": b"\x89PNG", "docker-compose.yml": BUILT},
     "elsewhere: docker compose (docker-compose.yml)"),
    ({}, "unknown"),
])
def test_deploy_target(app, files, expected):
    assert target(app, files) == expected
