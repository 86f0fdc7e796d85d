"""The platform's Python environment as PEP 508 markers see it (Linux x86_64, CPython), and the distributions
that cannot be installed or imported there.

Dynos run Linux: a requirement whose marker no dyno matches is skipped by pip, and a Windows-only
distribution without such a marker fails the install. Sources: research/heroku.md C08.
"""
from __future__ import annotations

# Windows-only distributions: no Linux wheel and no sdist that builds on Linux, or (comtypes) one
# that installs and fails on import. Checked 2026-11 with `pip download --platform manylinux2014_x86_64`
# and the packages' metadata (twisted-iocpsupport: its sdist fails on Linux, missing io.h);
# research/heroku.md C08 (mhammond/pywin32#1197, #1698, #1739, #1767).
# Not listed: pyreadline/pyreadline3 and pywin32-ctypes, which install and import on Linux.
WINDOWS_ONLY = {
    "pywin32": "has no Linux build",
    "pypiwin32": "is a wrapper that requires pywin32, which has no Linux build",
    "pywinpty": "only builds on Windows",
    "windows-curses": "has only Windows wheels",
    "wmi": "requires pywin32, which has no Linux build",
    "requests-negotiate-sspi": "requires pypiwin32 (pywin32), which has no Linux build",
    "comtypes": "installs, but imports only on Windows",
    "twisted-iocpsupport": "only builds on Windows (Twisted asks for it with a Windows marker, which "
                           "'pip freeze' drops)",
    "msvc-runtime": "has only Windows wheels",
}
# Distributions that install but only import on Windows (the others do not install at all).
IMPORT_FAILS = ("comtypes",)


def linux_environments() -> list[dict]:
    """Marker environments of the platform: Linux x86_64 CPython 3.9-3.14."""
    envs = []
    for minor, patch in ((9, 25), (10, 19), (11, 14), (12, 12), (13, 9), (14, 0)):
        envs.append({"python_version": f"3.{minor}", "python_full_version": f"3.{minor}.{patch}",
                     "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                     "platform_machine": "x86_64", "implementation_name": "cpython",
                     "platform_python_implementation": "CPython", "platform_release": "", "platform_version": "",
                     "implementation_version": f"3.{minor}.{patch}", "extra": ""})
    return envs


def marker_active(marker: str, env: dict) -> bool:
    if not marker:
        return True
    from packaging.markers import Marker

    try:
        return bool(Marker(marker).evaluate(env))
    except Exception:  # an unknown variable: assume it applies
        return True


def never_on_linux(marker: str) -> bool:
    """A marker that no dyno matches (``sys_platform == "win32"``); False for no marker."""
    return bool(marker) and not any(marker_active(marker, env) for env in linux_environments())


def windows_only(deps) -> list:
    """Main dependencies that are Windows-only and not limited to Windows by a marker."""
    return [dep for key, dep in deps.main.items() if key in WINDOWS_ONLY and not never_on_linux(dep.marker)]
