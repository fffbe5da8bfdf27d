"""Every rule the loaders use is in the rule registry, and every registered rule is exercised by a test."""

import re
from pathlib import Path

import pytest

from loaders.problems import Problem
from loaders.rules import ERROR, RULES, WARNING
from tests.conftest import ROOT

USED = re.compile(r'(?:Problem|error|warn|_refused)\(\s*"([A-Z_]+)"')


def test_every_rule_used_in_the_loaders_is_registered():
    used = {code for path in (ROOT / "loaders").glob("*.py") for code in USED.findall(path.read_text())}
    assert used and used <= set(RULES), used - set(RULES)


def test_every_registered_rule_is_exercised_by_a_test():
    tests = "".join(
        path.read_text() for path in (ROOT / "tests" / "loaders").glob("test_*.py") if path.name != "test_rules.py"
    )
    assert [code for code in RULES if f'"{code}"' not in tests] == []


def test_rules_are_errors_or_warnings_with_a_description():
    for kind, description in RULES.values():
        assert kind in (ERROR, WARNING) and description.endswith(".")


def test_an_unregistered_rule_cannot_be_raised():
    with pytest.raises(ValueError, match="unknown rule code MADE_UP"):
        Problem("MADE_UP", "x")


def test_warning_rules_are_raised_as_warnings():
    source = "".join(Path(p).read_text() for p in (ROOT / "loaders").glob("*.py"))
    for code, (kind, _) in RULES.items():
        if kind == WARNING:
            assert re.search(rf'(warn\(\s*"{code}"|"{code}".{{0,600}}?is_error=False)', source, re.S), code


def test_the_readme_lists_every_rule_with_its_effect():
    readme = (ROOT / "README.md").read_text()
    for code, (kind, text) in RULES.items():
        effect = "blocks the file" if kind == ERROR else "needs confirming"
        assert f"| `{code}` | {effect} | {text} |" in readme, code
