"""People for tests that change data: the functions that change data check the role themselves."""

from accounts.roles import Actor, Role


def officer(name: str = "tester") -> Actor:
    """A member of the performance team (the role that may change data)."""
    return Actor(name, Role.PERFORMANCE, "test")


def person(role: Role | None, name: str = "someone") -> Actor:
    return Actor(name, role, "test")
