"""The Dockerfile model: BuildKit's reading, not dockerfile-parse's (research/docker.md §3.2-3.4). Each misparse
the wrapper fixes has a test of its own."""
import time

import pytest

from preflight.project import Project
from preflight.project.dockerfile import expand, parse, parse_arg


def df_of(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return parse("Dockerfile", text, lines)


def kinds(df):
    return [(i.instruction, i.line) for i in df.instructions]


# -- the misparses -----------------------------------------------------------------------------------
def test_heredoc_body_is_not_read_as_instructions():
    df = df_of("FROM python:3.13\nRUN <<EOF\nset -e\nUSER root\nEOF\nCMD [\"python\"]\n")
    assert kinds(df) == [("FROM", 1), ("RUN", 2), ("CMD", 6)]
    assert df.instructions[1].heredocs == [("EOF", "set -e\nUSER root")]
    assert df.instructions[1].end_line == 5
    assert not df.errors
    assert df.instruction("USER") is None


def test_heredoc_with_dash_strips_tabs_and_two_heredocs_on_one_line():
    df = df_of("FROM alpine:3.20\nCOPY <<-A <<B /x/\n\tone\n\tA\ntwo\nB\nRUN true\n")
    assert kinds(df) == [("FROM", 1), ("COPY", 2), ("RUN", 7)]
    assert [w for w, _ in df.instructions[1].heredocs] == ["A", "B"]


def test_unterminated_heredoc_is_an_error_at_its_opener():
    df = df_of("FROM python:3.13\nRUN <<EOF\necho hi\n")
    assert df.errors and df.errors[0][0] == 2
    assert "never closed" in df.errors[0][1]


def test_blank_line_inside_a_continuation_does_not_end_it():
    df = df_of("FROM alpine:3.20\nRUN apk add \\\n\n    curl\nCMD [\"sh\"]\n")
    assert kinds(df) == [("FROM", 1), ("RUN", 2), ("CMD", 5)]
    assert "curl" in df.instructions[1].value
    assert not df.errors
    assert df.warnings and df.warnings[0][0] == 3


def test_bom_is_skipped():
    df = df_of("\ufeffFROM python:3.13-slim\nCMD python app.py\n")
    assert kinds(df) == [("FROM", 1), ("CMD", 2)]
    assert df.final.image == "python:3.13-slim"
    assert not df.errors


def test_escape_directive_backtick():
    df = df_of("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n  c:\\\nCMD x\n")
    assert df.escape == "`"
    assert kinds(df) == [("FROM", 2), ("RUN", 3), ("CMD", 5)]


def test_escape_directive_only_counts_at_the_top():
    df = df_of("\n# escape=`\nFROM alpine:3.20\n")
    assert df.escape == "\\"


def test_trailing_backslash_at_end_of_file_is_an_error_not_a_dropped_instruction():
    df = df_of("FROM python:3.13\nRUN echo hi \\")
    assert [i.instruction for i in df.instructions] == ["FROM", "RUN"]
    assert any("continuation" in m for _, m in df.errors)


def test_non_utf8_bytes_give_a_warning_not_a_crash(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(b"FROM python:3.13\n# caf\xe9\nCMD python app.py\n")
    df = Project(tmp_path).dockerfile
    assert not df.errors
    assert any("UTF-8" in m for _, m in df.warnings)
    assert df.cmd.line == 3


def test_utf16_dockerfile_is_an_error(tmp_path):
    (tmp_path / "Dockerfile").write_bytes("FROM python:3.13\n".encode("utf-16"))
    df = Project(tmp_path).dockerfile
    assert df.errors and "UTF-16" in df.errors[0][1]


def test_nul_bytes_are_an_error(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(b"FROM python:3.13\n\0\0\0\n")
    df = Project(tmp_path).dockerfile
    assert df.errors


def test_comment_inside_continuation_keeps_order_and_lines():
    df = df_of("FROM alpine:3.20\nRUN apk add \\\n# a comment\n    curl\nCMD sh\n")
    assert kinds(df) == [("FROM", 1), ("RUN", 2), ("CMD", 5)]
    assert df.comments == [(3, "a comment")]


def test_unknown_instruction_is_an_error():
    df = df_of("FROM alpine:3.20\nRUNX echo\n")
    assert df.errors == [(2, "unknown instruction 'RUNX'")]


def test_no_from_is_an_error():
    assert df_of("RUN echo\n").errors


# -- stages, forms, ARG and ENV -----------------------------------------------------------------------
MULTI = """ARG PY=3.12
FROM python:${PY}-slim AS build
ARG PY
ENV PORT=5000 A=1
RUN pip wheel -r requirements.txt -w /wheels
FROM build AS test
RUN pytest
FROM python:3.12-slim
COPY --from=build /wheels /wheels
ARG VERSION=1.0
CMD ["gunicorn", "app:app"]
"""


def test_stages_aliases_parents_and_the_final_stage():
    df = df_of(MULTI)
    assert [(s.index, s.name, s.image, s.parent, s.line) for s in df.stages] == [
        (0, "build", "python:3.12-slim", None, 2), (1, "test", "build", 0, 6), (2, None, "python:3.12-slim", None, 8)]
    assert df.final.index == 2
    assert df.base_image(df.stages[1]).index == 0
    assert df.instructions[-1].stage == 2
    assert df.stages[2].all("COPY")[0].flags()["from"] == "build"


def test_env_and_arg_per_stage_with_inheritance():
    df = df_of(MULTI)
    assert df.env(df.stages[1]) == {"PORT": "5000", "A": "1"}      # inherited through FROM build
    assert df.env(df.final) == {}
    assert df.args(df.stages[0]) == {"PY": "3.12"}                  # re-declared global ARG keeps its default
    assert df.args(df.final) == {"VERSION": "1.0"}
    assert df.args(df.final, before=10) == {}
    assert df.global_args == {"PY": "3.12"}


def test_exec_form_and_shell_form():
    df = df_of("FROM python:3.13\nCMD ['gunicorn', 'app:app']\nENTRYPOINT [\"./run.sh\"]\n")
    cmd, entry = df.cmd, df.entrypoint
    assert cmd.exec_form is None and not cmd.is_exec       # single quotes are not JSON: Docker runs a shell
    assert entry.exec_form == ["./run.sh"]
    assert df_of('FROM a:1\nCMD ["a", 1]\n').cmd.exec_form is None


def test_lines_are_one_based_with_continuations():
    df = df_of("FROM python:3.13\n\nRUN a \\\n  b \\\n  c\nCMD x\n")
    run = df.instructions[1]
    assert (run.line, run.end_line) == (3, 5)
    assert df.cmd.line == 6


def test_duplicate_stage_name_and_copy_from_own_stage_are_errors():
    df = df_of("FROM a:1 AS x\nFROM b:1 AS x\nCOPY --from=x /a /a\n")
    assert [line for line, _ in df.errors] == [2, 3]


def test_copy_of_finds_the_copy_instruction():
    df = df_of("FROM python:3.13\nWORKDIR /app\nCOPY requirements.txt .\nCOPY src/ ./src/\nCOPY . .\n"
               "COPY --from=build /x /app/x\n")
    assert df.copy_of("requirements.txt") == ("requirements.txt", df.instructions[4])  # the last COPY wins
    assert df.copy_of("/app/run.sh")[0] == "run.sh"
    assert df.copy_of("/app/x")[0] == "x"
    assert df_of("FROM a:1\nCOPY --from=build /x /app/x\n").copy_of("/app/x") is None


def test_arg_helpers():
    assert parse_arg('A B=2 C="x y"') == {"A": None, "B": "2", "C": "x y"}
    assert expand("python:${PY:-3.11}-slim", {}) == "python:3.11-slim"
    assert expand("python:${PY:-3.11}-slim", {"PY": "3.13"}) == "python:3.13-slim"
    assert expand("x${A:+set}", {"A": "1"}) == "xset"
    assert expand("x${A:+set}", {}) == "x"


# -- malformed input: a finding or a clean pass, in bounded time --------------------------------------
@pytest.mark.parametrize("data", [
    bytes(range(256)) * 40,
    b"FROM python:3.13\nRUN echo a \\\n" + b"".join(b"  && echo %d \\\n" % i for i in range(20000)) + b"  && true\n",
    b"FROM python:3.13\nRUN <<EOF\n" + b"echo x\n" * 5000,
    b"\xef\xbb\xbfFROM python:3.13\nCMD python app.py\n",
    "FROM python:3.13\nCMD python app.py\n".encode("utf-16"),
    b"\\\n" * 3000,
    b"<<<<<<<<" * 5000,
], ids=["random", "long-run", "unterminated-heredoc", "bom", "utf16", "backslashes", "angles"])
def test_malformed_dockerfiles_never_crash(tmp_path, data):
    (tmp_path / "Dockerfile").write_bytes(data)
    start = time.monotonic()
    df = Project(tmp_path).dockerfile
    assert time.monotonic() - start < 5
    assert df is not None
    assert isinstance(df.errors, list)


def test_from_column_and_target_stage():
    df = df_of("ARG PY=3.12\n  FROM --platform=linux/amd64 python:${PY}-slim AS Build\nFROM build\nFROM \\\n  alpine\n")
    assert [(s.line, s.col, s.image) for s in df.stages] == [(2, 31, "python:3.12-slim"), (3, 6, "build"),
                                                             (4, 0, "alpine")]   # 0: on a continuation line
    assert df.target_stage("build") is df.stages[0] and df.target_stage("nope") is df.final
    assert df.target_stage(None) is df.final and df.base_image(df.stages[1]) is df.stages[0]


def test_each_dockerfile_is_parsed_once(tmp_path):
    from preflight.project.dockerfile import at

    (tmp_path / "Dockerfile").write_text("FROM python:3.13\n")
    (tmp_path / "Dockerfile.worker").write_text("FROM python:3.13\n")
    p = Project(tmp_path)
    assert at(p, "Dockerfile") is p.dockerfile and at(p, "Dockerfile.worker") is at(p, "Dockerfile.worker")
    assert p.container.image_for("worker").dockerfile is at(p, "Dockerfile.worker") and at(p, "missing") is None


def test_start_pairs_entrypoint_and_cmd_as_docker_does():
    df = df_of('FROM python:3.13 AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nCMD ["gunicorn", "app:app"]\n')
    assert [i.line if i else None for i in df.start()] == [2, 4]       # inherited through FROM base
    df = df_of('FROM python:3.13\nENTRYPOINT exec python main.py\nCMD ["--debug"]\n')
    assert [i.line if i else None for i in df.start()] == [2, None]    # a shell-form ENTRYPOINT ignores CMD
    assert df_of("FROM python:3.13\n").start() == (None, None)
