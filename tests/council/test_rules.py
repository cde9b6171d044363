"""Who keeps sessions and who votes: the predicates of council/rules.py."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from council import rules
from council.enums import SessionState
from tests.council.conftest import open_session_of
from tests.factories import CouncilFactory, CouncilMembershipFactory, SessionFactory
from units.enums import CouncilRole

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_staff_and_the_councils_secretary_manage_its_sessions(world):
    session = SessionFactory(council=world.council)
    other = SessionFactory(council=CouncilFactory())

    assert [rules.can_manage_session(u, session) for u in (world.staff, world.secretary)] == [
        True,
        True,
    ]
    assert rules.can_manage_session(world.secretary, other) is False
    assert rules.can_manage_session(world.members[0], session) is False
    assert rules.can_manage_sessions(AnonymousUser()) is False


def test_a_closed_session_is_managed_by_nobody(world):
    session = SessionFactory(council=world.council, state=SessionState.CLOSED)

    assert rules.can_manage_session(world.staff, session) is False
    assert rules.can_view_session_as_secretary(world.staff, session) is True


def test_voting_roles_vote_the_secretary_does_not(world, open_session):
    assert [rules.can_vote(m, open_session) for m in world.members] == [True] * 5
    assert rules.can_vote(world.secretary, open_session) is False
    assert rules.can_vote(world.staff, open_session) is False


def test_a_seat_counts_on_the_meetings_day(world):
    late = CouncilMembershipFactory(
        council=world.council,
        role=CouncilRole.MEMBER,
        start_date=timezone.localdate() + datetime.timedelta(days=1),
    ).user
    session = open_session_of(world)

    assert rules.is_voting_member(late, session) is False


def test_a_member_of_an_inactive_council_does_not_vote(world, open_session):
    world.council.is_active = False
    world.council.save()
    member = type(world.members[0]).objects.get(pk=world.members[0].pk)  # no cached seats

    assert rules.can_vote(member, open_session) is False
