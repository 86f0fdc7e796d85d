"""Where the repository relies on a cron daemon (preflight/project/cron.py)."""
from __future__ import annotations

import pytest

from preflight.project import Project
from preflight.project.commands import split
from preflight.project.cron import command_cron, crontab_jobs, dockerfile_cron, is_cron_file


@pytest.mark.parametrize("path, expected", [("crontab", True), ("deploy/jobs.cron", True), ("cron.d/backup", True),
                                            ("etc/cron.d/x", True), ("cron.py", False), ("docs/crontab.md", False)])
def test_cron_file_names(path, expected):
    assert is_cron_file(path) is expected


@pytest.mark.parametrize("command, what", [
    ("cron -f", "starts the cron daemon"), ("service cron start && python app.py", "starts the cron service"),
    ("crontab /app/jobs", "installs a crontab"), ("crontab -l", None),
    ("apt-get install -y cron", "installs a cron daemon"), ("/etc/init.d/cron start", "starts the cron daemon"),
    ("sh -c 'crond && gunicorn app:app'", "starts the crond daemon"), ("python cron.py", None),
])
def test_commands_that_need_cron(command, what):
    assert command_cron(command) == what
    assert (what is not None) == any(command_cron(c.text) for c in split(command))


def test_dockerfile_instructions_at_their_first_line(app):
    root = app({"Dockerfile": "FROM python:3.12\n# cron for the jobs\nRUN apt-get update \\\n    && apt-get install -y cron\n"
                              "COPY crontab /etc/cron.d/jobs\nRUN crontab -l\nCMD [\"cron\", \"-f\"]\n"})
    assert dockerfile_cron(Project(root), "Dockerfile") == [(3, "RUN installs a cron daemon"),
                                                            (7, "CMD starts the cron daemon")]


def test_crontab_jobs_point_at_the_first_schedule(app):
    root = app({"crontab": "# m h dom mon dow\nSHELL=/bin/sh\n*/5 * * * * python refresh.py\n",
                "empty.cron": "# nothing yet\n"})
    assert crontab_jobs(Project(root)) == [("crontab", 3, "*/5 * * * * python refresh.py")]
