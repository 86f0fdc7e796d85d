"""Every error preflight reports as exit code 2 with a one-line message, never a traceback.

They live here, below every other module, so that raising one never needs an import of the module that
usually raises it (the baseline used to import the configuration module only for ``ConfigError``).
"""
from __future__ import annotations


class PreflightError(Exception):
    """A problem with how preflight was asked to run, not with the checked repository."""


class UsageError(PreflightError):
    """A bad command line: a path that does not exist, an unknown rule asked for by name."""


class ConfigError(PreflightError):
    """A bad setting in a configuration file or on the command line."""


class BaselineError(ConfigError):
    """A baseline file that is missing, unreadable or not a preflight baseline, or cannot be written."""
