"""requirements-unpinned: fires where it should, at (rule, path, line), and stays quiet on its look-alikes."""
from __future__ import annotations

from pf3_helpers import APP


# -- requirements-unpinned ----------------------------------------------------------------------------
def test_unpinned(check):
    text = "Flask==3.1.2\nrequests\ngunicorn>=23\n-c c.txt\nsix\ngit+https://github.com/org/x.git#egg=x\nsetuptools\n"
    files = {**APP, "requirements.txt": text, "c.txt": "six==1.16.0\n"}
    assert check(files, "requirements-unpinned") == [("requirements-unpinned", "requirements.txt", 2)]


def test_unpinned_look_alikes(check):
    # pinned, ranged, constrained by -c, a URL, and the build tools the platform manages: all chosen on purpose
    text = "flask==3.1.2\ngunicorn>=23,<24\n-c constraints.txt\nrequests\npip\nx @ https://example.org/x.whl\n"
    files = {**APP, "requirements.txt": text, "constraints.txt": "requests==2.32.3\n"}
    assert check(files, "requirements-unpinned") == []
