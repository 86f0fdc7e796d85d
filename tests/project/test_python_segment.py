"""Module.segment: the source of a line range, sliced from the text without building a list of lines, and the
same as joining ``text.lines`` (lines are split only when a rule asks for them)."""
import pytest

from preflight.project import Project


@pytest.mark.parametrize("text", ["x = 1\n\ndef f():\n    return 2\n\n\nclass A:\n    pass\n", "a\nb", "a\n\n", "",
                                  "a = 1\r\nb = 2\r\n", "s = 'ｒｕｎ'\nt = 1\n"])
def test_segment_is_the_joined_lines(tmp_path, text):
    (tmp_path / "a.py").write_bytes(text.encode())
    mod = Project(tmp_path, platform="heroku").code.module("a.py")
    for first in range(1, 10):
        for last in range(first, 11):
            assert mod.segment(first, last) == "\n".join(mod.text.lines[first - 1:last]), (first, last)


def test_lines_are_split_on_first_use(tmp_path):
    (tmp_path / "a.py").write_bytes(b"import os\n\n\ndef f():\n    return os.sep\n")
    project = Project(tmp_path, platform="heroku")
    mod = project.code.module("a.py")
    mod.imports, mod.segment(4, 5)
    assert "lines" not in vars(mod.text)
    assert mod.text.lines[3] == "def f():"
