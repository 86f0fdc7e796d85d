import pytest


def test_unterminated_heredoc_fires_at_its_line(check):
    files = {"Dockerfile": "FROM python:3.13-slim\nRUN <<EOF\npip install flask\n"}
    assert check(files, "dockerfile-invalid") == [("dockerfile-invalid", "Dockerfile", 2)]


def test_unknown_instruction_and_no_from(check):
    assert check({"Dockerfile": "FROM python:3.13\nCOPPY . .\nCMD x\n"}, "dockerfile-invalid") == [
        ("dockerfile-invalid", "Dockerfile", 2)]
    assert check({"Dockerfile": "RUN echo\n"}, "dockerfile-invalid") == [("dockerfile-invalid", "Dockerfile", 1)]


def test_heroku_yml_dockerfile_is_checked(check):
    files = {"heroku.yml": "build:\n  docker:\n    web: docker/web.Dockerfile\n",
             "docker/web.Dockerfile": "FROM python:3.13\nRUN echo \\"}
    assert check(files, "dockerfile-invalid") == [("dockerfile-invalid", "docker/web.Dockerfile", 2)]


@pytest.mark.parametrize("text", [
    "\ufeffFROM python:3.13-slim\nCMD python app.py\n",                          # BOM: Docker skips it
    "FROM python:3.13\nRUN <<EOF\nUSER root\nEOF\nCMD python app.py\n",           # heredoc body
    "FROM python:3.13\nRUN apk add \\\n\n    curl\nCMD python app.py\n",          # blank line in continuation
    "# escape=`\nFROM python:3.13\nRUN echo `\n  hi\nCMD python app.py\n",        # escape directive
    "FROM python:3.13 AS build\nFROM python:3.13-slim\nCOPY --from=build /a /a\nCMD python app.py\n",
])
def test_valid_lookalikes_do_not_fire(check, text):
    assert check({"Dockerfile": text}, "dockerfile-invalid") == []


def test_buildpack_mode_is_silent(check):
    files = {"Dockerfile": "RUNX\n", "Procfile": "web: gunicorn app:app\n"}
    assert check(files, "dockerfile-invalid") == []


@pytest.mark.parametrize("data", [
    bytes(range(1, 256)) * 40,
    b"FROM python:3.13\nRUN echo a \\\n" + b"".join(b"  && echo %d \\\n" % i for i in range(20000)) + b"  && true\n",
    b"FROM python:3.13\nRUN <<EOF\necho x\n",
    b"\xef\xbb\xbfFROM python:3.13\nCMD python app.py\n",
    "FROM python:3.13\nCMD python app.py\n".encode("utf-16"),
], ids=["random", "long-run", "unterminated-heredoc", "bom", "utf16"])
def test_malformed_input_gives_a_finding_or_a_clean_pass(app, data):
    from conftest import run_rules

    root = app({"Dockerfile": data})
    result = run_rules(root, select=["PF5", "PF001"])
    assert not result.crashes
    names = {f.name for f in result.active}
    assert names <= {"dockerfile-invalid", "file-unreadable", "dockerfile-no-cmd", "dockerfile-unpinned-base",
                     "dockerfile-base-eol"}
