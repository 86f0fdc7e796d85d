"""PF607 yaml-duplicate-key: repeated keys are seen, not dropped."""
RULE = "yaml-duplicate-key"


def test_repeated_key_in_one_mapping(check):
    files = {"config/production.yaml": "db:\n  url: a\n  pool: 5\n  url: b\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 4)]


def test_keys_that_load_as_the_same_boolean_collide(check):
    files = {"config/production.yaml": "flags:\n  on: 1\n  yes: 2\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 3)]


def test_same_key_in_different_mappings_is_quiet(check):
    files = {"config/production.yaml": "a:\n  url: x\nb:\n  url: y\n"}
    assert check(files, RULE) == []


def test_heroku_yml_duplicate_process(check):
    files = {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: python a.py\n  web: python b.py\n",
             "Dockerfile": "FROM python:3.13\n"}
    assert check(files, RULE) == [(RULE, "heroku.yml", 6)]
