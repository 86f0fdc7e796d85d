COMPOSE = """services:
  web:
    build:
      context: .
      args:
        VERSION: "1"
    environment:
      - SECRET_KEY=x
    ports:
      - "8000:8000"
  db:
    image: postgres:16
    volumes:
      - db:/var/lib/postgresql/data
"""


def test_compose_file_lists_what_is_not_used(app):
    from conftest import run_rules

    root = app({"docker-compose.yml": COMPOSE, "Dockerfile": "FROM python:3.13\nCMD x\n"})
    (f,) = run_rules(root, select=["compose-ignored"]).active
    assert (f.name, f.path, f.line) == ("compose-ignored", "docker-compose.yml", 1)
    for part in ("web.environment", "line 7", "web.ports", "web.build.args", "the db service (postgres:16",
                 "Heroku Postgres", "db.volumes"):
        assert part in f.message, part


def test_lookalikes(check):
    assert check({"Dockerfile": "FROM python:3.13\nCMD x\n"}, "compose-ignored") == []
    assert check({"compose.yaml": "services: [\n"}, "compose-ignored") == []     # does not parse: yaml rules say it


def test_silent_off_heroku(check):
    # the message is about heroku.yml and container:push: the rule needs the heroku_yml capability
    assert check({"docker-compose.yml": COMPOSE, "Dockerfile": "FROM python:3.13\nCMD x\n"}, "compose-ignored",
                 platform="render") == []
