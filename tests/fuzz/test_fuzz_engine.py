"""The whole engine on generated repositories: random bytes and random text in the deploy files give
findings (file-unreadable, procfile-invalid...), never a rule crash, a time-out or a traceback."""
from __future__ import annotations

import time

from fuzzing import CONTENT, DEPLOY_FILES, bounded, mutated, repo
from hypothesis import given
from hypothesis import strategies as st

from preflight import engine
from preflight.config import Settings
from preflight.project import Project
from preflight.registry import load_rules, resolve

RUN_BOUND = 10.0  # seconds for one whole check of a small generated repository


def _run(root):
    load_rules()
    s = Settings()
    result = engine.run(Project(root, platform=s.platform), resolve(s.select, s.extend_select, s.ignore), s)
    assert not result.crashes, "\n".join(str(trace) for _, trace in result.crashes)
    for f in result.findings:
        assert f.hint, f  # every problem is a finding a user can act on
    return result


def _repository():
    """A working app with some of its deploy files replaced by random content or near-valid mutations."""
    def build(choices):
        files = dict(DEPLOY_FILES)
        files.update(choices)
        return files

    names = sorted(DEPLOY_FILES)
    entry = st.sampled_from(names).flatmap(
        lambda n: st.tuples(st.just(n), st.one_of(CONTENT, mutated(DEPLOY_FILES[n]))))
    return st.lists(entry, min_size=1, max_size=6).map(lambda pairs: build(dict(pairs)))


@bounded(25, deadline_ms=RUN_BOUND * 1000)
@given(_repository())
def test_engine_on_random_deploy_files(files):
    with repo(files) as root:
        start = time.perf_counter()
        _run(root)
        assert time.perf_counter() - start < RUN_BOUND


@bounded(10, deadline_ms=RUN_BOUND * 1000)
@given(st.binary(max_size=200))
def test_engine_with_the_same_bytes_in_every_deploy_file(raw):
    with repo({name: raw for name in DEPLOY_FILES}) as root:
        _run(root)
