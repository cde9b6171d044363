"""Which rule applies on a day, and which nominations need the council."""

import datetime

import pytest

from awards.enums import NominationState
from council.enums import SessionState, VoteMethod
from council.selectors import nominations_needing_council, rule_for
from tests.factories import (
    AgendaItemFactory,
    AwardTypeFactory,
    CouncilFactory,
    NominationFactory,
    SessionFactory,
    UnitFactory,
    VotingRuleFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = datetime.date(2026, 3, 1)


def test_rule_for_takes_the_latest_rule_in_force_on_the_day():
    award_type = AwardTypeFactory()
    old = VotingRuleFactory(award_type=award_type, effective_from=datetime.date(2024, 1, 1))
    new = VotingRuleFactory(award_type=award_type, effective_from=datetime.date(2026, 3, 2))

    assert rule_for(award_type, DAY) == old
    assert rule_for(award_type, datetime.date(2026, 3, 2)) == new


def test_rule_for_is_none_after_the_rule_ended_or_before_any():
    award_type = AwardTypeFactory()
    VotingRuleFactory(
        award_type=award_type,
        effective_from=datetime.date(2024, 1, 1),
        effective_to=datetime.date(2026, 2, 28),
    )

    assert rule_for(award_type, DAY) is None
    assert rule_for(award_type, datetime.date(2023, 12, 31)) is None


@pytest.fixture
def province_council():
    return CouncilFactory(unit=UnitFactory(level=UnitLevel.PROVINCE))


def _waiting(award_type, **kwargs):
    values = {"state": NominationState.IN_REVIEW, "at_final_level": True, "reviewing_unit": None}
    return NominationFactory(award_type=award_type, **{**values, **kwargs})


def test_nominations_needing_council_are_those_whose_rule_has_a_vote(province_council):
    voted, hands, silent, none = (AwardTypeFactory() for _ in range(4))
    VotingRuleFactory(award_type=voted, effective_from=DAY)
    VotingRuleFactory(award_type=hands, effective_from=DAY, method=VoteMethod.SHOW_OF_HANDS)
    VotingRuleFactory(award_type=silent, effective_from=DAY, method=VoteMethod.NO_VOTE)
    expected = [_waiting(voted), _waiting(hands)]
    _waiting(silent), _waiting(none)

    found = nominations_needing_council(province_council, DAY)

    assert sorted(n.pk for n in found) == sorted(n.pk for n in expected)


def test_nominations_needing_council_are_waiting_at_the_councils_level(province_council):
    award_type = AwardTypeFactory()
    VotingRuleFactory(award_type=award_type, effective_from=DAY)
    sent = _waiting(award_type, state=NominationState.SUBMITTED)
    at_province_unit = _waiting(award_type, reviewing_unit=province_council.unit)
    _waiting(award_type, state=NominationState.DRAFT)
    _waiting(award_type, state=NominationState.APPROVED)
    _waiting(award_type, at_final_level=False)
    _waiting(award_type, reviewing_unit=UnitFactory(level=UnitLevel.DEPARTMENT))

    found = nominations_needing_council(province_council, DAY)

    assert sorted(n.pk for n in found) == sorted([sent.pk, at_province_unit.pk])


def test_nominations_needing_council_leave_out_those_on_a_session_not_closed(province_council):
    award_type = AwardTypeFactory()
    VotingRuleFactory(award_type=award_type, effective_from=DAY)
    on_open, on_closed = _waiting(award_type), _waiting(award_type)
    AgendaItemFactory(nomination=on_open, session=SessionFactory(council=province_council))
    AgendaItemFactory(
        nomination=on_closed,
        session=SessionFactory(council=province_council, state=SessionState.CLOSED),
    )

    assert list(nominations_needing_council(province_council, DAY)) == [on_closed]
