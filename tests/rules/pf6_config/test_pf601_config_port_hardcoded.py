"""PF601 config-port-hardcoded: the port chain start command -> code -> config key -> template -> $PORT."""

RULE = "config-port-hardcoded"
MAIN = """import yaml
from aiohttp import web


def load_config(path="config/config.yaml"):
    with open(path) as f:
        return yaml.safe_load(f)


if __name__ == "__main__":
    app = web.Application()
    app["config"] = load_config()
    web.run_app(app, host="0.0.0.0", port={port})
"""
RUN_SH = "#!/bin/sh\nenvsubst < config/heroku_config.yaml > config/config.yaml\nexec python main.py\n"


def seed(port_line="port: 8080", port_expr='app["config"]["common"]["port"]', run_sh=RUN_SH, **extra):
    files = {
        "Procfile": "web: sh run.sh\n",
        "run.sh": run_sh,
        "requirements.txt": "aiohttp==3.12.15\nPyYAML==6.0.3\n",
        "main.py": MAIN.format(port=port_expr),
        "config/heroku_config.yaml": f"common:\n  {port_line}\npostgres:\n  database_url: $DATABASE_URL\n",
    }
    files.update(extra)
    return files


def test_template_line_that_sets_a_fixed_port(check):
    assert check(seed(), RULE) == [(RULE, "config/heroku_config.yaml", 2)]


def test_message_names_the_chain(app):
    from conftest import run_rules

    result = run_rules(app(seed()), select=[RULE])
    (f,) = result.active
    assert "main.py reads config['common']['port'] from config/config.yaml" in f.message
    assert "run.sh makes from config/heroku_config.yaml with envsubst" in f.message
    assert "line 2 sets port: 8080, not $PORT" in f.message


def test_container_cmd_runs_the_script(check):
    files = seed()
    del files["Procfile"]
    files["Dockerfile"] = "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD [\"./run.sh\"]\n"
    assert check(files, RULE) == [(RULE, "config/heroku_config.yaml", 2)]


def test_port_placeholder_filled_at_start_is_quiet(check):
    assert check(seed("port: $PORT"), RULE) == []
    assert check(seed("port: ${PORT}"), RULE) == []


def test_port_read_from_the_environment_first_is_quiet(check):
    expr = 'int(os.environ.get("PORT", app["config"]["common"]["port"]))'
    files = seed(port_expr=expr)
    files["main.py"] = "import os\n" + files["main.py"]
    assert check(files, RULE) == []


def test_dev_config_the_app_does_not_read_is_quiet(check):
    files = seed("port: $PORT", **{"config/dev.yaml": "common:\n  port: 8080\n"})
    assert check(files, RULE) == []


def test_committed_config_read_directly(check):
    files = seed(run_sh="#!/bin/sh\nexec python main.py\n")
    del files["config/heroku_config.yaml"]
    files["config/config.yaml"] = "common:\n  debug: false\n  port: 8080\n"
    assert check(files, RULE) == [(RULE, "config/config.yaml", 3)]


def test_unexpanded_port_text_in_a_file_nothing_fills(check):
    files = seed(run_sh="#!/bin/sh\nexec python main.py\n")
    del files["config/heroku_config.yaml"]
    files["config/config.yaml"] = "common:\n  port: $PORT\n"
    assert check(files, RULE) == [(RULE, "config/config.yaml", 2)]


def test_shell_format_that_leaves_port_out(check):
    run = "#!/bin/sh\nenvsubst '$DATABASE_URL' < config/heroku_config.yaml > config/config.yaml\nexec python main.py\n"
    assert check(seed("port: $PORT", run_sh=run), RULE) == [(RULE, "config/heroku_config.yaml", 2)]


def test_gunicorn_config_passed_with_c(check):
    files = {"Procfile": "web: gunicorn app:app -c gunicorn_config.py\n", "requirements.txt": "flask\ngunicorn\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "gunicorn_config.py": "workers = 2\nbind = \"0.0.0.0:8080\"\n"}
    assert check(files, RULE) == [(RULE, "gunicorn_config.py", 2)]


def test_gunicorn_default_config_file(check):
    files = {"Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask\ngunicorn\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "gunicorn.conf.py": "bind = ['0.0.0.0:5000']\n"}
    assert check(files, RULE) == [(RULE, "gunicorn.conf.py", 1)]


def test_gunicorn_bind_from_env_or_command_line_is_quiet(check):
    base = {"requirements.txt": "flask\ngunicorn\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    env_bind = {**base, "Procfile": "web: gunicorn app:app -c gunicorn_config.py\n",
                "gunicorn_config.py": "import os\nbind = f\"0.0.0.0:{os.environ.get('PORT', '8000')}\"\n"}
    assert check(env_bind, RULE) == []
    cli_bind = {**base, "Procfile": "web: gunicorn app:app -c gunicorn_config.py -b 0.0.0.0:$PORT\n",
                "gunicorn_config.py": "bind = \"0.0.0.0:8080\"\n"}
    assert check(cli_bind, RULE) == []


def test_uwsgi_ini_http_socket(check):
    files = {"Procfile": "web: uwsgi --ini uwsgi.ini\n", "requirements.txt": "flask\nuwsgi\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "uwsgi.ini": "[uwsgi]\nmodule = app:app\nhttp-socket = :8080\nmaster = true\n"}
    assert check(files, RULE) == [(RULE, "uwsgi.ini", 3)]
    files["uwsgi.ini"] = "[uwsgi]\nmodule = app:app\nhttp-socket = :$(PORT)\n"
    assert check(files, RULE) == []


def test_hint_fits_a_file_nothing_fills(app):
    from conftest import run_rules

    files = seed(run_sh="#!/bin/sh\nexec python main.py\n")
    del files["config/heroku_config.yaml"]
    files["config/config.yaml"] = "common:\n  port: 8080\n"
    (f,) = run_rules(app(files), select=[RULE]).active
    assert "os.environ.get('PORT'" in f.hint
    (g,) = run_rules(app(seed()), select=[RULE]).active
    assert g.hint.startswith("Write $PORT on that line")


def test_toml_and_json_configs_the_code_opens(check):
    code = ("import json\nimport tomllib\nfrom aiohttp import web\n\n"
            "cfg = tomllib.load(open('settings.toml', 'rb'))\nextra = json.load(open('conf/app.json'))\n"
            "web.run_app(web.Application(), port=cfg['server']['port'])\n")
    files = {"Procfile": "web: python main.py\n", "requirements.txt": "aiohttp\n", "main.py": code,
             "settings.toml": "title = 'x'\n\n[server]\nport = 8080\n", "conf/app.json": '{"port": 1}'}
    assert check(files, RULE) == [(RULE, "settings.toml", 4)]
    files["main.py"] = code.replace("cfg['server']['port']", "extra.get('port')")
    files["conf/app.json"] = '{\n  "name": "x",\n  "port": 8080\n}\n'
    assert check(files, RULE) == [(RULE, "conf/app.json", 3)]


def test_only_the_file_the_server_reads_counts(check):
    code = ("import json\nimport yaml\nfrom aiohttp import web\n\ncfg = yaml.safe_load(open('app.yaml'))\n"
            "cache = json.load(open('cache.json'))\nweb.run_app(web.Application(), port=cfg['server']['port'])\n")
    files = {"Procfile": "web: python main.py\n", "requirements.txt": "aiohttp\nPyYAML\n", "main.py": code,
             "app.yaml": "server:\n  port: 8080\n", "cache.json": '{"server": {"port": 6379}}'}
    both = check(files, RULE)
    assert both == []   # two files hold server.port: which one the server reads is not known
    files["app.yaml"] = "server:\n  port: $PORT\n"
    files["cache.json"] = '{"redis": {"port": 6379}}'
    assert check(files, RULE) == [(RULE, "app.yaml", 2)]


def test_runs_only_where_the_platform_sets_port(check):
    assert check(seed(), RULE, platform="dokku") == [(RULE, "config/heroku_config.yaml", 2)]
    assert check(seed(), RULE, platform="fly") == []
