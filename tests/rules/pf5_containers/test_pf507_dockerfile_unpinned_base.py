import pytest


def test_no_tag_and_latest(check):
    files = {"Dockerfile": "FROM python AS build\nFROM node:latest AS assets\nFROM python:3.13-slim\nCMD x\n"}
    assert check(files, "dockerfile-unpinned-base") == [("dockerfile-unpinned-base", "Dockerfile", 1),
                                                        ("dockerfile-unpinned-base", "Dockerfile", 2)]


LOOKALIKES_CASES = [
    "FROM python:3.13-slim AS build\nFROM build\nCMD x\n",          # a stage name, not an image
    "FROM scratch\nCMD x\n", "FROM python@sha256:0123abcd\nCMD x\n",
    "ARG BASE\nFROM $BASE\nCMD x\n", "ARG PY=3.13\nFROM python:${PY}\nCMD x\n",
    "FROM localhost:5000/app:1.2\nCMD x\n",
]


@pytest.mark.parametrize("text", LOOKALIKES_CASES)
def test_lookalikes(check, text):
    assert check({"Dockerfile": text}, "dockerfile-unpinned-base") == []
