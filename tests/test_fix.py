"""`preflight check --fix`, one fix at a time, as a user runs it: the finding carries a fix, --fix applies it
(and says so), a second run changes nothing and reports no fix, and a look-alike is left untouched.
Apps live in temp git repositories where git is involved (renames, modes, staging)."""
import hashlib
import json
import os
import subprocess

import pytest
from conftest import HAVE_GIT, cli

from preflight.project.fixes import DOCKERIGNORE_DEFAULTS
from preflight.project.runtime import table

needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")
FLASK = {"app.py": "import flask\napp = flask.Flask(__name__)\n", "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n",
         ".python-version": "3.13\n", "Procfile": "web: gunicorn app:app\n"}
DOCKER = {"main.py": "print('hi')\n", "requirements.txt": "flask==3.1.2\n",
          "Dockerfile": "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                        "CMD [\"python\", \"main.py\"]\n"}


def fix(root, *extra):
    """(exit code, the JSON report) of ``preflight check ROOT --fix --format json``."""
    code, out, err = cli(["check", str(root), "--fix", "--format", "json", *extra])
    assert code in (0, 1), err
    return code, json.loads(out)


def fixed(doc) -> list[tuple[str, str, int]]:
    return sorted((f["name"], f["path"], f["line"]) for f in doc["fixed"])


def names(doc) -> set[str]:
    return {f["name"] for f in doc["findings"]}


def git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def tree_hash(root) -> str:
    """Every file under root (git's own files included), its bytes and mode; symlinks as their target."""
    h = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(folder, name)
            h.update(os.path.relpath(p, root).encode() + b"\0")
            if os.path.islink(p):
                h.update(b"link:" + os.readlink(p).encode())
            else:
                h.update(oct(os.lstat(p).st_mode).encode())
                with open(p, "rb") as fh:
                    h.update(fh.read())
    return h.hexdigest()


def second_run_is_a_no_op(root, *extra):
    before = tree_hash(root)
    _, doc = fix(root, *extra)
    assert doc["fixed"] == [], doc["fixed"]
    assert tree_hash(root) == before


# -- procfile-misnamed: git mv Procfile.txt Procfile -----------------------------------------------
@needs_git
def test_procfile_txt_is_renamed_with_git_mv(app):
    files = {k: v for k, v in FLASK.items() if k != "Procfile"}
    root = app({**files, "Procfile.txt": "web: gunicorn app:app\n"}, git=True)
    _, doc = fix(root)
    assert fixed(doc) == [("procfile-misnamed", "Procfile.txt", 0)]
    assert doc["fixed"][0]["fix"] == "rename Procfile.txt to Procfile"
    assert (root / "Procfile").read_text() == "web: gunicorn app:app\n" and not (root / "Procfile.txt").exists()
    assert git(root, "status", "--porcelain") == "R  Procfile.txt -> Procfile\n"  # staged as a rename
    assert "procfile-misnamed" not in names(doc)
    second_run_is_a_no_op(root)


def test_procfile_txt_is_renamed_outside_git(app):
    files = {k: v for k, v in FLASK.items() if k != "Procfile"}
    root = app({**files, "Procfile.txt": "web: gunicorn app:app\n"})
    _, doc = fix(root)
    assert fixed(doc) == [("procfile-misnamed", "Procfile.txt", 0)]
    assert (root / "Procfile").is_file() and not (root / "Procfile.txt").exists()
    second_run_is_a_no_op(root)


def test_procfile_dev_is_not_renamed(app):
    root = app({**FLASK, "Procfile.dev": "web: flask run\n"})
    _, doc = fix(root)
    assert doc["fixed"] == [] and (root / "Procfile.dev").is_file()


def test_a_procfile_in_a_subfolder_is_not_moved(app):
    root = app({f"backend/{k}": v for k, v in FLASK.items()})
    _, doc = fix(root)
    assert ("procfile-misnamed", "backend/Procfile", 0) in {(f["name"], f["path"], f["line"]) for f in doc["findings"]}
    assert doc["fixed"] == [] and (root / "backend" / "Procfile").is_file() and not (root / "Procfile").exists()


# -- runtime-missing: write .python-version --------------------------------------------------------
@needs_git
def test_python_version_is_written_with_the_platform_default_and_staged(app):
    files = {k: v for k, v in FLASK.items() if k != ".python-version"}
    root = app(files, git=True)
    _, doc = fix(root)
    assert fixed(doc) == [("runtime-missing", ".", 0)]
    assert (root / ".python-version").read_text() == f"{table().default}\n"  # the model's data, not a literal
    assert git(root, "status", "--porcelain") == "A  .python-version\n"
    assert "runtime-missing" not in names(doc) and "deploy-file-untracked" not in names(doc)
    second_run_is_a_no_op(root)


def test_a_pinned_runtime_is_left_alone(app):
    files = {k: v for k, v in FLASK.items() if k != ".python-version"}
    root = app({**files, "runtime.txt": "python-3.12.8\n"})
    _, doc = fix(root)
    assert not (root / ".python-version").exists()
    assert "runtime-missing" not in {f["name"] for f in doc["fixed"]}


# -- requirements-pip-listed: drop the pins -------------------------------------------------------
def test_pip_and_setuptools_pins_are_dropped_and_the_rest_kept(app):
    reqs = ("flask==3.1.2\npip==9.0.1\ngunicorn==23.0.0\nwheel==0.30.0\nsetuptools==28.8.0 \\\n"
            "    ; python_version > '3'\n")
    root = app({**FLASK, "requirements.txt": reqs})
    _, doc = fix(root)
    assert fixed(doc) == [("requirements-pip-listed", "requirements.txt", 2),
                          ("requirements-pip-listed", "requirements.txt", 5)]
    # wheel is no finding (the buildpack installs none, so a pin changes nothing) and stays; the
    # continuation line went with its requirement
    assert (root / "requirements.txt").read_text() == "flask==3.1.2\ngunicorn==23.0.0\nwheel==0.30.0\n"
    second_run_is_a_no_op(root)


def test_a_hash_locked_file_is_not_edited_and_the_report_says_why(app):
    reqs = ("flask==3.1.2 --hash=sha256:" + "a" * 64 + "\npip==24.0 --hash=sha256:" + "b" * 64 + "\n")
    root = app({**FLASK, "requirements.txt": reqs})
    _, doc = fix(root)
    assert doc["fixed"] == []
    (refused,) = doc["not_fixed"]
    assert (refused["name"], refused["path"], refused["line"]) == ("requirements-pip-listed", "requirements.txt", 2)
    assert "hash-locked" in refused["reason"]
    assert (root / "requirements.txt").read_text() == reqs
    code, out, _ = cli(["check", str(root), "--fix", "--select", "requirements-pip-listed"])
    assert "not fixed: requirements.txt: requirements-pip-listed: requirements.txt is hash-locked" in out


# -- CRLF in the Procfile and in entry scripts ----------------------------------------------------
def test_crlf_procfile_becomes_lf_and_other_crlf_files_stay(app):
    root = app({**FLASK, "Procfile": b"web: gunicorn app:app\r\nworker: python app.py\r\n",
                "notes.txt": b"a\r\nb\r\n"})
    _, doc = fix(root)
    assert fixed(doc) == [("procfile-invalid", "Procfile", 1)]
    assert (root / "Procfile").read_bytes() == b"web: gunicorn app:app\nworker: python app.py\n"
    assert (root / "notes.txt").read_bytes() == b"a\r\nb\r\n"
    second_run_is_a_no_op(root)


def test_other_procfile_errors_carry_no_fix(app):
    root = app({**FLASK, "Procfile": "web gunicorn app:app\n"})
    _, doc = fix(root)
    assert "procfile-invalid" in names(doc) and doc["fixed"] == []


@needs_git
def test_crlf_entry_script_becomes_lf(app):
    script = b"#!/bin/sh\r\nset -e\r\nexec python main.py\r\n"
    root = app({**DOCKER, "Dockerfile": DOCKER["Dockerfile"].replace('CMD ["python", "main.py"]', 'CMD ["./run.sh"]'),
                "run.sh": script, "other.sh": script, ".dockerignore": ".git\n"}, git=True,
               executable=["run.sh"])
    _, doc = fix(root, "--select", "entry-script-crlf")
    assert fixed(doc) == [("entry-script-crlf", "run.sh", 1)]
    assert (root / "run.sh").read_bytes() == b"#!/bin/sh\nset -e\nexec python main.py\n"
    assert (root / "other.sh").read_bytes() == script  # no process runs it
    assert git(root, "diff", "--cached") == ""        # the content edit is not staged for the user
    second_run_is_a_no_op(root, "--select", "entry-script-crlf")


# -- entry-script-not-executable: the bit in git's index --------------------------------------------
@needs_git
def test_executable_bit_is_set_in_the_index_without_staging_content(app):
    root = app({**DOCKER, "Dockerfile": DOCKER["Dockerfile"].replace('CMD ["python", "main.py"]', 'CMD ["./run.sh"]'),
                "run.sh": "#!/bin/sh\nexec python main.py\n", "tools/other.sh": "#!/bin/sh\necho\n",
                ".dockerignore": ".git\n"}, git=True, not_executable=["run.sh", "tools/other.sh"])
    (root / "run.sh").write_text("#!/bin/sh\nexec python main.py  # an unstaged edit\n")
    _, doc = fix(root, "--select", "entry-script-not-executable")
    assert fixed(doc) == [("entry-script-not-executable", "run.sh", 0)]
    assert git(root, "ls-files", "-s", "run.sh").startswith("100755 ")
    assert git(root, "show", ":run.sh") == "#!/bin/sh\nexec python main.py\n"  # only the mode was staged
    assert os.stat(root / "run.sh").st_mode & 0o100  # and on disk, so the next git add keeps it
    assert git(root, "ls-files", "-s", "tools/other.sh").startswith("100644 ")
    second_run_is_a_no_op(root, "--select", "entry-script-not-executable")


def test_executable_bit_is_set_on_disk_outside_git(app):
    root = app({**DOCKER, "Dockerfile": DOCKER["Dockerfile"].replace('CMD ["python", "main.py"]', 'CMD ["./run.sh"]'),
                "run.sh": "#!/bin/sh\nexec python main.py\n", ".dockerignore": ".git\n"})
    os.chmod(root / "run.sh", 0o644)
    _, doc = fix(root, "--select", "entry-script-not-executable")
    assert fixed(doc) == [("entry-script-not-executable", "run.sh", 0)]
    assert os.stat(root / "run.sh").st_mode & 0o777 == 0o755
    second_run_is_a_no_op(root, "--select", "entry-script-not-executable")


@needs_git
def test_a_symlinked_entry_script_gets_no_fix(app):
    root = app({**DOCKER, "Dockerfile": DOCKER["Dockerfile"].replace('CMD ["python", "main.py"]', 'CMD ["./run.sh"]'),
                "real.sh": b"#!/bin/sh\r\nexec python main.py\r\n", ".dockerignore": ".git\n"})
    os.symlink("real.sh", root / "run.sh")
    git(root, "init", "-q")
    git(root, "add", "-A")
    before = tree_hash(root)
    _, doc = fix(root, "--select", "entry-script-crlf,entry-script-not-executable")
    assert doc["fixed"] == [] and tree_hash(root) == before


# -- dockerignore-missing: write .dockerignore --------------------------------------------------------
@needs_git
def test_dockerignore_is_written_with_the_defaults_and_the_leaks(app):
    root = app({**DOCKER, ".env.production": "SECRET=x\n"}, git=True)
    (root / ".env").write_text("TOKEN=1\n")
    _, doc = fix(root, "--select", "dockerignore-missing")
    assert fixed(doc) == [("dockerignore-missing", "Dockerfile", 3)]
    lines = (root / ".dockerignore").read_text().splitlines()
    assert lines[0].startswith("#") and lines[1:] == [*DOCKERIGNORE_DEFAULTS, ".env.production"]
    assert git(root, "status", "--porcelain", ".dockerignore") == "A  .dockerignore\n"
    assert names(doc) == set()  # neither missing nor letting .git, .env or .env.production in
    second_run_is_a_no_op(root, "--select", "dockerignore-missing")


def test_an_existing_dockerignore_that_leaks_is_not_rewritten(app):
    root = app({**DOCKER, ".dockerignore": "__pycache__\n", ".env": "TOKEN=1\n"})
    _, doc = fix(root, "--select", "dockerignore-missing")
    assert "dockerignore-missing" in names(doc) and doc["fixed"] == []
    assert (root / ".dockerignore").read_text() == "__pycache__\n"


# -- dockerfile-pip-cache: --no-cache-dir -------------------------------------------------------------
def test_no_cache_dir_is_added_to_each_pip_install(app):
    dockerfile = ("FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
                  "RUN pip install -r requirements.txt\n"
                  "RUN apt-get update && \\\n    python -m pip install gunicorn\n"
                  "# pip install is what we run\nCOPY . .\nCMD [\"python\", \"main.py\"]\n")
    root = app({**DOCKER, "Dockerfile": dockerfile, ".dockerignore": ".git\n"})
    _, doc = fix(root, "--select", "dockerfile-pip-cache")
    assert fixed(doc) == [("dockerfile-pip-cache", "Dockerfile", 4), ("dockerfile-pip-cache", "Dockerfile", 5)]
    assert (root / "Dockerfile").read_text() == dockerfile.replace(
        "RUN pip install -r", "RUN pip install --no-cache-dir -r").replace(
        "python -m pip install gunicorn", "python -m pip install --no-cache-dir gunicorn")
    second_run_is_a_no_op(root, "--select", "dockerfile-pip-cache")


def test_a_pip_install_the_text_does_not_show_plainly_is_not_edited(app):
    dockerfile = DOCKER["Dockerfile"].replace("RUN pip install -r requirements.txt",
                                              "RUN pip --disable-pip-version-check install -r requirements.txt")
    root = app({**DOCKER, "Dockerfile": dockerfile, ".dockerignore": ".git\n"})
    _, doc = fix(root, "--select", "dockerfile-pip-cache")
    assert "dockerfile-pip-cache" in names(doc) and doc["fixed"] == []
    assert (root / "Dockerfile").read_text() == dockerfile


# -- database-url-scheme: postgres:// -> postgresql:// (unsafe) ------------------------------------------
PG = {**FLASK, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\nSQLAlchemy==2.0.36\n",
      "config/settings.yaml": "debug: false\ndatabase: postgres://app:s3cretpassw0rd@db.example.com:5432/app\n"}


def test_postgres_scheme_needs_unsafe_fixes(app):
    root = app(PG)
    before = tree_hash(root)
    _, doc = fix(root, "--select", "database-url-scheme")
    assert doc["fixed"] == [] and doc["unsafe_fixes_skipped"] == 1 and tree_hash(root) == before
    code, out, _ = cli(["check", str(root), "--fix", "--select", "database-url-scheme"])
    assert "0 fixed, 1 remaining. 1 more fixable with --unsafe-fixes." in out
    _, doc = fix(root, "--select", "database-url-scheme", "--unsafe-fixes")
    assert fixed(doc) == [("database-url-scheme", "config/settings.yaml", 2)] and doc["fixed"][0]["unsafe"]
    assert (root / "config/settings.yaml").read_text() == PG["config/settings.yaml"].replace("postgres://",
                                                                                             "postgresql://")
    second_run_is_a_no_op(root, "--select", "database-url-scheme", "--unsafe-fixes")


def test_a_line_with_two_postgres_urls_is_not_edited(app):
    text = "urls: [postgres://a:b@h1/x, postgres://a:b@h2/y]\n"
    root = app({**PG, "config/settings.yaml": text})
    _, doc = fix(root, "--select", "database-url-scheme", "--unsafe-fixes")
    assert doc["fixed"] == [] and (root / "config/settings.yaml").read_text() == text


# -- --diff, the text report, the default output ------------------------------------------------------
@needs_git
def test_diff_writes_nothing_and_masks_passwords(app):
    files = {k: v for k, v in PG.items() if k not in ("Procfile", ".python-version")}
    root = app({**files, "Procfile.txt": "web: gunicorn app:app\r\n",
                "requirements.txt": PG["requirements.txt"] + "pip==9.0.1\n"}, git=True)
    before = tree_hash(root)
    code, out, err = cli(["check", str(root), "--diff", "--unsafe-fixes"])
    assert tree_hash(root) == before
    assert code == 1 and "4 fixes would be applied" in err
    assert "rename from Procfile.txt\nrename to Procfile\n" in out
    assert "+++ b/.python-version\n" in out and "-pip==9.0.1\n" in out
    assert "+database: postgresql://app:****@db.example.com:5432/app" in out
    assert "s3cretpassw0rd" not in out + err
    # what --diff announced is what --fix does, the Procfile's CRLF in the round after its rename
    _, doc = fix(root, "--unsafe-fixes")
    assert {f["name"] for f in doc["fixed"]} == {"procfile-misnamed", "runtime-missing", "requirements-pip-listed",
                                                 "database-url-scheme", "procfile-invalid"}
    assert (root / "Procfile").read_bytes() == b"web: gunicorn app:app\n"
    code, out, err = cli(["check", str(root), "--diff", "--unsafe-fixes"])
    assert code == 0 and out == "" and "0 fixes would be applied" in err


def test_text_report_lists_fixes_and_counts_fixed_and_remaining(app):
    root = app({**FLASK, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\npip==9.0.1\nrequests\n"})
    code, out, _ = cli(["check", str(root), "--select", "requirements-pip-listed,requirements-unpinned"])
    assert "1 fixable with preflight check --fix." in out
    code, out, _ = cli(["check", str(root), "--fix", "--select", "requirements-pip-listed,requirements-unpinned"])
    assert "fixed: requirements.txt: drop the pip pin from requirements.txt:3 (requirements-pip-listed)" in out
    assert "requirements.txt:3:0: PF310 requirements-unpinned" in out  # the line it is on now
    assert "1 fixed, 1 remaining." in out and code == 0  # what remains is info


@needs_git
def test_an_app_in_a_subfolder_of_a_git_repository(tmp_path):
    from conftest import git_init, write_files

    files = {k: v for k, v in FLASK.items() if k != "Procfile"}
    write_files(tmp_path, {**{f"svc/{k}": v for k, v in files.items()}, "svc/Procfile.txt": "web: gunicorn app:app\n",
                           "README.md": "# mono\n"})
    git_init(tmp_path)
    _, doc = fix(tmp_path / "svc")
    assert fixed(doc) == [("procfile-misnamed", "Procfile.txt", 0)]
    assert git(tmp_path, "status", "--porcelain") == "R  svc/Procfile.txt -> svc/Procfile\n"


def test_diff_of_several_projects_names_each_folder(tmp_path):
    from conftest import write_files

    for name in ("one", "two"):
        write_files(tmp_path / name, {**FLASK, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\npip==9.0.1\n"})
    code, out, _ = cli(["check", "one", "two", "--diff"], cwd=tmp_path)
    assert code == 1
    assert "--- a/one/requirements.txt\n" in out and "--- a/two/requirements.txt\n" in out
    code, out, _ = cli(["check", "one", "two", "--fix", "--format", "json"], cwd=tmp_path)
    doc = json.loads(out)
    assert fixed(doc) == [("requirements-pip-listed", "one/requirements.txt", 3),
                          ("requirements-pip-listed", "two/requirements.txt", 3)]


def test_diff_goes_to_the_output_file(app, tmp_path):
    root = app({**FLASK, "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\npip==9.0.1\n"})
    target = tmp_path / "fix.diff"
    code, out, _ = cli(["check", str(root), "--diff", "-o", str(target)])
    assert code == 1 and out == "" and "-pip==9.0.1\n" in target.read_text()
    assert (root / "requirements.txt").read_text().endswith("pip==9.0.1\n")
