"""masking: what of a secret any output may show (first 4, last 2, length) and its stable fingerprint."""
import secrets_labelled as L

from preflight.masking import ELLIPSIS, fingerprint, fingerprint_bytes, mask

G = L.Fakes(seed=11)


def test_long_value_shows_first_four_last_two_and_length():
    value = G.telegram()
    assert mask(value) == f"{value[:4]}{ELLIPSIS}{value[-2:]} ({len(value)} chars)"


def test_short_values_show_less():
    assert mask("Ab3$efgh12") == f"Ab{ELLIPSIS}2 (10 chars)"
    assert mask("hunter2") == f"{ELLIPSIS} (7 chars)"
    assert mask("") == f"{ELLIPSIS} (0 chars)"


def test_mask_never_contains_the_value():
    for n in range(1, 80):
        value = G.s(n)
        shown = mask(value)
        assert value not in shown or n == 0
        assert len(shown.split(" (")[0].replace(ELLIPSIS, "")) <= 6


def test_fingerprint_is_stable_and_distinct():
    a, b = G.generic(), G.generic()
    assert fingerprint(a) == fingerprint(a) and len(fingerprint(a)) == 16
    assert fingerprint(a) != fingerprint(b)
    assert a not in fingerprint(a)
    # pinned: baselines written by earlier versions must keep matching
    assert fingerprint("not-a-secret") == "f2f26282c5612021"
    assert fingerprint_bytes(b"abc") == fingerprint_bytes(b"abc") != fingerprint_bytes(b"abd")
