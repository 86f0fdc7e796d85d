"""The rule families, one module each. Importing a module registers its rules; this list is the registry's
source (a meta-test fails if a module here is not imported)."""
from preflight.rules import (  # noqa: F401
    code,           # PF4xx application code on the start path (+ PF105, PF312, PF603)
    dependencies,   # PF3xx
    processes,      # PF1xx
    repository,     # PF7xx deploy files untracked, cron
    runtime,        # PF2xx
    secrets,        # PF7xx secrets, .env, .gitignore, history
)
