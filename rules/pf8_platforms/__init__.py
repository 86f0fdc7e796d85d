"""Platforms (PF8xx): the manifests and contracts of the Heroku-like platforms other than Heroku classic."""
