"""PF605 database-localhost: production points the database at the local machine."""
RULE = "database-localhost"


def test_localhost_url_in_a_production_config(check):
    files = {"config/production.yaml": "database:\n  url: postgresql://app:pw@localhost:5432/app\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 2)]


def test_host_key_in_a_database_section(check):
    files = {"settings.prod.json": '{\n  "debug": false,\n  "postgres": {\n    "host": "127.0.0.1"\n  }\n}\n'}
    assert check(files, RULE) == [(RULE, "settings.prod.json", 4)]


def test_placeholder_and_dev_config_are_quiet(check):
    files = {"config/production.yaml": "database:\n  url: $DATABASE_URL\n",
             "config/local.yaml": "database:\n  url: postgresql://app@localhost/app\n"}
    assert check(files, RULE) == []


def test_server_host_is_not_a_database(check):
    files = {"config/production.yaml": "server:\n  host: 0.0.0.0\n"}
    assert check(files, RULE) == []


def test_generated_file_is_replaced_by_its_template(check):
    files = {"Procfile": "web: sh run.sh\n", "requirements.txt": "PyYAML\n",
             "run.sh": "envsubst < config/heroku_config.yaml > config/config.yaml\npython main.py\n",
             "main.py": "import yaml\ncfg = yaml.safe_load(open('config/config.yaml'))\n",
             "config/config.yaml": "db: postgresql://u:p@localhost/app\n",
             "config/heroku_config.yaml": "db: $DATABASE_URL\n"}
    assert check(files, RULE) == []


def test_alembic_ini_url_when_alembic_runs(check):
    files = {"Procfile": "release: alembic upgrade head\nweb: gunicorn app:app\n",
             "requirements.txt": "alembic\ngunicorn\nflask\n",
             "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "alembic.ini": "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://u:p@localhost/app\n",
             "migrations/env.py": "from alembic import context\n"}
    assert check(files, RULE) == [(RULE, "alembic.ini", 3)]
    files["migrations/env.py"] = ("import os\nfrom alembic import context\n"
                                  "context.config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])\n")
    assert check(files, RULE) == []


def test_create_engine_literal_and_env_fallback(check):
    files = {"Procfile": "web: python app.py\n", "requirements.txt": "sqlalchemy\n",
             "app.py": "import os\nfrom sqlalchemy import create_engine\n"
                       "a = create_engine('postgresql://u@localhost/app')\n"
                       "b = create_engine(os.environ.get('DATABASE_URL', 'postgresql://u@localhost/app'))\n"}
    assert check(files, RULE) == [(RULE, "app.py", 3)]


def test_django_host(check):
    settings = ("DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n"
                "        'NAME': 'app',\n        'HOST': 'localhost',\n    }\n}\n"
                "INSTALLED_APPS = []\nROOT_URLCONF = 'proj.urls'\n")
    files = {"Procfile": "web: gunicorn proj.wsgi\n", "requirements.txt": "django\ngunicorn\n",
             "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
             "proj/__init__.py": "", "proj/urls.py": "urlpatterns = []\n",
             "proj/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"
                             "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
             "proj/settings.py": settings}
    assert check(files, RULE) == [(RULE, "proj/settings.py", 5)]
    files["proj/settings.py"] = settings + "import dj_database_url\nDATABASES['default'] = dj_database_url.config()\n"
    assert check(files, RULE) == []


def test_config_localhost_is_a_fallback_when_code_reads_database_url(check):
    files = {"Procfile": "web: python app.py\n", "requirements.txt": "sqlalchemy\nPyYAML\n",
             "app.py": "import os\nimport yaml\nfrom sqlalchemy import create_engine\n"
                       "cfg = yaml.safe_load(open('config.yaml'))\n"
                       "engine = create_engine(os.environ.get('DATABASE_URL') or cfg['db']['url'])\n",
             "config.yaml": "db:\n  url: postgresql://u@localhost/app\n"}
    assert check(files, RULE) == []
    files["app.py"] = files["app.py"].replace("os.environ.get('DATABASE_URL') or ", "")
    assert check(files, RULE) == [(RULE, "config.yaml", 2)]

