"""A labelled secrets corpus, generated at run time (tests and bench/secrets_bench.py share it).

No secret-shaped literal is committed: every token is assembled here from split prefixes and a seeded
random tail that starts with a FAKE marker (``fa4e`` in hex-only formats), so neither push protection
nor preflight itself flags this file.

Each file is a list of rows; a row is labelled positive (a real-looking secret a push must not carry,
with its detector kind) or negative (a look-alike: placeholders, references, env lookups, hashes, UUIDs,
git SHAs, lock files, local development URLs...). Scoring is per row (path, line), as in CredData.
``MISS`` rows are positives preflight is known not to find; ``FALSE_ALARM`` rows are negatives it is
known to report. They are kept so the benchmark stays honest, and the tests pin them so a change in
either direction is noticed.
"""
from __future__ import annotations

import base64
import json
import random
import string
import uuid
from dataclasses import dataclass, field

ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"
UPPER32 = string.ascii_uppercase + "234567"
MARK = "FAKE"
HEX_MARK = "fa4e"

POS, NEG, MISS, FALSE_ALARM = "pos", "neg", "miss", "false-alarm"


def leaks(values, text: str) -> list[str]:
    """Masks of the values that appear in ``text`` whole (or all but their first 4 and last 2
    characters): safe to print in an assertion message, unlike the values."""
    from preflight.masking import mask

    return [mask(v) for v in values if v and (v in text or (len(v) > 8 and v[4:-2] in text))]


class Fakes:
    """Secret-shaped values of every kind, from a seeded generator."""

    def __init__(self, seed: int = 20260):
        self.r = random.Random(seed)

    def s(self, n: int, alphabet: str = ALNUM) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def mark(self, n: int, alphabet: str = ALNUM) -> str:
        """``n`` characters: the FAKE marker, then random ones, with a digit and a lower-case letter."""
        while True:
            v = MARK + self.s(n - len(MARK), alphabet)
            if any(c.isdigit() for c in v) and any(c.islower() for c in v) or not any(
                    c.isdigit() for c in alphabet):
                return v

    def digits(self, n: int) -> str:
        return str(self.r.randint(10 ** (n - 1), 10 ** n - 1))

    # -- prefixed formats (prefixes split so this file holds no token-shaped literal) --------------
    def telegram(self) -> str:
        return self.digits(10) + ":" + "A" + "A" + self.mark(33, URLSAFE)

    def aws_key(self) -> str:
        return "AK" + "IA" + MARK + self.s(12, UPPER32)

    def aws_secret(self) -> str:
        while True:
            v = self.mark(40, B64)
            if any(c.isupper() for c in v[4:]):
                return v

    def github(self) -> str:
        return "gh" + "p_" + self.mark(36)

    def github_fine(self) -> str:
        return "github" + "_pat_" + "11" + MARK + self.s(16, string.ascii_uppercase + string.digits) + "_" + \
            self.s(59)

    def gitlab(self) -> str:
        return "gl" + "pat-" + self.mark(20, URLSAFE)

    def slack(self) -> str:
        return "xo" + "xb-" + self.digits(11) + "-" + self.digits(12) + "-" + self.mark(24)

    def slack_hook(self) -> str:
        up = string.ascii_uppercase + string.digits
        return "https://hooks." + "slack.com/services/T" + self.s(8, up) + "/B" + self.s(10, up) + "/" + \
            self.mark(24)

    def stripe(self, mode: str = "live") -> str:
        return "sk" + "_" + mode + "_" + self.mark(24)

    def google(self) -> str:
        return "AI" + "za" + self.mark(35, URLSAFE)

    def openai(self) -> str:
        return "sk-" + "proj-" + self.mark(64, URLSAFE)

    def anthropic(self) -> str:
        return "sk-" + "ant-" + "api03-" + self.mark(93, URLSAFE) + "AA"

    def sendgrid(self) -> str:
        return "S" + "G." + self.mark(22, URLSAFE) + "." + self.s(43, URLSAFE)

    def twilio(self) -> str:
        return "S" + "K" + HEX_MARK + self.s(28, HEX)

    def heroku(self) -> str:
        return "HR" + "KU-" + "AA" + self.mark(58, URLSAFE)

    def pypi(self) -> str:
        return "py" + "pi-" + "AgEIcHlwaS5vcmc" + self.mark(70, URLSAFE)

    def npm(self) -> str:
        return "np" + "m_" + self.mark(36)

    def huggingface(self) -> str:
        return "h" + "f_" + MARK + self.s(30, string.ascii_letters)

    def digitalocean(self) -> str:
        return "do" + "p_v1_" + HEX_MARK + self.s(60, HEX)

    def jwt(self) -> str:
        def enc(obj) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        return enc({"alg": "HS256", "typ": "JWT"}) + "." + enc({"sub": MARK + self.digits(6), "iat": 1700000000}) + \
            "." + self.mark(43, URLSAFE)

    def pem_lines(self, label: str = "RSA ") -> list[str]:
        body = [MARK + self.s(60, B64)] + [self.s(64, B64) for _ in range(9)] + [self.s(20, B64) + "=="]
        return ["-----" + "BEGIN " + label + "PRIVATE" + " KEY-----", *body, "-----" + "END " + label + "PRIVATE" + " KEY-----"]

    # -- values for named assignments ------------------------------------------------------------
    def password(self) -> str:
        return MARK + self.s(5, string.ascii_letters) + self.digits(3) + self.r.choice("!^*-~")

    def generic(self, n: int = 32) -> str:
        return self.mark(n)

    def django_key(self) -> str:
        return "django-" + "insecure-" + self.mark(50, ALNUM + "!@#^&*-_=+)")

    def django_random_key(self, holding: str = "") -> str:
        """A key as Django's get_random_secret_key() makes it (50 characters of its alphabet), holding
        ``holding`` (``%(``, ``%s``, ``$(``) somewhere inside."""
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"
        while True:
            v = "fa4e" + self.s(46 - len(holding), alphabet)
            cut = self.r.randint(4, len(v))
            v = v[:cut] + holding + v[cut:] + self.s(4, alphabet)
            if len(set(v)) >= 24:
                return v

    def telegram_api_hash(self) -> str:
        return HEX_MARK + self.s(28, HEX)

    def jwt_expiring(self, exp: int) -> str:
        """A JWT whose ``exp`` claim is ``exp`` (seconds since the epoch)."""
        def enc(obj) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        return enc({"alg": "RS256", "typ": "JWT"}) + "." + enc({"sub": MARK + self.digits(6), "exp": exp}) + \
            "." + self.mark(43, URLSAFE)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def hexs(self, n: int) -> str:
        return self.s(n, HEX)


@dataclass
class LabelledFile:
    path: str
    lines: list[str] = field(default_factory=list)
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (label, kind)

    def add(self, text: str | list[str], label: str = NEG, kind: str = "") -> "LabelledFile":
        """Append one line (or a block, labelled at its first line)."""
        block = text if isinstance(text, list) else [text]
        if label != NEG:
            self.labels[len(self.lines) + 1] = (label, kind)
        self.lines.extend(block)
        return self

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class Corpus:
    files: list[LabelledFile]

    def as_dict(self) -> dict[str, str]:
        return {f.path: f.text for f in self.files}

    def rows(self, *labels: str) -> dict[tuple[str, int], str]:
        return {(f.path, n): kind for f in self.files for n, (lab, kind) in f.labels.items() if lab in labels}

    @property
    def positives(self) -> dict[tuple[str, int], str]:
        """Every row that is a secret (including the known misses)."""
        return self.rows(POS, MISS)

    @property
    def expected_found(self) -> dict[tuple[str, int], str]:
        """What preflight reports today: positives it finds plus its known false alarms."""
        return self.rows(POS, FALSE_ALARM)

    @property
    def negatives_count(self) -> int:
        return sum(1 for f in self.files for n in range(1, len(f.lines) + 1) if n not in f.labels
                   or f.labels[n][0] == FALSE_ALARM)


def build(seed: int = 20260) -> Corpus:
    g = Fakes(seed)
    files: list[LabelledFile] = []

    def new(path: str) -> LabelledFile:
        f = LabelledFile(path)
        files.append(f)
        return f

    # Python: the seeds' bot config, constructor calls, SDK clients, settings modules.
    py = new("conf.py")
    py.add("import os")
    py.add(f'TOKEN = "{g.telegram()}"', POS, "telegram-bot-token")
    py.add(f'bot = telebot.TeleBot("{g.telegram()}", threaded=False)', POS, "telegram-bot-token")
    py.add(f'WEBHOOK = "https://api.telegram.org/bot{g.telegram()}/setWebhook"', POS, "telegram-bot-token")
    py.add(f'AWS_ACCESS_KEY_ID = "{g.aws_key()}"', POS, "aws-access-key")
    py.add(f'AWS_SECRET_ACCESS_KEY = "{g.aws_secret()}"', POS, "aws-secret-key")
    py.add(f"s3 = boto3.client('s3', '{g.aws_key()}',", POS, "aws-access-key")
    py.add(f"                  '{g.aws_secret()}')", POS, "aws-secret-key")
    py.add(f'GITHUB_TOKEN = "{g.github()}"', POS, "github-token")
    py.add(f'gh = Github(auth=Auth.Token("{g.github_fine()}"))', POS, "github-token")
    py.add(f'gl = gitlab.Gitlab("https://gitlab.com", private_token="{g.gitlab()}")', POS, "gitlab-token")
    py.add(f'slack = WebClient(token="{g.slack()}")', POS, "slack-token")
    py.add(f'stripe.api_key = "{g.stripe()}"', POS, "stripe-key")
    py.add(f'STRIPE_TEST_KEY = "{g.stripe("test")}"', POS, "stripe-key")
    py.add(f'MAPS_KEY = "{g.google()}"', POS, "google-api-key")
    py.add(f'client = OpenAI(api_key="{g.openai()}")', POS, "openai-key")
    py.add(f'claude = anthropic.Anthropic(api_key="{g.anthropic()}")', POS, "anthropic-key")
    py.add(f'sg = SendGridAPIClient("{g.sendgrid()}")', POS, "sendgrid-key")
    py.add(f'TWILIO_API_KEY = "{g.twilio()}"', POS, "twilio-key")
    py.add(f'HEROKU_API_KEY = "{g.heroku()}"', POS, "heroku-api-key")
    py.add(f'pipe = pipeline("text-generation", token="{g.huggingface()}")', POS, "huggingface-token")
    py.add(f'do = digitalocean.Manager(token="{g.digitalocean()}")', POS, "digitalocean-token")
    py.add(f'DATABASE_URL = "postgres://app:{g.password()}@ec2-52-1-2-3.compute-1.amazonaws.com:5432/d1"', POS,
           "url-credentials")
    py.add(f'API_KEY = "{g.generic()}"', POS, "secret")
    py.add(f'DB_PASSWORD = "{g.password()}"', POS, "password")
    py.add(f'conn = psycopg2.connect(host="db.internal.example", password="{g.password()}")', POS, "password")
    py.add(f'SECRET = os.environ.get("API_SECRET", "{g.generic(40)}")', POS, "secret")
    py.add(f'TOKEN = "1234567890:" + "{"A" + "A" + g.mark(33, URLSAFE)}"', MISS, "telegram-bot-token")
    py.add('TOKEN = os.environ["TOKEN"]')
    py.add('bot = telebot.TeleBot(os.environ["TOKEN"])')
    py.add('SECRET_KEY = os.environ.get("SECRET_KEY")')
    py.add('API_KEY = "your-api-key-here"')
    py.add('PASSWORD = "changeme"')
    py.add('token = "<token>"')
    py.add('api_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"')
    py.add("PASSWORD_RESET_TIMEOUT = 3600")
    py.add('password_field = "password"')
    py.add('AUTH_TOKEN_HEADER = "X-Auth-Token"')
    py.add(f'REQUEST_ID = "{g.uuid()}"')
    py.add(f'EMPTY_SHA256 = "{g.hexs(64)}"')
    py.add(f'GIT_COMMIT = "{g.hexs(40)}"')
    py.add(f'CACHE_KEY = "user:{{}}:profile:{g.hexs(8)}"')
    py.add(f'key = "{g.hexs(32)}"')
    py.add(r'token_pattern = r"(?u)\b\w\w+\b"')
    py.add('password = get_password()')
    py.add(f'TOPIC = "arn:aws:sns:us-east-1:{g.digits(10)}:{"A" + "A" + g.mark(33, URLSAFE)}"')
    py.add(f'SHORT = "{g.digits(9)}:{"A" + "A" + g.mark(32, URLSAFE)}"')
    py.add(f'NOT_GH = "x{"gh" + "p_" + g.mark(36)}"')
    py.add('LOCAL_DB = "postgresql://forum:forum@localhost:5432/forum"')
    py.add('TEMPLATE_DB = "postgres://user:password@host:5432/db"')
    py.add('ENV_DB = "postgresql://${DB_USER}:${DB_PASSWORD}@db:5432/app"')
    py.add('VERSION = "1.2.3"')
    py.add('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")')
    py.add(f'AWS_DOCS_KEY = "{"AK" + "IA" + "IOSFODNN7" + "EXAMPLE"}"')

    settings = new("project/settings.py")
    settings.add(f'SECRET_KEY = "{g.django_key()}"', POS, "secret-key")
    settings.add("DEBUG = False")
    settings.add(f'app.config["SECRET_KEY"] = "{g.generic(48)}"', POS, "secret-key")
    settings.add('SECRET_KEY = "{{ secret_key }}"')
    settings.add('SECRET_KEY = env("SECRET_KEY")')
    settings.add(f'CELERY_BROKER_URL = "amqps://worker:{g.password()}@rabbit.lmq.cloudamqp.com/vhost"', POS,
                 "url-credentials")
    settings.add('BROKER_URL = "amqp://guest:guest@localhost//"')
    settings.add(f'MONGO = "mongodb+srv://admin:{g.password()}@cluster0.ab1cd.mongodb.net/app"', POS,
                 "url-credentials")
    settings.add(f'MYSQL = "mysql+pymysql://app:{g.password()}@10.0.3.17:3306/app"', POS, "url-credentials")
    # a docker-compose service host: a development database, but the password looks generated (info)
    settings.add(f'REDIS = "redis://:{g.generic(20)}@redis:6379/0"', POS, "url-credentials")
    settings.add(f'SAMPLE = "mysql://root:{g.password()}@db.example.com/app"')
    settings.add('PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]')
    settings.add('AUTH_PASSWORD_VALIDATORS = []')
    settings.add(f'"password": "pbkdf2_sha256$870000${g.s(22)}${g.s(43, B64)}="')

    yml = new("config/heroku_config.yaml")
    yml.add("common:")
    yml.add("  port: $PORT")
    yml.add("postgres:")
    yml.add(f"  database_url: postgres://forum:{g.password()}@ec2-54-75-184-144.eu-west-1.compute.amazonaws.com:5432/d3",
            POS, "url-credentials")
    yml.add("  require_ssl: true")
    yml.add(f"telegram_token: {g.telegram()}", POS, "telegram-bot-token")
    yml.add(f"api_key: {g.generic()}", POS, "secret")
    yml.add(f"  password: {g.password()}", POS, "password")
    yml.add(f"slack_webhook: {g.slack_hook()}", POS, "slack-webhook")
    yml.add("  password: ${DB_PASSWORD}")
    yml.add("token: ${{ secrets.BOT_TOKEN }}")
    yml.add("api_key: null")
    yml.add("secret: inherit")
    yml.add("  password: ~")
    yml.add(f"session_id: {g.uuid()}")
    yml.add(f"checksum: sha256:{g.hexs(64)}")

    precommit = new(".pre-commit-config.yaml")
    precommit.add("repos:")
    precommit.add("  - repo: https://github.com/pre-commit/pre-commit-hooks")
    precommit.add(f"    rev: {g.hexs(40)}")

    compose = new("docker-compose.yml")
    compose.add("services:")
    compose.add("  web:")
    compose.add("    environment:")
    compose.add(f"      - STRIPE_SECRET={g.stripe()}", POS, "stripe-key")
    compose.add("      - DATABASE_URL=postgres://app:app@db:5432/app")
    compose.add("      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}")
    compose.add("      - POSTGRES_PASSWORD=postgres")

    app_json = new("app.json")
    app_json.add("{")
    app_json.add('  "name": "bot",')
    app_json.add('  "env": {')
    app_json.add('    "SECRET_TOKEN": {')
    app_json.add('      "description": "the bot token",')
    app_json.add(f'      "value": "{g.generic(40)}"', POS, "secret")
    app_json.add("    },")
    app_json.add('    "SECRET_KEY": {"generator": "secret"},')
    app_json.add('    "WEB_CONCURRENCY": {"value": "2"},')
    app_json.add(f'    "TELEGRAM_TOKEN": {{"description": "from @BotFather", "value": "{g.telegram()}"}}', POS,
                 "telegram-bot-token")
    app_json.add('    "API_KEY": {"description": "your key", "required": true}')
    app_json.add("  }")
    app_json.add("}")

    cfg_json = new("config/settings.json")
    cfg_json.add("{")
    cfg_json.add(f'  "api_key": "{g.generic()}",', POS, "secret")
    cfg_json.add(f'  "stripe_secret": "{g.stripe()}",', POS, "stripe-key")
    cfg_json.add(f'  "ConnectionString": "Server=db.prod.net;User Id=app;Password={g.password()};",', POS,
                 "password")
    cfg_json.add(f'  "id": "{g.uuid()}",')
    cfg_json.add(f'  "sha256": "{g.hexs(64)}",')
    cfg_json.add('  "client_id": "1234567890-abc.apps.googleusercontent.com",')
    cfg_json.add('  "password": ""')
    cfg_json.add("}")

    sa = new("deploy/service-account.json")
    pem = g.pem_lines("")
    sa.add("{")
    sa.add('  "type": "service_account",')
    sa.add('  "private_key": "' + "\\n".join(pem) + '\\n",', POS, "private-key")
    sa.add('  "client_email": "bot@project.iam.gserviceaccount.com"')
    sa.add("}")

    ini = new("alembic.ini")
    ini.add("[alembic]")
    ini.add("sqlalchemy.url = driver://user:pass@localhost/dbname")
    ini.add(f"smtp_url = smtp://mailer:{g.password()}@smtp.mailgun.org:587", POS, "url-credentials")
    ini.add(f"password = {g.password()}", POS, "password")
    ini.add("password = %(DB_PASSWORD)s")
    ini.add("keys = root,sqlalchemy")

    toml = new("secrets.toml")
    toml.add("[bot]")
    toml.add(f'token = "{g.telegram()}"', POS, "telegram-bot-token")
    toml.add(f'openai_key = "{g.openai()}"', POS, "openai-key")
    toml.add('password = ""')

    env = new(".env")
    env.add(f"TELEGRAM_TOKEN={g.telegram()}", POS, "telegram-bot-token")
    env.add(f"DATABASE_URL=postgres://u1:{g.password()}@ec2-3-4-5-6.compute-1.amazonaws.com:5432/d9", POS,
            "url-credentials")
    env.add(f"SECRET_KEY={g.generic(50)}", POS, "secret-key")
    env.add(f"REDIS_URL=redis://:{g.password()}@redis-12345.c1.us-east-1-2.ec2.redns.redis-cloud.com:12345", POS,
            "url-credentials")
    env.add(f"export SENDGRID_API_KEY='{g.sendgrid()}'", POS, "sendgrid-key")
    env.add("DEBUG=1")
    env.add("PORT=5000")

    example = new(".env.example")
    example.add("TELEGRAM_TOKEN=your-token-here")
    example.add("SECRET_KEY=changeme")
    example.add("DATABASE_URL=postgres://user:password@localhost:5432/app")

    docker = new("Dockerfile")
    docker.add("FROM python:3.12-slim")
    docker.add("ARG PYTHON_VERSION=3.12")
    docker.add(f"ENV SECRET_KEY={g.generic(50)}", POS, "secret-key")
    docker.add(f"ARG GITHUB_TOKEN={g.github()}", POS, "github-token")
    docker.add(f"ENV DATABASE_URL postgres://app:{g.password()}@db.prod-cluster.net:5432/app", POS, "url-credentials")
    docker.add(f"ENV API_TOKEN {g.generic()}", POS, "secret")
    docker.add("ENV PORT=8000")
    docker.add('CMD ["gunicorn", "app:app"]')

    procfile = new("Procfile")
    procfile.add(f"web: API_TOKEN={g.generic()} gunicorn app:app", POS, "secret")
    procfile.add("worker: python bot.py")

    pypirc = new(".pypirc")
    pypirc.add("[pypi]")
    pypirc.add("username = __token__")
    pypirc.add(f"password = {g.pypi()}", POS, "pypi-token")

    npmrc = new(".npmrc")
    npmrc.add(f"//registry.npmjs.org/:_authToken={g.npm()}", POS, "npm-token")

    netrc = new(".netrc")
    netrc.add(f"machine api.heroku.com login me@example.com password {g.uuid()}", POS, "heroku-api-key")

    key = new("deploy/id_rsa")
    key.add(g.pem_lines("RSA "), POS, "private-key")

    js = new("static/js/api.js")
    js.add(f'const token = "{g.jwt()}";', POS, "jwt")
    js.add(f'const maps = "{g.google()}";', POS, "google-api-key")
    js.add("const apiKey = process.env.API_KEY;")

    xml = new("config/credentials.xml")
    xml.add(f"<password>{g.password()}</password>", MISS, "password")

    # Tests and docs: reported one level lower, still reported.
    tests = new("tests/test_bot.py")
    tests.add(f'TOKEN = "{g.telegram()}"', POS, "telegram-bot-token")
    tests.add(f'api_key = "test_api_key_{g.digits(4)}"')  # spelt from its own name: a placeholder
    tests.add('password = "secret"')
    docs = new("docs/deploy.md")
    docs.add(f"    heroku config:set TOKEN={g.telegram()}", POS, "telegram-bot-token")
    docs.add("    heroku config:set TOKEN=<your token>")
    docs.add(f'    curl -H "Authorization: Bearer {g.jwt()}" https://api.example.com', FALSE_ALARM, "jwt")

    # Files that are never read: lock files (hashes everywhere), minified assets, vendored code.
    lock = new("package-lock.json")
    lock.add("{")
    lock.add(f'  "integrity": "sha512-{g.s(86, B64)}==",')
    lock.add(f'  "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz#{g.hexs(40)}"')
    lock.add("}")
    poetry = new("poetry.lock")
    poetry.add(f'files = [{{file = "x.whl", hash = "sha256:{g.hexs(64)}"}}]')
    req = new("requirements.txt")
    req.add(f"flask==3.1.2 --hash=sha256:{g.hexs(64)}")
    minified = new("static/js/app.min.js")
    minified.add(f'var a="{g.hexs(40)}",b="{g.hexs(32)}";')
    return Corpus(files)


def secret_rows(root, rule="secret-committed", **settings):
    """(path, line, kind, severity) of one secrets rule's unsuppressed findings: kinds and levels, never
    values, so assertion messages print nothing secret."""
    from conftest import run_rules

    result = run_rules(root, select=[rule], **settings)
    assert not result.crashes, result.crashes
    return sorted((f.path, f.line, f.data.get("kind", ""), f.severity.value) for f in result.active)
