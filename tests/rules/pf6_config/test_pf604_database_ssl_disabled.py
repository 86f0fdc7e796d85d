"""PF604 database-ssl-disabled: SSL turned off for the production database."""
RULE = "database-ssl-disabled"
REMOTE = "postgres://u:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/db"


def test_flag_in_a_production_yaml(check):
    files = {"config/heroku_config.yaml": f"postgres:\n  database_url: {REMOTE}\n  require_ssl: false\n"}
    assert check(files, RULE) == [(RULE, "config/heroku_config.yaml", 3)]


def test_flag_on_is_quiet(check):
    files = {"config/heroku_config.yaml": "postgres:\n  database_url: $DATABASE_URL\n  require_ssl: true\n"}
    assert check(files, RULE) == []


def test_url_asking_for_sslmode_require_makes_the_flag_safe(check):
    files = {"config/production.yaml": f"db:\n  url: {REMOTE}?sslmode=require\n  ssl: false\n"}
    assert check(files, RULE) == []


def test_ssl_flag_outside_a_database_section_is_quiet(check):
    files = {"config/production.yaml": "smtp:\n  host: smtp.example.com\n  ssl: false\n"}
    assert check(files, RULE) == []


def test_dev_config_is_quiet(check):
    files = {"config/dev.yaml": "postgres:\n  database_url: $DATABASE_URL\n  require_ssl: false\n"}
    assert check(files, RULE) == []


def test_sslmode_disable_in_a_url_in_code(check):
    files = {"Procfile": "web: python app.py\n", "requirements.txt": "sqlalchemy\n",
             "app.py": f"from sqlalchemy import create_engine\nengine = create_engine('{REMOTE}?sslmode=disable')\n"}
    assert check(files, RULE) == [(RULE, "app.py", 2)]


def test_connect_args_and_asyncpg_ssl_false(check):
    files = {"Procfile": "web: python app.py\n", "requirements.txt": "sqlalchemy\nasyncpg\n",
             "app.py": "import os\nimport asyncpg\nfrom sqlalchemy import create_engine\n"
                       "engine = create_engine(os.environ['DATABASE_URL'], connect_args={'sslmode': 'disable'})\n"
                       "async def main():\n    return await asyncpg.connect(os.environ['DATABASE_URL'], ssl=False)\n"
                       "import asyncio\nasyncio.run(main())\n"}
    assert check(files, RULE) == [(RULE, "app.py", 4), (RULE, "app.py", 6)]


def test_env_file_for_production(check):
    files = {".env.production": "DATABASE_URL=$DATABASE_URL\nDB_SSLMODE=disable\n"}
    assert check(files, RULE) == [(RULE, ".env.production", 2)]


def test_ssl_false_of_another_client_is_quiet(check):
    files = {"Procfile": "web: python app.py\n", "requirements.txt": "websockets\n",
             "app.py": "import asyncio\nimport websockets\n"
                       "async def main():\n    return await websockets.connect('wss://x.example', ssl=False)\n"
                       "asyncio.run(main())\n"}
    assert check(files, RULE) == []
