"""preflight: find what would break a deploy to Heroku-like platforms, before the push."""

__version__ = "0.1.0"
DIST_NAME = "paas-preflight"
