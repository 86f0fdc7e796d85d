"""project.code: entry points from every start command, parsed modules, the start path, what runs."""
from __future__ import annotations

import ast

import pytest

from preflight.project import Project
from preflight.project.python import is_main_guard

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"


@pytest.fixture
def code(app):
    def make(files: dict, git: bool = False):
        return Project(app(files, git=git)).code
    return make


def eps(model):
    """(process, source, line, server, module, attr, runs_as_main) of every entry point."""
    return [(e.process, e.source, e.line, e.server, e.module, e.attr, e.runs_as_main) for e in model.entrypoints]


def only(model):
    assert len(model.entrypoints) == 1, eps(model)
    return model.entrypoints[0]


# -- Procfile forms ------------------------------------------------------------------------------------
def test_python_file_runs_as_main(code):
    m = code({"Procfile": "web: python flask_app.py\n", "flask_app.py": FLASK_APP})
    assert eps(m) == [("web", "Procfile", 1, "python", "flask_app.py", None, True)]
    assert m.main_runs("flask_app.py")


def test_a_misnamed_procfile_is_read_as_the_intended_one(code):
    m = code({"Procfile.txt": "web: python bot.py\n", "bot.py": ""})
    assert eps(m) == [("web", "Procfile.txt", 1, "python", "bot.py", None, True)]


def test_python_dash_m_package_runs_its_main(code):
    m = code({"Procfile": "worker: python -u -m bot\n", "bot/__init__.py": "", "bot/__main__.py": "import bot.core\n",
              "bot/core.py": ""})
    ep = only(m)
    assert (ep.module, ep.runs_as_main) == ("bot/__main__.py", True)
    assert [x.path for x in m.start_path("worker")] == ["bot/__main__.py", "bot/__init__.py", "bot/core.py"]


def test_python_dash_m_puts_the_working_folder_on_sys_path_not_the_package(code):
    files = {"Procfile": "worker: python -m bot\n", "bot/__init__.py": "", "bot/__main__.py": "import core\n",
             "bot/core.py": ""}
    m = code(files)
    assert (only(m).roots, [x.path for x in m.start_path("worker")]) == ([""], ["bot/__main__.py", "bot/__init__.py"])
    files["Procfile"] = "worker: python bot/__main__.py\n"  # as a script, its folder is sys.path[0]
    m = code(files)
    assert (only(m).roots, [x.path for x in m.start_path("worker")]) == (
        ["bot", ""], ["bot/__main__.py", "bot/core.py"])


def test_python_runs_a_folder_with_a_main_module(code):
    m = code({"Procfile": "worker: python src/\n", "src/__main__.py": "import tasks\n", "src/tasks.py": ""})
    ep = only(m)
    assert (ep.module, ep.missing, ep.runs_as_main) == ("src/__main__.py", None, True)
    assert [x.path for x in m.start_path("worker")] == ["src/__main__.py", "src/tasks.py"]


def test_python_dash_m_module(code):
    ep = only(code({"Procfile": "web: python3 -m server\n", "server.py": ""}))
    assert (ep.module, ep.runs_as_main) == ("server.py", True)


@pytest.mark.parametrize("command,module,attr,factory", [
    ("gunicorn app:app", "app.py", "app", False),
    ("gunicorn 'app:create_app()'", "app.py", "create_app", True),
    ("gunicorn -w 2 --bind 0.0.0.0:$PORT app", "app.py", "application", False),
    ("uvicorn app:app --host 0.0.0.0 --port $PORT", "app.py", "app", False),
    ("uvicorn --factory app:create_app", "app.py", "create_app", True),
    ("hypercorn app:app --bind 0.0.0.0:$PORT", "app.py", "app", False),
    ("daphne -b 0.0.0.0 -p $PORT app:app", "app.py", "app", False),
    ("waitress-serve --port=$PORT app:app", "app.py", "app", False),
    ("waitress-serve --port=$PORT --call app:create_app", "app.py", "create_app", True),
    ("python -m gunicorn app:app", "app.py", "app", False),
    ("newrelic-admin run-program gunicorn app:app", "app.py", "app", False),
])
def test_app_servers_module_attr(code, command, module, attr, factory):
    ep = only(code({"Procfile": f"web: {command}\n",
                    "app.py": FLASK_APP + "application = app\ndef create_app():\n    return app\n"}))
    assert (ep.module, ep.attr, ep.factory, ep.runs_as_main, ep.missing) == (module, attr, factory, False, None)


def test_gunicorn_chdir_and_pythonpath(code):
    files = {"src/web/app.py": FLASK_APP, "src/web/helpers.py": "", "Procfile": "web: gunicorn --chdir src web.app:app\n"}
    m = code(files)
    assert (only(m).module, only(m).missing) == ("src/web/app.py", None)
    assert m.module("src/web/app.py").name == "web.app"
    m = code({**files, "Procfile": "web: gunicorn --pythonpath src,lib web.app:app\n"})
    assert (only(m).module, only(m).roots[:2]) == ("src/web/app.py", ["src", "lib"])


def test_uvicorn_app_dir(code):
    ep = only(code({"Procfile": "web: uvicorn main:app --app-dir backend --host 0.0.0.0 --port $PORT\n",
                    "backend/main.py": "app = object()\n"}))
    assert (ep.module, ep.missing, ep.host, ep.port) == ("backend/main.py", None, "0.0.0.0", "$PORT")


def test_cd_before_the_server_changes_the_folder(code):
    ep = only(code({"Procfile": "web: cd src && gunicorn app:app\n", "src/app.py": FLASK_APP}))
    assert (ep.module, ep.cwd) == ("src/app.py", "src")


@pytest.mark.parametrize("command,env,module,attr", [
    ("flask --app hello run --host 0.0.0.0 --port $PORT", {}, "hello.py", None),
    ("flask --app 'hello:create_app()' run", {}, "hello.py", "create_app"),
    ("FLASK_APP=hello.py flask run", {}, "hello.py", None),
    ("flask run", {".flaskenv": "FLASK_APP=hello\n"}, "hello.py", None),
    ("flask run", {"app.py": FLASK_APP}, "app.py", None),
])
def test_flask_app_from_option_env_or_discovery(code, command, env, module, attr):
    ep = only(code({"Procfile": f"web: {command}\n", "hello.py": FLASK_APP + "def create_app():\n    return app\n",
                    **env}))
    assert (ep.server, ep.module, ep.attr, ep.runs_as_main) == ("flask", module, attr, False)


def test_manage_py_brings_settings_wsgi_and_urls(code):
    files = {
        "Procfile": "web: python manage.py runserver 0.0.0.0:$PORT\nrelease: python manage.py migrate\n",
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
        "mysite/__init__.py": "",
        "mysite/settings.py": "ROOT_URLCONF = 'mysite.urls'\nWSGI_APPLICATION = 'mysite.wsgi.application'\n",
        "mysite/urls.py": "from polls import views\n",
        "mysite/wsgi.py": "",
        "polls/__init__.py": "", "polls/views.py": "",
    }
    m = code(files)
    web, release = m.entrypoints
    assert (web.server, web.module, web.runs_as_main, web.host, web.port) == (
        "django-runserver", "manage.py", True, "0.0.0.0", "$PORT")
    assert web.also == ["mysite/settings.py", "mysite/wsgi.py", "mysite/urls.py"]
    assert (release.process, release.server, release.subcommand) == ("release", "django", "migrate")
    assert "polls/views.py" in [x.path for x in m.start_path("web")]


def test_gunicorn_django_wsgi_brings_settings(code):
    m = code({"Procfile": "web: gunicorn mysite.wsgi --log-file -\n",
              "mysite/__init__.py": "", "mysite/settings.py": "DEBUG = False\n",
              "mysite/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                                "from django.core.wsgi import get_wsgi_application\n"
                                "application = get_wsgi_application()\n"})
    ep = only(m)
    assert (ep.module, ep.attr, ep.also, ep.missing) == ("mysite/wsgi.py", "application", ["mysite/settings.py"], None)
    assert m.processes_of("mysite/settings.py") == {"web"}


DJANGO_WSGI = ("import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
               "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n")


def test_django_loads_installed_apps_middleware_and_included_urlconfs(code):
    """Django imports these by dotted name at startup: the apps' packages, apps/models/admin modules, the
    middleware classes, and every URLconf an include('...') names."""
    files = {
        "Procfile": "web: gunicorn mysite.wsgi\n",
        "mysite/__init__.py": "", "mysite/wsgi.py": DJANGO_WSGI,
        "mysite/settings.py": "DJANGO_APPS = ['django.contrib.admin', 'django.contrib.auth']\n"
                              "LOCAL_APPS = ['blog.apps.BlogConfig', 'shop']\n"
                              "INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS\n"
                              "MIDDLEWARE = ['django.middleware.common.CommonMiddleware', 'core.mw.Timing']\n"
                              "ROOT_URLCONF = 'mysite.urls'\n",
        "mysite/urls.py": "from django.urls import include, path\n"
                          "urlpatterns = [path('', include('blog.urls')),\n"
                          "               path('s/', include(('shop.urls', 'shop')))]\n",
        "blog/__init__.py": "", "blog/apps.py": "", "blog/models.py": "", "blog/admin.py": "",
        "blog/urls.py": "from . import views\n", "blog/views.py": "", "blog/tests.py": "", "blog/tasks.py": "",
        "shop/__init__.py": "", "shop/models/__init__.py": "", "shop/urls.py": "",
        "core/__init__.py": "", "core/mw.py": "", "devtools/__init__.py": "",
    }
    files["mysite/settings.py"] += "DEBUG = False\nif DEBUG:\n    INSTALLED_APPS += ['devtools']\n"
    m = code(files)
    path = [x.path for x in m.start_path("web")]
    for p in ("blog/__init__.py", "blog/apps.py", "blog/models.py", "blog/admin.py", "blog/urls.py",
              "blog/views.py", "shop/__init__.py", "shop/models/__init__.py", "shop/urls.py", "core/mw.py"):
        assert p in path, p
    assert "blog/tests.py" not in path and "blog/tasks.py" not in path  # no Celery process autodiscovers tasks
    assert "devtools/__init__.py" not in path  # added only under a condition
    # without django.contrib.admin nobody imports admin.py
    files["mysite/settings.py"] = files["mysite/settings.py"].replace("'django.contrib.admin', ", "")
    assert "blog/admin.py" not in [x.path for x in code(files).start_path("web")]


@pytest.mark.parametrize("star", ["from .base import *", "from mysite.settings.base import *"])
def test_split_settings_urlconf_in_the_base_module(code, star):
    m = code({"Procfile": "web: gunicorn mysite.wsgi\n", "mysite/__init__.py": "",
              "mysite/wsgi.py": DJANGO_WSGI.replace("mysite.settings", "mysite.settings.production"),
              "mysite/settings/__init__.py": "",
              "mysite/settings/production.py": f"{star}\nDEBUG = False\n",
              "mysite/settings/base.py": "ROOT_URLCONF = 'mysite.urls'\n", "mysite/urls.py": ""})
    ep = only(m)
    assert (ep.settings, ep.also) == ("mysite/settings/production.py",
                                      ["mysite/settings/production.py", "mysite/urls.py"])


def test_celery_in_a_django_project_loads_the_settings_and_task_modules(code):
    m = code({"Procfile": "web: gunicorn mysite.wsgi\nworker: celery -A mysite worker\n",
              "mysite/__init__.py": "from .celery import app as celery_app\n", "mysite/wsgi.py": DJANGO_WSGI,
              "mysite/celery.py": "import os\nfrom celery import Celery\n"
                                  "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                                  "app = Celery('mysite')\napp.autodiscover_tasks()\n",
              "mysite/settings.py": "INSTALLED_APPS = ['orders']\nROOT_URLCONF = 'mysite.urls'\n",
              "mysite/urls.py": "", "orders/__init__.py": "", "orders/models.py": "", "orders/tasks.py": ""})
    worker = m.entrypoints[1]
    assert (worker.settings, worker.also) == ("mysite/settings.py", ["mysite/celery.py", "mysite/settings.py"])
    path = [x.path for x in m.start_path("worker")]
    assert "orders/tasks.py" in path and "orders/models.py" in path and "mysite/urls.py" not in path


def test_streamlit_and_celery(code):
    m = code({"Procfile": "web: streamlit run dash/app.py --server.port $PORT\nworker: celery -A proj worker -l info\n",
              "dash/app.py": "", "proj/__init__.py": "from .celery import app\n", "proj/celery.py": "app = 1\n"})
    web, worker = m.entrypoints
    assert (web.server, web.module, web.runs_as_main, web.port) == ("streamlit", "dash/app.py", True, "$PORT")
    assert (worker.server, worker.module, worker.also, worker.subcommand) == (
        "celery", "proj/__init__.py", ["proj/celery.py"], "worker")


def test_streamlit_multipage_app_runs_its_pages(code):
    m = code({"Procfile": "web: streamlit run dash/Home.py --server.port $PORT\n", "dash/Home.py": "",
              "dash/pages/1_📈_Plots.py": "import helpers\n", "dash/pages/2_Data.py": "", "dash/helpers.py": "",
              "dash/pages/lib/x.py": "", "pages/elsewhere.py": ""})
    assert only(m).also == ["dash/pages/1_📈_Plots.py", "dash/pages/2_Data.py"]
    assert "dash/helpers.py" in [x.path for x in m.start_path("web")]


def test_commands_chained_in_one_process(code):
    m = code({"Procfile": "web: alembic upgrade head && exec gunicorn app:app\n", "app.py": FLASK_APP})
    assert [(e.server, e.module) for e in m.entrypoints] == [("alembic", None), ("gunicorn", "app.py")]


def test_crontab_lines_are_cron_entrypoints(code):
    m = code({"crontab": "# every morning\nMAILTO=x\n0 8 * * * python3 refresh.py\n@daily python3 /home/me/clean.py\n",
              "refresh.py": "", "clean.py": ""})
    assert eps(m) == [("cron", "crontab", 3, "python", "refresh.py", None, True),
                      ("cron", "crontab", 4, "python", "clean.py", None, True)]


# -- containers --------------------------------------------------------------------------------------------
def test_dockerfile_cmd_exec_form(code):
    m = code({"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
                            'CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]\n', "app.py": FLASK_APP})
    ep = only(m)
    assert (ep.process, ep.source, ep.line, ep.module, ep.port) == ("web", "Dockerfile", 4, "app.py", "$PORT")


def test_dockerfile_cmd_shell_form_with_workdir_mapping(code):
    m = code({"Dockerfile": "FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nWORKDIR /srv/src\n"
                            "CMD uvicorn main:app --host 0.0.0.0 --port $PORT\n", "src/main.py": "app = 1\n"})
    ep = only(m)
    assert (ep.line, ep.cwd, ep.module) == (5, "src", "src/main.py")


def test_entrypoint_plus_cmd(code):
    m = code({"Dockerfile": 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["gunicorn"]\nCMD ["app:app"]\n',
              "app.py": FLASK_APP})
    assert (only(m).server, only(m).module) == ("gunicorn", "app.py")


def test_entrypoint_script_that_execs_the_cmd(code):
    m = code({"Dockerfile": "FROM python:3.12\nCOPY . /app\nWORKDIR /app\n"
                            'ENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["python", "bot.py"]\n',
              "docker-entrypoint.sh": "#!/bin/sh\nset -e\npython manage_db.py\nexec \"$@\"\n",
              "bot.py": "", "manage_db.py": ""})
    assert [(e.source, e.line, e.module, e.via) for e in m.entrypoints] == [
        ("docker-entrypoint.sh", 3, "manage_db.py", [("Dockerfile", 4)]),
        ("Dockerfile", 5, "bot.py", [("Dockerfile", 4), ("docker-entrypoint.sh", 4)])]


def test_script_run_by_cmd_crlf_without_shebang(code):
    """The seed's run.sh: CMD ["./run.sh"], CRLF line endings, no #! line, ends in python main.py."""
    m = code({"Dockerfile": 'FROM python:3.7\nCOPY . .\nCMD ["./run.sh"]\n',
              "run.sh": "cat config/heroku_config.yaml | envsubst > config/config.yaml\r\nexport PYTHONPATH=.\r\n"
                        "alembic upgrade head\r\npython main.py\r\n",
              "main.py": "from app.routes import setup\n", "app/__init__.py": "", "app/routes.py": "def setup(): pass\n"})
    assert [(e.source, e.line, e.server, e.module) for e in m.entrypoints] == [
        ("run.sh", 3, "alembic", None), ("run.sh", 4, "python", "main.py")]
    assert m.entrypoints[1].via == [("Dockerfile", 3)]
    assert [x.path for x in m.start_path("web")] == ["main.py", "app/__init__.py", "app/routes.py"]


def test_heroku_yml_run_overrides_cmd(code):
    m = code({"heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn app:app\n"
                            "  worker:\n    command:\n      - python worker.py\n    image: web\n"
                            "release:\n  image: web\n  command:\n    - python migrate.py\n",
              "Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD python other.py\n",
              "app.py": FLASK_APP, "worker.py": "", "migrate.py": "", "other.py": ""})
    assert [(e.process, e.source, e.line, e.module) for e in m.entrypoints] == [
        ("web", "heroku.yml", 5, "app.py"), ("worker", "heroku.yml", 8, "worker.py"),
        ("release", "heroku.yml", 13, "migrate.py")]


def test_container_mode_ignores_the_procfile(code):
    m = code({"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n", "Procfile": "web: python old.py\n",
              "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["python", "new.py"]\n', "new.py": "", "old.py": ""})
    assert [e.module for e in m.entrypoints] == ["new.py"]


def test_buildpack_mode_ignores_the_dockerfile(code):
    m = code({"Procfile": "web: gunicorn app:app\n", "app.py": FLASK_APP,
              "Dockerfile": 'FROM python:3.12\nCMD ["python", "dev.py"]\n', "dev.py": ""})
    assert [e.module for e in m.entrypoints] == ["app.py"]


# -- targets that are not there ---------------------------------------------------------------------------
@pytest.mark.parametrize("command,files,why", [
    ("python flask_app.py", {"app.py": ""}, "'flask_app.py' is not in the repository"),
    ("gunicorn app:app", {"main.py": FLASK_APP}, "module 'app' is not in the repository"),
    ("gunicorn app:app", {"src/app.py": FLASK_APP}, "(it is in src/app.py: run from 'src', e.g. --chdir src)"),
    ("gunicorn main:app", {"main.py": "application = 1\n"}, "main.py defines no 'app'"),
    ("gunicorn main:app", {"main.py": "if __name__ == '__main__':\n    app = 1\n"}, "only defined under"),
    ("uvicorn main", {"main.py": "app = 1\n"}, "has no ':attribute'"),
    ("gunicorn main.py:app", {"main.py": "app = 1\n"}, "names a file"),
    ("python -m bot", {"bot/__init__.py": ""}, "has no __main__.py"),
])
def test_missing_targets(code, command, files, why):
    ep = only(code({"Procfile": f"web: {command}\n", **files}))
    assert ep.missing and why in ep.missing


def test_star_import_or_module_getattr_may_define_the_app(code):
    ep = only(code({"Procfile": "web: gunicorn main:app\n", "main.py": "from factory import *\n", "factory.py": ""}))
    assert ep.missing is None


# -- modules and the start path -----------------------------------------------------------------------------
def test_module_parse_once_and_syntax_error(code):
    m = code({"a.py": "import os\nprint 'hi'\n", "b.py": "from .c import d as e\n"})
    a = m.module("a.py")
    assert a is m.module("a.py")
    assert (a.tree, a.error_line) == (None, 2) and a.error
    assert m.module("missing.py") is None and m.module("a.txt") is None


def test_imports_absolute_relative_guarded_and_in_main(code):
    m = code({"pkg/__init__.py": "", "pkg/mod.py": (
        "import os, json as j\nfrom . import sib\nfrom ..up import x\nfrom .sub.deep import y as z\n"
        "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
        "def f():\n    import lazy\n"
        "if __name__ == '__main__':\n    import cli\n")})
    imps = [(i.module, i.line, i.names, i.level, i.guarded, i.in_function, i.main_guard > 0)
            for i in m.module("pkg/mod.py").imports]
    assert imps == [("os", 1, [], 0, False, False, False), ("json", 1, [], 0, False, False, False),
                    ("pkg", 2, ["sib"], 1, False, False, False), ("up", 3, ["x"], 2, False, False, False),
                    ("pkg.sub.deep", 4, ["y"], 1, False, False, False), ("ujson", 6, [], 0, True, False, False),
                    ("lazy", 10, [], 0, False, True, False), ("cli", 12, [], 0, False, False, True)]


def test_resolve_import(code):
    m = code({"pkg/__init__.py": "", "pkg/a.py": "", "pkg/sub/__init__.py": "", "pkg/sub/b.py": "", "top.py": "",
              "ns/c.py": ""})
    assert m.resolve_import("pkg.sub.b") == "pkg/sub/b.py"
    assert m.resolve_import("pkg") == "pkg/__init__.py"
    assert m.resolve_import("top") == "top.py"
    assert m.resolve_import("ns") == "ns"            # a namespace package: its folder
    assert m.resolve_import("ns.c") == "ns/c.py"
    assert m.resolve_import("flask") is None
    assert m.resolve_import("a", "pkg/sub/b.py", level=2) == "pkg/a.py"
    assert m.resolve_import("", "pkg/sub/b.py", level=1) == "pkg/sub/__init__.py"
    assert m.resolve_import("x", "top.py", level=3) is None


def test_a_package_shadows_a_module_of_the_same_name(code):
    """app/__init__.py and app.py side by side: 'import app' loads the package, so gunicorn app:app looks there."""
    m = code({"Procfile": "web: gunicorn app:app\n", "app.py": FLASK_APP, "app/__init__.py": "",
              "app/routes.py": ""})
    assert m.resolve_import("app") == "app/__init__.py"
    ep = only(m)
    assert (ep.module, ep.missing) == ("app/__init__.py", "app/__init__.py defines no 'app': the package app/ is "
                                                          "imported instead of app.py, which it shadows (rename one "
                                                          "of them)")


def test_start_path_follows_local_imports_not_dead_main_blocks(code):
    m = code({"Procfile": "web: gunicorn app:app\nworker: python bot.py\n",
              "app.py": FLASK_APP + "from views import index\nif __name__ == '__main__':\n    import devtools\n",
              "views.py": "from . import helpers\nimport models\n", "helpers.py": "", "models.py": "import app\n",
              "devtools.py": "", "bot.py": "import models\nif __name__ == '__main__':\n    import runner\n",
              "runner.py": ""})
    assert [x.path for x in m.start_path("web")] == ["app.py", "views.py", "models.py"]
    assert [x.path for x in m.start_path("worker")] == ["bot.py", "models.py", "runner.py", "app.py", "views.py"]
    assert m.processes_of("models.py") == {"web", "worker"}
    assert m.processes_of("runner.py") == {"worker"} and m.processes_of("devtools.py") == set()
    assert not m.main_runs("app.py") and m.main_runs("bot.py")


def test_start_path_skips_files_git_does_not_ship(code):
    m = code({"Procfile": "web: python main.py\n", "main.py": "import conf\nimport util\n", "conf.py": "",
              "util.py": "", ".gitignore": "conf.py\n"}, git=True)
    assert [x.path for x in m.start_path()] == ["main.py", "util.py"]
    assert m.resolve_import("conf") == "conf.py"     # on disk: rules can say it is not shipped


def test_start_path_is_bounded(code):
    from preflight.project import python

    files = {"Procfile": "web: python m0.py\n"}
    files.update({f"m{i}.py": f"import m{i + 1}\n" for i in range(python.MAX_DEPTH + 5)})
    assert len(code(files).start_path("web")) == python.MAX_DEPTH + 1


def test_is_main_guard():
    def first(src):
        return ast.parse(src).body[0]
    assert is_main_guard(first("if __name__ == '__main__':\n    pass\n"))
    assert is_main_guard(first('if "__main__" == __name__:\n    pass\n'))
    assert not is_main_guard(first("if __name__ != '__main__':\n    pass\n"))
    assert not is_main_guard(first("if name == '__main__':\n    pass\n"))


def test_live_code_under_a_server_and_as_a_script(code):
    src = ("def main():\n    start()\n\ndef start():\n    pass\n\ndef handler():\n    pass\n\n"
           "if __name__ == '__main__':\n    main()\nelse:\n    prepare()\n")
    served = code({"Procfile": "web: gunicorn app:app\n", "app.py": src})
    assert [served.live("app.py", n) for n in (2, 5, 8, 11, 13)] == [False, False, True, False, True]
    run = code({"Procfile": "web: python app.py\n", "app.py": src})
    assert [run.live("app.py", n) for n in (2, 5, 8, 11, 13)] == [True, True, True, True, False]


def test_evaluate_constants_modules_and_environment(code):
    m = code({"Procfile": "web: python app.py\n", "settings.py": "PORT = 8000\nHOST = '0.0.0.0'\n",
              "app.py": ("import os\nimport settings\nfrom settings import HOST\nPORT = 5000\n"
                         "class Config:\n    PORT = 7000\n"
                         "def get_port():\n    return int(os.environ.get('PORT', 5000))\n"
                         "a = PORT\nb = settings.PORT\nc = HOST\nd = int(os.environ.get('PORT', 5000))\n"
                         "e = os.environ['PORT']\nf = get_port()\ng = Config.PORT\nh = os.getenv('PORT') or 5000\n")})
    mod = m.module("app.py")
    values = {}
    for st in mod.tree.body:
        if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name) and len(st.targets[0].id) == 1:
            v = m.evaluate(mod, st.value)
            values[st.targets[0].id] = (v.kind, v.value)
    assert values == {"a": ("literal", 5000), "b": ("literal", 8000), "c": ("literal", "0.0.0.0"),
                      "d": ("env", None), "e": ("env", None), "f": ("unknown", None), "g": ("literal", 7000),
                      "h": ("env", None)}


def test_evaluate_through_star_imports_and_import_cycles(code):
    m = code({"Procfile": "web: python app.py\n", "conf.py": "from base import *\nHOST = '0.0.0.0'\n",
              "base.py": "PORT = 8080\n", "a.py": "from b import X\n", "b.py": "from a import X\n",
              "app.py": "from flask import *\nfrom a import X\nfrom conf import *\np = PORT\nh = HOST\nx = X\n"
                        "y = request\n"})
    mod = m.module("app.py")
    values = [(v.kind, v.value, v.path) for v in (m.evaluate(mod, st.value) for st in mod.tree.body[3:])]
    assert values == [("literal", 8080, "base.py"), ("literal", "0.0.0.0", "conf.py"), ("unknown", None, ""),
                      ("unknown", None, "")]
    # a third-party star import after the local one may rebind the name: no verdict
    m = code({"Procfile": "web: python app.py\n", "conf.py": "PORT = 8080\n",
              "app.py": "from conf import *\nfrom tkinter import *\nfrom flask import *\np = PORT\n"})
    mod = m.module("app.py")
    assert m.evaluate(mod, mod.tree.body[-1].value).kind == "unknown"


def test_dockerfile_model_heredoc_bom_and_stages(app):
    root = app({"Dockerfile": "\ufeff# syntax=docker/dockerfile:1\nFROM python:3.12 AS build\nRUN <<EOF\nset -e\n"
                              "USER root\nEOF\nFROM build\nENV A=1 B=two\nRUN apt-get install \\\n\n    curl\n"
                              "CMD ['python', 'x.py']\n"})
    df = Project(root).dockerfile
    assert [(i.instruction, i.line) for i in df.instructions] == [
        ("FROM", 2), ("RUN", 3), ("FROM", 7), ("ENV", 8), ("RUN", 9), ("CMD", 12)]
    assert df.instructions[1].heredocs == [("EOF", "set -e\nUSER root")] and df.instructions[1].end_line == 6
    assert [(s.base, s.name, s.parent) for s in df.stages] == [("python:3.12", "build", None), ("build", None, 0)]
    assert df.env() == {"A": "1", "B": "two"}
    assert df.cmd.exec_form is None  # single quotes are not JSON: Docker runs it as a shell command
    assert df.warnings and df.warnings[0][0] == 10 and not df.errors


def test_dockerfile_source_of_an_image_path(app):
    root = app({"Dockerfile": "FROM python:3.12\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\n"
                              "COPY req/dev.txt req/prod.txt ./req/\nCOPY ./app /code/app\nRUN pip install x\n"
                              "WORKDIR /code/app\nCOPY conf.yml .\nCOPY . /srv\n"})
    df = Project(root).dockerfile
    assert df.source_of("/code/requirements.txt") == "requirements.txt"
    assert df.source_of("requirements.txt", before=7) == "requirements.txt"  # relative to WORKDIR /code
    assert df.source_of("req/prod.txt", before=7) == "req/prod.txt"
    assert df.source_of("/code/app/main.py") == "app/main.py"
    assert df.source_of("/code/app/conf.yml") == "conf.yml"
    assert df.source_of("/srv/x/y.py") == "x/y.py"
    assert df.source_of("/code/app/conf.yml", before=8) == "app/conf.yml"  # line 8's COPY has not run yet
    assert df.source_of("/code/conf.yml") is None
    assert df.source_of("/etc/passwd") is None


def test_script_folder_is_an_import_root(code):
    m = code({"Procfile": "worker: python src/bot.py\n", "src/bot.py": "import handlers\n", "src/handlers.py": ""})
    assert [x.path for x in m.start_path("worker")] == ["src/bot.py", "src/handlers.py"]
    assert m.module("src/handlers.py").name == "handlers"


def test_django_project_in_a_subfolder(code):
    m = code({"Procfile": "web: cd backend && gunicorn mysite.wsgi\n",
              "backend/mysite/__init__.py": "", "backend/mysite/settings.py": "ROOT_URLCONF = 'mysite.urls'\n",
              "backend/mysite/urls.py": "",
              "backend/mysite/wsgi.py": "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings'\n"})
    ep = only(m)
    assert (ep.module, ep.also) == ("backend/mysite/wsgi.py", ["backend/mysite/settings.py", "backend/mysite/urls.py"])


def test_tini_and_shell_wrappers(code):
    m = code({"Dockerfile": 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["tini", "--"]\n'
                            'CMD ["sh", "-c", "exec python bot.py"]\n', "bot.py": ""})
    assert [(e.line, e.module) for e in m.entrypoints] == [(5, "bot.py")]


@pytest.mark.parametrize("text,instructions,errors", [
    ("", [], []),
    ("RUN echo\n", [("RUN", 1)], [1]),                                     # no FROM
    ("FROM a\nRUN echo hi \\\n", [("FROM", 1), ("RUN", 2)], [2]),          # dangling continuation
    ("FROM a\nRUN <<EOF\nnever closed\n", [("FROM", 1), ("RUN", 2)], [2]),
    ("# escape=`\nFROM a\nRUN echo `\n  hi\nCMD x\n", [("FROM", 2), ("RUN", 3), ("CMD", 5)], []),
    ("FROM a\r\nRUN a \\\r\n  b\r\nCMD [\"x\"]\r\n", [("FROM", 1), ("RUN", 2), ("CMD", 4)], []),
    ("FROM a\nFOO bar\n", [("FROM", 1), ("FOO", 2)], [2]),
    ("FROM a\nRUN cat <<'A' <<B\n1\nA\n2\nB\nCMD x\n", [("FROM", 1), ("RUN", 2), ("CMD", 7)], []),
])
def test_dockerfile_model_edge_cases(app, text, instructions, errors):
    df = Project(app({"Dockerfile": text})).dockerfile
    assert [(i.instruction, i.line) for i in df.instructions] == instructions
    assert [line for line, _ in df.errors] == errors


def test_dockerfile_exec_and_shell_forms(app):
    df = Project(app({"Dockerfile": 'FROM a\nENTRYPOINT ["gunicorn", \\\n  "-b", "0.0.0.0:$PORT"]\nCMD app:app\n'})).dockerfile
    assert df.entrypoint.exec_form == ["gunicorn", "-b", "0.0.0.0:$PORT"] and df.entrypoint.end_line == 3
    assert df.cmd.exec_form is None and df.cmd.args() == ["app:app"]


def test_script_arguments_are_its_dollar_at(code):
    m = code({"Procfile": "web: ./start.sh gunicorn app:app\n", "app.py": FLASK_APP,
              "start.sh": "#!/bin/bash\nset -e\nif python check.py; then\n  echo ok\nfi\nexec \"$@\"\n",
              "check.py": ""})
    assert [(e.source, e.line, e.module, e.via) for e in m.entrypoints] == [
        ("start.sh", 3, "check.py", [("Procfile", 1)]),
        ("Procfile", 1, "app.py", [("Procfile", 1), ("start.sh", 6)])]


def test_relative_imports_under_a_chdir_root(code):
    m = code({"Procfile": "web: gunicorn --chdir src web.app:app\n", "src/web/__init__.py": "",
              "src/web/app.py": "from .views import index\nfrom . import models\napp = 1\n",
              "src/web/views.py": "def index(): pass\n", "src/web/models.py": ""})
    assert only(m).missing is None
    assert [x.path for x in m.start_path("web")] == [
        "src/web/app.py", "src/web/__init__.py", "src/web/views.py", "src/web/models.py"]
    assert [i.module for i in m.module("src/web/app.py").imports] == ["web.views", "web"]


def test_installed_project_package_folder_is_an_import_root(code):
    """uv installs a project with a build system (editable: src/ goes on sys.path through a .pth), so its
    package imports by name and its modules have their package names; a container is not modelled."""
    pyproject = ('[project]\nname = "uvapp"\nversion = "0.1.0"\ndependencies = ["flask"]\n\n[build-system]\n'
                 'requires = ["uv_build>=0.8,<0.9"]\nbuild-backend = "uv_build"\n')
    files = {"pyproject.toml": pyproject, "uv.lock": 'version = 1\n', "Procfile": "web: gunicorn uvapp.web:app\n",
             "src/uvapp/__init__.py": "", "src/uvapp/web.py": "from uvapp import views\n" + FLASK_APP,
             "src/uvapp/views.py": "from .models import db\n", "src/uvapp/models.py": "db = 1\n"}
    m = code(files)
    ep = only(m)
    assert (ep.module, ep.attr, ep.missing) == ("src/uvapp/web.py", "app", None)
    assert ep.roots == ["", "src"]
    assert [mod.path for mod in m.start_path("web")] == ["src/uvapp/web.py", "src/uvapp/__init__.py",
                                                         "src/uvapp/views.py", "src/uvapp/models.py"]
    assert m.module("src/uvapp/views.py").name == "uvapp.views"


def test_installed_project_roots_are_for_the_buildpack_only(code):
    """The same tree built by its Dockerfile: what the image installs is up to the Dockerfile (not modelled)."""
    pyproject = ('[project]\nname = "uvapp"\nversion = "0.1.0"\n\n[build-system]\nrequires = ["uv_build"]\n'
                 'build-backend = "uv_build"\n')
    m = code({"pyproject.toml": pyproject, "uv.lock": "version = 1\n", "src/uvapp/__init__.py": FLASK_APP,
              "Dockerfile": "FROM python:3.12\nCOPY . .\nCMD gunicorn uvapp:app\n"})
    assert only(m).roots == [""]
    assert only(m).missing == "module 'uvapp' is not in the repository (it is in src/uvapp/__init__.py: run from " \
                              "'src', e.g. --chdir src)"
