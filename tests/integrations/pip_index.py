"""For the tests that let pip install this checkout (pre-commit's hook environment, the GitHub Action):
tell "pip could not reach a package index" (skip, saying so) from a real install failure (fail)."""
import pytest

# What pip prints when it cannot reach an index, or the index lacks a package.
NO_INDEX = ("Could not find a version that satisfies", "No matching distribution found",
            "Failed to establish a new connection", "Temporary failure in name resolution",
            "Network is unreachable", "ProxyError", "ConnectTimeoutError", "Read timed out")
# pip's settings that keep an unreachable index from stalling a test for minutes.
QUICK_PIP = {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_RETRIES": "1", "PIP_TIMEOUT": "20"}


def skip_without_index(output: str, what: str) -> None:
    """Skip the test when ``output`` shows pip failing for want of an index; otherwise return."""
    for line in output.splitlines():
        if any(marker in line for marker in NO_INDEX):
            pytest.skip(f"{what}: pip could not install from a package index ({line.strip()})")
