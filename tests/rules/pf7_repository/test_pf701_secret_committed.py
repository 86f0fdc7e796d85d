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
