"""PF609 app-json-invalid: app.json schema errors, retired plans and stacks, at the line."""
from conftest import run_rules

RULE = "app-json-invalid"


def seen(app, text):
    return [(f.name, f.path, f.line, f.severity.value)
            for f in run_rules(app({"app.json": text}), select=[RULE]).active]


def test_retired_addon_plans_at_their_lines(app):
    text = ('{\n  "name": "forum",\n  "addons": [\n    "heroku-postgresql:hobby-dev",\n'
            '    {"plan": "heroku-redis:hobby-dev"}\n  ]\n}\n')
    assert seen(app, text) == [(RULE, "app.json", 4, "error"), (RULE, "app.json", 5, "error")]


def test_retired_stack(app):
    assert seen(app, '{\n  "name": "x",\n  "stack": "heroku-20"\n}\n') == [(RULE, "app.json", 3, "error")]


def test_schema_types(app):
    text = ('{\n  "name": 5,\n  "env": {\n    "DEBUG": {"value": false},\n    "KEY": {"generator": "random"}\n  },\n'
            '  "formation": {\n    "web": {"quantity": -1, "size": "basic"}\n  },\n'
            '  "buildpacks": [\n    "heroku/python"\n  ]\n}\n')
    assert seen(app, text) == [(RULE, "app.json", 2, "error"), (RULE, "app.json", 4, "error"),
                               (RULE, "app.json", 5, "error"), (RULE, "app.json", 8, "error"),
                               (RULE, "app.json", 10, "error")]


def test_unknown_keys_and_retired_sizes_are_warnings(app):
    text = ('{\n  "name": "x",\n  "enviroments": {},\n  "formation": {\n    "web": {"quantity": 1, "size": "free"}\n'
            '  }\n}\n')
    assert seen(app, text) == [(RULE, "app.json", 3, "warning"), (RULE, "app.json", 5, "warning")]


def test_valid_app_json_is_quiet(app):
    text = ('{\n  "name": "forum",\n  "description": "A forum",\n  "keywords": ["python"],\n'
            '  "env": {"SECRET_KEY": {"generator": "secret"}, "MODE": "prod", "TOKEN": {"required": true}},\n'
            '  "formation": {"web": {"quantity": 1, "size": "basic"}},\n'
            '  "addons": ["heroku-postgresql:essential-0", {"plan": "heroku-redis:mini", "as": "CACHE"}],\n'
            '  "buildpacks": [{"url": "heroku/python"}],\n  "stack": "heroku-24",\n'
            '  "scripts": {"postdeploy": "python manage.py migrate"},\n'
            '  "environments": {"test": {"scripts": {"test": "pytest"}}}\n}\n')
    assert seen(app, text) == []


def test_invalid_json_is_file_unreadable_not_this_rule(app):
    root = app({"app.json": '{\n  "name": "x",\n}\n'})
    result = run_rules(root)
    assert [f.name for f in result.active if f.path == "app.json"] == ["file-unreadable"]


def test_retired_plan_as_the_user_sees_it(check):
    text = '{\n  "name": "forum",\n  "addons": ["heroku-postgresql:hobby-dev"]\n}\n'
    assert check({"app.json": text}, RULE) == [(RULE, "app.json", 3)]
