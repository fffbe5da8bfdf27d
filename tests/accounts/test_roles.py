"""What each role may do, and that refusals name the role that may."""

import pytest

from accounts.roles import GRANTS, PUBLIC, NotAllowed, Permission, Role, can, require
from tests.actors import person


def test_only_the_performance_team_may_change_data():
    assert [role for role in Role if can(person(role), Permission.CHANGE_DATA)] == [Role.PERFORMANCE]


def test_only_the_administrator_manages_users():
    assert [role for role in Role if can(person(role), Permission.MANAGE_USERS)] == [Role.ADMIN]


def test_every_signed_in_role_sees_full_figures_and_the_public_does_not():
    assert all(can(person(role), Permission.SEE_FULL_FIGURES) for role in Role)
    assert not any(can(PUBLIC, permission) for permission in Permission)


def test_a_refusal_says_who_may_and_that_nothing_changed():
    with pytest.raises(
        NotAllowed,
        match=r"someone, Scrutiny member \(viewer\) may not change data.*only the "
        r"Performance team role may\. Nothing was changed",
    ):
        require(person(Role.VIEWER), Permission.CHANGE_DATA)


def test_a_bare_name_is_not_an_actor_and_is_refused():
    with pytest.raises(NotAllowed):
        require("a.officer", Permission.CHANGE_DATA)


def test_every_role_has_grants():
    assert set(GRANTS) == set(Role)
