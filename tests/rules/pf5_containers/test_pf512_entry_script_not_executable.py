from conftest import findings

DF = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["./run.sh"]\n'
SCRIPT = "#!/bin/sh\nexec python main.py\n"


def rows(app, files, **git):
    root = app(files, git=True, **git)
    return findings(root, select=["entry-script-not-executable"])


def test_100644_script_run_by_cmd(app):
    assert rows(app, {"Dockerfile": DF, "run.sh": SCRIPT}, not_executable=["run.sh"]) == [
        ("entry-script-not-executable", "run.sh", 0)]


def test_procfile_script_in_buildpack_mode(app):
    files = {"Procfile": "web: ./bin/start\n", "bin/start": SCRIPT, "requirements.txt": "flask\n"}
    assert rows(app, files, not_executable=["bin/start"]) == [("entry-script-not-executable", "bin/start", 0)]


def test_lookalikes(app, tmp_path):
    assert rows(app, {"Dockerfile": DF, "run.sh": SCRIPT}, executable=["run.sh"]) == []
    for df in (DF.replace("COPY . .\n", "COPY . .\nRUN chmod +x run.sh\n"),         # chmod +x in the image
               DF.replace("COPY . .", "COPY --chmod=755 . ."),
               DF.replace('["./run.sh"]', '["sh", "run.sh"]')):                   # read by a shell
        (tmp_path / "app" / "Dockerfile").unlink(missing_ok=True)
        import shutil

        shutil.rmtree(tmp_path / "app", ignore_errors=True)
        assert rows(app, {"Dockerfile": df, "run.sh": SCRIPT}, not_executable=["run.sh"]) == [], df


def test_the_clean_seed_is_silent_at_warning_and_error(app):
    """envsubst at run time in an executable, LF, #! script that ends in exec; requirements copied first;
    gettext installed; a heroku.yml with a release phase."""
    from conftest import run_rules

    files = {"Dockerfile": "FROM python:3.13-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends"
                           " gettext-base \\\n    && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY requirements.txt .\n"
                           "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"./run.sh\"]\n",
             "run.sh": "#!/bin/sh\nset -e\nenvsubst < config/t.yaml > config/c.yaml\nexec python main.py\n",
             "config/t.yaml": "port: $PORT\nurl: $DATABASE_URL\n", ".dockerignore": ".git\n.env\n",
             "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n  command:\n"
                           "    - alembic upgrade head\n"}
    result = run_rules(app(files, git=True, executable=["run.sh"]), select=["PF5"])
    assert not result.crashes
    assert [(f.name, f.path, f.line) for f in result.active if f.severity.rank > 0] == []
