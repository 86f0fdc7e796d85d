"""PF608 yaml-ambiguous-value: YAML 1.1 retypes 22:22, 0755, 3.10, NO, on:."""
import pytest

RULE = "yaml-ambiguous-value"


@pytest.mark.parametrize("line", ["backup_at: 22:22", "zip: 0755", "python: 3.10", "country: NO", "lang: no",
                                  "version: 1.20"])
def test_trap(check, line):
    files = {"config/production.yaml": f"app:\n  {line}\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 2)]


def test_boolean_words_as_keys_and_list_items(check):
    files = {"config/production.yaml": "on: push\nanswers:\n  - yes\n  - maybe\n"}
    assert check(files, RULE) == [(RULE, "config/production.yaml", 1), (RULE, "config/production.yaml", 3)]


@pytest.mark.parametrize("line", ['backup_at: "22:22"', "ports: 80:80", "mode: 0755", "python: '3.10'",
                                  "version: 3.1", "debug: yes", "ratio: 2.0", "country: 'NO'", "enabled: off"])
def test_look_alike_is_quiet(check, line):
    files = {"config/production.yaml": f"app:\n  {line}\n"}
    assert check(files, RULE) == []
