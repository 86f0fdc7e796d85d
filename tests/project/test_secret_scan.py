"""The secret detectors and the tree scan of the project model (preflight/project/detectors.py and
secrets.py): bounded time on pathological input, the labelled set on other seeds, the parallel scan.

Every token here is generated at run time (tests/secrets_labelled.py): no secret-shaped literal is
committed, and assertion messages never print a value (only masks, kinds, paths and lines).
"""
from __future__ import annotations

import pytest
import secrets_labelled as L
from secrets_labelled import secret_rows

from preflight.project import detectors


def test_parallel_scan_matches_serial(app, monkeypatch):
    """Forked workers find exactly what the serial scan finds."""
    from preflight.project import secrets as mod

    corpus = L.build(seed=99)
    root = app(corpus.as_dict())
    serial = secret_rows(root)
    monkeypatch.setattr(mod, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(mod, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(mod.os, "cpu_count", lambda: 2)
    assert secret_rows(root) == serial
    assert len(serial) == len(corpus.expected_found)


@pytest.mark.parametrize("raw", [
    b"-----BEGIN PRIVATE KEY-----\n" * 50000,  # preflight: ignore[secret-committed] (a size test, not a key)
    (b"abcdefghij" * 1000 + b"://") * 200,
    b"a:b@" * 500000 + b"://\n",
    b":A" * 1000000,
    b"eyJ" * 600000,
    b"1234567:" * 200000,
    (b"password=" + b"a" * 50 + b" ") * 20000,
    b"postgres://" + b"u" * 100000 + b":" + b"p" * 100000 + b"\n",
], ids=["begin-lines", "long-line-urls", "url-fragments", "colon-a", "eyj", "digits", "keywords", "long-userinfo"])
def test_pathological_input_stays_fast(raw):
    import time

    start = time.perf_counter()
    detectors.scan("bundle.js", raw)
    assert time.perf_counter() - start < 5.0  # bounded regexes: well under a second on an idle machine


def test_labelled_set_holds_for_other_random_values():
    """The detectors decide by shape, not by lucky values: 25 more seeds give the same rows."""
    for seed in range(1000, 1025):
        corpus = L.build(seed)
        found = {(f.path, h.line): h.kind for f in corpus.files if not detectors.skip_reason(f.path)
                 for h in detectors.scan(f.path, f.text.encode())}
        assert found == corpus.expected_found, f"seed {seed}"


@pytest.mark.parametrize("raw", [
    b'x = "' + b"key-" * 200000 + b'"\n',
    b"key." * 300000,
    (b"api_key=" + b"k" * 200 + b" ") * 10000,
], ids=["key-run", "dotted-keys", "long-names"])
def test_long_name_runs_stay_fast(raw):
    import time

    start = time.perf_counter()
    detectors.scan("bundle.js", raw)
    assert time.perf_counter() - start < 2.0  # was 3.3 s for key-run: every keyword hit walked the whole run


# -- where a file says its values are used (issue #8) ----------------------------------------------
@pytest.mark.parametrize("path, place, testish", [
    ("example.env", "template", True), (".env-dist", "template", True), ("server.env.template", "template", True),
    (".environment-example", "template", True), (".env.test", "", True), (".env", "", False),
    (".github/workflows/ci.yml", "ci", False), (".gitlab-ci.yml", "ci", False),
    ("docker-compose.yml", "compose", False), ("compose.dev.yaml", "compose", False),
    ("sample_app.py", "", False), ("config/settings.py", "", False),
])
def test_context_place(path, place, testish):
    ctx = detectors.context(path)
    assert (ctx.place, ctx.testish) == (place, testish)


def test_django_key_shape_and_dev_words():
    G = L.Fakes(seed=7)
    for holding in ("%(", "%s", "$(", ""):
        assert detectors.django_key_shape(G.django_random_key(holding))
    assert not detectors.django_key_shape("%(SECRET_KEY)s")
    assert detectors.says_dev("suitable-for-development-only") and detectors.says_dev("for-testing")
    assert not detectors.says_dev(G.django_random_key()) and not detectors.says_dev(G.django_key())


def test_expired_jwt_date():
    G = L.Fakes(seed=7)
    assert detectors.jwt_expired(G.jwt_expiring(1600000000)) == "2020-09-13"
    assert detectors.jwt_expired(G.jwt_expiring(4100000000)) == ""
    assert detectors.jwt_expired(G.jwt()) == ""  # no exp claim: nothing known
