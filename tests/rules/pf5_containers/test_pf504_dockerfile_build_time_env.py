import pytest

from preflight.findings import Severity

TEMPLATE = "common:\n  port: $PORT\npostgres:\n  url: ${DATABASE_URL}\n"


def test_envsubst_at_build_time_names_the_template_variables(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM python:3.13\nWORKDIR /app\nCOPY . .\n"
                              "RUN envsubst < config/tmpl.yaml > config/config.yaml\nCMD python main.py\n",
                "config/tmpl.yaml": TEMPLATE})
    (f,) = run_rules(root, select=["dockerfile-build-time-env"]).active
    assert (f.name, f.path, f.line, f.severity) == ("dockerfile-build-time-env", "Dockerfile", 4, Severity.ERROR)
    assert "$PORT and $DATABASE_URL in config/tmpl.yaml" in f.message


def test_runtime_variable_in_a_run(check):
    files = {"Dockerfile": "FROM python:3.13\nRUN sed -i \"s/PORT/$PORT/\" nginx.conf\nCMD python main.py\n"}
    assert check(files, "dockerfile-build-time-env") == [("dockerfile-build-time-env", "Dockerfile", 2)]


def test_template_not_found_is_a_warning(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM python:3.13\nRUN cat /etc/x.tmpl | envsubst > /etc/x\nCMD python main.py\n"})
    (f,) = run_rules(root, select=["dockerfile-build-time-env"]).active
    assert f.severity is Severity.WARNING and f.line == 2


LOOKALIKES_CASES = [
    # ARG PORT=... (build.config or --arg feed it): known at build time
    {"Dockerfile": "FROM python:3.13\nARG PORT=8000\nRUN echo $PORT > port.txt\nCMD python main.py\n"},
    {"Dockerfile": "FROM python:3.13\nENV DATABASE_URL=sqlite:///x\nRUN echo $DATABASE_URL\nCMD x\n"},
    # single quotes: written literally, expanded later
    {"Dockerfile": "FROM python:3.13\nRUN sed -i 's/x/$PORT/' nginx.conf\nCMD x\n"},
    # every variable the template names is an ARG
    {"Dockerfile": "FROM python:3.13\nARG VERSION\nCOPY . .\nRUN envsubst < v.tmpl > v.txt\nCMD x\n",
     "v.tmpl": "version: $VERSION\n"},
    # envsubst at run time, in CMD
    {"Dockerfile": "FROM python:3.13\nCOPY . .\nCMD envsubst < t > c && exec python main.py\n", "t": TEMPLATE},
    # a builder stage the image does not run from still reads nothing at run time: not the image's stage
    {"Dockerfile": "FROM python:3.13 AS build\nRUN echo $PORT\nFROM python:3.13\nCMD x\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "dockerfile-build-time-env") == []


def test_app_json_config_var_and_build_config_without_arg(app):
    from conftest import run_rules

    root = app({"Dockerfile": "FROM python:3.13\nRUN curl -H \"Authorization: $API_TOKEN\" x\nRUN echo $PORT\nCMD x\n",
                "app.json": '{"env": {"API_TOKEN": {"required": true}}}',
                "heroku.yml": "build:\n  docker:\n    web: Dockerfile\n  config:\n    PORT: '5000'\n"})
    token, port = run_rules(root, select=["dockerfile-build-time-env"]).active
    assert (token.line, port.line) == (2, 3)
    assert "$API_TOKEN" in token.message and "build.config sets PORT, but no ARG declares it" in port.message
