"""The rules, one module per rule, grouped by family: ``pf<family digit>_<family>/pf<code>_<name>.py``.

``preflight.registry.load_rules`` imports every module below this package; importing a module registers
its rule. A rule module holds one ``@rule`` (or, for the engine's own rules, one ``declare``): its code,
name, severity, summary and fix hint, its docstring (the docs: what, why, example, fix, source) and a
short ``check(project)`` that reads facts from the project model and yields ``Violation``s. No rule module
imports another one, and none reads or parses a repository file itself: that is the model's work
(``preflight/project/``). ``tests/test_layout.py`` checks all of this.
"""
