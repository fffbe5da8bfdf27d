"""Roles for people signing in through the identity provider: the first matching rule wins."""

import pytest

from accounts.claims import RoleRulesError, load_role_rules
from accounts.roles import Role

RULES = """
default_role = "viewer"
groups_claim = "groups"

[[rule]]
email = "Perf.Lead@Example.gov.uk"
role = "performance"

[[rule]]
group = "1b2c-directors"
role = "director"

[[rule]]
email_domain = "example.gov.uk"
role = "viewer"
"""


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(RULES)
    return load_role_rules(path)


@pytest.mark.parametrize("claims, role", [
    ({"email": "perf.lead@example.gov.uk", "groups": ["1b2c-directors"]}, Role.PERFORMANCE),  # first rule wins
    ({"email": "someone@example.gov.uk", "groups": ["1b2c-directors"]}, Role.DIRECTOR),
    ({"preferred_username": "SOMEONE@example.gov.uk"}, Role.VIEWER),
    ({"email": "visitor@elsewhere.org"}, Role.VIEWER),  # the default role
    ({}, None),  # nothing to go on
])
def test_role_for_claims(rules, claims, role):
    assert rules.role_for(claims) == role


def test_without_a_default_unknown_people_get_no_role(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(RULES.replace('default_role = "viewer"', ""))
    assert load_role_rules(path).role_for({"email": "visitor@elsewhere.org"}) is None


def test_no_file_means_no_roles(tmp_path):
    assert load_role_rules(tmp_path / "missing.toml").role_for({"email": "a@b.c"}) is None


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\nemail = "a@b.c"\ngroup = "g"\nrole = "viewer"', "exactly one of"),
    ('[[rule]]\nemail = "a@b.c"\nrole = "superuser"', "role must be one of"),
    ('default_role = "boss"', "default_role"),
])
def test_mistakes_in_the_rules_are_named(tmp_path, text, message):
    path = tmp_path / "roles.toml"
    path.write_text(text)
    with pytest.raises(RoleRulesError, match=message):
        load_role_rules(path)


def test_the_example_rules_file_loads():
    from tests.conftest import ROOT

    assert load_role_rules(ROOT / "data" / "roles.example.toml").rules
