"""The project model: the one object rules read. Every artifact is parsed once, lazily."""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from preflight.project.files import FileIndex
from preflight.project.text import MAX_BYTES, NotRegularFile, TextFile, Unreadable, decode, read_regular



class Project:
    def __init__(self, root: str | os.PathLike, platform: str | None = "heroku", exclude=(), progress=None):
        """``platform``: a profile name (``preflight.project.platform.names()``), or None to infer it from the
        repository's manifests (``platform_choice`` says which file decided)."""
        self.root = Path(root).resolve()
        self._platform_given = platform
        self.progress = progress  # a stream for progress lines on long work (--history), or None (cli decides)
        self.index = FileIndex(self.root)
        self.exclude = list(exclude)
        if self.exclude:  # the settings' ``exclude`` globs: files the deploy ships but the user leaves out
            from preflight.globs import matches_any

            self.index.files = [f for f in self.index.files if not matches_any(f, self.exclude)]
        self.unreadable: dict[str, tuple[str, int]] = {}   # path -> (reason, line)
        self._texts: dict[str, TextFile | None] = {}
        self._real_root = os.path.realpath(self.root)
        self._memo: dict = {}
        self.parsed: dict = {}  # (path, app Python) -> (text, syntax.Parsed): ``python.Module`` parses once

    def sibling(self, platform: str) -> "Project":
        """The same repository checked against another platform (``--platform all``): the file listing, the
        files already read and their syntax trees are shared (they do not depend on the platform); every
        fact is its own."""
        other = Project.__new__(Project)
        other.__dict__.update(root=self.root, _platform_given=platform, progress=self.progress, index=self.index,
                              exclude=self.exclude, unreadable=self.unreadable, _texts=self._texts,
                              _real_root=self._real_root, _memo={}, parsed=self.parsed)
        return other

    def memo(self, key, build):
        """A fact computed once per run: ``build()`` the first time ``key`` is asked for, then its value.

        For facts a model module derives from several artifacts and that has no property of its own yet;
        rules call model functions that use it, and never store anything here themselves.
        """
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # -- files ------------------------------------------------------------------------------
    @property
    def files(self) -> list[str]:
        """Every file the deploy will see (git-tracked, or on disk and not ignored)."""
        return self.index.files

    def exists(self, path: str) -> bool:
        return self.index.exists(path)

    def shipped(self, path: str) -> bool:
        return self.index.shipped(path)

    def inside(self, path: str) -> bool:
        """False for a path that resolves (through symlinks) outside the repository."""
        real = os.path.realpath(self.root / path)
        return real == self._real_root or real.startswith(self._real_root + os.sep)

    def read_bytes(self, path: str, limit: int = MAX_BYTES) -> bytes | None:
        """Raw content, or None (with the reason recorded) when it is unsafe or unreadable."""
        if not self.inside(path):
            self.unreadable[path] = ("is a symlink that points outside the repository; not followed", 0)
            return None
        full = self.root / path
        try:
            raw = read_regular(str(full), limit + 1)
        except IsADirectoryError:
            return None
        except NotRegularFile:
            self.unreadable[path] = ("is not a regular file (a named pipe, socket or device); not read", 0)
            return None
        except OSError as exc:
            if os.path.lexists(full):
                self.unreadable[path] = (f"could not be read ({exc.strerror})", 0)
            return None
        if len(raw) > limit:
            self.unreadable[path] = (f"is larger than {limit // (1024 * 1024)} MB; not checked", 0)
            return None
        return raw

    def head(self, path: str, size: int) -> bytes:
        """The first ``size`` bytes of a file (a #! line, a magic number): empty when absent or unsafe. A
        file longer than ``size`` is not "too large" here: only the start is asked for."""
        if not self.inside(path):
            return b""
        try:
            return read_regular(str(self.root / path), size)[:size]
        except OSError:  # NotRegularFile and IsADirectoryError are OSErrors too
            return b""

    def text(self, path: str) -> TextFile | None:
        """The decoded file, read once; None when absent or unreadable (the reason is recorded)."""
        if path in self._texts:
            return self._texts[path]
        tf = None
        raw = self.read_bytes(path)
        if raw is not None:
            try:
                tf = decode(path, raw)
                for note in tf.notes:
                    self.unreadable[path] = (note, 0)
            except Unreadable as exc:
                self.unreadable[path] = (str(exc), exc.line)
        self._texts[path] = tf
        return tf

    @property
    def loaded(self) -> dict[str, TextFile]:
        return {p: t for p, t in self._texts.items() if t is not None}

    # -- secrets, history, inline directives (kept together: added by the layout issue, #7) ---------
    @cached_property
    def secret_scan(self):
        """Every secret in the files git tracks (and staged ones): ``preflight.project.secrets.TreeScan``."""
        from preflight.project.secrets import scan_tree

        pending = self.__dict__.pop("_pending_secret_scan", None)
        found = pending.collect() if pending is not None else None
        return found if found is not None else scan_tree(self)

    def start_secret_scan(self) -> None:
        """Begin the secret scan in forked workers now (a big tree, a machine with several cores), so it
        overlaps the parsing that the other rules wait for; ``secret_scan`` collects it. The engine calls
        this before the rules run and ``stop_background`` after."""
        if "secret_scan" in self.__dict__ or "_pending_secret_scan" in self.__dict__:
            return
        from preflight.project.secrets import start

        pending = start(self)
        if pending is not None:
            self.__dict__["_pending_secret_scan"] = pending

    def stop_background(self) -> None:
        """End work started in the background that no rule collected (a rule that timed out)."""
        pending = self.__dict__.pop("_pending_secret_scan", None)
        if pending is not None:
            pending.close()

    @property
    def skipped(self) -> dict[str, str]:
        """Files the secret scan did not read, and why (``--verbose`` lists them); empty until it ran."""
        scan = self.__dict__.get("secret_scan")
        return dict(scan.skipped) if scan is not None else {}

    def history_scan(self):
        """``--history``: secrets added by past commits (``preflight.project.history.HistoryResult``), with a
        progress line on ``self.progress`` when the CLI gives one (a terminal, not CI)."""
        from preflight.project.history import scan

        return self.memo("history_scan", lambda: scan(self.root, progress=self.progress))

    def directives(self, path: str):
        """The inline ``# preflight: ignore[...]`` directives written in ``path``."""
        from preflight.project.directives import in_file

        return self.memo(("directives", path), lambda: in_file(self, path))

    @cached_property
    def platform_choice(self):
        """Which platform this run checks against and why (``platform.Choice``): given, or inferred."""
        from preflight.project.platform import Choice, infer

        if self._platform_given is not None:
            return Choice(self._platform_given, "given")
        return infer(self)

    @property
    def platform(self) -> str:
        """The profile name of the platform this run checks against ("heroku", "fly", "render"...)."""
        return self.platform_choice.name

    @cached_property
    def profile(self):
        """The target platform's words and facts (``preflight/data/platforms/<platform>.json``)."""
        from preflight.project.platform import load_profile

        return load_profile(self.platform)

    # -- artifacts (each parser module owns its format) ---------------------------------------
    @cached_property
    def procfile(self):
        from preflight.project.procfile import load

        return load(self)

    @cached_property
    def requirements(self):
        from preflight.project.requirements import load

        return load(self)

    @cached_property
    def dependencies(self):
        from preflight.project.dependencies import load

        return load(self)

    @cached_property
    def runtime(self):
        from preflight.project.runtime import load

        return load(self)

    @cached_property
    def manifests(self):
        from preflight.project.manifests import Manifests

        return Manifests(self)

    @cached_property
    def dockerfile(self):
        from preflight.project.dockerfile import load

        return load(self, "Dockerfile")

    @cached_property
    def code(self):
        from preflight.project.python import CodeModel

        return CodeModel(self)

    @cached_property
    def platform_files(self):
        """The other platforms' manifests (render.yaml, fly.toml, .do/app.yaml, ...), normalised:
        ``platformfiles.PlatformFiles`` (services, commands, ports, health paths, release commands)."""
        from preflight.project.platformfiles import PlatformFiles

        return PlatformFiles(self)

    # -- containers (preflight/project/herokuyml.py, container.py, scripts.py) -----------------
    @cached_property
    def heroku_yml(self):
        """heroku.yml with 1-based lines (``herokuyml.HerokuYml``), None when there is none."""
        from preflight.project.herokuyml import load

        return load(self)

    @cached_property
    def container(self):
        """The images the platform builds and each Dockerfile's facts (``container.Container``)."""
        from preflight.project.container import Container

        return Container(self)

    @cached_property
    def entry_scripts(self):
        """The shell scripts the processes start (``scripts.EntryScript``)."""
        from preflight.project.scripts import find

        return find(self)

    # -- configuration files (configs.py, portchain.py, dbsettings.py, envvars.py, appjson.py) ----------
    @cached_property
    def configs(self):
        """The app's config files: which ship, what they hold, envsubst templates (``preflight.project.configs``)."""
        from preflight.project.configs import Configs

        return Configs(self)

    # -- deploy shape -----------------------------------------------------------------------
    @cached_property
    def mode(self) -> str:
        """``container`` or ``buildpack``: how the platform builds this repository, by the profile's
        ``facts.container_when``: "heroku" (heroku.yml with build.docker, or a Dockerfile and no Procfile),
        "dockerfile" (a root Dockerfile is always built: Railway, Fly, DigitalOcean, Cloud Run), "never"
        (Fir, Scalingo, PythonAnywhere), "no-buildpack-trigger" (Dokku: a Dockerfile, unless .buildpacks or
        project.toml selects buildpacks), "manifest" (Render: a service with ``runtime: docker``; without a
        render.yaml, as Heroku)."""
        when = self.profile.facts.get("container_when", "heroku")
        dockerfile = self.shipped("Dockerfile")
        if when == "never":
            return "buildpack"
        if when == "dockerfile":
            return "container" if dockerfile else "buildpack"
        if when == "no-buildpack-trigger":
            return "container" if dockerfile and not (self.shipped(".buildpacks") or self.shipped("project.toml")) \
                else "buildpack"
        if when == "manifest" and self.platform_files.services(self.platform):
            return "container" if self.platform_dockerfile_runtime else "buildpack"
        # Heroku's rule; also Render without render.yaml, whose dashboard offers Docker for such a repository
        hy = self.heroku_yml
        if hy is not None and hy.builds_docker:
            return "container"
        if dockerfile and not self.shipped("Procfile"):
            return "container"
        return "buildpack"

    @property
    def platform_dockerfile_runtime(self) -> bool:
        """The platform's manifest builds a Dockerfile (Render ``runtime: docker``)."""
        return any(s.extra.get("runtime") == "docker" for s in self.platform_files.services(self.platform))

    @cached_property
    def deploy_target(self):
        """Where the repository deploys (``deploytarget.DeployTarget``): "heroku" (a Procfile, app.json,
        heroku.yml or runtime.txt), "elsewhere" (docker compose, Kubernetes, another platform's manifest,
        PythonAnywhere) with the evidence, or "unknown". The platform-shape rules say less when elsewhere."""
        from preflight.project.deploytarget import detect

        return detect(self)

    # -- facts the Procfile rules share (preflight/project/webapp.py, procfile.py) --------------------
    @cached_property
    def is_web_app(self) -> bool:
        """A web framework or server (``webservers`` table) is declared, or the Procfile has a ``web``
        process; aiohttp or tornado alone count only when the code imports their server side."""
        from preflight.project.webapp import is_web_app

        return is_web_app(self)

    @cached_property
    def misplaced_procfile(self):
        """The process file the platform will not read (``Procfile.txt``, a folder named Procfile, a Procfile
        only in a subfolder) as ``procfile.Misplaced(path, how)``, or None."""
        from preflight.project.procfile import misplaced

        return misplaced(self)
