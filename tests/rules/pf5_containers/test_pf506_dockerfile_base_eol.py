import pytest


def test_eol_python_fires_at_from(check):
    assert check({"Dockerfile": "FROM python:3.7\nCMD x\n"}, "dockerfile-base-eol") == [
        ("dockerfile-base-eol", "Dockerfile", 1)]


def test_through_arg_and_stage_chain(check):
    files = {"Dockerfile": "ARG PY=3.8\nFROM python:${PY}-slim AS base\nFROM base\nCMD x\n"}
    assert check(files, "dockerfile-base-eol") == [("dockerfile-base-eol", "Dockerfile", 2)]


LOOKALIKES_CASES = [
    "FROM python:3.13-slim\nCMD x\n", "FROM python:3.14\nCMD x\n", "FROM node:12\nCMD x\n",
    "FROM python:3.7 AS old\nFROM python:3.13-slim\nCMD x\n",   # a builder stage the image does not run
    "FROM python\nCMD x\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-base-eol") == []
