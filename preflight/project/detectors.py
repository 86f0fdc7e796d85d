"""Secret detectors: pure functions over a file's bytes, shared by the tree scan and the history scan.

Design (research/secrets.md section 7): tiers of detectors with their own filters, never global ones.

A. Prefixed token formats (Telegram, AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic,
   SendGrid, Twilio, Heroku, PyPI, npm, Hugging Face, DigitalOcean, JWT, private-key blocks): fire with
   no keyword nearby; only a sanity filter (documentation sample values, runs of one character).
B. URLs with credentials: ``scheme://user:password@host``; loopback and one-label (docker-compose
   service) hosts are development databases and are not reported unless the password looks generated.
C. Framework literals: Django/Flask ``SECRET_KEY``, secret-named literals in ``app.json``, ``.netrc``,
   a literal fallback in ``os.environ.get("SECRET_KEY", "...")``.
D. Generic ``password|secret|token|api_key = "..."`` assignments, gated by the variable name, file type
   (quotes required in code), placeholder, reference and entropy filters.

Speed (section 7.5): a few literal-prefixed trigger searches over the raw (or lowercased) bytes find the
lines that hold a keyword or prefix; only those lines are decoded, and only the detectors of the
triggers found run on them. Every quantifier is bounded, so no input makes a regex backtrack for long.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from preflight.lazyre import lazy_re

MAX_FILE_BYTES = 2 * 1024 * 1024  # larger files are skipped (reported with --verbose)
SNIFF_BYTES = 8192                # a NUL byte in the first 8 KB means binary
_MAX_HITS_PER_LINE = 64           # keyword hits examined on one line (minified data)
_NAME_MAX = 128                   # longest variable name looked for around a keyword

# -- what is never read ----------------------------------------------------------------------------
LOCK_FILES = frozenset({
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
    "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "Cargo.lock", "composer.lock", "Gemfile.lock",
    "Podfile.lock", "go.sum", "packages.lock.json", "flake.lock", "mix.lock", "pubspec.lock",
    "gradle.lockfile", "conda-lock.yml", "deno.lock",
})
VENDORED_DIRS = frozenset({
    "node_modules", "bower_components", "site-packages", "dist-packages", ".venv", "venv", ".tox", ".nox",
    "__pycache__", ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache", "vendor",
})
BINARY_EXTENSIONS = frozenset("""
png jpg jpeg gif ico webp bmp tif tiff psd ai eps heic avif svgz pdf zip gz tgz bz2 xz 7z rar zst lz4 tar
jar war ear whl egg so dll dylib exe bin o a lib obj pyc pyo pyd class wasm woff woff2 ttf otf eot mp3 mp4
m4a wav ogg oga avi mov mkv webm flac aac sqlite sqlite3 db pkl pickle npy npz h5 hdf5 parquet feather
onnx pt pth ckpt safetensors mo xls xlsx doc docx ppt pptx odt ods odp ds_store icns dat deb rpm dmg iso
""".split())
MINIFIED_SUFFIXES = (".min.js", ".min.css", ".min.mjs", ".js.map", ".css.map", ".min.map", "-min.js",
                     ".bundle.js", ".chunk.js")
# Key stores: binary files that hold private keys. Reported by name (their content is not text).
KEYSTORE_EXTENSIONS = frozenset({"p12", "pfx", "jks", "keystore"})


def skip_reason(path: str) -> str | None:
    """Why a file is not read at all (by its name alone), or None."""
    parts = path.split("/")
    name = parts[-1]
    if name in LOCK_FILES:
        return "lock file"
    for d in parts[:-1]:
        if d in VENDORED_DIRS or d.endswith((".dist-info", ".egg-info")):
            return "vendored or generated folder"
    low = name.lower()
    if low.endswith(MINIFIED_SUFFIXES):
        return "minified asset"
    ext = low.rsplit(".", 1)[-1] if "." in low else ""
    if ext in KEYSTORE_EXTENSIONS:
        return None  # reported by name by the caller
    if ext in BINARY_EXTENSIONS:
        return "binary (by extension)"
    if ext in ("po", "pot"):
        return "translation catalog"  # full of 'password' msgids, never of credentials (CredData: F)
    return None


def is_session_file(path: str) -> bool:
    """``*.session``: where Telethon and Pyrogram keep a logged-in Telegram account (SQLite)."""
    return path.lower().endswith(".session") and not path.endswith("/.session")


def is_keystore(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return "." in name and name.rsplit(".", 1)[-1] in KEYSTORE_EXTENSIONS


def is_binary(raw: bytes) -> bool:
    return b"\0" in raw[:SNIFF_BYTES]


# -- file context ----------------------------------------------------------------------------------
CODE_EXTENSIONS = frozenset("""
py pyw pyi pyx js mjs cjs jsx ts tsx rb go java kt kts scala php cs swift rs c h cc cpp hpp m mm dart lua
pl pm r ex exs groovy vue svelte html htm jinja j2 jinja2 twig erb hbs mustache ipynb txt
""".split())
DOC_EXTENSIONS = frozenset({"md", "markdown", "rst", "adoc", "asciidoc", "textile", "org", "tex"})
_TESTISH_DIRS = frozenset({
    "test", "tests", "testing", "__tests__", "spec", "specs", "fixture", "fixtures", "testdata", "test_data",
    "cassettes", "mocks", "docs", "doc", "example", "examples", "sample", "samples", "demo", "demos",
    "unit", "e2e", "snapshots",
})
# Words that mark a folder as tests or docs inside a longer name (docs_src, tests_integration); the
# singular ones are left out on purpose: a student's bot may well live in test_bot/ or sample_app/.
_TESTISH_WORDS = frozenset({"tests", "docs", "examples", "fixtures", "testdata", "testing", "unit", "e2e"})
_DIR_WORD_RE = lazy_re(r"[a-z0-9]+")
_JSON_EXTENSIONS = frozenset({"json", "jsonc", "json5", "geojson", "har", "webmanifest", "jsonl", "ndjson"})
_INI_EXTENSIONS = frozenset({"ini", "cfg", "conf", "properties", "pypirc", "npmrc", "editorconfig"})
# Files whose values are expressions, so that only a quoted literal is one: Terraform/HCL
# (``var.keys["secret_key"]`` is a reference), GraphQL SDL (``password: String!`` is a type), source maps
# (they embed JavaScript sources: ``this.credentials = input.credentials``).
_EXPRESSION_EXTENSIONS = frozenset({"tf", "tfvars", "hcl", "graphql", "graphqls", "gql", "map"})
_EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".tmpl", ".dist", ".default", ".defaults", ".tpl")


# Words of a file name that make it a copy-me template (``example.env``, ``.env-dist``,
# ``server.env.template``, ``.env_copy``): copied by hand and filled in, never loaded as it is.
_TEMPLATE_WORDS = frozenset({"example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl",
                             "dist", "copy"})
# ``.env.test``, ``test.env``, ``.env.ci``: the values a test run uses.
TEST_ENV_WORDS = frozenset({"test", "tests", "testing", "ci"})
# CI services' configuration: what runs there is the test suite, not the app's production.
_CI_FILES = frozenset({".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml",
                       "Jenkinsfile", ".drone.yml", "cloudbuild.yaml", "appveyor.yml"})
_CI_DIRS = (".github/workflows/", ".circleci/", ".gitlab/ci/", ".buildkite/", ".woodpecker/")
_COMPOSE_RE = lazy_re(r"^(?:docker-)?compose(?:[._-][\w.-]{0,60})?\.ya?ml$")


@dataclass(frozen=True)
class Context:
    path: str
    quoted_only: bool   # code and docs: a value must be a quoted literal
    testish: bool       # tests, fixtures, docs, examples: reported lower (see ``_placed``)
    name: str           # file name
    is_dockerfile: bool = False
    is_netrc: bool = False
    kind: str = ""      # "json", "ini" (key:value allowed), "py", or ""
    place: str = ""     # "template", "ci" (a CI service's file), "compose" (the local stack), or ""


def _name_words(low: str) -> set[str]:
    return set(_DIR_WORD_RE.findall(low))


def context(path: str) -> Context:
    parts = path.split("/")
    name = parts[-1]
    low = name.lower()
    ext = low.rsplit(".", 1)[-1] if "." in low.lstrip(".") else ""
    words = _name_words(low)
    envish = low == ".env" or low.startswith((".env.", ".env-", ".env_")) or low.endswith(".env")
    template = low.endswith(_EXAMPLE_SUFFIXES) or (ext not in CODE_EXTENSIONS and bool(words & _TEMPLATE_WORDS))
    testish = (any(p.lower() in _TESTISH_DIRS or any(w in _TESTISH_WORDS for w in _DIR_WORD_RE.findall(p.lower()))
                   for p in parts[:-1])
               or low.startswith("test_") or low.endswith(("_test.py", "_tests.py", "_spec.rb"))
               or low in ("conftest.py", "tests.py") or (envish and bool(words & TEST_ENV_WORDS))
               or ext in DOC_EXTENSIONS or template
               or low.startswith(("readme", "changelog")))
    place = ("template" if template else
             "ci" if name in _CI_FILES or path.startswith(_CI_DIRS) else
             "compose" if _COMPOSE_RE.match(low) else "")
    kind = "json" if ext in _JSON_EXTENSIONS else "ini" if ext in _INI_EXTENSIONS else "py" if ext == "py" else ""
    quoted_only = ext in CODE_EXTENSIONS or ext in DOC_EXTENSIONS or ext in _EXPRESSION_EXTENSIONS
    return Context(path=path, quoted_only=quoted_only,
                   testish=testish, name=name,
                   is_dockerfile=name == "Dockerfile" or name.startswith(("Dockerfile.", "Dockerfile-", "Dockerfile_"))
                   or low.endswith(".dockerfile"),
                   is_netrc=name in (".netrc", "_netrc"), kind=kind, place=place)


# -- what a detector returns -----------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    kind: str        # detector kind, a key of KINDS
    value: str       # the secret itself: never printed, only masked or hashed
    line: int        # 1-based
    col: int         # 1-based column of the value
    level: str       # "E", "W" or "I"
    note: str = ""   # why the level is lower, or what the value is (a fallback default...)
    name: str = ""   # the variable name, when the value is assigned to one
    detail: str = ""  # extra context safe to print (a URL's scheme and host)


# kind -> (label used in messages, how to fix). Hints name the revocation step: deleting the line
# does not un-leak a value that reached git. {config_set} is the platform's command for a config var
# (``project.profile.config_set``), filled in by ``hint``.
_ENV_FIX = "read it from an environment variable (os.environ[\"NAME\"]) set with '{config_set} NAME=...'"
KINDS: dict[str, tuple[str, str]] = {
    "telegram-bot-token": ("Telegram bot token",
                           "Revoke it with @BotFather (/revoke), then " + _ENV_FIX + "."),
    "aws-access-key": ("AWS access key ID", "Deactivate the key in IAM, then " + _ENV_FIX + "."),
    "aws-secret-key": ("AWS secret access key", "Deactivate the key pair in IAM, then " + _ENV_FIX + "."),
    "github-token": ("GitHub token", "Revoke it in GitHub settings (Developer settings > tokens), then "
                     + _ENV_FIX + "."),
    "gitlab-token": ("GitLab token", "Revoke it in GitLab (Access tokens), then " + _ENV_FIX + "."),
    "slack-token": ("Slack token", "Revoke it in the Slack app settings, then " + _ENV_FIX + "."),
    "slack-webhook": ("Slack webhook URL", "Regenerate the webhook in Slack, then " + _ENV_FIX + "."),
    "stripe-key": ("Stripe secret key", "Roll the key in the Stripe dashboard, then " + _ENV_FIX + "."),
    "google-api-key": ("Google API key", "Regenerate or restrict the key in the Google Cloud console, then "
                       + _ENV_FIX + "."),
    "openai-key": ("OpenAI API key", "Revoke it on the OpenAI API keys page, then " + _ENV_FIX + "."),
    "anthropic-key": ("Anthropic API key", "Revoke it in the Anthropic console, then " + _ENV_FIX + "."),
    "sendgrid-key": ("SendGrid API key", "Delete the key in SendGrid, then " + _ENV_FIX + "."),
    "twilio-key": ("Twilio API key", "Delete the key in the Twilio console, then " + _ENV_FIX + "."),
    "heroku-api-key": ("Heroku API key", "Regenerate it ('heroku authorizations:revoke' or Account "
                       "settings), then " + _ENV_FIX + "."),
    "pypi-token": ("PyPI upload token", "Delete the token on pypi.org, then " + _ENV_FIX + "."),
    "npm-token": ("npm access token", "Revoke it with 'npm token revoke', then " + _ENV_FIX + "."),
    "huggingface-token": ("Hugging Face token", "Invalidate it in Hugging Face settings, then "
                          + _ENV_FIX + "."),
    "digitalocean-token": ("DigitalOcean token", "Revoke it in the DigitalOcean console, then "
                           + _ENV_FIX + "."),
    "jwt": ("JSON Web Token", "Treat it as a credential: revoke or let it expire, and pass tokens at run "
            "time instead of committing them."),
    "private-key": ("private key", "Remove the key file from git, generate a new key pair, and provide "
                    "the key at run time (a config var or a secret store)."),
    "telegram-api-hash": ("Telegram API hash", "Keep the api_id/api_hash pair out of git: " + _ENV_FIX
                          + "; whoever holds the pair can log in to Telegram as your app."),
    "telegram-session": ("Telegram client session", "End the session (Telegram > Settings > Devices > "
                         "Terminate), git rm --cached the file, add *.session to .gitignore, and give the "
                         "platform a string session in a config var set with '{config_set} NAME=...'."),
    "keystore": ("key store file", "Remove the file from git (git rm --cached), create new keys, and "
                 "provide them at run time."),
    "url-credentials": ("password in a URL", "Use the URL the platform sets ($DATABASE_URL, $REDIS_URL...) "
                        "instead of a literal, and change that password."),
    "secret-key": ("SECRET_KEY literal", "Generate a new key and read it at run time: "
                   "SECRET_KEY = os.environ[\"SECRET_KEY\"]; {config_set} SECRET_KEY=..."),
    "password": ("password", "Change the password, then " + _ENV_FIX + "."),
    "secret": ("secret", "Rotate it, then " + _ENV_FIX + "."),
}


# -- small value tests -----------------------------------------------------------------------------
def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(value)
    if not n:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


_RUN_RE = lazy_re(r"(.)\1{5,}")  # six or more of one character: a placeholder, not a key
_TRIPLES_RE = lazy_re(r"(?:(.)\1\1){4}")  # AAABBBCCCDDD: typed by hand
_UUID_RE = lazy_re(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_SEQUENCES = ("0123456789", "1234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl")

_PLACEHOLDER_EXACT = frozenset("""
none null nil true false yes no on off undefined empty default changeme changeit secret secrets password
passwd pass pwd token apikey api_key api-key key test testing tests demo example sample dummy placeholder
admin root user username guest postgres mysql redis foo bar baz foobar qwerty letmein abc123 secret123
password1 password123 pass123 required optional string str text value xxx todo tbd fixme redacted hidden
masked unset notset not-set n/a na nope bearer basic inherit private public tiger hunter2
""".split())
# Filler words count only at the start or end of the value or next to a separator, so that a random
# value which happens to spell "your" or "todo" inside it is not mistaken for a placeholder.
_PLACEHOLDER_WORDS = (
    "your", "changeme", "change_me", "change-me", "change_this", "changethis", "replace", "example",
    "placeholder", "insert", "dummy", "redacted", "notreal", "not_real", "not-real", "not_a_real",
    "notasecret", "not-a-secret", "sample", "lorem", "todo", "fixme", "here",
)
_PLACEHOLDER_RE = lazy_re(r"(?:^|[^a-z0-9])(?:" + "|".join(map(re.escape, _PLACEHOLDER_WORDS)) + r")|(?:"
                             + "|".join(map(re.escape, _PLACEHOLDER_WORDS)) + r")(?:$|[^a-z0-9])")
_PLACEHOLDER_ANYWHERE = ("xxxx", "****", "...", "\u2026", "<", ">")  # '...': elided in documentation


# f-string and str.format fields: f"key_{suffix}", f"{BASE}/{token_for(user)}"
_INTERPOLATION_RE = lazy_re(r"\{[A-Za-z_][\w.]{0,60}(?:\([^{}()]{0,60}\))?\}")


def is_reference(value: str) -> bool:
    """A template, a variable or an environment lookup, not a literal secret."""
    v = value.strip()
    if not v:
        return True
    if v[0] in "$%!&*@" and not v.startswith(("$2a$", "$2b$", "$2y$")):
        return True
    if any(t in v for t in ("${", "$(", "{{", "}}", "{%", "%(", "%s", "%d", "{}", "{0}", "#{", "<%",
                            "process.env", "os.environ", "getenv", "ENC[", "vault:", "op://",
                            "secretsmanager", "/secrets/")):
        return True
    if v[0] == "{" and v[-1] == "}" or v[0] == "<" and v[-1] == ">" or v[0] == "[" and v[-1] == "]":
        return True
    return "{" in v and _INTERPOLATION_RE.search(v) is not None


def is_placeholder(value: str) -> bool:
    """Obvious fillers: ``your-token-here``, ``xxx``, ``changeme``, ``***``, ``12345678``."""
    low = value.strip().lower()
    if low in _PLACEHOLDER_EXACT or any(p in low for p in _PLACEHOLDER_ANYWHERE) or _PLACEHOLDER_RE.search(low):
        return True
    if len(set(low)) <= 2 or _RUN_RE.search(low):
        return True
    if len(low) >= 6 and any(low in s for s in _SEQUENCES):
        return True
    # eight characters of a keyboard or alphabet run ("...bcdefghij...", "12345678"): typed, not generated
    return _typed_run(low)


# Words a made-up value is built from: ``s3-secret-access-key``, ``secret_password_123``,
# ``test_api_key_1234``. A value of nothing but these, the variable's own words and short numbers names
# the variable instead of holding a secret.
_FILLER_WORDS = frozenset("""
my your our the a an some test testing fake dummy sample mock demo dev local example default new old
secret secrets password passwd pass pwd token key api access auth private client app ssl db user value
sk pk rk live
""".split())
_VALUE_WORD_RE = lazy_re(r"[a-z]+|[0-9]+")
_SPELT_RE = lazy_re(r"^[A-Za-z0-9_.:-]+$")


def echoes_name(value: str, name: str) -> bool:
    """True for a value spelt from the variable name and filler words (``API_KEY = "api-key"``).
    A symbol other than a separator makes it a (weak) password someone chose: ``Password1@``."""
    if not _SPELT_RE.match(value):
        return False
    squashed = re.sub(r"[^a-z0-9]", "", name.lower().rsplit(".", 1)[-1])
    if len(squashed) >= 6 and squashed in re.sub(r"[^a-z0-9]", "", value.lower()):
        return True  # "client_secret": "oauth2_client_secret"
    words = _VALUE_WORD_RE.findall(value.lower())
    if not words or all(w.isdigit() for w in words):
        return False
    own = set(_VALUE_WORD_RE.findall(name.lower())) | {w.lower() for w in _WORD_RE.findall(name)}
    return all(len(w) <= 4 if w.isdigit() else w in own or w in _FILLER_WORDS for w in words)


def _tier_a_filler(value: str) -> bool:
    """The only filter a prefixed token goes through: documentation samples, runs of one character,
    typed runs of eight (``...1234567890``, ``abcdefgh``) and letters typed three at a time
    (``AAABBBCCCDDD``), which a generated token all but never holds."""
    low = value.lower()
    return "example" in low or bool(_RUN_RE.search(value)) or _typed_run(low) or bool(_TRIPLES_RE.search(value))


def _typed_run(low: str) -> bool:
    return len(low) >= 8 and any(seq[i:i + 8] in low for seq in _SEQUENCES for i in range(len(seq) - 7))


_HASHED_PASSWORD_RE = lazy_re(r"^(?:pbkdf2_sha\d+\$|argon2|bcrypt|sha1\$|md5\$|\$2[aby]\$|\$argon2|"
                                 r"\$[156]\$|scrypt:|sha256\$|sha512\$|crypt\$)")
# Matched against lowercased values: an IGNORECASE regex costs milliseconds to compile at start-up.
_HASH_VALUE_RE = lazy_re(r"^(?:sha(?:1|224|256|384|512)|md5|blake2[bs]?)[-:=]")
_VERSION_RE = lazy_re(r"^v?\d+(?:\.\d+){1,3}(?:[-+.]?[a-z0-9]+)?$")
_IDENTIFIER_RE = lazy_re(r"^[A-Za-z_.\-]+$")
# Lower-case module names joined by dots, then a last name: ``myapp.utils.headless_auth.JWTTokenStrategy``.
_DOTTED_PATH_RE = lazy_re(r"^[a-z_][a-z0-9_]{0,60}(?:\.[a-z_][a-z0-9_]{0,60}){0,8}\.[A-Za-z_][A-Za-z0-9_]{0,80}$")
# Django's get_random_secret_key(): 50 characters of this alphabet, ``django-insecure-`` in front since
# Django 3.2 (45 to 60 accepted: keys trimmed or lengthened by hand).
_DJANGO_KEY_RE = lazy_re(r"^(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{45,60}$")


def django_key_shape(value: str) -> bool:
    """A key Django generated (startproject, get_random_secret_key), whatever characters it holds."""
    return bool(_DJANGO_KEY_RE.match(value)) and len(set(value)) >= 20 and entropy(value) >= 4.0


def _looks_random(value: str) -> bool:
    return len(value) >= 16 and entropy(value) >= 3.5 and bool(re.search(r"\d", value)) and bool(
        re.search(r"[A-Za-z]", value))


# -- tier A: prefixed formats ----------------------------------------------------------------------
# Each: (prefilter family, regex whose group 1 is the secret, kind). Boundaries are lookarounds so a
# prefix inside a longer word, or a token one character too long, does not match.
_TELEGRAM_RE = lazy_re(r"(?:(?<=bot)|(?<![\w:]))(\d{5,16}:A[A-Za-z0-9_-]{34})(?![\w-])")
_AWS_KEY_RE = lazy_re(r"(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])")
_AWS_SECRET_NEAR_RE = lazy_re(r"(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")
_GITHUB_RE = lazy_re(r"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,120})"
                        r"(?![A-Za-z0-9_])")
_GITLAB_RE = lazy_re(r"(?<![\w-])(gl(?:pat|dt|rt|ptt|cbt|ft|imt|agent|oas|soat)-[A-Za-z0-9_-]{20,100})"
                        r"(?![\w-])")
_SLACK_RE = lazy_re(r"(?<![\w-])(xox[abposre]-\d{6,15}-[0-9A-Za-z-]{8,200}|xapp-\d-[A-Za-z0-9-]{20,200})"
                       r"(?![\w-])")
_SLACK_HOOK_RE = lazy_re(r"hooks\.slack\.com/((?:services|workflows|triggers)/[A-Za-z0-9_/+-]{30,200})")
_STRIPE_RE = lazy_re(r"(?<![A-Za-z0-9_])((?:sk|rk)_(live|test)_[0-9A-Za-z]{10,99})(?![A-Za-z0-9_])")
_GOOGLE_RE = lazy_re(r"(?<![\w-])(AIza[0-9A-Za-z_-]{35})(?![\w-])")
_SK_DASH_RE = lazy_re(r"(?<![\w-])(sk-[A-Za-z0-9_-]{20,300})(?![\w-])")
_SENDGRID_RE = lazy_re(r"(?<![\w-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![\w-])")
_TWILIO_RE = lazy_re(r"(?<![A-Za-z0-9])(SK[0-9a-f]{32})(?![A-Za-z0-9])")
_HEROKU_RE = lazy_re(r"(?<![\w-])(HRKU-[A-Za-z0-9_-]{40,100})(?![\w-])")
_PYPI_RE = lazy_re(r"(?<![\w-])(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,400})(?![\w-])")
_NPM_RE = lazy_re(r"(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])")
_HF_RE = lazy_re(r"(?<![A-Za-z0-9_])(hf_[A-Za-z]{34})(?![A-Za-z0-9_])")
_DO_RE = lazy_re(r"(?<![A-Za-z0-9_])(do[por]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])")
_JWT_RE = lazy_re(r"(?<![\w-])(eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000})"
                     r"(?![\w-])")
# A Telegram client app's api_hash (Telethon, Pyrogram): 32 hex digits after an api_hash name or as
# TelegramClient's third argument (checked on the text before the value).
_TG_HASH_RE = lazy_re(r"(?<![0-9A-Za-z])([0-9a-f]{32})(?![0-9A-Za-z])")
_PKEY_RE = lazy_re(r"-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY(?: BLOCK)?-----")
_PUTTY_RE = lazy_re(r"PuTTY-User-Key-File-\d+:")

_SIMPLE_TIER_A = {
    # family: [(regex, kind), ...]
    "telegram": [(_TELEGRAM_RE, "telegram-bot-token")],
    "aws": [(_AWS_KEY_RE, "aws-access-key")],
    "github": [(_GITHUB_RE, "github-token")],
    "gitlab": [(_GITLAB_RE, "gitlab-token")],
    "slack": [(_SLACK_RE, "slack-token")],
    "url": [(_SLACK_HOOK_RE, "slack-webhook")],
    "google": [(_GOOGLE_RE, "google-api-key")],
    "sendgrid": [(_SENDGRID_RE, "sendgrid-key")],
    "twilio": [(_TWILIO_RE, "twilio-key")],
    "heroku": [(_HEROKU_RE, "heroku-api-key")],
    "pypi": [(_PYPI_RE, "pypi-token")],
    "npm": [(_NPM_RE, "npm-token")],
    "hf": [(_HF_RE, "huggingface-token")],
    "digitalocean": [(_DO_RE, "digitalocean-token")],
}

# The prefilter. Each trigger is a regex that starts with a literal, so the regex engine finds it with
# its fast literal search (a few ms per 35 MB); an alternation of all of them would test every branch at
# every byte and run 50 times slower. Triggers marked True run on the lowercased bytes. A trigger only
# selects lines: each family's own regex then decides on the decoded line.
_TRIGGERS: list[tuple[str, re.Pattern, bool]] = [(fam, lazy_re(rx), low) for fam, rx, low in (
    ("telegram", rb":A", False),
    ("aws", rb"A(?:KIA|SIA|BIA|CCA|3T)", False),
    ("github", rb"gh[pousr]_", False),
    ("github", rb"github_pat_", False),
    ("gitlab", rb"gl(?:pat|dt|rt|ptt|cbt|ft|imt|agent|oas|soat)-", False),
    ("slack", rb"xox[abposre]-", False),
    ("slack", rb"xapp-", False),
    ("stripe", rb"k_(?:live|test)_", False),
    ("google", rb"AIza", False),
    ("skdash", rb"sk-", False),
    ("sendgrid", rb"SG\.", False),
    ("twilio", rb"SK[0-9a-f]{32}", False),
    ("heroku", rb"HRKU-", False),
    ("pypi", rb"pypi-AgE", False),
    ("npm", rb"npm_", False),
    ("hf", rb"hf_", False),
    ("digitalocean", rb"_v1_", False),
    ("jwt", rb"eyJ", False),
    ("pkey", rb"-----BEGIN", False),
    ("pkey", rb"PuTTY-User-Key-File", False),
    ("url", rb"://", False),
    ("tgapi", rb"api_hash", True),
    ("tgapi", rb"apihash", True),
    ("tgapi", rb"api-hash", True),
    ("tgapi", rb"telegramclient\(", True),
    ("generic", rb"pass", True),
    ("generic", rb"pwd", True),
    ("generic", rb"secret", True),
    ("generic", rb"token", True),
    ("generic", rb"credential", True),
    ("generic", rb"key", True),
)]

_ALLOW_MARKERS = ("pragma: allowlist secret", "pragma: whitelist secret", "gitleaks:allow")
_ALLOW_NEXT = ("pragma: allowlist nextline secret", "pragma: whitelist nextline secret")


def _tier_a_line(families: set[str], line: str) -> list[tuple[str, str, int, str, str]]:
    """(kind, value, col, level, note) for the prefixed formats on one line."""
    out = []
    for fam in families:
        for rx, kind in _SIMPLE_TIER_A.get(fam, ()):
            for m in rx.finditer(line):
                value = m.group(1)
                if _tier_a_filler(value.split(":")[-1]):  # a bot id may hold zeros: test the secret part
                    continue
                if kind in ("telegram-bot-token", "twilio-key", "huggingface-token") and entropy(
                        value.split(":")[-1]) < 3.0:
                    continue
                if kind == "google-api-key" and _browser_key(line, m.start(1)):
                    out.append((kind, value, m.start(1) + 1, "I", "a browser key (Maps JavaScript), public by "
                                "design: restrict it by HTTP referrer in the Google Cloud console"))
                    continue
                out.append((kind, value, m.start(1) + 1, "E", ""))
    if "stripe" in families:
        for m in _STRIPE_RE.finditer(line):
            value = m.group(1)
            if _tier_a_filler(value):
                continue
            if m.group(2) == "test":
                fallback = _GET_FALLBACK_RE.search(line, max(0, m.start(1) - 200), m.start(1))
                out.append(("stripe-key", value, m.start(1) + 1, "I" if fallback else "W",
                            "a test-mode key as the fallback of a .get()" if fallback else "a test-mode key"))
            else:
                out.append(("stripe-key", value, m.start(1) + 1, "E", ""))
    if "skdash" in families:
        for m in _SK_DASH_RE.finditer(line):
            value = m.group(1)
            if _tier_a_filler(value):
                continue
            if value.startswith("sk-ant-"):
                if len(value) >= 60:
                    out.append(("anthropic-key", value, m.start(1) + 1, "E", ""))
            elif "T3BlbkFJ" in value or (value.startswith(("sk-proj-", "sk-svcacct-", "sk-admin-"))
                                         and len(value) >= 40):
                out.append(("openai-key", value, m.start(1) + 1, "E", ""))
    if "jwt" in families:
        for m in _JWT_RE.finditer(line):
            value = m.group(1)
            if not _jwt_header_ok(value.split(".", 1)[0]):
                continue
            before = line[max(0, m.start(1) - 400):m.start(1)].lower()
            named = any(w in before for w in ("token", "secret", "auth", "bearer", "jwt", "key", "pass"))
            expired = jwt_expired(value)
            if expired:
                out.append(("jwt", value, m.start(1) + 1, "I", f"expired on {expired}: it opens nothing now"))
                continue
            out.append(("jwt", value, m.start(1) + 1, "E" if named else "W",
                        "" if named else "not assigned to a secret-named variable"))
    if "tgapi" in families:
        for m in _TG_HASH_RE.finditer(line):
            value = m.group(1)
            before = line[max(0, m.start(1) - 160):m.start(1)].lower().replace("-", "_")
            if not ("api_hash" in before or "apihash" in before or "telegramclient(" in before):
                continue
            if _tier_a_filler(value) or entropy(value) < 3.0:
                continue
            out.append(("telegram-api-hash", value, m.start(1) + 1, "E", ""))
    return out


# What names a Google key as a browser key: the Maps JavaScript API loads it in every visitor's page.
_BROWSER_KEY_WORDS = frozenset({"map", "maps", "gmap", "gmaps", "browser", "js", "javascript"})
_GET_FALLBACK_RE = lazy_re(r"\.get\(\s{0,4}[\"'][^\"'\r\n]{1,80}[\"']\s{0,4},\s{0,4}(?:default\s{0,2}=\s{0,2})?[\"']$")


def _browser_key(line: str, start: int) -> bool:
    """A Google API key assigned to a name that says Maps/browser/JS, or loaded by a maps/api/js URL."""
    if "maps/api/js" in line:
        return True
    m = _ASSIGNED_NAME_RE.search(line, max(0, start - 160), start)
    return m is not None and any(w.lower() in _BROWSER_KEY_WORDS for w in _WORD_RE.findall(m.group(1)))


# The name a value is assigned to, right before it: ``GOOGLE_MAP_API_KEY = "``, ``"mapsKey": "``, ``key=``.
_ASSIGNED_NAME_RE = lazy_re(r"([A-Za-z_][A-Za-z0-9_]{0,80})[\"']?\]?\s{0,4}(?::|=)\s{0,4}[rRbBuU]{0,2}[\"'`]?$")


def jwt_expired(value: str) -> str:
    """The day a JWT's ``exp`` claim passed (``2021-03-04``), or "" (no exp, unreadable, or still valid)."""
    import time

    try:
        payload = value.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, IndexError, binascii.Error, UnicodeDecodeError):
        return ""
    exp = data.get("exp") if isinstance(data, dict) else None
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or exp >= time.time() or exp <= 0:
        return ""
    return time.strftime("%Y-%m-%d", time.gmtime(exp))


def _jwt_header_ok(segment: str) -> bool:
    try:
        data = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "alg" in data


_KEY_BODY_MAX = 16384  # an RSA-4096 PEM body is about 3.2 KB


def _der_truncated(b64: str) -> bool:
    """True when a PKCS#1/PKCS#8/SEC1 body declares (in its outer DER SEQUENCE header) far more bytes
    than it holds: a key elided in documentation (``MIIEpQIBAAKCAQEAuyf...``), not a usable key."""
    try:
        der = base64.b64decode(b64[:len(b64) // 4 * 4])
    except (ValueError, binascii.Error):
        return False
    if len(der) < 4 or der[0] != 0x30:
        return False  # not DER (an OpenSSH or PuTTY body): no length to check
    if der[1] < 0x80:
        declared = 2 + der[1]
    else:
        n = der[1] & 0x7F
        if not 1 <= n <= 4:
            return False
        declared = 2 + n + int.from_bytes(der[2:2 + n], "big")
    return declared > len(der) + 16


def _private_keys(raw: bytes, start: int, line: str) -> list[tuple[str, str, int, str, str]]:
    """A BEGIN ... PRIVATE KEY header with a real body (at least 64 base64 characters) before its END."""
    out = []
    m = _PKEY_RE.search(line)
    if m:
        head = raw.find(m.group(0).encode(), start)
        body_start = head + len(m.group(0)) if head >= 0 else start + len(line)
        end = raw.find(b"-----END", body_start, body_start + _KEY_BODY_MAX)
        body = raw[body_start:end if end >= 0 else body_start + 8192].decode("utf-8", "replace")
        chunks = re.split(r"\\r\\n|\\n|\r?\n", body)
        kept = "".join(c for c in chunks if ":" not in c)  # drop Proc-Type / DEK-Info headers
        b64 = re.sub(r"[^A-Za-z0-9+/=]", "", kept)
        # no run-of-one-character filter here: DER and OpenSSH bodies hold long runs of 'A'
        encrypted = "ENCRYPTED" in m.group(1) or "Proc-Type: 4,ENCRYPTED" in body
        if len(b64) >= 64 and "example" not in b64.lower() and entropy(b64) >= 4.0 and (
                encrypted or not _der_truncated(b64)):
            out.append(("private-key", b64, m.start() + 1, "W" if encrypted else "E",
                        "encrypted with a passphrase" if encrypted else ""))
    m = _PUTTY_RE.search(line)
    if m:
        after = raw[start:start + _KEY_BODY_MAX].decode("utf-8", "replace")
        pm = re.search(r"Private-Lines:\s*\d+\s*\n((?:[A-Za-z0-9+/=]{1,80}\r?\n){1,200})", after)
        if pm:
            b64 = re.sub(r"\s", "", pm.group(1))
            if len(b64) >= 64 and entropy(b64) >= 4.0:
                out.append(("private-key", b64, m.start() + 1, "E", ""))
    return out


# -- tier B: URLs with credentials -----------------------------------------------------------------
# The password may contain '@': the greedy, bounded class backs off to the last '@' before the host.
_URL_RE = lazy_re(
    r"(?<![\w+.-])([A-Za-z][A-Za-z0-9+.-]{1,30})://"
    r"([^\s:/?#@'\"`<>\[\]{}]{0,128}):"
    r"([^\s/?#'\"`<>]{1,256})@"
    r"(\[[0-9A-Fa-f:]{2,45}\]|[^\s/?#:@'\"`<>,;\\)\]}]{1,253})")
DB_SCHEMES = ("postgres", "postgresql", "mysql", "mariadb", "redis", "rediss", "amqp", "amqps", "mongodb",
              "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "couchdb", "neo4j", "bolt",
              "memcached", "nats", "kafka", "elasticsearch")
_LOCAL_HOSTS = frozenset({"localhost", "0.0.0.0", "::1", "[::1]", "host.docker.internal", "ip6-localhost"})
_PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", ".example", ".invalid", ".test")


def host_is_local(host: str) -> bool:
    """Loopback, ``*.local`` and one-label names (docker-compose services such as ``db``)."""
    h = host.lower().strip("[]")
    if h in _LOCAL_HOSTS or h.startswith("127.") or h.endswith((".local", ".localhost", ".internal")):
        return True
    return "." not in h and ":" not in h


_LONG_LINE = 4096


def _url_matches(line: str):
    """URL matches; on a long line (minified code, data) only in windows around each '://'."""
    if len(line) <= _LONG_LINE:
        yield from _URL_RE.finditer(line)
        return
    pos, done = line.find("://"), -1
    while pos >= 0:
        lo = max(0, pos - 40, done)
        for m in _URL_RE.finditer(line, lo, min(len(line), pos + 700)):
            if m.start() >= done:
                done = m.end()
                yield m
        pos = line.find("://", pos + 3)


def _url_credentials(line: str) -> list[tuple[str, str, int, str, str, str]]:
    """(kind, password, col, level, note, detail)."""
    out = []
    for m in _url_matches(line):
        scheme, user, password, host = m.group(1), m.group(2), m.group(3), m.group(4)
        base = scheme.lower().split("+", 1)[0]
        if base in ("jdbc", "git", "ssh", "svn", "file"):
            continue
        if is_reference(password) or (user and is_reference(user)) or is_placeholder(password) or password == user:
            continue
        if "**" in password or password.lower() in ("pass", "pw", "pwd", "secret", "password"):
            continue
        hl = host.lower()
        if any(hl.endswith(p) or p.strip(".") == hl for p in _PLACEHOLDER_HOSTS) or is_reference(host):
            continue
        detail = f"{scheme}:// URL for host {host}"
        if host_is_local(host):
            # A development database on the developer's own machine: reported (at info) only when the
            # password looks generated, since such a password may be reused for the real one.
            if len(password) >= 12 and entropy(password) >= 3.0 and any(c.isdigit() for c in password) \
                    and any(c.isalpha() for c in password):
                out.append(("url-credentials", password, m.start(3) + 1, "I",
                            "a local development host", detail))
            continue
        out.append(("url-credentials", password, m.start(3) + 1, "E", "", detail))
    return out


# -- tiers C and D: named assignments --------------------------------------------------------------
_KEYWORD_RE = lazy_re("|".join("".join(f"[{c.upper()}{c}]" for c in w)
                                   for w in ("pass", "pwd", "secret", "token", "credential", "key")))
_IDENT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_WORD_RE = lazy_re(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SECRET_WORDS = frozenset({
    "password", "passwd", "pass", "pwd", "passphrase", "secret", "token", "credential", "credentials",
    "apikey", "secretkey", "accesskey", "privatekey", "authtoken", "apitoken", "accesstoken", "authkey",
    "clientsecret", "apisecret", "appsecret", "appkey", "masterkey", "signingkey", "encryptionkey",
})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pass", "pwd", "passphrase"})
_KEY_QUALIFIERS = frozenset({"api", "access", "private", "auth", "client", "master", "signing", "encryption",
                             "app", "account", "service", "secret", "license", "storage", "subscription"})
_NOT_SECRET_TAIL = frozenset("""
name names id ids arn file files path paths dir url uri urls uris endpoint env var vars field fields length len
type types header headers prefix suffix pattern regex re regexp expires expiry expiration ttl timeout age
lifetime count min max label hint help message messages msg error errors class backend backends validator
validators required reset changed change template templates form view column hash hasher hashers digest
checksum salt nonce size format mode policy location source ref manager store storage provider generator
method func function handler callback scope scopes version index limit enabled param params parameter input
widget display placeholder text title chars rules cache attempts algorithm alg encoding position pos offset
start end kind status state flag option options setting settings config schema model serializer event events
queue topic channel group role list dict map set cls command cmd key_id page cursor id_token_hint used bytes
bits rounds iterations strength complexity policy prompt confirm confirmation repeat again valid invalid
expired verify verified verification check checker login reminder recovery forgot sent link exists
""".split())
_NOT_SECRET_ANY = frozenset({"public", "publishable", "hash", "hashed", "digest", "checksum", "salt", "nonce",
                             "sha", "sha1", "sha256", "sha512", "md5", "integrity", "fingerprint", "csrf", "xsrf",
                             "next", "page", "cursor", "is", "has", "use", "show", "get", "set", "no",
                             "allow", "require", "requires", "min", "max", "num", "forgot", "reset", "change"})


@lru_cache(maxsize=8192)
def secret_name(name: str) -> str | None:
    """The kind a variable name implies ("password", "secret-key", ...), or None for a non-secret name."""
    last = re.split(r"\.|->|::", name.strip("-_.\"'"))[-1]
    words = [w.lower() for w in _WORD_RE.findall(last)]
    if not words or words[-1] in _NOT_SECRET_TAIL or any(w in _NOT_SECRET_ANY for w in words):
        return None
    secretish = any(w in _SECRET_WORDS for w in words) or any(
        w == "key" and i > 0 and words[i - 1] in _KEY_QUALIFIERS for i, w in enumerate(words))
    if not secretish:
        return None
    if "aws" in words and "secret" in words:
        return "aws-secret-key"
    if "heroku" in words:
        return "heroku-api-key"
    if len(words) >= 2 and words[-2:] == ["secret", "key"] or words[-1] == "secretkey":
        return "secret-key"
    if any(w in _PASSWORD_WORDS for w in words):
        return "password"
    return "secret"


# A type annotation (``password: str = "..."``) is followed by '=': a second ':' after a word is
# reStructuredText (``pass :code:`True```), not an assignment.
_CODE_TAIL_RE = lazy_re(
    r"[\"']?\]?\s{0,4}(?::\s{0,4}[A-Za-z_][\w\[\]., |]{0,40}?\s{0,4}=|:=|=>|\?\?=|\|\|=|=|:)\s{0,4}"
    r"[rRbBuU]{0,2}(?:\"([^\"\\\r\n]{1,1000})\"|'([^'\\\r\n]{1,1000})'|`([^`\\\r\n]{1,1000})`)")
# In YAML a mapping's ':' is followed by a space (``key:value`` is one scalar); INI-like formats
# also accept ``key:value``.
# A '#' starts a comment only after a space (YAML, dotenv, shell): inside an unquoted value it is part of
# it, as in a Django key (``SECRET_KEY=x9#k...``).
_CONFIG_TAIL_RE = lazy_re(
    r"[\"']?\]?\s{0,4}(?::=|=>|=|:(?=[\s\"']|$))\s{0,4}"
    r"(?:\"([^\"\r\n]{1,1000})\"|'([^'\r\n]{1,1000})'|([^\s\"'#;,][^\s\"';,]{0,999}))")
_INI_TAIL_RE = lazy_re(
    r"[\"']?\]?\s{0,4}(?::=|=>|=|:(?!//))\s{0,4}"
    r"(?:\"([^\"\r\n]{1,1000})\"|'([^'\r\n]{1,1000})'|([^\s\"'#;,]{1,1000}))")
_DOCKER_SPACE_RE = lazy_re(r"^\s*(?:[Ee][Nn][Vv]|[Aa][Rr][Gg])\s+([A-Za-z_][A-Za-z0-9_]*)\s+(?!=)(\S{1,1000})")
_ENV_DEFAULT_RE = lazy_re(
    r"(?:getenv|environ\.get|environ\.setdefault|\benv(?:\.str)?|\bconfig)\(\s*[\"']([A-Za-z_][A-Za-z0-9_]{0,80})"
    r"[\"']\s*,\s*(?:default\s*=\s*)?[\"']([^\"'\\\r\n]{1,500})[\"']")
_NETRC_RE = lazy_re(r"\bpassword\s+(\S{1,500})")


# An image URL just before a query parameter (Codecov's badge.svg?token=..., shields): README badges.
_BADGE_URL_RE = lazy_re(r"(?:\.(?:svg|png|gif)|/badge)\?[^\s\"'<>()]{0,200}$")
_RATE_RE = lazy_re(r"^\d+/[a-z]+(?:/[a-z]+)*$")  # a rate limit: "5/m/user", "100/day"


def value_level(kind: str, value: str, name: str = "") -> tuple[str, str] | None:
    """(level, note) when ``value`` assigned to a ``kind``-named variable is reported, else None."""
    v = value.strip()
    if len(v) < 6 or "://" in v:
        return None
    # A generated Django key may hold '%(', '%s', '$(' or start with '$', '%', '!' (about one key in
    # eight): the shape of the whole value, not those characters, says whether it is a template.
    if (is_reference(v) and not (kind == "secret-key" and django_key_shape(v))) or is_placeholder(v):
        return None
    if "example" in v.lower():
        return None  # AWS's documented pair (...EXAMPLE, ...EXAMPLEKEY) and the like: placeholders by convention
    if _DOTTED_PATH_RE.match(v):
        return None  # a Python import path (``myapp.auth.JWTTokenStrategy``), not a secret
    if v.startswith("pk.eyJ"):
        return "I", "a Mapbox public token (pk.), public by design: restrict it to your URLs in Mapbox"
    if _RATE_RE.match(v):
        return None
    # A made-up password or token does not work, so it leaks nothing; a made-up signing key works,
    # and signs sessions anyone can forge: SECRET_KEY = "my-flask-secret-key" stays reported.
    if name and kind != "secret-key" and echoes_name(v, name):
        return None
    if _HASHED_PASSWORD_RE.match(v) or _HASH_VALUE_RE.match(v.lower()) or _VERSION_RE.match(v.lower()):
        return None
    if v.startswith(("/", "./", "../", "~/")) or re.match(r"^[A-Za-z]:\\", v):
        return None  # a path to a secret file, not the secret
    if kind == "heroku-api-key" and _UUID_RE.match(v):
        return "E", ""
    if kind == "secret-key":
        if v.startswith("django-insecure-"):
            return "E", "Django's startproject default key"
        if len(v) < 8:
            return None
        if _looks_random(v) or (len(v) >= 20 and entropy(v) >= 3.8 and " " not in v):
            return "E", ""
        return "W", "a guessable key"
    if " " in v or "\t" in v:
        return None
    if re.fullmatch(r"[\w.+-]+@[\w-]+\.[\w.-]+", v):
        return None  # an e-mail address (a login), not a secret
    if kind == "password":
        has_digit = any(c.isdigit() for c in v)
        has_alpha = any(c.isalpha() for c in v)
        has_symbol = any(not c.isalnum() and c not in "_.-" for c in v)
        if not has_alpha and not has_symbol:
            return None
        if (has_digit and has_alpha) or has_symbol or (len(v) >= 12 and entropy(v) >= 3.5
                                                       and not _IDENTIFIER_RE.match(v)):
            return "E", ""
        return None
    if kind == "aws-secret-key" and re.fullmatch(r"[A-Za-z0-9/+]{40}", v):
        return "E", ""
    if len(v) < 8 or entropy(v) < 3.0 or not any(c.isalpha() for c in v):
        return None
    if _IDENTIFIER_RE.match(v) and not (len(v) >= 24 and entropy(v) >= 4.2):
        return None  # names, words, dotted paths: letters, '_', '.', '-' only
    return "E", ""


def _generic(ctx: Context, line: str, taken: list[tuple[int, int]]):
    """Named assignments on one line: (kind, value, col, level, note, name)."""
    out = []
    if ctx.quoted_only:
        if '"' not in line and "'" not in line and "`" not in line:
            return out  # code: a secret is a quoted literal
        for m in _ENV_DEFAULT_RE.finditer(line):
            kind = secret_name(m.group(1))
            if kind and value_level(kind, m.group(2), m.group(1)):
                note = "a literal fallback used whenever the variable is unset"
                level = "E" if m.group(2).startswith("django-insecure-") else "W"
                out.append((kind, m.group(2), m.start(2) + 1, level, note, m.group(1)))
                taken.append((m.start(2), m.end(2)))
    if ctx.is_netrc:
        for m in _NETRC_RE.finditer(line):
            value = m.group(1)
            kind = "heroku-api-key" if _UUID_RE.match(value) else "password"
            if not is_reference(value) and not is_placeholder(value):
                out.append((kind, value, m.start(1) + 1, "E", "", "password"))
        return out
    if ctx.is_dockerfile:
        m = _DOCKER_SPACE_RE.match(line)
        if m:
            kind = secret_name(m.group(1))
            if kind and (lv := value_level(kind, m.group(2).strip("\"'"), m.group(1))):
                out.append((kind, m.group(2).strip("\"'"), m.start(2) + 1, lv[0], lv[1], m.group(1)))
            return out
    if "=" not in line and ":" not in line:
        return out  # no assignment on this line
    tail_re = _CODE_TAIL_RE if ctx.quoted_only else _INI_TAIL_RE if ctx.kind == "ini" else _CONFIG_TAIL_RE
    seen = set()
    n = len(line)
    for i, km in enumerate(_KEYWORD_RE.finditer(line)):
        if i >= _MAX_HITS_PER_LINE:
            break
        s, e = km.start(), km.end()
        floor, ceiling = max(0, s - _NAME_MAX), min(n, e + _NAME_MAX)
        while s > floor and line[s - 1] in _IDENT:
            s -= 1
        while e < ceiling and line[e] in _IDENT:
            e += 1
        if (s > 0 and line[s - 1] in _IDENT) or (e < n and line[e] in _IDENT):
            continue  # a run of name characters longer than any name: data, not an assignment
        if (s, e) in seen:
            continue
        seen.add((s, e))
        if s > 0 and line[s - 1] in "${%":
            continue  # ${PASSWORD}, %(password)s: a reference
        if s > 0 and line[s - 1] in "?&" and _BADGE_URL_RE.search(line, max(0, s - 300), s):
            continue  # ...badge.svg?token=...: a badge's read-only graph token, public by design
        json_key = ctx.kind == "json" and s > 0 and line[s - 1] == '"'
        if ctx.kind == "json" and not json_key and not line[e:e + 5].lstrip().startswith("="):
            continue  # JSON: a quoted key, or NAME=value inside a string (a connection string); not prose
        name = line[s:e]
        kind = secret_name(name)
        if not kind:
            continue
        tm = tail_re.match(line, e)
        if not tm:
            continue
        gi = 1 if tm.group(1) is not None else 2 if tm.group(2) is not None else 3
        value, vstart = tm.group(gi), tm.start(gi)
        if gi == 3:
            if json_key:
                continue  # an unquoted JSON value is a number, true, false or null
            value = value.rstrip(")]}")
        if any(a <= vstart < b for a, b in taken):
            continue
        lv = value_level(kind, value, name)
        if lv:
            out.append((kind, value, vstart + 1, lv[0], lv[1], name.strip("-\"'")))
    return out


_APP_JSON_VALUE_RE = lazy_re(
    r"\"([A-Za-z_][A-Za-z0-9_]{0,80})\"\s*:\s*\{[^{}]{0,2000}?\"value\"\s*:\s*\"([^\"\\\r\n]{1,1000})\"")


def _app_json(text: str) -> list[tuple[str, str, int, int, str, str, str]]:
    """``env.NAME.value`` literals in app.json (Heroku Button manifests): (kind, value, line, col, ...)."""
    out = []
    if '"value"' not in text:
        return out
    for m in _APP_JSON_VALUE_RE.finditer(text):
        kind = secret_name(m.group(1))
        if kind and (lv := value_level(kind, m.group(2), m.group(1))):
            line = text.count("\n", 0, m.start(2)) + 1
            col = m.start(2) - (text.rfind("\n", 0, m.start(2)) + 1) + 1
            out.append((kind, m.group(2), line, col, lv[0], lv[1], m.group(1)))
    return out


# -- the whole file --------------------------------------------------------------------------------
def lower_level(level: str) -> str:
    return {"E": "W", "W": "I"}.get(level, "I")


# Long lines (minified bundles, data files written on one line): the detectors run only on windows
# around each trigger hit, not on the whole line; a window starts and ends at a delimiter, so the
# detectors' boundary lookarounds see what they would see on the whole line.
_WINDOW_BEFORE = 384       # bytes before a hit: the variable name, a token's bot id or URL scheme
_WINDOW_AFTER = 1536       # bytes after it: the value (a JWT or a key body may run on to a delimiter)
_ALIGN_BACK = 256          # how far a window's start may move back to reach a delimiter
_ALIGN_FORWARD = 16384     # how far its end may move on to reach one (a long JWT)
_MAX_LONG_HITS = 20000     # trigger hits kept per long line; past that the whole line is scanned
_DELIMS = frozenset(b" \t\r\"'`;,(){}[]<>")
_DELIM_RE = lazy_re(rb"[\s\"'`;,(){}\[\]<>]")


def _windows(raw: bytes, start: int, end: int, hits: list[int]) -> list[tuple[int, int]]:
    """Merged byte ranges around the trigger hits of the long line raw[start:end]."""
    out: list[tuple[int, int]] = []
    for pos in sorted(hits):
        lo = max(start, pos - _WINDOW_BEFORE)
        if out and lo <= out[-1][1]:
            lo = out[-1][0]
        elif lo > start:
            floor = max(start, lo - _ALIGN_BACK)
            cut = max(raw.rfind(bytes((d,)), floor, lo + 1) for d in _DELIMS)
            lo = cut if cut >= 0 else floor
        hi = min(end, pos + _WINDOW_AFTER)
        if hi < end:
            m = _DELIM_RE.search(raw, hi, min(end, hi + _ALIGN_FORWARD))
            hi = m.start() if m else end
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def scan(path: str, raw: bytes, ctx: Context | None = None) -> list[Hit]:
    """Every secret in one file's bytes (already known not to be binary), in line order."""
    low = None
    candidates: dict[int, set[str]] = {}
    long_hits: dict[int, list[int]] = {}  # line start -> trigger offsets, for lines over _LONG_LINE
    for fam, rx, lower in _TRIGGERS:
        if lower and low is None:
            low = raw.lower()  # ASCII-only: byte offsets stay those of raw
        buf = low if lower else raw
        last = -1
        line_start = -1  # the long line being collected, or -1
        for m in rx.finditer(buf):
            pos = m.start()
            if pos < last:
                if line_start >= 0:
                    long_hits[line_start].append(pos)
                continue  # same line as the previous hit
            start = buf.rfind(b"\n", 0, pos) + 1
            nl = buf.find(b"\n", m.end())
            last = nl if nl >= 0 else len(buf)
            line_start = start if last - start > _LONG_LINE else -1
            if line_start >= 0:
                long_hits.setdefault(start, []).append(pos)
            fams = candidates.get(start)
            if fams is None:
                candidates[start] = {fam}
            else:
                fams.add(fam)
    if not candidates:
        return []

    ctx = ctx or context(path)
    hits: list[Hit] = []
    lineno, counted_to = 1, 0
    aws_lines: list[int] = []
    key_headers = [0]  # bounded: a file of nothing but BEGIN lines must not cost a read per line
    for start in sorted(candidates):
        fams = candidates[start]
        lineno += raw.count(b"\n", counted_to, start)
        counted_to = start
        end = raw.find(b"\n", start)
        end = end if end >= 0 else len(raw)
        positions = long_hits.get(start)
        if positions and len(positions) <= _MAX_LONG_HITS:
            segments = _windows(raw, start, end, positions)
        else:
            segments = [(start, end)]
        found = []  # (kind, value, col, level, note, name, detail)
        chars_before, decoded_to = 0, start
        for a, b in segments:
            if a > decoded_to:  # columns count characters from the start of the line
                chars_before += len(raw[decoded_to:a].decode("utf-8", "replace"))
                decoded_to = a
            text = raw[a:b].decode("utf-8", "replace")
            if b == end:
                text = text.rstrip("\r")
            for item in _scan_text(ctx, fams, raw, a, text, found, key_headers):
                found.append(item[:2] + (item[2] + chars_before,) + item[3:])
        if not found:
            continue
        line = raw[start:end].decode("utf-8", "replace") if len(segments) > 1 or segments[0] != (start, end) \
            else text
        if _allowlisted(raw, start, line):
            continue
        if _linter_marked(line):
            found = [f for f in found if not f[5]]
        if _commented_out(ctx, line):
            # a named value on a commented-out line is not read by anything; prefixed tokens stay reported
            found = [f[:3] + ("I", f"{f[4]}; on a commented-out line" if f[4] else "on a commented-out line")
                     + f[5:] if f[5] else f for f in found]
        elif ctx.is_dockerfile and _DOCKER_RUN_RE.match(_instruction_start(raw, start)):
            # ``RUN SECRET_KEY=build-key python manage.py collectstatic``: set for that build step only;
            # the running app never sees it
            found = [f for f in found if not (f[5] and f[0] == "secret-key")]
        for kind, value, col, level, note, name, detail in found:
            if kind == "aws-access-key":
                aws_lines.append(lineno)
            hits.append(Hit(kind, value, lineno, col, level, note, name, detail))
    if aws_lines:
        hits.extend(_aws_secrets_near(raw, aws_lines, hits))
    if ctx.name == "app.json":
        text = raw.decode("utf-8", "replace")
        have = {h.value for h in hits}
        for kind, value, line, col, level, note, name in _app_json(text):
            if value not in have:
                hits.append(Hit(kind, value, line, col, level, note, name))
    if hits:
        hits = _known_values(hits)
    if hits and ctx.kind == "py":
        hits = _in_docstrings(raw, hits)
        if _SETDEFAULT_LOOP_RE.search(raw):
            hits = _setdefault_defaults(ctx, raw, hits)
    hits = [p for p in (_placed(ctx, h) for h in hits) if p is not None]
    hits.sort(key=lambda h: (h.line, h.col))
    return _dedupe(hits)


# -- where a value is used ------------------------------------------------------------------------------
# Kinds with a shape a provider checks (a prefix, a length): a real one of these is a real credential
# wherever it sits, even in a test recording. Named values (passwords, keys assigned to a name), URL
# passwords, JWTs and private keys in tests are made up for the test, or recorded against a fake server.
SHAPED_KINDS = frozenset({
    "telegram-bot-token", "aws-access-key", "github-token", "gitlab-token", "slack-token", "slack-webhook",
    "stripe-key", "google-api-key", "openai-key", "anthropic-key", "sendgrid-key", "twilio-key", "heroku-api-key",
    "pypi-token", "npm-token", "huggingface-token", "digitalocean-token",
})
# A GitLab runner registration token (``GR1348941`` + 20): found by name, but its shape is GitLab's.
_GITLAB_RUNNER_RE = lazy_re(r"^GR1348941[A-Za-z0-9_-]{20}$")
# Values that say they are for development: in the local stack (docker-compose) they are exactly that.
_DEV_WORDS = frozenset({"dev", "development", "develop", "local", "localdev", "test", "testing", "insecure",
                        "dummy", "fake", "notsecret", "unsafe", "changeme", "ci", "build", "debug", "only"})
_PLACE_NOTES = {
    "template": "in a template or example file; make sure the deploy sets its own value",
    "test": "in a test, fixture, example or documentation file",
    "ci": "in a CI workflow: a value for the test run",
    "compose": "in docker-compose: the local stack, which the platform does not read",
}


def shaped(h: Hit) -> bool:
    """A hit whose format a provider checks: a real one is a credential wherever it is committed."""
    return h.kind in SHAPED_KINDS and (h.kind != "heroku-api-key" or not h.name) or bool(
        _GITLAB_RUNNER_RE.match(h.value))


def says_dev(value: str) -> bool:
    """``suitable-for-development-only``, ``for-testing``, ``build-key``: a value that names its use."""
    if django_key_shape(value) or value.startswith("django-insecure-"):
        return False
    words = _VALUE_WORD_RE.findall(value.lower())
    return any(w in _DEV_WORDS for w in words) and all(len(w) >= 2 or w.isdigit() for w in words)


def _noted(h: Hit, level: str, note: str) -> Hit:
    return Hit(h.kind, h.value, h.line, h.col, level, f"{h.note}; {note}" if h.note else note, h.name, h.detail)


def _placed(ctx: Context, h: Hit) -> Hit | None:
    """The level where the file says the value is used: tests, docs and templates hold made-up values
    (only provider-shaped tokens stay, one level lower; in tests a typed password or key is not reported
    at all, a generated-looking one is noted); a CI workflow's typed signing key or password serves the
    test run; docker-compose is the local stack (at most a warning, and a value that says it is for
    development is only noted)."""
    place = "test" if ctx.testish and ctx.place != "template" else ctx.place
    if place == "test" and h.name and not shaped(h) and not _looks_random(h.value):
        return None  # user_factory(password="foobarbaz123"): made up for the test
    if h.level == "I":
        return h
    if place in ("template", "test"):
        return _noted(h, lower_level(h.level) if shaped(h) else "I", _PLACE_NOTES[place])
    if place == "ci" and h.kind in ("secret-key", "password") and not shaped(h) and (
            says_dev(h.value) or not _looks_random(h.value)):
        # SECRET_KEY: 'for-testing'; a generated value (a `heroku config:set SECRET_KEY=...` step) stays
        return _noted(h, "I", _PLACE_NOTES["ci"])
    if place == "compose" and h.name and not shaped(h):
        return _noted(h, "I" if says_dev(h.value) else "W" if h.level == "E" else h.level, _PLACE_NOTES["compose"])
    return h


_COMMENT_STARTS = {"py": ("#",), "ini": ("#", ";"), "json": ()}
_DOCKER_RUN_RE = lazy_re(r"^\s*[Rr][Uu][Nn]\s")


def _instruction_start(raw: bytes, start: int) -> str:
    """The first line of the Dockerfile instruction the line at ``start`` belongs to: lines before it
    that end with a backslash continue one instruction (bounded: 200 lines back)."""
    for _ in range(200):
        if start <= 0:
            break
        prev_start = raw.rfind(b"\n", 0, start - 1) + 1
        if not raw[prev_start:start - 1].rstrip(b" \t\r").endswith(b"\\"):
            break
        start = prev_start
    end = raw.find(b"\n", start)
    return raw[start:end if end >= 0 else len(raw)].decode("utf-8", "replace")


def _commented_out(ctx: Context, line: str) -> bool:
    """A line that is a comment in its file's syntax (``#`` in Python, YAML, shell, .env, Dockerfile;
    ``//`` in JavaScript-like code). Markdown headings are not comments: docs are handled by place."""
    ext = ctx.name.lower().rsplit(".", 1)[-1] if "." in ctx.name else ""
    if ext in DOC_EXTENSIONS or ext in ("html", "htm", "txt", "ipynb"):
        return False
    stripped = line.lstrip()
    starts = _COMMENT_STARTS.get(ctx.kind, ("#", "//") if ctx.quoted_only else ("#",))
    return stripped.startswith(starts)


# ``for key, value in DEFAULTS.items(): os.environ.setdefault(key, value)``: the dict's values are
# defaults the environment overrides, like ``os.environ.get("X", "literal")``.
_SETDEFAULT_LOOP_RE = lazy_re(rb"environ\.setdefault\(\s{0,4}[A-Za-z_]\w{0,40}\s{0,4},\s{0,4}[A-Za-z_]")
_DICT_ENTRY_RE = lazy_re(r"^\s*[\"'][A-Za-z_][A-Za-z0-9_]{0,80}[\"']\s*:")


def _setdefault_defaults(ctx: Context, raw: bytes, hits: list[Hit]) -> list[Hit]:
    offsets = [0] + [m.end() for m in re.finditer(rb"\n", raw)]
    dev_runner = ctx.name == "manage.py"  # the developer's command runner; web processes start from wsgi/asgi
    note = ("a development default manage.py sets when the variable is unset" if dev_runner else
            "a literal fallback used whenever the variable is unset")
    out = []
    for h in hits:
        if h.name and h.level != "I" and _DICT_ENTRY_RE.match(_line_at(raw, h.line, offsets)):
            h = _noted(h, "I" if dev_runner else "W" if h.level == "E" else h.level, note)
        out.append(h)
    return out


def _scan_text(ctx: Context, fams: set[str], raw: bytes, start: int, line: str, found: list,
               key_headers: list[int]) -> list[tuple]:
    """(kind, value, col, level, note, name, detail) on one line, or one window of a long line that
    begins at byte ``start`` of ``raw``; ``found`` holds what earlier windows of the line found."""
    out = []
    for kind, value, col, level, note in _tier_a_line(fams, line):
        out.append((kind, value, col, level, note, "", ""))
    if "pkey" in fams and key_headers[0] < 100:
        key_headers[0] += 1
        for kind, value, col, level, note in _private_keys(raw, start, line):
            out.append((kind, value, col, level, note, "", ""))
    if "url" in fams and "@" in line:
        for kind, value, col, level, note, detail in _url_credentials(line):
            out.append((kind, value, col, level, note, "", detail))
    if "generic" in fams:
        taken = [(c - 1, c - 1 + len(v)) for _, v, c, *_ in out]
        for kind, value, col, level, note, name in _generic(ctx, line, taken):
            # a prefixed token or URL already found in this value is reported once, by its kind
            if any(value in f[1] or f[1] in value for f in out) or any(
                    value in f[1] or f[1] in value for f in found):
                continue
            out.append((kind, value, col, level, note, name, ""))
    return out


# Values published in specifications and documentation, by the first 32 hex digits of their SHA-256
# (the values themselves are not written here). A sample is not anyone's credential: not reported.
# Checked 2026-11 against the sdists of oauthlib 4.0.1, aiogram 3.31.0, fastapi 0.165.0, flask 3.1.3.
_PUBLIC_SAMPLES = {
    "731fa294d036e54f19df879bfcd4fe72": "the sample token in Telegram's Bot API documentation",
    "6c96130f130ab0d6d158397e24d2bcc1": "the sample access token of RFC 6749",
    "00cf4c781dc37003f7c7dd7d4c9a6ef1": "the sample refresh token of RFC 6749",
    "a35b81a7d7927b70ec99270dd2362b88": "the sample authorization code of RFC 6749",
    "8d567eb88afff34f31ab97fbb2731e58": "a sample consumer key of RFC 5849",
    "9d03b692e941d5ace207a9f804883443": "a sample token of RFC 5849",
    "80f8b7c904d4a43f3b7036db73247daa": "a sample consumer key of RFC 5849",
    "2ff8b0fb93aca981c78f1e94355c298c": "a sample token of RFC 5849",
    "7f75367e7881255134e1375e723d1dea": "the sample token on jwt.io",
    # Telegram's own apps' api_hash values, published (userbots ship them as defaults): not anyone's secret.
    # Checked 2026-12: API_ID 6 (Telegram for Android, Ultroid's pyUltroid/configs.py default); 2040 (Telegram
    # Desktop, opentele's documentation); 17349 (tdesktop docs/api_credentials.md, "TEST ONLY credentials").
    "2eca32762ce92f1fc903c9c28d80c242": "the api_hash of Telegram for Android (api_id 6), published",
    "821608a7f555f559cbe2ef2879fe6e14": "the api_hash of Telegram Desktop (api_id 2040), published",
    "773c675cd20ed007a82196fa7c56848d": "the test-only api_hash of Telegram Desktop's build docs (api_id 17349)",
}
# Signing keys printed in framework tutorials, and copied from there into apps: still reported (anyone
# can sign sessions or tokens with a published key), with where it was published.
_PUBLISHED_KEYS = {
    "570dad43de1af4c925f92c16a68a5093": "the FastAPI tutorial's example key, published",
    "2598f7d6adc142d88161630f3db12ab2": "the Flask documentation's example key, published",
}


def _value_id(value: str) -> str:
    import hashlib  # lazily: most runs find nothing to look up

    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _known_values(hits: list[Hit]) -> list[Hit]:
    out = []
    for h in hits:
        vid = _value_id(h.value)
        if vid in _PUBLIC_SAMPLES:
            continue
        published = _PUBLISHED_KEYS.get(vid)
        if published:
            h = Hit(h.kind, h.value, h.line, h.col, h.level, f"{h.note}; {published}" if h.note else published,
                    h.name, h.detail)
        out.append(h)
    return out


def _documented(h: Hit) -> bool:
    """A named assignment or a URL (tiers B-D): in a docstring these are usage examples. Prefixed
    tokens and key blocks are reported as they are wherever they appear."""
    return bool(h.name) or h.kind == "url-credentials"


def _docstring_lines(raw: bytes) -> list[tuple[int, int]] | None:
    """Line ranges of the string statements (docstrings, strings used as block comments) of a
    Python module, or None when it does not parse."""
    import ast

    try:
        tree = ast.parse(raw)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return [(n.lineno, n.end_lineno or n.lineno) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)]


def _maybe_in_string(raw: bytes, hits: list[Hit]) -> bool:
    """Cheap test before parsing: is a hit's line after an odd number of triple quotes, or on a line
    holding one? (Parsing a large test module costs tens of milliseconds.)"""
    if b'"""' not in raw and b"'''" not in raw:
        return False
    starts = [0] + [m.end() for m in re.finditer(rb"\n", raw)]
    for h in hits:
        if not _documented(h) or h.line > len(starts):
            continue
        at = starts[h.line - 1]
        end = starts[h.line] if h.line < len(starts) else len(raw)
        if raw.count(b'"""', 0, at) % 2 or raw.count(b"'''", 0, at) % 2 or b'"""' in raw[at:end] \
                or b"'''" in raw[at:end]:
            return True
    return False


def _in_docstrings(raw: bytes, hits: list[Hit]) -> list[Hit]:
    """Hits of tiers B-D inside a docstring, one level lower: documentation, like a docs/ file."""
    if len(raw) > 1024 * 1024 or not _maybe_in_string(raw, hits):
        return hits
    ranges = _docstring_lines(raw)
    if not ranges:
        return hits
    where = "in a docstring"
    return [Hit(h.kind, h.value, h.line, h.col, lower_level(h.level), f"{h.note}; {where}" if h.note else where,
                h.name, h.detail)
            if _documented(h) and any(a <= h.line <= b for a, b in ranges) else h for h in hits]


# Bandit's ``# nosec`` (bare or naming its hardcoded-password checks) and ruff's ``# noqa: S105``
# mark a line the author has already judged not to hold a password: honoured for named assignments.
_LINTER_MARK_RE = lazy_re(r"#\s{0,4}(?:nosec\b(?![^#\n]*\bB\d)|nosec\b[^#\n]*\bB10[567]\b|"
                          r"noqa\s{0,4}:[^#\n]*\bS10[567]\b)")


def _linter_marked(line: str) -> bool:
    return "#" in line and ("nosec" in line or "noqa" in line) and _LINTER_MARK_RE.search(line) is not None


def _dedupe(hits: list[Hit]) -> list[Hit]:
    seen = set()
    out = []
    for h in hits:
        key = (h.line, h.value)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


def _allowlisted(raw: bytes, start: int, line: str) -> bool:
    low = line.lower()
    if "allowlist" in low or "whitelist" in low or "gitleaks" in low:
        if any(m in low for m in _ALLOW_MARKERS):
            return True
    if start > 0:
        prev_start = raw.rfind(b"\n", 0, start - 1) + 1
        prev = raw[prev_start:start].lower()
        if b"nextline" in prev and any(m.encode() in prev for m in _ALLOW_NEXT):
            return True
    return False


def _line_at(raw: bytes, lineno: int, offsets: list[int]) -> str:
    if lineno < 1 or lineno > len(offsets):
        return ""
    start = offsets[lineno - 1]
    end = raw.find(b"\n", start)
    return raw[start:end if end >= 0 else len(raw)].decode("utf-8", "replace").rstrip("\r")


def _aws_secrets_near(raw: bytes, key_lines: list[int], hits: list[Hit]) -> list[Hit]:
    """A 40-character secret within three lines of an AWS access key ID is that key's secret."""
    offsets = [0] + [m.end() for m in re.finditer(rb"\n", raw)]
    have = {h.value for h in hits}
    out = []
    wanted = sorted({n for k in key_lines for n in range(k - 3, k + 4)})
    for n in wanted:
        line = _line_at(raw, n, offsets)
        for m in _AWS_SECRET_NEAR_RE.finditer(line):
            v = m.group(1)
            if v in have or _tier_a_filler(v) or entropy(v) < 4.0:
                continue
            if not (re.search(r"[a-z]", v) and re.search(r"[A-Z]", v) and re.search(r"\d", v)):
                continue
            have.add(v)
            out.append(Hit("aws-secret-key", v, n, m.start(1) + 1, "E", "next to an AWS access key ID"))
    return out


def label(kind: str) -> str:
    return KINDS.get(kind, (kind, ""))[0]


def hint(kind: str, config_set: str) -> str:
    """How to fix a secret of this kind; ``config_set`` is the platform's command that sets a config var."""
    return KINDS.get(kind, ("", KINDS["secret"][1]))[1].replace("{config_set}", config_set)
