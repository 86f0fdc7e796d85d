"""Facts the Project owns beside the parsers: what it sees (exclude), what the secret scan skipped, the
inline directives of a file."""
from preflight.project import Project


def test_exclude_hides_files_from_the_model(app):
    root = app({"app.py": "x = 1\n", "docs/conf.py": "x = 1\n", "docs/api/ref.md": "x\n", "tools/docs.py": ""})
    assert Project(root).files == ["app.py", "docs/api/ref.md", "docs/conf.py", "tools/docs.py"]
    assert Project(root, exclude=["docs/**"]).files == ["app.py", "tools/docs.py"]
    assert Project(root, exclude=["docs"]).files == ["app.py", "tools/docs.py"]


def test_skipped_is_the_secret_scans_record(app):
    root = app({"app.py": "x = 1\n", "yarn.lock": "x\n", "static/app.min.js": "x\n"})
    project = Project(root)
    assert project.skipped == {}  # nothing scanned yet: nothing skipped
    project.secret_scan
    assert project.skipped == {"static/app.min.js": "minified asset", "yarn.lock": "lock file"}
    project.skipped.clear()  # a copy: a reader cannot change the model's record
    assert project.skipped


def test_directives_of_a_file(app):
    root = app({"Procfile": "# preflight: ignore[procfile-invalid]\nweb x\n", "app.py": "x = 1\n"})
    project = Project(root)
    [d] = project.directives("Procfile")
    assert (d.line, d.target, d.selectors) == (1, 2, ["procfile-invalid"])
    assert project.directives("app.py") == [] and project.directives(".") == []
