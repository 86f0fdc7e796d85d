"""Secrets in the repository, found fast and never printed: the tree scan every secrets rule reads.

``Project.secret_scan`` runs the detectors (``preflight.project.detectors``) once on every file git
tracks (and staged ones), in forked workers on big trees, and records the files it did not read and why
(``Project.skipped``, listed by ``--verbose``). ``key_stores`` and ``env_files`` are the facts about key
store files and ``.env`` files; ``describe`` is how a hit is named in a message (masked, never whole).

Sources: research/secrets.md (detector design section 7, speed sections 6 and 7.5).
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from preflight.lazyre import lazy_re
from preflight.masking import fingerprint, fingerprint_bytes, mask
from preflight.messages import article
from preflight.project import detectors
from preflight.project.text import NotRegularFile, read_regular

# A process pool pays for itself only on big trees: starting one costs 30-50 ms (secrets.md 7.5).
PARALLEL_MIN_FILES = 600
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
PARALLEL_MANY_FILES = 4000  # or this many files of any size: opening each one costs as much as reading it
_BATCH = 48


@dataclass
class TreeScan:
    hits: dict[str, list[detectors.Hit]] = field(default_factory=dict)   # path -> hits, in file order
    skipped: dict[str, str] = field(default_factory=dict)                # path -> why it was not read
    keystores: list[str] = field(default_factory=list)                   # paths named like key stores
    sessions: list[str] = field(default_factory=list)                    # paths named like Telegram sessions

    def values(self) -> set[str]:
        """Fingerprints of every secret value in the tree."""
        return {fingerprint(h.value) for hits in self.hits.values() for h in hits}


class _Reader:
    """Reads tracked files without project.read_bytes' per-file realpath: folders are resolved once
    each, and a file that is itself a symlink (O_NOFOLLOW refuses it) goes through project.read_bytes
    and its policy."""

    def __init__(self, project):
        self.project = project
        self.root = str(project.root)
        self.inside: dict[str, bool] = {}  # folder -> it resolves inside the repository

    def read(self, path: str) -> bytes | None:
        folder = path.rpartition("/")[0]
        inside = self.inside.get(folder)
        if inside is None:
            inside = self.inside[folder] = self.project.inside(folder or ".")
        if inside:
            try:
                raw = read_regular(os.path.join(self.root, path), detectors.MAX_FILE_BYTES + 1, follow=False)
            except (IsADirectoryError, NotRegularFile):
                return None  # a submodule's folder, a tracked file replaced by a folder or a pipe
            except OSError:
                raw = None  # a symlink (O_NOFOLLOW refuses it): project.read_bytes applies its policy
            if raw is not None:
                return raw if len(raw) <= detectors.MAX_FILE_BYTES else None
        return self.project.read_bytes(path, detectors.MAX_FILE_BYTES)

    def scan(self, path: str) -> tuple[str, list[detectors.Hit] | None, str | None]:
        raw = self.read(path)
        if raw is None:
            return path, None, "unreadable"
        if not raw or detectors.is_binary(raw):
            return path, None, "binary (NUL byte)" if raw else None
        return path, detectors.scan(path, raw), None


_POOL_READER: _Reader | None = None  # the reader a forked worker uses (inherited through fork)


def _worker(paths: list[str]):
    return [_POOL_READER.scan(p) for p in paths]


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


class Pending:
    """A tree scan running in forked workers while the main process goes on (``start``); ``collect``
    waits for it. Started before the code is parsed, it costs the run only what it does not overlap."""

    def __init__(self, result: TreeScan, pool, rows):
        self.result, self.pool, self.rows = result, pool, rows

    def collect(self) -> TreeScan | None:
        """The finished scan, or None when the workers failed (the caller scans serially)."""
        try:
            rows = [row for batch in self.rows.get() for row in batch]
        except Exception:  # a worker died (killed, out of memory): no partial answer
            rows = None
        finally:
            self.close()
        return None if rows is None else _finish(self.result, rows)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def start(project) -> Pending | None:
    """The tree scan started in the background when the tree is big enough for a process pool and
    the platform can fork; None otherwise (``scan_tree`` then runs in the foreground)."""
    global _POOL_READER
    result, todo, total = _plan(project)
    if not _worth_a_pool(todo, total):
        return None
    ctx = _fork_context()
    if ctx is None:
        return None
    batches = [todo[i:i + _BATCH] for i in range(0, len(todo), _BATCH)]
    _POOL_READER = _Reader(project)
    try:
        pool = ctx.Pool(min(os.cpu_count() or 1, 8))
        rows = pool.map_async(_worker, batches)
    except OSError:
        return None
    finally:
        _POOL_READER = None  # the workers have their copy (fork); the parent needs none
    return Pending(result, pool, rows)


def _worth_a_pool(todo: list[str], total: int) -> bool:
    return (os.cpu_count() or 1) > 1 and (len(todo) >= PARALLEL_MIN_FILES and total >= PARALLEL_MIN_BYTES
                                          or len(todo) >= PARALLEL_MANY_FILES)


def scan_tree(project) -> TreeScan:
    """Every secret in the files git tracks (and staged ones); ``Project.secret_scan`` caches it."""
    result, todo, total = _plan(project)
    reader = _Reader(project)
    rows = None
    if _worth_a_pool(todo, total):
        rows = _parallel(reader, todo, min(os.cpu_count() or 1, 8))
    if rows is None:
        rows = [reader.scan(p) for p in todo]
    return _finish(result, rows)


def _finish(result: TreeScan, rows) -> TreeScan:
    for path, hits, why in rows:
        if why:
            result.skipped[path] = why
        elif hits:
            result.hits[path] = hits
    return result


def _plan(project) -> tuple[TreeScan, list[str], int]:
    """The files to scan and their total size, and a result holding what is skipped by name or size."""
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
        if detectors.is_session_file(path):
            result.sessions.append(path)
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
    return result, todo, total


def _parallel(reader: _Reader, todo: list[str], workers: int):
    global _POOL_READER
    ctx = _fork_context()
    if ctx is None:
        return None
    batches = [todo[i:i + _BATCH] for i in range(0, len(todo), _BATCH)]
    _POOL_READER = reader
    try:
        with ctx.Pool(workers) as pool:
            return [row for rows in pool.imap_unordered(_worker, batches) for row in rows]
    except OSError:
        return None  # no processes available: fall back to the serial scan
    finally:
        _POOL_READER = None


# -- where production uses a value (facts of the whole project, not of one file) --------------------
_SETTING_NAME_RE = lazy_re(r"^[A-Z][A-Z0-9_]{1,80}$")
_CI_SETTINGS_WORDS = frozenset({"ci", "test", "tests", "testing", "dev", "develop", "development", "local"})


def committed_hits(project) -> dict[str, list[detectors.Hit]]:
    """The tree scan's hits at the level production's use of them deserves: a Django setting that the
    settings production runs with take from another module is noted at info (``overridden by ...``), one
    in a settings module no process selects is lowered (info for CI/test/dev modules, else a warning)."""
    def build():
        from preflight.project.django import setting_use

        out = {}
        set_by = manifest_env(project)
        for path, hits in project.secret_scan.hits.items():
            if path.endswith(".py"):
                hits = [_by_settings_use(project, path, h, setting_use) for h in hits]
            out[path] = [_by_manifest(h, set_by) for h in hits]
        return out

    return project.memo("secret_committed_hits", build)


def manifest_env(project) -> dict:
    """Variable -> (manifest, line): what the platform's own manifest sets on the app (render.yaml envVars,
    .do/app.yaml envs, fly.toml [env], scalingo.json env; an app.json env entry with ``"generator": "secret"``
    where the platform reads app.json), so a literal fallback of that variable is not what production uses."""
    out = dict(project.platform_files.env(project.platform))
    doc = project.manifests.app_json if project.profile.has("app_json") and project.exists("app.json") else None
    env = doc.get("env") if isinstance(doc, dict) else None
    for name, spec in (env.items() if isinstance(env, dict) else ()):
        if isinstance(spec, dict) and spec.get("generator") == "secret":  # generated when the app is created
            out.setdefault(name, ("app.json", 0))
    return out


def _by_manifest(h: detectors.Hit, set_by: dict) -> detectors.Hit:
    """A literal fallback (``os.environ.get("SECRET_KEY", "...")``) of a variable the platform's manifest sets
    is used only where it is not deployed: info, naming the manifest."""
    if h.level == "I" or not h.name or h.name not in set_by or "fallback" not in (h.note or ""):
        return h
    path, line = set_by[h.name]
    where = f"{path}:{line}" if line else path
    return detectors.Hit(h.kind, h.value, h.line, h.col, "I",
                         f"{h.note}; {where} sets {h.name} on the platform, so the fallback is for other machines",
                         h.name, h.detail)


def _by_settings_use(project, path: str, h: detectors.Hit, setting_use) -> detectors.Hit:
    if h.level == "I" or not h.name or not _SETTING_NAME_RE.match(h.name) or detectors.shaped(h):
        return h
    use = setting_use(project, path, h.name)
    if use is None or use.state == "used":
        return h
    if use.state == "overridden":
        level, note = "I", f"overridden by {use.by_path}:{use.by_line} in the settings production runs with"
    else:
        words = set(re.split(r"[/_.]", path[:-3].lower()))
        testish = bool(words & _CI_SETTINGS_WORDS)
        level = "I" if testish else "W"
        note = ("CI/test/dev settings that no process selects" if testish else
                "a settings module no process selects, unless DJANGO_SETTINGS_MODULE names it")
    return detectors.Hit(h.kind, h.value, h.line, h.col, level, f"{h.note}; {note}" if h.note else note,
                         h.name, h.detail)


# -- key stores ------------------------------------------------------------------------------------
@dataclass
class KeyStore:
    """A tracked binary file that holds keys by what it is: a key store, a Telegram client session."""

    path: str
    length: int
    anchor: str       # the fingerprint of its bytes (the finding's anchor: baselines match on it)
    testish: bool     # in a tests/, fixtures/, docs/ folder


def key_stores(project) -> list[KeyStore]:
    """The tracked key store files (``.p12``, ``.pfx``, ``.jks``) that hold something, read once."""
    def build():
        out = []
        for path in project.secret_scan.keystores:
            raw = project.read_bytes(path, detectors.MAX_FILE_BYTES)
            if raw:
                out.append(KeyStore(path, len(raw), fingerprint_bytes(raw), detectors.context(path).testish))
        return out

    return project.memo("secret_key_stores", build)


_SQLITE_MAGIC = b"SQLite format 3\0"


def session_files(project) -> list[KeyStore]:
    """The tracked Telegram client sessions: ``*.session`` files that are SQLite databases with an
    authorization key (Telethon's ``sessions`` table, Pyrogram's ``auth_key`` column), read once."""
    def build():
        out = []
        for path in project.secret_scan.sessions:
            raw = project.read_bytes(path, detectors.MAX_FILE_BYTES)
            if raw and raw.startswith(_SQLITE_MAGIC) and (b"auth_key" in raw or b"sessions" in raw):
                out.append(KeyStore(path, len(raw), fingerprint_bytes(raw), detectors.context(path).testish))
        return out

    return project.memo("secret_session_files", build)


# -- .env files ------------------------------------------------------------------------------------
_ENV_LINE_RE = lazy_re(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")
_ENV_TEMPLATE_WORDS = ("example", "sample", "template", "tmpl", "tpl", "dist", "default", "schema")


def is_env_file(path: str) -> bool:
    """``.env``, ``.env.production``, ``prod.env``; not templates such as ``.env.example`` or ``.env-dist``,
    nor the values of a test run (``.env.test``, ``.env.ci``)."""
    name = path.rsplit("/", 1)[-1]
    if not (name == ".env" or name.startswith(".env.") or name.endswith(".env")):
        return False
    low = name.lower()
    if any(w in low for w in _ENV_TEMPLATE_WORDS):
        return False
    return not set(re.findall(r"[a-z0-9]+", low)) & detectors.TEST_ENV_WORDS


@dataclass
class EnvFile:
    path: str
    secret_names: list[str]   # variables set to a literal secret, in file order (repeats kept)


def env_files(project) -> list[EnvFile]:
    """The tracked ``.env`` files (not templates, not skipped by the scan), with the secrets they set."""
    def build():
        scan = project.secret_scan
        out = []
        for path in project.files:
            if is_env_file(path) and not detectors.skip_reason(path):
                out.append(EnvFile(path, _env_secret_names(project, path, scan.hits.get(path, []))))
        return out

    return project.memo("secret_env_files", build)


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


# -- how a hit is named in a message ---------------------------------------------------------------
def describe(h: detectors.Hit) -> str:
    """"a Telegram bot token (1234…xy (46 chars))", "the password (…) of a postgres URL": the kind, the
    name it is assigned to, and the masked value."""
    what = detectors.label(h.kind)
    shown = mask(h.value)
    if h.kind == "url-credentials":
        return f"the password ({shown}) of a {h.detail}"
    if h.kind == "secret-key" and h.name:
        return f"{h.name} set to a literal key ({shown})"
    if h.kind in ("password", "secret") and h.name:
        return f"the {what} assigned to {h.name} ({shown})"
    if h.name and h.kind in ("aws-secret-key", "heroku-api-key"):
        return f"{article(what)} {what} assigned to {h.name} ({shown})"
    return f"{article(what)} {what} ({shown})"


def finding_data(h: detectors.Hit) -> dict:
    """What JSON and SARIF carry about a hit: its kind, masked preview and length, never the value."""
    return {"kind": h.kind, "preview": mask(h.value), "length": len(h.value)}
