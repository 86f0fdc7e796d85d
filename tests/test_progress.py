"""The --history progress line: on a terminal only, never in CI logs, never with formats programs read."""
import io

import pytest
from conftest import HAVE_GIT, cli

from preflight.cli import CI_VARIABLES, MACHINE_FORMATS, show_progress
from preflight.project import Project


class Terminal(io.StringIO):
    def isatty(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as a real closed stream does
        return True


def test_a_terminal_gets_progress():
    assert show_progress("text", {}, Terminal())
    assert show_progress("concise", {"CI": "false", "HOME": "/root"}, Terminal())  # CI=false is no CI


@pytest.mark.parametrize("variable", CI_VARIABLES)
def test_never_in_ci(variable):
    assert not show_progress("text", {variable: "true" if variable != "JENKINS_URL" else "https://ci"}, Terminal())


@pytest.mark.parametrize("fmt", sorted(MACHINE_FORMATS))
def test_never_with_machine_formats(fmt):
    assert not show_progress(fmt, {}, Terminal())


def test_never_into_a_file_a_pipe_or_a_closed_stream():
    assert not show_progress("text", {}, io.StringIO())
    closed = Terminal()
    closed.close()
    assert not show_progress("text", {}, closed)


@pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")
def test_the_history_scan_writes_its_line_to_the_projects_stream(app):
    root = app({"app.py": "print(1)\n"}, git=True)
    stream = Terminal()
    Project(root, progress=stream).history_scan()
    assert "scanning history: 1/1 commits" in stream.getvalue()
    quiet = Project(root)
    quiet.history_scan()  # no stream, no line (and no error)
    code, _, err = cli(["check", str(root), "--history", "--select", "secret-in-history"])
    assert code == 0 and "scanning history" not in err  # stderr is not a terminal here
