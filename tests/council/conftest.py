"""A provincial council of five voting members and a secretary, a title that needs its
secret ballot, and nominations waiting for it at the province."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import NominationState
from council.enums import SessionState
from tests.factories import (
    AgendaItemFactory,
    AwardTypeFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    NominationFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
    VotingRuleFactory,
)
from units.enums import CouncilRole, UnitLevel


class World:
    pass


@pytest.fixture
def world(db, staff_user):
    w = World()
    w.staff = staff_user
    w.province = UnitFactory(level=UnitLevel.PROVINCE, name="Tỉnh Bến Tre")
    w.council = CouncilFactory(unit=w.province)
    roles = [
        CouncilRole.CHAIR,
        CouncilRole.VICE_CHAIR,
        CouncilRole.STANDING,
        CouncilRole.MEMBER,
        CouncilRole.MEMBER,
    ]
    w.members = [
        CouncilMembershipFactory(council=w.council, role=role, user=UserFactory()).user
        for role in roles
    ]
    w.secretary = CouncilMembershipFactory(
        council=w.council, role=CouncilRole.SECRETARY, user=UserFactory()
    ).user
    w.outsider = UserFactory()
    w.award_type = AwardTypeFactory(name="Chiến sĩ thi đua (thử)")
    w.rule = VotingRuleFactory(award_type=w.award_type, effective_from=datetime.date(2024, 1, 1))
    w.nominations = [
        NominationFactory(
            award_type=w.award_type,
            state=NominationState.IN_REVIEW,
            at_final_level=True,
            reviewing_unit=None,
        )
        for _ in range(3)
    ]
    return w


def open_session_of(world, nominations=None, **kwargs):
    """An open session of the world's council with ``nominations`` on its agenda."""
    now = timezone.now()
    values = {
        "council": world.council,
        "state": SessionState.OPEN,
        "meeting_at": now,
        "votes_open_at": now - datetime.timedelta(hours=1),
        "votes_close_at": now + datetime.timedelta(hours=2),
    }
    session = SessionFactory(**{**values, **kwargs})
    for position, nomination in enumerate(nominations or world.nominations, start=1):
        AgendaItemFactory(
            session=session, nomination=nomination, rule=world.rule, position=position
        )
    return session


@pytest.fixture
def open_session(world):
    return open_session_of(world)
