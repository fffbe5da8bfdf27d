"""Roles and what each may do. Every function that changes data calls `require` itself, so a page that forgot to
check cannot change anything."""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    DIRECTOR = "director"
    PERFORMANCE = "performance"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.VIEWER: "Scrutiny member (viewer)",
    Role.DIRECTOR: "Director",
    Role.PERFORMANCE: "Performance team",
    Role.ADMIN: "Administrator",
}


class Permission(StrEnum):
    SEE_FULL_FIGURES = "see figures without small-number suppression, and all commentary"
    SEE_HISTORY = "see the upload history"
    CHANGE_DATA = "change data (upload, roll back, change events)"
    MANAGE_USERS = "manage user accounts"
    SEE_AUDIT_LOG = "see the audit log"
    BUILD_PACK = "build and store committee packs"


# The administrator manages accounts but does not change figures: separation of duties, so that granting oneself
# the right to change data is itself a recorded change.
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.SEE_FULL_FIGURES}),
    Role.DIRECTOR: frozenset({Permission.SEE_FULL_FIGURES, Permission.SEE_HISTORY, Permission.BUILD_PACK}),
    Role.PERFORMANCE: frozenset(
        {
            Permission.SEE_FULL_FIGURES,
            Permission.SEE_HISTORY,
            Permission.CHANGE_DATA,
            Permission.SEE_AUDIT_LOG,
            Permission.BUILD_PACK,
        }
    ),
    Role.ADMIN: frozenset(
        {Permission.SEE_FULL_FIGURES, Permission.SEE_HISTORY, Permission.MANAGE_USERS, Permission.SEE_AUDIT_LOG}
    ),
}


@dataclass(frozen=True)
class Actor:
    """Someone using the dashboard: a signed-in person, the command line, or the public (role None)."""

    name: str  # user name, e-mail from the identity provider, or 'command line: <system user>'
    role: Role | None
    via: str = "local account"  # 'local account', 'demo account', 'identity provider', 'command line', 'public'
    display_name: str = ""

    @property
    def is_public(self) -> bool:
        """Not signed in. (Someone signed in with no role yet is not public, but may do no more than the public.)"""
        return self.via == "public"

    @property
    def description(self) -> str:
        who = self.display_name or self.name
        if self.is_public:
            return "the public (not signed in)"
        return f"{who}, {self.role.label if self.role else 'with no role'}"


PUBLIC = Actor("public", None, "public")


class NotAllowed(PermissionError):
    """The actor's role does not allow the action. Nothing was changed."""


def can(actor: Actor | None, permission: Permission) -> bool:
    return isinstance(actor, Actor) and actor.role is not None and permission in GRANTS[actor.role]


def holders(permission: Permission) -> list[Role]:
    return [role for role, granted in GRANTS.items() if permission in granted]


def require(actor: Actor | None, permission: Permission) -> Actor:
    """Raise NotAllowed unless the actor's role grants the permission. Returns the actor, for chaining."""
    if not can(actor, permission):
        who = actor.description if isinstance(actor, Actor) else "an unknown user"
        allowed = " or ".join(role.label for role in holders(permission))
        raise NotAllowed(f"{who} may not {permission.value}: only the {allowed} role may. Nothing was changed.")
    return actor
