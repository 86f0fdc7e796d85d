"""PF701 secret-committed: every kind of secret in the files users write, the look-alikes that must stay
quiet, the scope (what git tracks), masking in every output format, and precision cases from real trees.

Every token here is generated at run time (tests/secrets_labelled.py): no secret-shaped literal is
committed, and assertion messages never print a value (only masks, kinds, paths and lines).
"""
from __future__ import annotations

import json
import subprocess

import pytest
import secrets_labelled as L
from conftest import HAVE_GIT, cli, findings, git_init, run_rules, write_files
from secrets_labelled import secret_rows

from preflight.masking import mask
from preflight.project import detectors


G = L.Fakes(seed=4242)
needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")


def test_fires_as_the_user_sees_it(app):
    root = app({"conf.py": "import os\n\nTOKEN = \"" + G.telegram() + "\"\n",
                "settings.py": "import os\n\nTOKEN = os.environ[\"TOKEN\"]\n"})
    assert findings(root, select=["secret-committed"]) == [("secret-committed", "conf.py", 3)]


# -- positives: every kind, in the file types users write ------------------------------------------
POSITIVES = [
    # (file, line 2 of the file with {v} for the value, value maker, kind, severity)
    ("conf.py", 'TOKEN = "{v}"', "telegram", "telegram-bot-token", "error"),
    ("bot.py", 'bot = telebot.TeleBot("{v}", threaded=False)', "telegram", "telegram-bot-token", "error"),
    ("bot.py", 'app = Application.builder().token("{v}").build()', "telegram", "telegram-bot-token", "error"),
    ("hook.py", 'URL = f"https://api.telegram.org/bot{v}/setWebhook"', "telegram", "telegram-bot-token", "error"),
    ("config.yaml", "token: {v}", "telegram", "telegram-bot-token", "error"),
    (".env", "TELEGRAM_TOKEN={v}", "telegram", "telegram-bot-token", "error"),
    ("aws.py", 'AWS_ACCESS_KEY_ID = "{v}"', "aws_key", "aws-access-key", "error"),
    ("aws.py", 'AWS_SECRET_ACCESS_KEY = "{v}"', "aws_secret", "aws-secret-key", "error"),
    ("gh.py", 'g = Github("{v}")', "github", "github-token", "error"),
    ("gh.yaml", "token: {v}", "github_fine", "github-token", "error"),
    ("gl.py", 'gl = gitlab.Gitlab(url, private_token="{v}")', "gitlab", "gitlab-token", "error"),
    ("slack.py", 'client = WebClient(token="{v}")', "slack", "slack-token", "error"),
    ("notify.yaml", "webhook: {v}", "slack_hook", "slack-webhook", "error"),
    ("pay.py", 'stripe.api_key = "{v}"', "stripe", "stripe-key", "error"),
    ("pay.py", 'stripe.api_key = "{v}"', "stripe_test", "stripe-key", "warning"),
    ("maps.js", 'const key = "{v}";', "google", "google-api-key", "error"),
    ("ai.py", 'client = OpenAI(api_key="{v}")', "openai", "openai-key", "error"),
    ("ai.py", 'client = anthropic.Anthropic(api_key="{v}")', "anthropic", "anthropic-key", "error"),
    ("mail.py", 'sg = SendGridAPIClient("{v}")', "sendgrid", "sendgrid-key", "error"),
    ("sms.json", '"twilio_key_sid": "{v}",', "twilio", "twilio-key", "error"),
    ("deploy.sh", "export HEROKU_API_KEY={v}", "heroku", "heroku-api-key", "error"),
    ("deploy.sh", "export HEROKU_API_KEY={v}", "uuid", "heroku-api-key", "error"),
    (".pypirc", "password = {v}", "pypi", "pypi-token", "error"),
    ("hf.py", 'login("{v}")', "huggingface", "huggingface-token", "error"),
    ("do.yaml", "do_token: {v}", "digitalocean", "digitalocean-token", "error"),
    (".npmrc", "//registry.npmjs.org/:_authToken={v}", "npm", "npm-token", "error"),
    ("auth.py", 'ACCESS_TOKEN = "{v}"', "jwt", "jwt", "error"),
    ("fixtures.json", '"blob": "{v}",', "jwt", "jwt", "warning"),
    ("settings.py", 'DATABASE_URL = "postgres://app:{v}@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1"', "password",
     "url-credentials", "error"),
    ("config.yaml", "  database_url: mysql://app:{v}@10.0.0.12:3306/app", "password", "url-credentials", "error"),
    ("celery.py", 'BROKER = "amqps://w:{v}@rabbit.cloudamqp.com/vh"', "password", "url-credentials", "error"),
    ("cache.ini", "url = redis://:{v}@redis-1.c7.cloud.redislabs.com:6379", "password", "url-credentials", "error"),
    ("db.toml", 'uri = "mongodb+srv://admin:{v}@cluster0.abc.mongodb.net/db"', "password", "url-credentials",
     "error"),
    ("settings.py", 'SECRET_KEY = "{v}"', "django_key", "secret-key", "error"),
    ("app.py", 'app.secret_key = "{v}"', "generic", "secret-key", "error"),
    ("app.py", 'app.config["SECRET_KEY"] = "{v}"', "generic", "secret-key", "error"),
    ("app.py", 'app.config["SECRET_KEY"] = "my-flask-secret-key"', None, "secret-key",  # preflight: ignore[secret-committed]
     "warning"),
    ("settings.py", 'SECRET_KEY = os.environ.get("SECRET_KEY", "{v}")', "generic", "secret-key", "warning"),
    ("settings.py", 'API_KEY = "{v}"', "generic", "secret", "error"),
    ("settings.py", 'DB_PASSWORD = "{v}"', "password", "password", "error"),
    ("db.py", 'conn = psycopg2.connect(dbname="app", password="{v}")', "password", "password", "error"),
    ("config.yaml", "  password: {v}", "password", "password", "error"),
    ("config.yaml", '  api_token: "{v}"', "generic", "secret", "error"),
    ("settings.json", '  "client_secret": "{v}",', "generic", "secret", "error"),
    ("settings.ini", "api_key = {v}", "generic", "secret", "error"),
    ("settings.cfg", "password: {v}", "password", "password", "error"),
    (".env.production", "SECRET_KEY={v}", "generic", "secret-key", "error"),
    ("Dockerfile", "ENV SECRET_KEY={v}", "generic", "secret-key", "error"),
    ("Dockerfile", "ENV API_TOKEN {v}", "generic", "secret", "error"),
    ("Dockerfile", "ARG GITHUB_TOKEN={v}", "github", "github-token", "error"),
    ("Procfile", "web: API_TOKEN={v} gunicorn app:app", "generic", "secret", "error"),
    (".netrc", "machine api.heroku.com login me@example.com password {v}", "uuid", "heroku-api-key", "error"),
    ("tests/test_bot.py", 'TOKEN = "{v}"', "telegram", "telegram-bot-token", "warning"),
    ("docs/setup.md", "    heroku config:set TOKEN={v}", "telegram", "telegram-bot-token", "warning"),
]


MAKERS = {
    "telegram": G.telegram, "aws_key": G.aws_key, "aws_secret": G.aws_secret, "github": G.github,
    "github_fine": G.github_fine, "gitlab": G.gitlab, "slack": G.slack, "slack_hook": G.slack_hook,
    "stripe": G.stripe, "stripe_test": lambda: G.stripe("test"), "google": G.google, "openai": G.openai,
    "anthropic": G.anthropic, "sendgrid": G.sendgrid, "twilio": G.twilio, "heroku": G.heroku, "pypi": G.pypi,
    "npm": G.npm, "huggingface": G.huggingface, "digitalocean": G.digitalocean, "jwt": G.jwt, "password": G.password, "generic": G.generic, "django_key": G.django_key,
    "uuid": G.uuid,
}


@pytest.mark.parametrize("path, line, maker, kind, severity", POSITIVES,
                         ids=[f"{p[3]}-{p[0]}-{i}" for i, p in enumerate(POSITIVES)])
def test_fires(app, path, line, maker, kind, severity):
    text = line.replace("{v}", MAKERS[maker]()) if maker else line
    root = app({path: "# first line\n" + text + "\n"})
    assert secret_rows(root) == [(path, 2, kind, severity)]


def test_private_key_block_reported_at_its_header(app):
    root = app({"deploy/id_rsa": "\n".join(G.pem_lines("RSA ")) + "\n",
                "sa.json": '{\n  "private_key": "' + "\\n".join(G.pem_lines("")) + '\\n"\n}\n'})
    assert secret_rows(root) == [("deploy/id_rsa", 1, "private-key", "error"),
                                 ("sa.json", 2, "private-key", "error")]


def test_aws_secret_beside_its_access_key_without_a_name(app):
    root = app({"s3.py": f"s3 = boto3.client('s3', '{G.aws_key()}',\n    '{G.aws_secret()}')\n"})
    assert secret_rows(root) == [("s3.py", 1, "aws-access-key", "error"), ("s3.py", 2, "aws-secret-key", "error")]


def test_app_json_env_value(app):
    text = ('{\n  "env": {\n    "SECRET_TOKEN": {\n      "description": "bot token",\n'
            f'      "value": "{G.generic(40)}"\n    }},\n    "SECRET_KEY": {{"generator": "secret"}},\n'
            '    "WEB_CONCURRENCY": {"value": "2"}\n  }\n}\n')
    root = app({"app.json": text})
    assert secret_rows(root) == [("app.json", 5, "secret", "error")]


def test_local_development_urls(app):
    """Loopback and docker-compose hosts: nothing for dev passwords, info for generated-looking ones."""
    root = app({"config/config.yaml": "database_url: postgresql://forum:forum@localhost:5432/forum\n"
                                      "cache: redis://:devpass1@127.0.0.1:6379\n"
                                      f"strong: postgres://app:{G.generic(20)}@db:5432/app\n"})
    assert secret_rows(root) == [("config/config.yaml", 3, "url-credentials", "info")]


# -- negatives: look-alikes that must stay quiet ---------------------------------------------------
NEGATIVES = [
    ("conf.py", 'TOKEN = os.environ["TOKEN"]'),
    ("conf.py", 'bot = telebot.TeleBot(os.getenv("TOKEN"))'),
    ("conf.py", 'SECRET_KEY = os.environ.get("SECRET_KEY")'),
    ("conf.py", 'API_KEY = "your-api-key-here"'),
    ("conf.py", 'TOKEN = "<token>"'),
    ("conf.py", 'TOKEN = "123456789:AA..."  # elided in documentation'),
    ("conf.py", 'PASSWORD = "changeme"'),
    ("conf.py", 'api_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'),
    ("conf.py", "PASSWORD_RESET_TIMEOUT = 3600"),
    ("conf.py", 'password_field = "password"'),
    ("conf.py", 'AUTH_TOKEN_HEADER = "X-Auth-Token"'),
    ("conf.py", 'token_type = "bearer"'),
    ("conf.py", "password = get_password()"),
    ("conf.py", 'SECRET_KEY = "{{ secret_key }}"'),
    ("conf.py", 'REQUEST_ID = "{uuid}"'),
    ("conf.py", 'EMPTY_SHA256 = "{hex64}"'),
    ("conf.py", 'GIT_COMMIT = "{hex40}"'),
    ("conf.py", 'key = "{hex32}"'),
    ("conf.py", 'CACHE_KEY = "user:{hex8}:profile"'),
    ("conf.py", 'VERSION = "1.2.3"'),
    ("conf.py", 'TOPIC = "arn:aws:sns:us-east-1:123456789012:AA{tail33}"'),
    ("conf.py", 'SHORT = "123456789:AA{tail32}"'),
    ("conf.py", 'LONG = "123456789:AA{tail33}x"'),
    ("conf.py", 'NOT_GH = "x{github}"'),
    ("conf.py", 'AWS = "AK' + 'IAIOSFODNN7' + 'EXAMPLE"'),
    ("conf.py", 'LOCAL = "postgresql://forum:forum@localhost:5432/forum"'),
    ("conf.py", 'TEMPLATE = "postgres://user:password@host:5432/db"'),
    ("conf.py", 'ENV_DB = "postgresql://${DB_USER}:${DB_PASSWORD}@db:5432/app"'),
    ("conf.py", 'DOC = "mysql://root:{password}@db.example.com/app"'),
    ("conf.py", '"password": "pbkdf2_sha256$870000$abcdefgh12345678$' + "Q" * 3 + 'x9Kd0="'),
    ("conf.py", 'password = "hunter2"  # pragma: allowlist secret'),
    ("conf.py", 'API_KEY = "{generic}"  # gitleaks:allow'),
    ("config.yaml", "password: ${DB_PASSWORD}"),
    ("config.yaml", "token: ${{ secrets.BOT_TOKEN }}"),
    ("config.yaml", "api_key: null"),
    ("config.yaml", "secret: inherit"),
    ("config.yaml", "session_id: {uuid}"),
    ("config.yaml", "checksum: sha256:{hex64}"),
    (".pre-commit-config.yaml", "    rev: {hex40}"),
    (".env.example", "TELEGRAM_TOKEN=your-token-here"),
    (".env", "PORT=5000"),
    ("alembic.ini", "sqlalchemy.url = driver://user:pass@localhost/dbname"),
    ("alembic.ini", "password = %(DB_PASSWORD)s"),
    ("requirements.txt", "flask==3.1.2 --hash=sha256:{hex64}"),
    ("Dockerfile", "ARG PYTHON_VERSION=3.12"),
    ("docker-compose.yml", "      - POSTGRES_PASSWORD=postgres"),
    ("app.json", '    "SECRET_KEY": {"generator": "secret"},'),
    ("package-lock.json", '  "integrity": "sha512-{b64}==",'),
    ("poetry.lock", 'token = "{telegram}"'),
    ("static/app.min.js", 'var t="{telegram}";'),
    ("node_modules/x/index.js", 'const t = "{telegram}";'),
    ("README.md", "Set `TOKEN = \"...\"` in conf.py, or TOKEN=<your token> in .env"),
]


def _fill(text: str) -> str:
    subst = {"{uuid}": G.uuid, "{hex64}": lambda: G.hexs(64), "{hex40}": lambda: G.hexs(40),
             "{hex32}": lambda: G.hexs(32), "{hex8}": lambda: G.hexs(8), "{tail33}": lambda: G.mark(33, L.URLSAFE),
             "{tail32}": lambda: G.mark(32, L.URLSAFE), "{github}": G.github, "{password}": G.password,
             "{generic}": G.generic, "{b64}": lambda: G.s(86, L.B64), "{telegram}": G.telegram}
    for k, f in subst.items():
        while k in text:
            text = text.replace(k, f(), 1)
    return text


@pytest.mark.parametrize("path, line", NEGATIVES, ids=[f"{p[0]}-{i}" for i, p in enumerate(NEGATIVES)])
def test_quiet(app, path, line):
    root = app({path: "# first line\n" + _fill(line) + "\n"})
    assert secret_rows(root) == []


def test_binary_file_is_not_read(app):
    root = app({"data.bin": b"\0\1\2" + f'TOKEN="{G.telegram()}"'.encode()})
    assert secret_rows(root) == []


def test_allowlist_nextline_pragma(app):
    root = app({"conf.py": f"# pragma: allowlist nextline secret\nAPI_KEY = \"{G.generic()}\"\n"})
    assert secret_rows(root) == []


def test_inline_preflight_ignore(app):
    root = app({"conf.py": f'API_KEY = "{G.generic()}"  # preflight: ignore[secret-committed]\n'})
    result = run_rules(root, select=["secret-committed"])
    assert [(f.path, f.line, f.suppressed_by) for f in result.findings] == [("conf.py", 1, "inline")]


# -- scope: what git tracks (what a push sends), plus staged files -----------------------------------
@needs_git
def test_only_tracked_and_staged_files(app):
    token = G.telegram
    root = app({".gitignore": "conf.py\n", "conf.py": f'TOKEN = "{token()}"\n',
                "committed.py": f'TOKEN = "{token()}"\n'}, git=True)
    write_files(root, {"staged.py": f'TOKEN = "{token()}"\n', "untracked.py": f'TOKEN = "{token()}"\n'})
    subprocess.run(["git", "add", "staged.py"], cwd=root, check=True)
    assert [r[:2] for r in secret_rows(root)] == [("committed.py", 1), ("staged.py", 1)]


@needs_git
def test_keystore_reported_by_name(app):
    root = app({"certs/server.p12": b"\x30\x82\x0a\x0b" + bytes(range(256)) * 4, ".gitignore": "x\n"}, git=True)
    assert secret_rows(root) == [("certs/server.p12", 0, "keystore", "error")]


@needs_git
def test_oversize_and_lock_files_are_skipped_and_listed_with_verbose(app):
    big = ("x = 1\n" * 400_000) + f'TOKEN = "{G.telegram()}"\n'
    root = app({"dump.py": big, "yarn.lock": f'token "{G.telegram()}"\n', ".gitignore": "x\n",
                "static/app.min.js": f'var t="{G.telegram()}";\n'}, git=True)
    code, out, err = cli(["check", ".", "--select", "secret-committed", "-v"], cwd=root)
    assert code == 0, out
    assert "skipped dump.py: larger than 2 MB" in err
    assert "skipped yarn.lock: lock file" in err
    assert "skipped static/app.min.js: minified asset" in err
    result = run_rules(root)
    assert not [f for f in result.findings if f.name == "file-unreadable"]


# -- the labelled set ------------------------------------------------------------------------------
@needs_git
def test_labelled_set(app):
    """Every positive row of the corpus is found with its kind, no negative row fires, except the
    documented misses and false alarms (which the benchmark counts against preflight)."""
    corpus = L.build()
    root = app(corpus.as_dict(), git=True)
    found = {(p, n): kind for p, n, kind, _ in secret_rows(root)}
    assert found == corpus.expected_found
    assert set(corpus.rows(L.MISS)).isdisjoint(found)
    assert len(corpus.positives) >= 60 and corpus.negatives_count >= 100


@needs_git
def test_all_rules_run_cleanly_on_the_labelled_set(app):
    root = app(L.build().as_dict(), git=True)
    result = run_rules(root)
    assert not result.crashes, result.crashes


# -- masking in every output format ----------------------------------------------------------------
@needs_git
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_no_output_format_carries_a_secret(app, fmt):
    corpus = L.build(seed=7)
    root = app(corpus.as_dict(), git=True)
    text = "\n".join(corpus.as_dict().values())
    values = sorted({h.value for path, body in corpus.as_dict().items()
                     for h in detectors.scan(path, body.encode())}, key=len)
    assert len(values) >= 50
    code, out, err = cli(["check", ".", "--format", fmt, "--select", "PF7", "-v"], cwd=root)
    assert code == 1
    both = out + err
    leaked = L.leaks(values, both)
    assert not leaked, f"values printed whole in {fmt}: {leaked}"
    assert text  # the corpus itself holds the values; the output must not
    if fmt == "json":
        doc = json.loads(out)
        secret = [f for f in doc["findings"] if f["name"] == "secret-committed"]
        assert secret and all(len(f["fingerprint"]) == 16 and "…" in f["data"]["preview"] or
                              f["data"]["length"] < 10 for f in secret)


def test_message_shows_kind_mask_and_length(app):
    value = G.telegram()
    root = app({"conf.py": f'TOKEN = "{value}"\n'})
    [f] = run_rules(root, select=["secret-committed"]).active
    assert mask(value) == f"{value[:4]}…{value[-2:]} ({len(value)} chars)"
    assert f.message.startswith(f"a Telegram bot token ({mask(value)}) is committed in conf.py")
    assert "BotFather" in f.hint


def test_same_secret_moved_keeps_its_fingerprint(app, tmp_path):
    value = G.generic()
    a = app({"conf.py": f'API_KEY = "{value}"\n'})
    [f1] = run_rules(a, select=["secret-committed"]).active
    write_files(a, {"conf.py": f'\n\n# moved\nAPI_KEY = "{value}"\n'})
    [f2] = run_rules(a, select=["secret-committed"]).active
    assert (f1.line, f2.line) == (1, 4)
    assert f1.fingerprint == f2.fingerprint and f1.anchor == f2.anchor
    assert not L.leaks([value], f1.anchor)


@needs_git
def test_symlink_out_of_the_repository_is_not_followed(app, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(f'TOKEN = "{G.telegram()}"\n')
    root = app({".gitignore": "x\n", "app.py": "import os\n"})
    (root / "leak.py").symlink_to(outside / "secret.py")
    (root / "linked").symlink_to(outside)
    git_init(root)
    assert secret_rows(root) == []


def test_openssh_key_with_runs_of_a(app):
    body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACB" + G.s(120, L.B64)
    lines = ["-----" + "BEGIN OPENSSH " + "PRIVATE" + " KEY-----"] + [body[i:i + 70] for i in range(0, len(body), 70)]
    root = app({"id_ed25519": "\n".join(lines + ["-----" + "END OPENSSH " + "PRIVATE" + " KEY-----"]) + "\n"})
    assert secret_rows(root) == [("id_ed25519", 1, "private-key", "error")]


# -- precision on real source trees (false positives found in popular sdists, 2026-11) --------------
# Each case is reduced from a finding in a real tree (named in the id); the look-alike beside it keeps
# the detector's recall honest.
def _pem(body: str, label: str = "RSA ") -> list[str]:
    return ["-----" + "BEGIN " + label + "PRIVATE" + " KEY-----", body, "-----" + "END " + label + "PRIVATE" + " KEY-----"]


def test_rst_role_after_pass_is_prose_not_an_assignment(app):
    """aiogram, flask docs: 'you had to pass :code:`state="*"`', 'Pass :code:`True`' in a JSON schema."""
    root = app({"docs/migration.rst": 'to run in any state you had to pass :code:`state="*"`.\n',
                "schema/entity.json": '{"rst_description": "Pass :code:`True` to request bots, pass :code:'
                                      '`False` to request regular users."}\n',
                "bot/config.yaml": "password:hunter2!x9\n",   # YAML: 'key:value' is one scalar
                "setup.cfg": f"password:{G.password()}\n",    # INI-like files accept key:value
                "app/forms.py": f'password: str = "{G.password()}"\n'})
    assert secret_rows(root) == [("app/forms.py", 1, "password", "error"), ("setup.cfg", 1, "password", "error")]


def test_json_names_are_quoted_keys_or_name_equals_value(app):
    text = ('{\n  "description": "set the password: Xy7!pQ2z then restart",\n'
            f'  "db": "Server=db.prod.net;User Id=app;Password={G.password()};",\n'
            f'  "password": "{G.password()}",\n  "token": 12345678901\n}}\n')
    root = app({"config/settings.json": text})
    assert secret_rows(root) == [("config/settings.json", 3, "password", "error"),
                                 ("config/settings.json", 4, "password", "error")]


def test_elided_key_in_documentation_is_not_a_key(app):
    """twilio: 'For example, `-----BEGIN RSA PRIVATE KEY----- MIIEpQIBAAKCAQEAuyf...R. -----END ...`'.
    The DER header of the body declares 1,193 bytes; the 64 characters shown hold 48."""
    import base64

    der_head = bytes([0x30, 0x82, 0x04, 0xA5, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00])
    elided = base64.b64encode(der_head + G.s(36).encode()).decode()
    full_der = bytes([0x30, 0x82, 0x01, 0x3B]) + bytes(G.r.getrandbits(8) for _ in range(0x13B))
    full = base64.b64encode(full_der).decode()
    root = app({"docs_api.py": '"""For example, `' + " ".join(_pem(elided + ".")) + '`"""\n',
                "deploy/key.pem": "\n".join(_pem("\n".join(full[i:i + 64] for i in range(0, len(full), 64))))
                + "\n"})
    assert secret_rows(root) == [("deploy/key.pem", 1, "private-key", "error")]


def test_docstring_examples_are_one_level_lower(app):
    """sqlalchemy, httpx, oauthlib: connection URLs and tokens in docstrings are usage examples."""
    url = f"postgresql+psycopg2://app:{G.password()}@10.1.2.3/test"
    text = (f'"""Connect with::\n\n    engine = create_engine("{url}")\n"""\n'
            f'ENGINE_URL = "{url}"\n'
            f'def f():\n    """\n    >>> f()\n    {{"access_token": "{G.generic(22)}"}}\n    """\n')
    root = app({"dialect.py": text})
    assert secret_rows(root) == [("dialect.py", 3, "url-credentials", "warning"),
                                 ("dialect.py", 5, "url-credentials", "error"),
                                 ("dialect.py", 9, "secret", "warning")]
    result = run_rules(root, select=["secret-committed"])
    assert "in a docstring" in result.findings[0].message


def test_published_sample_values(app):
    """oauthlib: the RFC 6749 sample tokens; aiogram: the Telegram documentation's sample token. They are
    nobody's credentials. A tutorial's signing key is: published, anyone can sign with it."""
    rfc_access = "2Yotn" + "FZFEjr1zC" + "sicMWpAA"
    telegram_doc = "123456" + ":" + "ABC-DEF1234gh" + "Ikl-zyx57W2v1u123ew11"
    fastapi_key = "09d25e094faa6ca2" + "556c818166b7a956" + "3b93f7099f6f0f4c" + "aa6cf63b88e8d3e7"
    root = app({"client.py": f'ACCESS_TOKEN = "{rfc_access}"\nTOKEN = "{telegram_doc}"\n'
                             f'SECRET_KEY = "{fastapi_key}"\nAPI_TOKEN = "{G.generic(22)}"\n'})
    assert secret_rows(root) == [("client.py", 3, "secret-key", "error"), ("client.py", 4, "secret", "error")]
    result = run_rules(root, select=["secret-committed"])
    assert "FastAPI tutorial" in result.findings[0].message


@pytest.mark.parametrize("line, fires", [
    ('s3_secret_access_key = "s3-secret-access-key"', False),   # celery docs
    ('password = "secret_password_123"', False),                # redis tests
    ('api_key = "sk_test_1234"', False),                        # stripe tests
    ('"refresh_token": "refresh-123",', False),                 # social-auth tests
    ('"change_password": "5/m/user",', False),                  # allauth rate limits
    ('RATE = {"reset_password": "10/h/ip"}', False),
    ('MASKED_SECRET = "1bcdefghij2bcdefghij3bcdefghij4bcdefghij"', False),  # django csrf tests
    ('"client_secret": "oauth2_client_secret",', False),        # misago tests
    ('SECRET_KEY = "my-flask-secret-key"', True),               # a made-up signing key still signs
    ('"password1": "Password1@",', True),                       # a weak password someone chose
    ('DB_PASSWORD = "{password}"', True),
    ('API_KEY = "{generic}"', True),
], ids=lambda v: v if isinstance(v, bool) else v.split("=")[0].split(":")[0].strip(' "'))
def test_made_up_values(app, line, fires):
    root = app({"settings.py": _fill(line) + "\n"})
    assert [r[:2] for r in secret_rows(root)] == ([("settings.py", 1)] if fires else [])


def test_typed_runs_in_a_prefixed_token_are_a_sample(app):
    """aiogram tests: VALID_TOKEN = "123456789:AABBCCDDEEFFaabbccddeeff-1234567890"."""
    sample = "123456789:AABBCCDDEEFF" + "aabbccddeeff-1234567890"
    root = app({"bot.py": f'VALID = "{sample}"\nTOKEN = "{G.telegram()}"\n'})
    assert secret_rows(root) == [("bot.py", 2, "telegram-bot-token", "error")]


def test_bandit_and_ruff_markers_for_named_values(app):
    """allauth: '"change_password": "5/m/user",  # nosec'. Honoured for named assignments only."""
    root = app({"conf.py": f'DB_PASSWORD = "{G.password()}"  # nosec\n'
                           f'API_TOKEN = "{G.generic()}"  # noqa: S105\n'
                           f'SECRET = "{G.generic()}"  # nosec B603\n'
                           f'TOKEN = "{G.telegram()}"  # nosec\n'})
    assert secret_rows(root) == [("conf.py", 3, "secret", "error"), ("conf.py", 4, "telegram-bot-token", "error")]


@pytest.mark.parametrize("path", ["docs_src/security/tutorial.py", "t/unit/security/keys.py",
                                  "tests_integration/conftest_data.py", "examples/app/settings.py"])
def test_test_and_doc_folders_by_word(app, path):
    """Not testimonials/, nor test_bot/: a first bot is often named that, and its token is real. In a test or
    docs folder a named value is made up for it (info); a provider-shaped token is one level lower."""
    root = app({path: f'API_KEY = "{G.generic()}"\nSLACK = "{G.slack()}"\n',
                "testimonials/views.py": f'API_KEY = "{G.generic()}"\n',
                "test_bot/config.py": f'TOKEN = "{G.telegram()}"\n'})
    assert secret_rows(root) == sorted([(path, 1, "secret", "info"), (path, 2, "slack-token", "warning"),
                                        ("testimonials/views.py", 1, "secret", "error"),
                                        ("test_bot/config.py", 1, "telegram-bot-token", "error")])


def test_token_deep_inside_a_long_minified_line(app):
    """streamlit ships 1.5 MB single-line bundles: only windows around trigger hits are scanned, and
    a token is still found with its column counted in characters."""
    filler = ",".join(f'key{i}:"v{i}",pass{i}:x' for i in range(20000))  # dense keywords, no secrets
    token = G.telegram()
    line = "var s='\u00e9\u00e9\u00e9';" + filler + ';var t="' + token + '";' + filler + "\n"
    root = app({"static/js/main.3f9a2c.js": line})
    import time

    start = time.perf_counter()
    hits = detectors.scan("static/js/main.3f9a2c.js", line.encode())
    assert time.perf_counter() - start < 2.0
    assert [(h.kind, h.line, h.col) for h in hits] == [("telegram-bot-token", 1, line.index(token) + 1)]
    assert secret_rows(root) == [("static/js/main.3f9a2c.js", 1, "telegram-bot-token", "error")]


def test_badge_token_in_a_readme_image_url(app):
    """django-cms PKG-INFO: a Codecov badge ('graph/badge.svg?token=...') carries a read-only graph
    token meant to be published; a token in an API URL in a config file is still reported."""
    badge = "https://codecov.io/gh/o/r/graph/badge.svg?" + "token=" + G.s(10)
    root = app({"README.rst": f".. |Coverage| image:: {badge}\n",
                "config.yaml": "feed: https://api.example.net/v1/feed?" + f"token={G.generic()}\n"})
    assert secret_rows(root) == [("config.yaml", 1, "secret", "error")]


# -- precision on real apps (issue #8, bench/precision/FALSE_ALARMS.md): where a value is used decides ----
from pf7_helpers import APP  # noqa: E402  (the shared minimal app these cases add one file to)


@pytest.fixture
def rows(tmp_path):
    """``rows(files)`` -> secret_rows of a fresh app (the shared minimal app plus ``files``); each call
    gets its own folder, so a case and its look-alike never see each other's files."""
    made = []

    def run(files: dict, git: bool = False):
        root = tmp_path / f"case{len(made)}"
        made.append(root)
        root.mkdir()
        write_files(root, {**APP, **files})
        if git:
            git_init(root)
        return secret_rows(root)

    return run


def test_graphql_field_types_are_not_values(rows):
    """S-graphql-schema: `password: String!` declares a type; a quoted YAML password still fires."""
    assert rows({"schema.graphql": "input AccountRegisterInput {\n  email: String!\n  password: String!\n}\n"}) == []
    assert rows({"config.yml": f"database:\n  user: shop\n  password: {G.password()}\n"}) == [
        ("config.yml", 3, "password", "error")]


def test_terraform_references_are_not_values(rows):
    """S-terraform-var-ref: `var.keys["secret_key"]` is a reference; a quoted literal is a value."""
    ref = 'resource "x" "cdn" {\n  logging_s3 {\n    s3_secret_key = var.s3_logging_keys["secret_key"]\n  }\n}\n'
    assert rows({"infra/main.tf": ref}) == []
    lit = f'resource "x" "cdn" {{\n  logging_s3 {{\n    s3_secret_key = "{G.aws_secret()}"\n  }}\n}}\n'
    assert rows({"infra/main.tf": lit}) == [("infra/main.tf", 3, "secret-key", "error")]


def test_aws_documentation_pair_is_a_placeholder(rows):
    """S-aws-documentation-key: AWS's documented pair in a CI workflow; a real-looking pair fires."""
    doc_id, doc_secret = "AKIA" + "IOSFODNN7" + "EXAMPLE", "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"
    wf = "on: push\njobs:\n  test:\n    env:\n      AWS_ACCESS_KEY_ID: {}\n      AWS_SECRET_ACCESS_KEY: {}\n"
    assert rows({".github/workflows/ci.yml": wf.format(doc_id, doc_secret)}) == []
    assert rows({".github/workflows/ci.yml": wf.format(G.aws_key(), G.aws_secret())}) == [
        (".github/workflows/ci.yml", 5, "aws-access-key", "error"),
        (".github/workflows/ci.yml", 6, "aws-secret-key", "error")]


def test_public_mapbox_token_is_info(rows):
    """S-public-mapbox-token: a pk. token ships to browsers (info); an sk. token is the secret one."""
    body = "eyJ1IjoiZmFrZSIsImEiOiJjbGN5ZTV2b2IwbXRxM250Z2thMGRibTJxIn0." + G.mark(22, L.URLSAFE)
    assert rows({"config.py": f'MAPBOX_ACCESS_TOKEN = "pk.{body}"\n'}) == [("config.py", 1, "secret", "info")]
    assert rows({"config.py": f'MAPBOX_SECRET_TOKEN = "sk.{body}"\n'}) == [("config.py", 1, "secret", "error")]


def test_google_maps_browser_key_is_info(rows):
    """S-google-maps-browser-key: a key named for Maps (or loaded by maps/api/js) is a browser key; a
    server-side key (Custom Search, the googlemaps client) stays an error."""
    assert rows({"config.py": f'GOOGLE_MAP_API_KEY = "{G.google()}"\n',
                       "page.html": '<script src="https://maps.googleapis.com/maps/api/js?key='
                                    f'{G.google()}"></script>\n'}
                 ) == [("config.py", 1, "google-api-key", "info"), ("page.html", 1, "google-api-key", "info")]
    assert rows({"tools.py": f'GOOGLE_API_KEY = "{G.google()}"\n',
                       "geo.py": f'gmaps = googlemaps.Client(key="{G.google()}")\n'}) == [
        ("geo.py", 1, "google-api-key", "error"), ("tools.py", 1, "google-api-key", "error")]


def test_dotted_import_path_is_not_a_token(rows):
    """S-dotted-import-path: HEADLESS_TOKEN_STRATEGY names a class; HEADLESS_API_TOKEN holds a token."""
    assert rows({"config.py": "HEADLESS_TOKEN_STRATEGY = 'myapp.utils.headless_auth.JWTTokenStrategy'\n"
                                    "AUTH_TOKEN_CLASS = 'myapp.tokens.Token'\n"}) == []
    assert rows({"config.py": f"HEADLESS_API_TOKEN = '{G.generic(40)}'\n"}) == [("config.py", 1, "secret", "error")]


def test_compose_dev_key_is_info(rows):
    """S-compose-dev-key: docker-compose is the local stack, and the value says it is for development;
    a random key there is a warning, and a literal key in settings.py stays an error."""
    compose = "services:\n  web:\n    build: .\n    environment:\n      SECRET_KEY: {}\n      DEBUG: 1\n"
    assert rows({"docker-compose.yml": compose.format("suitable-for-development-only")}) == [
        ("docker-compose.yml", 5, "secret-key", "info")]
    assert rows({"docker-compose.yml": compose.format(G.django_random_key())}) == [
        ("docker-compose.yml", 5, "secret-key", "warning")]
    assert rows({"settings.py": f"SECRET_KEY = '{G.django_random_key()}'\n"}) == [
        ("settings.py", 1, "secret-key", "error")]


def test_build_step_key_and_commented_out_lines(rows):
    """S-build-only-key: a variable on a RUN line lives for that build step; a commented-out line is read by
    nothing (info); ENV persists into the running app (error)."""
    head = "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
    run = head + ("RUN SECRET_KEY=build-key python manage.py collectstatic --noinput\n"
                  f"# ENV SECRET_KEY={G.django_random_key()}\nCMD gunicorn app:app\n")
    assert rows({"Dockerfile": run}) == [("Dockerfile", 6, "secret-key", "info")]
    continued = head + ("RUN \\\n    rm -f local_settings.py && \\\n"
                        "    DEBUG=False SECRET_KEY=build-key ./manage.py collectstatic --noinput\n")
    assert rows({"docker/Dockerfile-dev": continued}) == []
    env = head + f"ENV SECRET_KEY={G.django_random_key()}\nCMD gunicorn app:app\n"
    assert rows({"Dockerfile": env}) == [("Dockerfile", 5, "secret-key", "error")]


def test_commented_out_token_still_fires(rows):
    """A provider token on a commented-out line is still in every clone: only named values are noted."""
    assert rows({"conf.py": f'# TOKEN = "{G.telegram()}"\n# DB_PASSWORD = "{G.password()}"\n'}) == [
        ("conf.py", 1, "telegram-bot-token", "error"), ("conf.py", 2, "password", "info")]


def _django_split(production: str) -> dict:
    wsgi = ("import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings.production')\n"
            "application = get_wsgi_application()\n")
    return {"manage.py": "import os\n\n"
                         "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings.production')\n",
            "site_cfg/__init__.py": "", "site_cfg/wsgi.py": wsgi, "site_cfg/settings/__init__.py": "",
            "site_cfg/settings/base.py": f"SECRET_KEY = '{G.django_random_key()}'\nDEBUG = True\nALLOWED_HOSTS = []\n"
                                         "INSTALLED_APPS = ['django.contrib.auth']\n",
            "site_cfg/settings/production.py": production}


def test_base_settings_key_overridden_by_production(app, rows):
    """S-dev-settings-overridden: the production module wsgi.py selects reads SECRET_KEY from the
    environment, so the base literal is dead there (info, naming the override); when production keeps it,
    it is an error."""
    over = "import os\n\nfrom .base import *  # noqa\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nDEBUG = False\n"
    root = app({**APP, **_django_split(over)})
    assert secret_rows(root) == [("site_cfg/settings/base.py", 1, "secret-key", "info")]
    [found] = run_rules(root, select=["secret-committed"]).active
    assert "overridden by site_cfg/settings/production.py:5" in found.message
    kept = "from .base import *  # noqa\n\nDEBUG = False\n"
    assert rows(_django_split(kept)) == [("site_cfg/settings/base.py", 1, "secret-key", "error")]


def test_ci_settings_module_nothing_selects(rows):
    """S-ci-settings-module: settings_ci.py is selected by no process (info); the selected settings.py
    keeps its error. A Django key with '%(' or '$(' inside is a key, not a template."""
    files = {"manage.py": "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
             "site_cfg/__init__.py": "",
             "site_cfg/wsgi.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
             "site_cfg/settings.py": "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n"
                                     "INSTALLED_APPS = ['django.contrib.auth']\n",
             "site_cfg/settings_ci.py": "from .settings import *  # noqa\n\n"
                                        f"SECRET_KEY = '{G.django_random_key('%(')}'\n"}
    assert rows(files) == [("site_cfg/settings_ci.py", 3, "secret-key", "info")]
    files["site_cfg/settings.py"] = ("INSTALLED_APPS = ['django.contrib.auth']\nDEBUG = False\n"
                                     f"SECRET_KEY = '{G.django_random_key('$(')}'\n")
    assert rows(files) == [("site_cfg/settings.py", 3, "secret-key", "error"),
                                 ("site_cfg/settings_ci.py", 3, "secret-key", "info")]


@pytest.mark.parametrize("holding", ["%(", "%s", "$(", ""])
def test_django_generated_key_fires_whatever_it_holds(rows, holding):
    """The miss of issue #8: about one generated key in twelve holds '%(', '%s' or '$(' and was taken for a
    template; a real template stays quiet."""
    key = G.django_random_key(holding)
    assert rows({"settings.py": f"SECRET_KEY = '{key}'\n", ".env": f"SECRET_KEY={key}\n"}) == [
        (".env", 1, "secret-key", "error"), ("settings.py", 1, "secret-key", "error")]
    assert rows({"settings.py": "SECRET_KEY = '%(SECRET_KEY)s'\nOTHER_KEY = '$(cat /run/key)'\n"}) == []


def test_setdefault_dict_defaults_in_manage_py(rows):
    """S-setdefault-dev-defaults: dict values manage.py feeds to os.environ.setdefault are development
    defaults (info); the same value assigned in a module the app imports stays an error."""
    value = G.hexs(40)
    manage = ("import os\n\nDEFAULT_ENVS = {\n    'DJANGO_SETTINGS_MODULE': 'site_cfg.settings',\n"
              f"    'DEFAULT_BOT_API_KEY': '{value}',\n}}\nfor key, value in DEFAULT_ENVS.items():\n"
              "    os.environ.setdefault(key, value)\n")
    assert rows({"manage.py": manage}) == [("manage.py", 5, "secret", "info")]
    assert rows({"bot_api.py": f"DEFAULT_BOT_API_KEY = '{value}'\n"}) == [("bot_api.py", 1, "secret", "error")]


@pytest.mark.parametrize("name", ["example.env", ".environment-example", "server.env.template", ".env-dist",
                                  "deploy/.env_copy"])
def test_templates_are_info(rows, name):
    """S-example-env-placeholder, S-env-template: a template is copied by hand and filled in (info); the same
    line in a loaded env file is an error, and a provider-shaped token in a template is a warning."""
    assert rows({name: f"GMAIL_PASSWORD={G.password()}\nFXA_SECRET_KEY={G.hexs(64)}\n"}) == [
        (name, 1, "password", "info"), (name, 2, "secret-key", "info")]
    assert rows({name: f"TOKEN={G.telegram()}\n"}) == [(name, 1, "telegram-bot-token", "warning")]
    assert rows({"prod.env": f"GMAIL_PASSWORD={G.password()}\n"}) == [("prod.env", 1, "password", "error")]


def test_test_fixtures_and_recordings(rows):
    """S-test-fixture: a typed test password is not reported; named generated-looking tokens, URL passwords
    and test keys in tests are made up (info); a real-format provider token recorded by a cassette (Slack
    xoxb-, a GitLab runner token) is a warning."""
    pem = "\n".join(G.pem_lines())
    rows = rows({
        "tests/test_models.py": "def test_password(user_factory):\n"
                                f"    user = user_factory(password='{G.password()}')\n"
                                f"    TOKEN = '{G.generic()}'\n",
        "tests/certs/server.key": pem + "\n",
        "tests/test_urls.py": f"URL = 'https://user:{G.password()}@api.shop.com/x'\n",
        "tests/cassettes/new_event.yaml": f"interactions:\n- request:\n    headers:\n      Authorization:\n"
                                          f"        - Bearer {G.slack()}\n",
        "tests/cassettes/gitlab.yaml": f"body: '{{\"runners_token\": \"GR1348941{G.mark(20, L.URLSAFE)}\"}}'\n"})
    assert rows == [("tests/cassettes/gitlab.yaml", 1, "secret", "warning"),
                    ("tests/cassettes/new_event.yaml", 5, "slack-token", "warning"),
                    ("tests/certs/server.key", 1, "private-key", "info"),
                    ("tests/test_models.py", 3, "secret", "info"),
                    ("tests/test_urls.py", 1, "url-credentials", "info")]


def test_expired_jwt_is_info(rows):
    """Expired sample JWTs (READMEs, test recordings) open nothing; one that has not expired is reported."""
    assert rows({"auth.py": f'ACCESS_TOKEN = "{G.jwt_expiring(1600000000)}"\n'}) == [("auth.py", 1, "jwt", "info")]
    assert rows({"auth.py": f'ACCESS_TOKEN = "{G.jwt_expiring(4100000000)}"\n'}) == [("auth.py", 1, "jwt", "error")]


def test_stripe_test_key_as_get_fallback(rows):
    """S-stripe-test-fallback: a test-mode key as a .get() fallback is info; a live one is an error."""
    line = "STRIPE_SECRET_KEY = SECRETS.get('stripe_secret_key', '{}')\n"
    assert rows({"config.py": line.format(G.stripe("test"))}) == [("config.py", 1, "stripe-key", "info")]
    assert rows({"config.py": line.format(G.stripe())}) == [("config.py", 1, "stripe-key", "error")]


def test_ci_workflow_signing_key_is_info(rows):
    """S-ci-workflow-env: a throwaway SECRET_KEY in a workflow's env signs only test sessions (info); a
    deploy credential there, or a generated key a deploy step sets, is an error."""
    wf = ("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Test\n        env:\n"
          "          {}\n        run: pytest\n")
    assert rows({".github/workflows/ci.yml": wf.format("SECRET_KEY: 'for-testing'")}) == [
        (".github/workflows/ci.yml", 8, "secret-key", "info")]
    assert rows({".github/workflows/ci.yml": wf.format(f"HEROKU_API_KEY: {G.uuid()}")}) == [
        (".github/workflows/ci.yml", 8, "heroku-api-key", "error")]
    deploy = wf.replace("run: pytest", f"run: heroku config:set SECRET_KEY={G.django_random_key()}")
    assert rows({".github/workflows/ci.yml": deploy.format("DEBUG: '0'")}) == [
        (".github/workflows/ci.yml", 9, "secret-key", "error")]


def test_source_map_code_is_not_a_value(rows):
    """S-code-in-source-map: `this.credentials = input.credentials` is a member access; a quoted literal fires."""
    smap = ('{"version":3,"sources":["fetch.js"],"sourcesContent":["function Request(input) {\\n'
            '  this.credentials = input.credentials\\n}\\n"]}\n')
    assert rows({"static/App.c3ef49a7.map": smap}) == []
    assert rows({"static/config.js": f'const credentials = "{G.generic(16)}";\n'}) == [
        ("static/config.js", 1, "secret", "error")]


def test_telegram_client_api_hash(rows):
    """The miss of issue #8: a Telethon/Pyrogram api_hash (32 hex) fires; the pair Telegram's own apps
    publish (API_ID 6 for Android, used by userbots as a default) stays quiet."""
    h = G.telegram_api_hash()
    assert rows({"bot.py": f"API_ID = 1234567\nAPI_HASH = '{h}'\n",
                       "client.py": f"client = TelegramClient('anon', 1234567, '{h}')\n",
                       "pyro.py": f"app = Client('my', api_id=1234567, api_hash=\"{h}\")\n"}) == [
        ("bot.py", 2, "telegram-api-hash", "error"), ("client.py", 1, "telegram-api-hash", "error"),
        ("pyro.py", 1, "telegram-api-hash", "error")]
    public = "eb06d4abfb49dc3e" + "eb1aeb98ae0f581e"
    assert rows({"configs.py": f'API_ID = config("API_ID", default=6, cast=int)\n'
                                     f'API_HASH = config("API_HASH", default="{public}")\n',
                       "checksums.py": f"FILE_MD5 = '{h}'\n"}) == []


@needs_git
def test_tracked_telegram_session_file(app):
    """A tracked Telethon/Pyrogram *.session (SQLite with the account's auth key) is an account login: an
    error; a *.session that is not a client session (a text file) is not reported."""
    import sqlite3

    root = app({**APP, "notes.session": "not a database\n"})
    db = sqlite3.connect(root / "anon.session")
    db.execute("CREATE TABLE sessions (dc_id INTEGER, server_address TEXT, port INTEGER, auth_key BLOB)")
    db.execute("INSERT INTO sessions VALUES (2, '149.154.167.51', 443, ?)", (bytes(range(256)),))
    db.commit()
    db.close()
    git_init(root)
    result = run_rules(root, select=["secret-committed"])
    assert [(f.name, f.path, f.line, f.severity.value) for f in result.active] == [
        ("secret-committed", "anon.session", 0, "error")]
    assert "logged in to that Telegram account" in result.active[0].message


def test_non_django_settings_file_keeps_its_error(rows):
    """A bot's own config/settings.py in a Django project is not a settings module nothing selects."""
    files = {"manage.py": "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
             "site_cfg/__init__.py": "",
             "site_cfg/settings.py": "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\n"
                                     "INSTALLED_APPS = ['django.contrib.auth']\n",
             "bot/settings.py": f"API_KEY = '{G.generic()}'\n"}
    assert rows(files) == [("bot/settings.py", 1, "secret", "error")]


def test_famous_joke_password_is_a_placeholder(rows):
    """Issue #8: `hunter2` is the internet's joke password, a placeholder wherever it is written."""
    assert rows({"config.py": "DB_PASSWORD = 'hunter2'\n", "docs/setup.md": "    password: hunter2\n"}) == []
    assert rows({"config.py": f"DB_PASSWORD = '{G.password()}'\n"}) == [("config.py", 1, "password", "error")]
