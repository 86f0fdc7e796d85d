"""The profile facts the Procfile and builder rules (PF1xx, PF8xx) read: every profile has them, well formed."""
from __future__ import annotations

import re

import pytest

from preflight.project.platform import load_profile, names


@pytest.mark.parametrize("name", names())
def test_every_profile_says_where_the_start_command_comes_from(name):
    text = load_profile(name).facts.get("start_command")
    assert isinstance(text, str) and text.strip(), name


@pytest.mark.parametrize("name", names())
def test_every_procfile_dialect_is_well_formed(name):
    dialect = load_profile(name).procfile
    if dialect is None:
        return  # the platform reads no Procfile (procfile-not-read-by-platform)
    grammar = re.compile(dialect["names"])
    assert grammar.match("web") and grammar.match("worker"), name
    assert dialect.get("release") in ("runs", "ignored", "may-start"), name
    if dialect["release"] != "runs":
        assert dialect.get("release_instead"), name
    picks = dialect.get("picks")
    assert picks is None or (isinstance(picks, list) and picks and all(isinstance(p, str) for p in picks)), name


def test_only_heroku_classic_has_no_severity_for_its_dialect():
    # procfile-invalid checks Heroku's grammar; the others' grammar rule takes its severity from the profile
    for name in names():
        dialect = load_profile(name).procfile
        if dialect is not None and name != "heroku":
            assert dialect.get("severity") in ("E", "W"), name
