"""Roles for people signing in through the identity provider: the first matching rule wins."""

import pytest

from accounts.claims import RoleRulesError, load_role_rules
from accounts.roles import Role

ISSUER = "https://login.microsoftonline.com/1111-tenant/v2.0"
RULES = f"""
issuer = "{ISSUER}"
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


VERIFIED = {"iss": ISSUER, "email_verified": True}


@pytest.mark.parametrize(
    "claims, role",
    [
        ({"email": "perf.lead@example.gov.uk", "groups": ["1b2c-directors"]}, Role.PERFORMANCE),  # first rule wins
        ({"email": "someone@example.gov.uk", "groups": ["1b2c-directors"]}, Role.DIRECTOR),
        ({"email": "SOMEONE@example.gov.uk"}, Role.VIEWER),
        ({"email": "visitor@elsewhere.org"}, Role.VIEWER),  # the default role
        ({}, None),  # nothing to go on
    ],
)
def test_role_for_claims(rules, claims, role):
    assert rules.role_for({**VERIFIED, **claims}) == role


@pytest.mark.parametrize(
    "claims, role",
    [
        ({"iss": ISSUER, "email": "perf.lead@example.gov.uk"}, None),  # not said to be verified
        ({"iss": ISSUER, "email": "perf.lead@example.gov.uk", "email_verified": False}, None),
        ({"iss": ISSUER, "preferred_username": "perf.lead@example.gov.uk"}, None),  # Entra ID's UPN is not an e-mail
        ({"iss": ISSUER, "email": "perf.lead@example.gov.uk", "xms_edov": True}, Role.PERFORMANCE),  # Entra ID's claim
        ({"iss": ISSUER, "email": "perf.lead@example.gov.uk", "email_verified": "true"}, Role.PERFORMANCE),
        (
            {
                "iss": "https://login.microsoftonline.com/other-tenant/v2.0",
                "email": "perf.lead@example.gov.uk",
                "email_verified": True,
                "groups": ["1b2c-directors"],
            },
            None,
        ),  # another tenant's token
        ({"iss": ISSUER, "groups": ["1b2c-directors"]}, Role.DIRECTOR),  # groups need no e-mail
    ],
)
def test_roles_come_only_from_claims_the_provider_vouches_for(rules, claims, role):
    assert rules.role_for(claims) == role


def test_an_entra_tenant_id_is_checked_too(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(RULES.replace("issuer =", 'tenant_id = "1111-TENANT"\nissuer ='))
    rules = load_role_rules(path)
    assert rules.role_for({**VERIFIED, "tid": "1111-tenant", "email": "a@example.gov.uk"}) == Role.VIEWER
    assert rules.role_for({**VERIFIED, "tid": "2222-tenant", "email": "a@example.gov.uk"}) is None


def test_rules_without_an_issuer_are_refused(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(RULES.replace(f'issuer = "{ISSUER}"', ""))
    with pytest.raises(RoleRulesError, match="name the identity provider"):
        load_role_rules(path)


def test_without_a_default_unknown_people_get_no_role(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(RULES.replace('default_role = "viewer"', ""))
    assert load_role_rules(path).role_for({**VERIFIED, "email": "visitor@elsewhere.org"}) is None


def test_no_file_means_no_roles(tmp_path):
    assert load_role_rules(tmp_path / "missing.toml").role_for({"email": "a@b.c"}) is None


@pytest.mark.parametrize(
    "text, message",
    [
        ('issuer = "x"\n[[rule]]\nemail = "a@b.c"\ngroup = "g"\nrole = "viewer"', "exactly one of"),
        ('issuer = "x"\n[[rule]]\nemail = "a@b.c"\nrole = "superuser"', "role must be one of"),
        ('issuer = "x"\ndefault_role = "boss"', "default_role"),
    ],
)
def test_mistakes_in_the_rules_are_named(tmp_path, text, message):
    path = tmp_path / "roles.toml"
    path.write_text(text)
    with pytest.raises(RoleRulesError, match=message):
        load_role_rules(path)


def test_the_example_rules_file_loads():
    from tests.conftest import ROOT

    assert load_role_rules(ROOT / "data" / "roles.example.toml").rules
