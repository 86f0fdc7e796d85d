"""The container model: which Dockerfile each process builds, what the RUN steps install and chmod, which base
images lack envsubst, and the entry scripts with their git modes."""
import pytest
from conftest import HAVE_GIT, git_init, write_files

from preflight.project import Project
from preflight.project.container import DockerfileFacts, image_lacks_gettext, image_tag
from preflight.project.dockerfile import parse


def parse_df(text):
    return parse("Dockerfile", text, text.split("\n")[:-1])


def project(tmp_path, files, git=False, **kw):
    write_files(tmp_path, files)
    if git:
        if not HAVE_GIT:
            pytest.skip("git is not installed")
        git_init(tmp_path, **kw)
    return Project(tmp_path)


def test_dockerfile_process_files_map_to_process_types(tmp_path):
    p = project(tmp_path, {"Dockerfile": "FROM python:3.13\n", "Dockerfile.worker": "FROM python:3.13\n",
                           "Dockerfile.dockerignore": ".git\n"})
    assert [(i.process, i.path, i.declared) for i in p.container.images] == [
        ("web", "Dockerfile", "Dockerfile"), ("worker", "Dockerfile.worker", "Dockerfile.worker")]


def test_heroku_yml_images_and_target(tmp_path):
    p = project(tmp_path, {"heroku.yml": "build:\n  docker:\n    web:\n      dockerfile: docker/web.Dockerfile\n"
                                         "      target: run\n", "docker/web.Dockerfile":
                           "FROM python:3.13 AS base\nFROM base AS run\nCMD x\nFROM base AS test\n"})
    (image,) = p.container.images
    assert (image.process, image.path, image.context, image.line) == ("web", "docker/web.Dockerfile", "docker", 3)
    assert image.stage.name == "run"
    assert p.container.stages_built(image.dockerfile) == [image.stage]


def test_installs_chmod_and_crlf_fixes(tmp_path):
    df = ("FROM python:3.13-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends "
          "gettext-base curl && rm -rf /var/lib/apt/lists/*\nCOPY . .\nRUN chmod +x run.sh bin/*.sh && "
          "dos2unix run.sh\nCOPY --chmod=755 start.sh /start.sh\nRUN chmod -R 755 /app/scripts\n")
    p = project(tmp_path, {"Dockerfile": df})
    facts = p.container.facts(p.dockerfile)
    assert facts.installs() == {"gettext-base": 3, "curl": 3}
    assert facts.executable_since("/app/run.sh", after=4) == 5
    assert facts.executable_since("/app/bin/x.sh", after=4) == 5
    assert facts.executable_since("/start.sh", after=0) == 6
    assert facts.executable_since("/app/scripts/a.sh", after=4) == 7
    assert facts.executable_since("/app/other.sh", after=4) is None
    assert facts.executable_since("/app/run.sh", after=5) is None     # a chmod before the COPY does not count
    found = DockerfileFacts(parse_df("FROM a:1\nCOPY . /app\nRUN find /app -name '*.sh' -exec chmod +x {} \\;\n"))
    assert found.executable_since("/app/run.sh", after=2) == 3       # find ... -exec chmod: assume it covers
    assert facts.crlf_fixed_since("/app/run.sh", after=4) == 5
    assert facts.lacks_gettext() == "python:3.13-slim is a slim image"


@pytest.mark.parametrize("image, lacks", [
    ("python:3.13-slim", True), ("python:3.12-alpine", True), ("alpine:3.20", True),
    ("gcr.io/distroless/python3", True), ("scratch", True), ("python:3.13", False), ("nginx:1.27-alpine", False),
    ("debian:bookworm-slim", True), ("myorg/base:1", False), ("$BASE", False),
])
def test_base_images_without_gettext(image, lacks):
    assert (image_lacks_gettext(image) is not None) is lacks


def test_image_tag():
    assert image_tag("python:3.13-slim@sha256:abc") == ("python", "3.13-slim", True)
    assert image_tag("localhost:5000/app") == ("localhost:5000/app", None, False)


def test_entry_scripts_from_cmd_with_copy_mode_and_bytes(tmp_path):
    files = {"Dockerfile": 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n',
             "run.sh": b"envsubst < a > b\r\npython main.py\r\n"}
    p = project(tmp_path, files, git=True, not_executable=["run.sh"])
    (s,) = p.entry_scripts
    assert (s.path, s.process, s.source, s.line, s.direct, s.exec_form) == ("run.sh", "web", "Dockerfile", 4, True,
                                                                            True)
    assert (s.image_path, s.copy_line, s.chmod_line, s.mode) == ("/app/run.sh", 3, None, "100644")
    assert s.executable is False and s.crlf_line == 1 and s.shebang is None
    assert s.envsubst_lines() == [1]
    assert s.starts_server_without_exec() == (2, "python")


@pytest.mark.parametrize("cmd, direct", [
    ('ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["/app/run.sh"]', True),
    ('CMD ["sh", "run.sh"]', False),
    ('CMD ["sh", "-c", "./run.sh && echo"]', True),
    ("CMD ./run.sh", True),
    ('CMD ["run.sh"]', None),        # looked up on PATH: not followed
])
def test_entry_script_commands(tmp_path, cmd, direct):
    p = project(tmp_path, {"Dockerfile": f"FROM python:3.13\nWORKDIR /app\nCOPY . .\n{cmd}\n",
                           "run.sh": "#!/bin/sh\nexec python main.py\n"})
    assert [s.direct for s in p.entry_scripts] == ([] if direct is None else [direct])


def test_entry_scripts_from_heroku_yml_and_procfile(tmp_path):
    p = project(tmp_path, {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: ./start.sh\n"
                                         "release:\n  image: web\n  command:\n    - ./release.sh\n",
                           "Dockerfile": "FROM python:3.13\nCOPY . /srv\nWORKDIR /srv\n",
                           "start.sh": "#!/bin/sh\n", "release.sh": "#!/bin/sh\n"})
    assert [(s.path, s.process, s.source, s.line) for s in p.entry_scripts] == [
        ("start.sh", "web", "heroku.yml", 5), ("release.sh", "release", "heroku.yml", 9)]
    p = project(tmp_path / "bp", {"Procfile": "web: ./start.sh\n", "start.sh": "#!/bin/sh\n"})
    assert [(s.path, s.source, s.image) for s in p.entry_scripts] == [("start.sh", "Procfile", None)]


def test_deploy_dockerfile_follows_a_shipped_heroku_yml_only(tmp_path):
    from preflight.project.container import deploy_dockerfile

    files = {"heroku.yml": "build:\n  docker:\n    web:\n      dockerfile: ./docker/web.Dockerfile\n      target: app\n",
             "docker/web.Dockerfile": "FROM python:3.13 AS app\n"}
    assert deploy_dockerfile(project(tmp_path, files)) == ("docker/web.Dockerfile", "app")
    if HAVE_GIT:   # heroku.yml on disk but not committed: the push does not carry it
        assert deploy_dockerfile(project(tmp_path, files, git=True, add=False)) == ("Dockerfile", None)


@pytest.mark.parametrize("argv,words", [
    (["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"], ["0.0.0.0:$PORT"]),
    (["node", "server.js", "--port", "${PORT}"], ["${PORT}"]),
    (["sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"], []),
    (["tini", "--", "/bin/bash", "-c", "gunicorn -b :$PORT app:app"], []),
    (["gunicorn", "app:app"], []),
])
def test_exec_form_words_no_shell_expands(argv, words):
    from preflight.project.container import unexpanded_words

    assert unexpanded_words(argv) == words


def test_start_commands_keep_the_exec_form_words(tmp_path):
    from preflight.project.container import start_commands

    p = project(tmp_path, {"Dockerfile": 'FROM python:3.13\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "-b", '
                                         '"0.0.0.0:$PORT", "app:app"]\n'})
    [cmd] = start_commands(p, p.container.image_for("web"))
    assert (cmd.line, cmd.exec_argv, cmd.literal_vars) == (3, ["tini", "--", "gunicorn", "-b", "0.0.0.0:$PORT",
                                                               "app:app"], ["0.0.0.0:$PORT"])
    p = project(tmp_path, {"Dockerfile": "FROM python:3.13\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n"})
    [cmd] = start_commands(p, p.container.image_for("web"))
    assert cmd.exec_argv is None and cmd.literal_vars == []


def test_start_migrations_of_the_web_image(tmp_path):
    from preflight.project.container import start_migrations

    files = {"Dockerfile": 'FROM python:3.13\nCOPY . .\nCMD ["./run.sh"]\n', "main.py": "",
             "run.sh": "#!/bin/sh\npython manage.py migrate\nalembic upgrade head\nexec python main.py\n"}
    assert [(m.step, m.entry.source, m.entry.line, m.command) for m in start_migrations(project(tmp_path, files))] == [
        ("manage.py migrate", "run.sh", 2, "python manage.py migrate"), ("alembic upgrade", "run.sh", 3,
                                                                        "alembic upgrade head")]
    files["Dockerfile.release"] = 'FROM python:3.13\nCOPY . .\nCMD ["alembic", "upgrade", "head"]\n'
    assert [m.step for m in start_migrations(project(tmp_path, files))] == ["manage.py migrate"]



def test_a_build_context_outside_the_repository_is_never_listed(tmp_path):
    """A Dockerfile path that climbs out (`../Dockerfile`) puts the context in the parent folder: its names
    (a .env there) are not the repository's, and preflight lists nothing outside the repository."""
    from preflight.project.container import Image, context_leaks

    write_files(tmp_path, {"outer/.env": "SECRET=1\n", "outer/app/app.py": "x = 1\n"})
    project = Project(tmp_path / "outer" / "app")
    outside = Image(process="web", path="../Dockerfile", target=None, declared="../Dockerfile", line=0,
                    dockerfile=None)
    assert context_leaks(project, outside, None) == []
    write_files(tmp_path / "outer" / "app", {".env": "SECRET=1\n"})
    inside = Image(process="web", path="Dockerfile", target=None, declared="Dockerfile", line=0, dockerfile=None)
    assert context_leaks(Project(tmp_path / "outer" / "app"), inside, None) == [".env"]
