import pytest


DF = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n'


def test_exec_form_script_without_shebang(check):
    assert check({"Dockerfile": DF, "run.sh": "set -e\nexec python main.py\n"}, "entry-script-no-shebang") == [
        ("entry-script-no-shebang", "run.sh", 1)]


def test_bom_before_shebang(check):
    files = {"Dockerfile": DF, "run.sh": b"\xef\xbb\xbf#!/bin/sh\nexec python main.py\n"}
    assert check(files, "entry-script-no-shebang") == [("entry-script-no-shebang", "run.sh", 1)]


LOOKALIKES_CASES = [
    {"Dockerfile": DF, "run.sh": "#!/bin/sh\nexec python main.py\n"},
    {"Dockerfile": DF.replace('["./run.sh"]', "./run.sh"), "run.sh": "exec python main.py\n"},  # shell form
    {"Dockerfile": DF.replace('["./run.sh"]', '["sh", "./run.sh"]'), "run.sh": "exec python main.py\n"},
]


@pytest.mark.parametrize("files", LOOKALIKES_CASES)
def test_lookalikes(check, files):
    assert check(files, "entry-script-no-shebang") == []
