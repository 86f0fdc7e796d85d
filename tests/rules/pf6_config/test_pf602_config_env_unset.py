"""PF602 config-env-unset: placeholders and os.environ[...] reads nothing provides."""
import json

from conftest import run_rules

RULE = "config-env-unset"
RUN_SH = "#!/bin/sh\nenvsubst < config/heroku_config.yaml > config/config.yaml\nexec python main.py\n"
MAIN = "import yaml\nconfig = yaml.safe_load(open('config/config.yaml'))\nprint(config)\n"


def files(template, **extra):
    out = {"Procfile": "web: sh run.sh\n", "run.sh": RUN_SH, "main.py": MAIN, "requirements.txt": "PyYAML\n",
           "config/heroku_config.yaml": template}
    out.update(extra)
    return out


def seen(app, fs):
    return [(f.name, f.path, f.line, f.severity.value) for f in run_rules(app(fs), select=[RULE]).active]


def test_without_app_json_one_info_lists_what_to_set(app):
    result = run_rules(app(files("token: $BOT_TOKEN\nadmin: ${ADMIN_ID}\nport: $PORT\n")), select=[RULE])
    (f,) = result.active
    assert (f.name, f.path, f.line, f.severity.value) == (RULE, "config/heroku_config.yaml", 1, "info")
    assert "ADMIN_ID, BOT_TOKEN" in f.message
    assert "heroku config:set ADMIN_ID=... BOT_TOKEN=..." in f.hint


def test_platform_and_addon_variables_need_nothing_without_app_json(app):
    assert seen(app, files("port: $PORT\ndb: $DATABASE_URL\nredis: ${REDIS_URL}\ndyno: $DYNO\n")) == []


def test_app_json_that_misses_a_variable_warns_at_its_line(app):
    app_json = json.dumps({"name": "bot", "env": {"BOT_TOKEN": {"required": True}}})
    fs = files("token: $BOT_TOKEN\nadmin: $ADMIN_ID\n", **{"app.json": app_json})
    assert seen(app, fs) == [(RULE, "config/heroku_config.yaml", 2, "warning")]


def test_app_json_without_the_addon_names_it(app):
    fs = files("db: $DATABASE_URL\n", **{"app.json": json.dumps({"name": "x"})})
    result = run_rules(app(fs), select=[RULE])
    (f,) = result.active
    assert (f.path, f.line) == ("config/heroku_config.yaml", 1)
    assert "Heroku Postgres" in f.message and "heroku-postgresql" in f.hint


def test_app_json_with_the_addon_is_quiet(app):
    fs = files("db: $DATABASE_URL\n", **{"app.json": json.dumps({"name": "x", "addons": ["heroku-postgresql"]})})
    assert seen(app, fs) == []


def test_variable_set_in_the_script_before_envsubst_is_quiet(app):
    run = "#!/bin/sh\nexport APP_MODE=prod\nenvsubst < config/heroku_config.yaml > config/config.yaml\npython main.py\n"
    assert seen(app, files("mode: $APP_MODE\n", **{"run.sh": run})) == []


def test_default_syntax_is_not_a_placeholder_for_envsubst(app):
    # GNU envsubst leaves ${VAR:-x} as written: no variable is needed for it
    assert seen(app, files("mode: ${APP_MODE:-prod}\n")) == []


def test_required_environ_read_in_code_that_app_json_misses(app):
    fs = {"Procfile": "web: python bot.py\n", "requirements.txt": "requests\n",
          "bot.py": "import os\nTOKEN = os.environ['BOT_TOKEN']\nPORT = os.environ['PORT']\nKEY = os.environ['KEY']\n",
          "app.json": json.dumps({"name": "bot", "env": {"KEY": {"generator": "secret"}}})}
    assert seen(app, fs) == [(RULE, "bot.py", 2, "warning")]


def test_environ_read_without_app_json_is_left_to_the_keyerror(app):
    fs = {"Procfile": "web: python bot.py\n", "requirements.txt": "requests\n",
          "bot.py": "import os\nTOKEN = os.environ['BOT_TOKEN']\n"}
    assert seen(app, fs) == []


def test_guarded_environ_read_is_quiet(app):
    fs = {"Procfile": "web: python bot.py\n", "requirements.txt": "requests\n", "app.json": '{"name": "bot"}',
          "bot.py": "import os\ntry:\n    TOKEN = os.environ['BOT_TOKEN']\nexcept KeyError:\n    TOKEN = None\n"}
    assert seen(app, fs) == []


def test_placeholder_app_json_misses_as_the_user_sees_it(check):
    fs = files("token: $BOT_TOKEN\nadmin: $ADMIN_ID\n",
               **{"app.json": json.dumps({"name": "bot", "env": {"ADMIN_ID": "1"}})})
    assert check(fs, RULE) == [(RULE, "config/heroku_config.yaml", 1)]
