"""Where the repository relies on a system cron daemon: crontab files with a schedule line, commands that
start or install cron (Procfile processes, Dockerfile RUN/CMD/ENTRYPOINT), and the libraries that drive the
system crontab. Dynos run no cron daemon (Heroku Dev Center "Scheduled Jobs and Custom Clock Processes";
research/heroku.md E17, E18).
"""
from __future__ import annotations


from preflight.lazyre import lazy_re

_FIELD = r"[0-9*?/,\-]+"
_NAMED_FIELD = r"[0-9A-Za-z*?/,\-#LW]+"
SCHEDULE_RE = lazy_re(
    rf"^\s*(@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+\S"
    rf"|{_FIELD}\s+{_FIELD}\s+{_NAMED_FIELD}\s+{_NAMED_FIELD}\s+{_NAMED_FIELD}\s+\S)")
# Distributions that drive the system crontab (python-crontab writes it; django-crontab installs jobs into it),
# with the module the code imports, or names in INSTALLED_APPS, when it uses them.
CRON_PACKAGES = {"python-crontab": "crontab", "django-crontab": "django_crontab"}
CRON_DAEMONS = {"cron", "crond", "anacron"}
CRON_PACKAGE_NAMES = {"cron", "cronie", "dcron", "anacron"}
_INIT_SCRIPT_RE = lazy_re(r"/etc/init\.d/(cron|crond)")


def is_cron_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return (name in ("crontab", "crontab.txt") or name.endswith((".cron", ".crontab"))
            or path.startswith("cron.d/") or "/cron.d/" in path)


def _first_schedule_line(tf) -> int:
    for n, line in enumerate(tf.lines, 1):
        if not line.lstrip().startswith("#") and SCHEDULE_RE.match(line):
            return n
    return 0


def crontab_jobs(project) -> list[tuple[str, int, str]]:
    """(path, line, job) of the first schedule line of each shipped crontab file."""
    out = []
    for path in project.files:
        if not is_cron_file(path):
            continue
        tf = project.text(path)
        line = _first_schedule_line(tf) if tf is not None else 0
        if line:
            out.append((path, line, tf.line(line).strip()))
    return out


def cron_command(cmd) -> str | None:
    """What in a simple command relies on a cron daemon, or None."""
    argv, prog = cmd.argv, cmd.program
    if prog in CRON_DAEMONS:
        return f"starts the {prog} daemon"
    if prog == "crontab" and len(argv) > 1 and argv[1] not in ("-l",):
        return "installs a crontab"
    if prog in ("service", "rc-service") and len(argv) > 2 and argv[1] in CRON_DAEMONS:
        return f"starts the {argv[1]} service"
    if prog in ("apt-get", "apt", "apk", "yum", "dnf", "microdnf") and (
            "install" in argv or "add" in argv) and CRON_PACKAGE_NAMES & set(argv[2:]):
        return "installs a cron daemon"
    if _INIT_SCRIPT_RE.fullmatch(argv[0]):
        return "starts the cron daemon"
    return None


def command_cron(command: str) -> str | None:
    """What in a shell command line relies on a cron daemon (the first simple command that does), or None."""
    from preflight.project.commands import split

    return next((what for what in map(cron_command, split(command)) if what), None)


def dockerfile_cron(project, path: str) -> list[tuple[int, str]]:
    """(line, "RUN starts the cron daemon") for each RUN/CMD/ENTRYPOINT of the Dockerfile at ``path`` that
    starts or installs cron, at the instruction's first line."""
    from preflight.project.dockerfile import at

    df = at(project, path)
    out = []
    for ins in df.instructions if df is not None else ():
        if ins.instruction in ("RUN", "CMD", "ENTRYPOINT"):
            argv = ins.exec_form
            what = command_cron(" ".join(argv) if argv is not None else ins.value.strip())
            if what:
                out.append((ins.line, f"{ins.instruction} {what}"))
    return out


def cron_dependencies(project) -> list:
    """The declared main dependencies that schedule jobs through the system crontab and that the code the
    processes run uses (imports, or names in INSTALLED_APPS): a leftover of ``pip freeze`` that nothing
    imports schedules nothing."""
    main = project.dependencies.main
    declared = {name: module for name, module in CRON_PACKAGES.items() if main.get(name) is not None}
    if not declared:
        return []
    used = set()
    for mod in project.code.live_modules():
        tops = {imp.module.split(".", 1)[0] for imp in mod.imports}
        used |= {name for name, module in declared.items() if module in tops or f"'{module}" in mod.text.text
                 or f'"{module}' in mod.text.text}
    return [main[name] for name in CRON_PACKAGES if name in used]
