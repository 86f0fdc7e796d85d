"""PF701 secret-committed: a token, key, password or credential URL in a file git tracks."""
from preflight.findings import Severity, Violation
from preflight.masking import fingerprint
from preflight.project import detectors
from preflight.project.secrets import committed_hits, describe, finding_data, key_stores, session_files
from preflight.registry import rule


@rule("PF701", "secret-committed", "E", "A token, key, password or credential URL in a file git tracks",
      fix="Move the value to a config var (heroku config:set NAME=...), read it with os.environ, and "
          "rotate it: it stays in the git history.")
def check(project):
    """
    ## What it does
    Finds secrets in every file git tracks (what a push sends) and in staged files: prefixed token
    formats that need no keyword (Telegram bot tokens, AWS access keys and the secret key beside them,
    GitHub and GitLab tokens, Slack tokens and webhooks, Stripe keys, Google API keys, OpenAI and
    Anthropic keys, SendGrid, Twilio, Heroku, PyPI, npm, Hugging Face and DigitalOcean tokens, JWTs,
    private-key blocks), URLs with a password (`postgres://user:password@host`, mysql, redis, amqp,
    mongodb...), Django/Flask `SECRET_KEY` literals, and `password`/`secret`/`token`/`api_key`
    assignments in Python, YAML, JSON, INI/TOML, `.env`, Dockerfile `ENV`/`ARG`, Procfile and
    `app.json` (`env.NAME.value`), and a Telegram client app's `api_hash` (Telethon, Pyrogram: 32 hex
    digits after an `api_hash` name or as `TelegramClient`'s third argument). Key store files (`.p12`,
    `.pfx`, `.jks`) are reported by name, and so are tracked Telethon/Pyrogram `*.session` files (an
    SQLite file holding the account's authorization key: whoever has it is logged in).

    The value is never printed: messages show the kind, at most the first 4 and last 2 characters and
    the length; JSON and SARIF carry a fingerprint instead.

    Not reported: placeholders (`your-token-here`, `xxx`, `<token>`, `changeme`, values spelt from
    the variable's own name such as `API_KEY = "test_api_key_1"`, typed runs such as `12345678` or
    `AAABBBCCC...`, values holding `EXAMPLE` such as AWS's documented pair), references (`${VAR}`,
    `$VAR`, `{{ secrets.X }}`, `os.environ[...]`, unquoted expressions in Terraform/HCL, GraphQL
    field types such as `password: String!`, code inside source maps), dotted import paths
    (`myapp.auth.JWTTokenStrategy`), hashes, versions, rate limits (`"5/m/user"`), UUIDs under
    non-secret names, sample values published in specifications and API documentation (RFC 6749's
    `2Yot...` token, the Telegram docs' sample token, the `api_hash` values of Telegram's own apps),
    private-key blocks elided in documentation, prose ("you can pass :code:`...`"), a `SECRET_KEY`
    set on a Dockerfile `RUN` line (it lives for that build step), typed passwords and keys in
    tests, lock files, minified assets, vendored folders, binaries and files over 2 MB (listed with
    `--verbose`), and files git ignores. A Django key is a key whatever characters it holds: one
    with `%(`, `%s` or `$(` inside is not taken for a template.
    Credentials for a loopback or one-label host
    (`postgres://app:app@localhost/app`, a docker-compose service such as `@db`) are a development
    database: not reported, or at info level when the password looks generated.

    Severity follows where the value is used. Error on the production path; warning for test-mode
    Stripe keys, guessable `SECRET_KEY` values, a literal fallback in `os.environ.get("SECRET_KEY",
    "...")` (or a default fed to `os.environ.setdefault`) and JWTs not named as secrets. Lower where
    the platform never reads the value, with the reason in the message:
    - tests, fixtures, examples and documentation (folders such as `tests/`, `docs_src/`, `t/unit/`,
      `.env.test`) and templates (`example.env`, `.env-dist`, `*.template`): a provider-shaped token
      (Slack `xoxb-`, GitHub, a GitLab runner token, `sk_live_`...) one level lower; named values,
      URL passwords, JWTs and private keys at info;
    - a CI workflow's `SECRET_KEY` or password (it serves the test run), values on a commented-out
      line, dev defaults `manage.py` sets, expired JWTs, test-mode Stripe keys as a `.get()`
      fallback, Mapbox `pk.` tokens and Google Maps browser keys (public by design): info;
    - docker-compose files (the local stack): at most a warning, info when the value says it is
      for development (`suitable-for-development-only`);
    - a Django setting the settings production runs with take from another module (a base
      `SECRET_KEY` that `settings/production.py` reads from the environment): info, naming the
      override; one in a settings module no process selects: info for CI/test/dev modules, else a
      warning;
    - named values and URLs inside a Python docstring: one level lower.
    A signing key published in a framework tutorial (FastAPI's, Flask's) is reported with that note:
    anyone can sign with it.

    ## Why it matters
    A pushed secret is in every clone and in the platform's copy of the repository for good. The
    seeds move the Telegram token from `conf.py` to a config var; a token committed before that is the
    most common real leak, and a bot token lets anyone read and send the bot's messages.

    ## Example
    ```python
    bot = telebot.TeleBot("123456789:AA...")       # reported
    bot = telebot.TeleBot(os.environ["TOKEN"])     # the fix
    ```

    ## How to fix
    Revoke or rotate the secret first (deleting the line does not un-leak it), then set the new value
    with `heroku config:set NAME=...` and read it with `os.environ["NAME"]`. A value that is not a
    secret can be marked on its line with `# preflight: ignore[secret-committed]` (also honoured:
    `pragma: allowlist secret`, `gitleaks:allow`, and for named assignments bandit's `# nosec` and
    ruff's `# noqa: S105`), or recorded with `--write-baseline`.

    ## Source
    research/secrets.md sections 7.1-7.3 (tiers, filters); Heroku Dev Center "Configuration and
    Config Vars"; peers' gaps measured in research/secrets.md 1.7; bench/precision/FALSE_ALARMS.md (the
    real-app false alarms of issue #8, by class); Telegram Desktop's docs/api_credentials.md (its
    published test-only api_id/api_hash).
    """
    p = project.profile
    hits = committed_hits(project)
    for path in sorted(hits):
        for h in hits[path]:
            note = f" ({h.note})" if h.note else ""
            yield Violation(path, h.line, f"{describe(h)} is committed in {path}{note}; every clone and every push "
                                          "to the platform carries it",
                            hint=detectors.hint(h.kind, p.config_set), col=h.col, severity=Severity.parse(h.level),
                            anchor=fingerprint(h.value), data=finding_data(h))
    for store in key_stores(project):
        yield Violation(store.path, 0, f"{store.path} is a key store (it holds private keys) and git tracks it; "
                                       "every clone and every push to the platform carries it",
                        hint=detectors.hint("keystore", p.config_set),
                        severity=Severity.WARNING if store.testish else None,
                        anchor=store.anchor, data={"kind": "keystore", "length": store.length})
    for session in session_files(project):
        yield Violation(session.path, 0, f"{session.path} is a Telegram client session (Telethon/Pyrogram) and git "
                                         "tracks it: whoever has the file is logged in to that Telegram account, "
                                         "with no code or password asked",
                        hint=detectors.hint("telegram-session", p.config_set),
                        severity=Severity.WARNING if session.testish else None,
                        anchor=session.anchor, data={"kind": "telegram-session", "length": session.length})
