"""Roles for people who sign in through the organisation's identity provider (OIDC), from their e-mail or groups.

The rules live in a TOML file (data/roles.toml by default; see data/roles.example.toml). The first rule that
matches wins, so put specific rules (one person, one group) before broad ones (everyone in the council's domain).
Someone no rule matches gets `default_role`, or no access at all if it is empty.

Only claims that the identity provider vouches for give a role: the token must come from the issuer (and, for
Entra ID, the tenant) the file names, and an e-mail address counts only when the provider says it is verified
(`email_verified`, or Entra ID's `xms_edov`). Anyone can put any address in an account at some providers, and a
guest account's e-mail is whatever its home tenant says; group claims are the tenant's own object ids.
"""

from dataclasses import dataclass
from pathlib import Path

from accounts.roles import Role
from config.toml_files import read_toml


class RoleRulesError(ValueError):
    pass


@dataclass(frozen=True)
class RoleRule:
    role: Role
    email: str | None = None  # one person's address
    email_domain: str | None = None  # everyone whose address ends @domain
    group: str | None = None  # a group id or name in the groups claim (Entra ID: the group's object id)

    def matches(self, email: str, groups: set[str]) -> bool:
        if self.email:
            return email == self.email
        if self.email_domain:
            return email.endswith("@" + self.email_domain)
        return self.group in groups


def _true(value) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def verified_email(claims: dict) -> str:
    """The e-mail address, lower case, if the identity provider says it is verified; otherwise ''."""
    if _true(claims.get("email_verified")) or _true(claims.get("xms_edov")):
        return str(claims.get("email") or "").strip().lower()
    return ""


@dataclass(frozen=True)
class RoleRules:
    rules: tuple[RoleRule, ...] = ()
    default_role: Role | None = None
    groups_claim: str = "groups"
    issuer: str | None = None  # the `iss` claim of the provider's tokens
    tenant_id: str | None = None  # Entra ID: the `tid` claim

    def role_for(self, claims: dict) -> Role | None:
        if self.issuer is not None and str(claims.get("iss") or "") != self.issuer:
            return None
        if self.tenant_id is not None and str(claims.get("tid") or "").lower() != self.tenant_id:
            return None
        if self.issuer is None and self.tenant_id is None:
            return None  # load_role_rules refuses rules without them; an empty file gives nobody a role
        email = verified_email(claims)
        raw_groups = claims.get(self.groups_claim) or []
        groups = {str(g) for g in (raw_groups if isinstance(raw_groups, list) else [raw_groups])}
        if not email and not groups:
            return None
        for rule in self.rules:
            if rule.matches(email, groups):
                return rule.role
        return self.default_role


def _role(value, where: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise RoleRulesError(
            f"{where}: role must be one of {', '.join(r.value for r in Role)}, not {value!r}"
        ) from None


def load_role_rules(path: Path) -> RoleRules:
    """The rules in the file; no file means nobody signing in through the identity provider gets a role."""
    if not path.exists():
        return RoleRules()
    data = read_toml(path, RoleRulesError)
    rules = []
    for number, entry in enumerate(data.get("rule", []), start=1):
        keys = [k for k in ("email", "email_domain", "group") if entry.get(k)]
        if len(keys) != 1:
            raise RoleRulesError(f"{path}: rule {number} needs exactly one of email, email_domain or group")
        value = str(entry[keys[0]]).strip()
        rules.append(
            RoleRule(
                _role(entry.get("role"), f"{path}: rule {number}"),
                **{keys[0]: value.lower() if keys[0] != "group" else value},
            )
        )
    default = data.get("default_role") or None
    issuer = str(data.get("issuer") or "").strip() or None
    tenant = str(data.get("tenant_id") or "").strip().lower() or None
    if (rules or default) and issuer is None and tenant is None:
        raise RoleRulesError(
            f'{path}: name the identity provider whose sign-ins get these roles: issuer = "..." '
            "(the iss claim of its tokens; Entra ID: https://login.microsoftonline.com/<tenant "
            'id>/v2.0) and, for Entra ID, tenant_id = "<tenant id>"'
        )
    return RoleRules(
        tuple(rules),
        _role(default, f"{path}: default_role") if default else None,
        data.get("groups_claim", "groups"),
        issuer,
        tenant,
    )
