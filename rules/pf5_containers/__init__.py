"""Containers: Dockerfiles, entry scripts, heroku.yml and compose, judged by what the platform's container
runtime does (PF5xx). Facts come from preflight/project/dockerfile.py, container.py, scripts.py,
herokuyml.py and dockerignore.py."""
