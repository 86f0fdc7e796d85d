import pytest


DF = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n'


def test_server_without_exec(check):
    files = {"Dockerfile": DF, "run.sh": "#!/bin/sh\nalembic upgrade head\npython main.py\n"}
    assert check(files, "entry-script-no-exec") == [("entry-script-no-exec", "run.sh", 3)]


LOOKALIKES_CASES = [
    "#!/bin/sh\nset -e\nexec python main.py\n", '#!/bin/sh\nexec "$@"\n',
    "#!/bin/sh\nPYTHONPATH=. exec gunicorn app:app\n", "#!/bin/sh\npython main.py &\nwait\n",
    "#!/bin/sh\necho done\n",
]


@pytest.mark.parametrize("script", LOOKALIKES_CASES)
def test_lookalikes(check, script):
    assert check({"Dockerfile": DF, "run.sh": script}, "entry-script-no-exec") == []


def test_release_scripts_are_meant_to_finish(check):
    files = {"Dockerfile": "FROM python:3.13\nCOPY . /app\nWORKDIR /app\nCMD exec gunicorn app:app\n",
             "release.sh": "#!/bin/sh\npython manage.py migrate\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n  command:\n"
                           "    - ./release.sh\n"}
    assert check(files, "entry-script-no-exec") == []
