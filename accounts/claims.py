"""Roles for people who sign in through the organisation's identity provider (OIDC), from their e-mail or groups.

The rules live in a TOML file (data/roles.toml by default; see data/roles.example.toml). The first rule that
matches wins, so put specific rules (one person, one group) before broad ones (everyone in the council's domain).
Someone no rule matches gets `default_role`, or no access at all if it is empty.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from accounts.roles import Role


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


@dataclass(frozen=True)
class RoleRules:
    rules: tuple[RoleRule, ...] = ()
    default_role: Role | None = None
    groups_claim: str = "groups"

    def role_for(self, claims: dict) -> Role | None:
        email = str(claims.get("email") or claims.get("preferred_username") or "").strip().lower()
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
        raise RoleRulesError(f"{where}: role must be one of {', '.join(r.value for r in Role)}, not {value!r}") from None


def load_role_rules(path: Path) -> RoleRules:
    """The rules in the file; no file means nobody signing in through the identity provider gets a role."""
    if not path.exists():
        return RoleRules()
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    rules = []
    for number, entry in enumerate(data.get("rule", []), start=1):
        keys = [k for k in ("email", "email_domain", "group") if entry.get(k)]
        if len(keys) != 1:
            raise RoleRulesError(f"{path}: rule {number} needs exactly one of email, email_domain or group")
        value = str(entry[keys[0]]).strip()
        rules.append(RoleRule(_role(entry.get("role"), f"{path}: rule {number}"),
                              **{keys[0]: value.lower() if keys[0] != "group" else value}))
    default = data.get("default_role") or None
    return RoleRules(tuple(rules), _role(default, f"{path}: default_role") if default else None,
                     data.get("groups_claim", "groups"))
