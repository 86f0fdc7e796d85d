"""heroku.yml with lines: sections, images, run/release, build.config, schema problems, the deploy mode."""
from preflight.project import Project
from preflight.project.herokuyml import parse

FULL = """setup:
  addons:
    - plan: heroku-postgresql
build:
  docker:
    web: ./Dockerfile
    worker:
      dockerfile: worker/Dockerfile
      target: runtime
  config:
    VERSION: "1.2"
release:
  image: web
  command:
    - alembic upgrade head
run:
  web: gunicorn app:app
  worker:
    command:
      - python worker.py
    image: web
"""


def test_full_manifest_with_lines():
    hy, error = parse(FULL)
    assert error is None and hy.parsed and not hy.problems
    assert hy.sections == {"setup": 1, "build": 4, "release": 12, "run": 16}
    assert [(b.process, b.path, b.target, b.line) for b in hy.docker.values()] == [
        ("web", "Dockerfile", None, 6), ("worker", "worker/Dockerfile", "runtime", 7)]
    assert hy.config == {"VERSION": ("1.2", 11)}
    assert hy.release.commands == [("alembic upgrade head", 15)] and hy.release.image == "web"
    assert hy.run["web"].commands == [("gunicorn app:app", 17)]
    assert hy.run["worker"].commands == [("python worker.py", 20)] and hy.run["worker"].image == "web"
    assert hy.builds_docker
    assert hy.dockerfiles == ["Dockerfile", "worker/Dockerfile"]
    assert hy.setup_addons == [("heroku-postgresql", 3)] and hy.setup_config == {}
    assert hy.commands() == [("web", "gunicorn app:app", 17), ("worker", "python worker.py", 20),
                             ("release", "alembic upgrade head", 15)]


def test_a_block_scalar_command_is_at_its_first_line():
    hy, _ = parse("run:\n  web: |\n\n    gunicorn app:app\nrelease:\n  command:\n    - >\n      alembic upgrade head\n")
    assert hy.commands() == [("web", "\ngunicorn app:app\n", 4), ("release", "alembic upgrade head\n", 8)]


def test_shipped_says_whether_git_carries_it(tmp_path):
    """The model reads a heroku.yml that is only on disk too; ``shipped`` tells the two apart."""
    import subprocess

    (tmp_path / "heroku.yml").write_text("build:\n  docker:\n    web: Dockerfile\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert Project(tmp_path).heroku_yml.shipped is False and Project(tmp_path).mode == "container"
    subprocess.run(["git", "-C", str(tmp_path), "add", "heroku.yml"], check=True)
    assert Project(tmp_path).heroku_yml.shipped is True


def test_schema_problems_at_their_lines():
    hy, _ = parse("biuld:\n  docker:\n    web: Dockerfile\nrun:\n  web:\n    - [a]\nrelease: migrate\n")
    lines = [line for line, _ in hy.problems]
    assert lines == [1, 6, 7]
    assert "did you mean 'build'" in hy.problems[0][1]
    assert not hy.builds_docker


def test_parse_error_is_returned_not_raised():
    hy, error = parse("build:\n  docker:\n\tweb: Dockerfile\n")
    assert not hy.parsed and error[1] == 3


def test_empty_and_multi_document():
    assert parse("")[1] is None
    assert parse("a: 1\n---\nb: 2\n")[1] is not None


def test_mode_is_decided_from_the_model(tmp_path):
    (tmp_path / "heroku.yml").write_text("build:\n  docker:\n    web: Dockerfile\n")
    (tmp_path / "Procfile").write_text("web: gunicorn app:app\n")
    assert Project(tmp_path).mode == "container"
    (tmp_path / "heroku.yml").write_text("setup:\n  addons: []\n")
    assert Project(tmp_path).mode == "buildpack"


def test_parse_error_is_recorded_for_file_unreadable(tmp_path):
    (tmp_path / "heroku.yml").write_text("build: [\n")
    project = Project(tmp_path)
    assert not project.heroku_yml.parsed
    assert "heroku.yml" in project.unreadable


def test_dockerfile_outside_the_repository_is_a_problem_not_a_path():
    hy, _ = parse("build:\n  docker:\n    web: ../Dockerfile\n    worker: /etc/passwd\n")
    assert [b.path for b in hy.docker.values()] == [None, None]
    assert [line for line, _ in hy.problems] == [3, 4]


def test_setup_addons_and_config():
    hy, _ = parse("setup:\n  addons:\n    - heroku-redis\n    - plan: heroku-postgresql:essential-0\n      as: DB\n"
                  "    - [x]\n  config:\n    S3_BUCKET: my-bucket\n")
    assert hy.setup_addons == [("heroku-redis", 3), ("heroku-postgresql:essential-0", 4)]
    assert hy.setup_config == {"S3_BUCKET": ("my-bucket", 8)}
