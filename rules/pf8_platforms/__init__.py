"""Platforms (PF8xx): the deploy contract of one platform (its manifests, its Procfile dialect, its port and
Python rules) where it differs from the others; ``@rule(..., platforms=...)`` says which profiles."""
