"""Shared by the PF8xx platform rule tests: run one rule on a built app against a given platform profile."""
from __future__ import annotations

from conftest import run_rules


def on(app, files: dict, rule: str, platform: str) -> list:
    """The unsuppressed findings of ``rule`` (Finding objects) on ``files``, checked against ``platform``."""
    result = run_rules(app(files), [rule], platform=platform)
    assert not result.crashes, result.crashes
    return [f for f in result.active if f.name == rule]
