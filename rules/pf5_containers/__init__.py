"""Containers (PF5xx): Dockerfiles, entry scripts, heroku.yml and compose files."""
