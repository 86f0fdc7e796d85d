"""The rule families, one module each. Importing a module registers its rules; this list is the registry's
source (a meta-test fails if a module here is not imported)."""
from preflight.rules import (  # noqa: F401
    appconfig,      # PF406-PF410 data, files, webhooks, Django settings; PF603 database URL scheme
    code,           # PF4xx application code on the start path
    dependencies,   # PF3xx
    entrypoints,    # PF105-PF107 start commands followed into the code
    imports,        # PF312 import-undeclared
    processes,      # PF1xx
    repository,     # PF7xx deploy files untracked, cron
    runtime,        # PF2xx
    secrets,        # PF7xx secrets, .env, .gitignore, history
)
