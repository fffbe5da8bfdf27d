"""Every rule the loaders use is in the rule registry, and every registered rule is exercised by a test."""

import re
from pathlib import Path

import pytest

from loaders.problems import Problem
from loaders.rules import ERROR, RULES, WARNING
from tests.conftest import ROOT

USED = re.compile(r'(?:Problem|report|_refused)\(\s*"([A-Z_]+)"')


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


def test_whether_a_problem_blocks_the_file_is_its_rules_in_the_registry():
    for code, (kind, _) in RULES.items():
        assert Problem(code, "x").is_error == (kind == ERROR), code
    with pytest.raises(TypeError):
        Problem("NOTHING_TO_MEASURE", "x", is_error=True)  # no caller can make a warning block a file, or not


def test_the_loaders_report_problems_only_through_the_registry():
    source = "".join(Path(p).read_text() for p in (ROOT / "loaders").glob("*.py"))
    assert "is_error=" not in source and ".warn(" not in source


def test_the_readme_lists_every_rule_with_its_effect():
    readme = (ROOT / "README.md").read_text()
    for code, (kind, text) in RULES.items():
        effect = "blocks the file" if kind == ERROR else "needs confirming"
        assert f"| `{code}` | {effect} | {text} |" in readme, code
