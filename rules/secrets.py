"""PF70x Secrets and the repository: what must never reach the platform's git, found fast, never printed.

Sources: research/secrets.md (detector design section 7, speed sections 6 and 7.5, peers' gaps in 1.7 and
2.1); Heroku Dev Center "Configuration and Config Vars" (config vars are the platform's place for
secrets); GitHub docs "Removing sensitive data from a repository" (a pushed secret must be rotated).
"""
from __future__ import annotations

import os
import stat
import sys
import weakref
from dataclasses import dataclass, field

from preflight import detectors
from preflight.findings import REPO, Severity, Violation
from preflight.lazyre import lazy_re
from preflight.masking import fingerprint, fingerprint_bytes, mask
from preflight.project.text import NotRegularFile, read_regular
from preflight.registry import rule

# A process pool pays for itself only on big trees: starting one costs 30-50 ms (secrets.md 7.5).
PARALLEL_MIN_FILES = 600
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
PARALLEL_MANY_FILES = 4000  # or this many files of any size: opening each one costs as much as reading it
_BATCH = 48


@dataclass
class TreeScan:
    hits: dict[str, list[detectors.Hit]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    keystores: list[str] = field(default_factory=list)

    def values(self) -> set[str]:
        return {fingerprint(h.value) for hits in self.hits.values() for h in hits}


_SCANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # project -> TreeScan
_REAL_DIRS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # project -> {folder: inside root}
_POOL_PROJECT = None  # the project a forked worker reads from (inherited through fork)


def _read(project, path: str) -> bytes | None:
    """project.read_bytes without its per-file realpath: folders are resolved once each, and a file
    that is itself a symlink (O_NOFOLLOW refuses it) goes through project.read_bytes and its policy."""
    root = str(project.root)
    folder = path.rpartition("/")[0]
    known = _REAL_DIRS.setdefault(project, {})
    inside = known.get(folder)
    if inside is None:
        inside = known[folder] = project.inside(folder or ".")
    if inside:
        try:
            raw = read_regular(os.path.join(root, path), detectors.MAX_FILE_BYTES + 1, follow=False)
        except (IsADirectoryError, NotRegularFile):
            return None  # a submodule's folder, a tracked file replaced by a folder or a pipe
        except OSError:
            raw = None  # a symlink (O_NOFOLLOW refuses it): project.read_bytes applies its policy
        if raw is not None:
            return raw if len(raw) <= detectors.MAX_FILE_BYTES else None
    return project.read_bytes(path, detectors.MAX_FILE_BYTES)


def _scan_one(project, path: str) -> tuple[list[detectors.Hit] | None, str | None]:
    raw = _read(project, path)
    if raw is None:
        return None, "unreadable"
    if not raw or detectors.is_binary(raw):
        return None, "binary (NUL byte)" if raw else None
    return detectors.scan(path, raw), None


def _worker(paths: list[str]):
    return [(p, *_scan_one(_POOL_PROJECT, p)) for p in paths]


def _fork_context():
    """Fork (workers inherit the project, nothing is pickled but paths and hits), or None: no fork on
    this platform, or other threads running, which fork would copy in an unknown state."""
    import multiprocessing
    import threading

    if threading.active_count() > 1:
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def tree_scan(project) -> TreeScan:
    """Every secret in the files git tracks (and staged ones), computed once per project."""
    cached = _SCANS.get(project)
    if cached is not None:
        return cached
    result = TreeScan()
    todo: list[str] = []
    total = 0
    root = str(project.root)
    for path in project.files:
        why = detectors.skip_reason(path)
        if why:
            result.skipped[path] = why
            continue
        if detectors.is_keystore(path):
            result.keystores.append(path)
            continue
        try:
            st = os.stat(os.path.join(root, path))
        except (OSError, ValueError):
            continue  # deleted on disk, a dangling symlink, a name the OS refuses: nothing to read
        if not stat.S_ISREG(st.st_mode):
            continue  # a submodule (a folder), a tracked file replaced by a folder, a pipe
        size = st.st_size
        if size > detectors.MAX_FILE_BYTES:
            result.skipped[path] = f"larger than {detectors.MAX_FILE_BYTES // (1024 * 1024)} MB"
            continue
        todo.append(path)
        total += size

    rows = None
    cpus = os.cpu_count() or 1
    if cpus > 1 and (len(todo) >= PARALLEL_MIN_FILES and total >= PARALLEL_MIN_BYTES
                     or len(todo) >= PARALLEL_MANY_FILES):
        rows = _parallel(project, todo, min(cpus, 8))
    if rows is None:
        rows = [(p, *_scan_one(project, p)) for p in todo]
    for path, hits, why in rows:
        if why:
            result.skipped[path] = why
        elif hits:
            result.hits[path] = hits
    project.skipped = {**getattr(project, "skipped", {}), **result.skipped}
    _SCANS[project] = result
    return result


def _parallel(project, todo: list[str], workers: int):
    global _POOL_PROJECT
    ctx = _fork_context()
    if ctx is None:
        return None
    batches = [todo[i:i + _BATCH] for i in range(0, len(todo), _BATCH)]
    _POOL_PROJECT = project
    try:
        with ctx.Pool(workers) as pool:
            return [row for rows in pool.imap_unordered(_worker, batches) for row in rows]
    except OSError:
        return None  # no processes available: fall back to the serial scan
    finally:
        _POOL_PROJECT = None


def _article(label: str) -> str:
    return "an" if label[0].lower() in "aeiou" or label.startswith("npm") else "a"


def _message(h: detectors.Hit, path: str, history: str = "") -> str:
    what = detectors.label(h.kind)
    shown = mask(h.value)
    if h.kind == "url-credentials":
        text = f"the password ({shown}) of a {h.detail}"
    elif h.kind == "secret-key" and h.name:
        text = f"{h.name} set to a literal key ({shown})"
    elif h.kind in ("password", "secret") and h.name:
        text = f"the {what} assigned to {h.name} ({shown})"
    elif h.name and h.kind in ("aws-secret-key", "heroku-api-key"):
        text = f"{_article(what)} {what} assigned to {h.name} ({shown})"
    else:
        text = f"{_article(what)} {what} ({shown})"
    note = f" ({h.note})" if h.note else ""
    if history:
        return (f"{text} was committed to {path} in {history}{note}; it is no longer in the tree but "
                "every clone, and the platform's copy of the history, still holds it")
    return f"{text} is committed in {path}{note}; every clone and every push to the platform carries it"


def _hint(h: detectors.Hit) -> str:
    return detectors.hint(h.kind)


@rule("PF701", "secret-committed", "E", "A token, key, password or credential URL in a file git tracks",
      fix="Move the value to a config var (heroku config:set NAME=...), read it with os.environ, and "
          "rotate it: it stays in the git history.")
def secret_committed(project):
    """
    ## What it does
    Finds secrets in every file git tracks (what a push sends) and in staged files: prefixed token
    formats that need no keyword (Telegram bot tokens, AWS access keys and the secret key beside them,
    GitHub and GitLab tokens, Slack tokens and webhooks, Stripe keys, Google API keys, OpenAI and
    Anthropic keys, SendGrid, Twilio, Heroku, PyPI, npm, Hugging Face and DigitalOcean tokens, JWTs,
    private-key blocks), URLs with a password (`postgres://user:password@host`, mysql, redis, amqp,
    mongodb...), Django/Flask `SECRET_KEY` literals, and `password`/`secret`/`token`/`api_key`
    assignments in Python, YAML, JSON, INI/TOML, `.env`, Dockerfile `ENV`/`ARG`, Procfile and
    `app.json` (`env.NAME.value`). Key store files (`.p12`, `.pfx`, `.jks`) are reported by name.

    The value is never printed: messages show the kind, at most the first 4 and last 2 characters and
    the length; JSON and SARIF carry a fingerprint instead.

    Not reported: placeholders (`your-token-here`, `xxx`, `<token>`, `changeme`, values spelt from
    the variable's own name such as `API_KEY = "test_api_key_1"`, typed runs such as `12345678`),
    references (`${VAR}`, `$VAR`, `{{ secrets.X }}`, `os.environ[...]`), hashes, versions, rate
    limits (`"5/m/user"`), UUIDs under non-secret names, sample values published in specifications
    and API documentation (RFC 6749's `2Yot...` token, the Telegram docs' sample token), private-key
    blocks elided in documentation, prose ("you can pass :code:`...`"), lock files, minified assets,
    vendored folders, binaries and files over 2 MB (listed with `--verbose`), and files git ignores.
    Credentials for a loopback or one-label host
    (`postgres://app:app@localhost/app`, a docker-compose service such as `@db`) are a development
    database: not reported, or at info level when the password looks generated.

    Severity: error; warning for test-mode Stripe keys, guessable `SECRET_KEY` values, a literal
    fallback in `os.environ.get("SECRET_KEY", "...")` and JWTs not named as secrets; one level lower
    in tests, fixtures, examples and documentation (folders such as `tests/`, `docs_src/`,
    `t/unit/`), and for named values and URLs inside a Python docstring. A signing key published in a
    framework tutorial (FastAPI's, Flask's) is reported with that note: anyone can sign with it.

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
    Config Vars"; peers' gaps measured in research/secrets.md 1.7.
    """
    scan = tree_scan(project)
    for path in sorted(scan.hits):
        for h in scan.hits[path]:
            yield Violation(path, h.line, _message(h, path), hint=_hint(h), col=h.col,
                            severity=Severity.parse(h.level), anchor=fingerprint(h.value),
                            data={"kind": h.kind, "preview": mask(h.value), "length": len(h.value)})
    for path in scan.keystores:
        raw = project.read_bytes(path, detectors.MAX_FILE_BYTES)
        if not raw:
            continue
        testish = detectors.context(path).testish
        yield Violation(path, 0, f"{path} is a key store (it holds private keys) and git tracks it; every "
                                 "clone and every push to the platform carries it",
                        hint=detectors.hint("keystore"), severity=Severity.WARNING if testish else None,
                        anchor=fingerprint_bytes(raw), data={"kind": "keystore", "length": len(raw)})


# -- .env files ------------------------------------------------------------------------------------
_ENV_LINE_RE = lazy_re(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


_ENV_TEMPLATE_WORDS = ("example", "sample", "template", "tmpl", "tpl", "dist", "default", "schema")


def is_env_file(path: str) -> bool:
    """``.env``, ``.env.production``, ``prod.env``; not templates such as ``.env.example``."""
    name = path.rsplit("/", 1)[-1]
    if not (name == ".env" or name.startswith(".env.") or name.endswith(".env")):
        return False
    return not any(w in name.lower() for w in _ENV_TEMPLATE_WORDS)


def _env_secret_names(project, path: str, hits: list[detectors.Hit]) -> list[str]:
    raw = project.read_bytes(path, detectors.MAX_FILE_BYTES)
    if raw is None or detectors.is_binary(raw):
        return []
    hit_lines = {h.line for h in hits if h.level != "I"}
    names = []
    for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        m = _ENV_LINE_RE.match(line)
        if not m:
            continue
        name, value = m.group(1), m.group(2)
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        if n in hit_lines or (value and detectors.secret_name(name) and not detectors.is_reference(value)
                              and not detectors.is_placeholder(value)):
            names.append(name)
    return names


@rule("PF702", "env-file-committed", "E", "A tracked .env file that holds secrets",
      fix="git rm --cached .env, add .env to .gitignore, set the values with heroku config:set, and "
          "rotate them.")
def env_file_committed(project):
    """
    ## What it does
    Reports a `.env` file (or `.env.production`, `prod.env`...) that git tracks and that sets at least
    one secret-named variable (`*_TOKEN`, `*_PASSWORD`, `SECRET_KEY`, `API_KEY`...) to a literal
    value, or holds anything `secret-committed` finds. Templates (`.env.example`, `.env.sample`,
    `.env.template`, `.env.dist`) and files of empty or placeholder values are fine.

    ## Why it matters
    `.env` is the file python-dotenv and docker-compose read for local development; it exists to keep
    secrets out of the code and out of git. Committed, it ships every value to the platform's git and
    to everyone who clones the repository. On the platform the values belong in config vars, and
    dotenv is not needed there at all.

    ## Example
    ```
    $ git ls-files
    .env          <- TOKEN=..., DATABASE_URL=...
    ```

    ## How to fix
    `git rm --cached .env`, add `.env` to `.gitignore`, commit; set each value with
    `heroku config:set NAME=value`; rotate the values that were pushed. Commit a `.env.example` with
    empty values instead, to document the variables.

    ## Source
    research/secrets.md 7.2 E (secret files tracked in git); Heroku Dev Center "Configuration and
    Config Vars".
    """
    scan = tree_scan(project)
    for path in project.files:
        if not is_env_file(path) or detectors.skip_reason(path):
            continue
        names = _env_secret_names(project, path, scan.hits.get(path, []))
        if not names:
            continue
        listed = ", ".join(dict.fromkeys(names))
        yield Violation(path, 0, f"{path} is tracked by git and sets {len(set(names))} secret value"
                                 f"{'s' if len(set(names)) != 1 else ''} ({listed}); every push sends them to "
                                 "the platform's git and every clone has them",
                        hint=f"git rm --cached {path}; add it to .gitignore; set the values with "
                             "'heroku config:set NAME=...' and rotate them.",
                        anchor="env-file")


# -- history ---------------------------------------------------------------------------------------
@rule("PF703", "secret-in-history", "W", "With --history: a secret added in an earlier commit",
      fix="Rotate the secret: removing it from the tree does not remove it from the history the "
          "platform and every clone hold.", needs_history=True)
def secret_in_history(project):
    """
    ## What it does
    With `--history` only: reads every line added by every commit reachable from `HEAD` (one streamed
    `git log -p -U0`), runs the `secret-committed` detectors on them, and reports each secret that is
    no longer in the tracked files, once, at the oldest commit that added it (path and line in that
    commit, short commit id in the message). Secrets still in the tree are reported by
    `secret-committed` instead. A shallow clone (CI checkouts usually are) is scanned as far as it
    goes, with a note on stderr.

    ## Why it matters
    `git push heroku main` sends the whole history of the branch. A token deleted in a later commit is
    still in every clone and in the platform's copy; only rotating it makes it harmless.

    ## Example
    ```
    a1b2c3d  add bot            conf.py: TOKEN = "123456789:AA..."
    d4e5f6a  use env variable   conf.py: TOKEN = os.environ["TOKEN"]
    ```
    `secret-committed` is quiet (the tree is clean); `secret-in-history` reports `conf.py` at commit
    `a1b2c3d`.

    ## How to fix
    Revoke or rotate the secret. Rewriting history (`git filter-repo`) helps only before anyone else
    has cloned or pulled it; the platform's copy is replaced only by a force-push.

    ## Source
    research/secrets.md 7.2 F (history mode) and section 5 (history-scan complaints); GitHub Docs
    "Removing sensitive data from a repository".
    """
    from preflight import history

    current = tree_scan(project).values()
    result = history.scan(project.root, progress=sys.stderr if sys.stderr.isatty() else None)
    for note in result.notes:
        print(f"preflight: note: {note}", file=sys.stderr)
    for found in result.found:
        h = found.hit
        if fingerprint(h.value) in current:
            continue
        where = f"commit {found.commit[:8]}" + (f" ({found.date})" if found.date else "")
        level = detectors.lower_level(h.level)
        yield Violation(found.path, h.line, _message(h, found.path, history=where), hint=_hint(h), col=h.col,
                        severity=Severity.parse(level), anchor=fingerprint(h.value),
                        data={"kind": h.kind, "preview": mask(h.value), "length": len(h.value),
                              "commit": found.commit})


# -- .gitignore ------------------------------------------------------------------------------------
@rule("PF704", "gitignore-missing", "W", "No .gitignore at the repository root",
      fix="Add a .gitignore with at least: .env, venv/, .venv/, __pycache__/, *.pyc.")
def gitignore_missing(project):
    """
    ## What it does
    Reports a repository with no `.gitignore` at its root.

    ## Why it matters
    Without one, `git add .` commits `.env` files with their secrets, the local virtualenv (which
    breaks the platform's build) and `__pycache__`, and every push sends them to the platform.

    ## Example
    ```
    $ ls -a
    .env  app.py  requirements.txt  venv/        <- no .gitignore
    ```

    ## How to fix
    Create `.gitignore` with at least `.env`, `venv/`, `.venv/`, `__pycache__/` and `*.pyc`
    (GitHub's Python template covers more), then `git rm -r --cached` what was already committed.

    ## Source
    research/secrets.md 7.1 (tracked files are what the platform receives); Heroku Dev Center
    "Deploying with Git".
    """
    if not project.exists(".gitignore"):
        yield Violation(REPO, 0, "the repository has no .gitignore: 'git add .' commits .env files, "
                                 "virtualenvs and __pycache__, and every push sends them to the platform")
