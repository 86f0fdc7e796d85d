"""Property tests over every parser in the model: any text or bytes give a model (with its problems
recorded) and never an exception. Bounded: a few dozen cases each, with a deadline per case."""
from __future__ import annotations

from fuzzing import CONTENT, DEPLOY_FILES, TEXT, bounded, mutated, repo
from hypothesis import given
from hypothesis import strategies as st

from preflight.project import Project
from preflight.project import dockerfile, herokuyml, procfile, requirements, runtime
from preflight.project.text import Unreadable, decode


def _decoded(raw: bytes):
    try:
        return decode("f", raw)
    except Unreadable:
        return None


def _as_bytes(content) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")


@bounded(60)
@given(st.binary(max_size=400))
def test_decode_either_reads_or_says_why(raw):
    tf = _decoded(raw)
    if tf is not None:
        assert isinstance(tf.text, str) and all("\n" not in ln for ln in tf.lines)


@bounded(60)
@given(st.one_of(CONTENT, mutated(DEPLOY_FILES["Procfile"])))
def test_procfile(content):
    tf = _decoded(_as_bytes(content))
    if tf is None:
        return
    with repo({}) as root:
        pf = procfile.parse("Procfile", tf, Project(root).profile)
    assert all(isinstance(n, int) and isinstance(message, str) for n, message, _ in pf.errors)
    assert all(p.command for p in pf.processes)


@bounded(80)
@given(st.one_of(TEXT, st.text(max_size=300), mutated(DEPLOY_FILES["requirements.txt"])))
def test_requirements(text):
    reqs = requirements.parse_text(text, others={"base.txt": text})
    for problem in reqs.problems:
        assert isinstance(problem.line, int)


@bounded(60)
@given(st.one_of(TEXT, st.text(max_size=200), mutated(DEPLOY_FILES["Dockerfile"])))
def test_dockerfile(text):
    df = dockerfile.parse("Dockerfile", text, text.split("\n"))
    for ins in df.instructions:
        ins.exec_form, ins.shell_text, ins.flags, ins.args  # noqa: B018 - the derived views must not raise
    df.cmd, df.entrypoint, df.env(), df.args(), df.workdir(), df.copies()  # noqa: B018


@bounded(60)
@given(st.one_of(TEXT, st.text(max_size=200), mutated(DEPLOY_FILES["heroku.yml"])))
def test_heroku_yml(text):
    hy, error = herokuyml.parse(text)
    assert error is None or isinstance(error[0], str)
    hy.builds_docker  # noqa: B018


@bounded(40)
@given(st.text(max_size=60))
def test_version_strings(text):
    v = runtime.Version.parse(text)
    if v is not None:
        runtime.table().assess(v)
    runtime.poetry_constraint(text)
    runtime.python_image_version(text)


@bounded(40)
@given(st.sampled_from(["runtime.txt", ".python-version"]),
       st.one_of(CONTENT, mutated(DEPLOY_FILES["runtime.txt"]), mutated(DEPLOY_FILES[".python-version"])))
def test_runtime_files(name, content):
    with repo({name: content}) as root:
        rt = Project(root).runtime
        rt.version, rt.suggestion  # noqa: B018


@bounded(40)
@given(st.sampled_from(["Pipfile.lock", "poetry.lock", "uv.lock"]), st.data())
def test_lock_files(name, data):
    from preflight.project import lockfiles

    manifest = "Pipfile" if name == "Pipfile.lock" else "pyproject.toml"
    files = {manifest: data.draw(st.one_of(TEXT, mutated(DEPLOY_FILES[manifest])), label=manifest),
             name: data.draw(st.one_of(CONTENT, mutated(DEPLOY_FILES[name])), label=name)}
    with repo(files) as root:
        project = Project(root)
        lockfiles.stale(project)
        project.dependencies  # noqa: B018
        project.runtime  # noqa: B018


@bounded(60)
@given(st.sampled_from(["toml", "json"]), st.one_of(CONTENT, *(mutated(DEPLOY_FILES[n]) for n in
                                                               ("pyproject.toml", "app.json", "Pipfile.lock"))))
def test_structured_manifests(kind, content):
    """JSON and TOML through ``project.manifests``: a value, or None with the problem recorded."""
    name = {"toml": "x.toml", "json": "x.json"}[kind]
    with repo({name: content}) as root:
        project = Project(root)
        value = getattr(project.manifests, kind)(name)
        assert value is not None or name in project.unreadable


_CONFIG_TEXT = st.one_of(TEXT, st.text(max_size=300), *(mutated(DEPLOY_FILES[n]) for n in
                                                        ("docker-compose.yml", "heroku.yml", "alembic.ini",
                                                         "setup.cfg", ".env", "app.json", "pyproject.toml")))


@bounded(80)
@given(st.sampled_from(["yaml", "compose", "json", "toml", "ini", "env", "gunicorn"]), _CONFIG_TEXT)
def test_config_formats(kind, text):
    """The config-file readers (YAML trees and composed nodes, JSON, TOML, INI, .env, gunicorn.conf.py):
    entries with lines, or (problem, line); nothing raises."""
    from preflight.project import configformats, manifests, yamltree

    lines = text.split("\n")
    if kind == "yaml":
        yamltree.parse(text)
        return
    if kind == "compose":
        node, error = manifests.compose_yaml(text)
        assert node is None or error is None
        return
    read = {"json": lambda: configformats.read_json(text), "toml": lambda: configformats.read_toml(text, lines),
            "ini": lambda: configformats.read_ini(lines), "env": lambda: configformats.read_env(lines),
            "gunicorn": lambda: configformats.read_gunicorn(text)}[kind]
    entries, error = read()
    assert error is None or isinstance(error[0], str) and isinstance(error[1], int)
    assert all(isinstance(e.line, int) for e in entries)


@bounded(40)
@given(st.one_of(CONTENT, mutated(DEPLOY_FILES["app.json"])), st.one_of(CONTENT, mutated(DEPLOY_FILES["Pipfile"])))
def test_app_json_and_pipfile(app_json, pipfile):
    with repo({"app.json": app_json, "Pipfile": pipfile, "pyproject.toml": pipfile}) as root:
        project = Project(root)
        project.manifests.app_json, project.manifests.pipfile, project.manifests.pyproject  # noqa: B018
        project.heroku_yml  # noqa: B018
