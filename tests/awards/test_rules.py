"""Who acts for an issuer: provincial staff, the unit's officer, its leader, another unit."""

import pytest

from awards import rules
from awards.enums import DecisionState, NominationState
from tests.factories import (
    AwardDecisionFactory,
    CertificateFactory,
    CouncilMembershipFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import OfficerRole, UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def units():
    province = UnitFactory(level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province, level=UnitLevel.DEPARTMENT)
    hospital = UnitFactory(name="Bệnh viện", parent=health, level=UnitLevel.BASE)
    return province, health, hospital


def member(unit, role=OfficerRole.OFFICER):
    return OfficerMembershipFactory(unit=unit, role=role, user=UserFactory()).user


def people(staff_user, units):
    province, health, hospital = units
    return {
        "staff": staff_user,
        "officer": member(health),
        "head": member(health, OfficerRole.HEAD),
        "deputy": member(health, "deputy"),
        "hospital officer": member(hospital),
        "hospital head": member(hospital, OfficerRole.HEAD),
        "province member": member(province, OfficerRole.HEAD),
    }


def answers(user, draft, issued):
    """Each predicate's answer, on the draft for editing and issuing, else on the issued."""
    line = RecipientFactory(decision=issued)
    return {
        "edit": rules.can_edit_decision(user, draft),
        "issue": rules.can_issue_decision(user, draft),
        "revoke": rules.can_revoke_decision(user, issued),
        "revoke_line": rules.can_revoke_recipient(user, line),
        "revoke_lines": rules.can_revoke_lines(user, issued),
        "render": rules.can_render_certificates(user, issued),
        "reissue": rules.can_reissue_certificate(user, CertificateFactory(recipient=line)),
        "ceremony": rules.can_record_ceremony(user, issued),
    }


ALL = dict.fromkeys(
    ("edit", "issue", "revoke", "revoke_line", "revoke_lines", "render", "reissue", "ceremony"),
    True,
)
NONE = dict.fromkeys(ALL, False)
PREPARES = {**NONE, "edit": True, "render": True, "ceremony": True}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", ALL),
        ("officer", PREPARES),
        ("head", ALL),
        ("deputy", ALL),
        ("hospital officer", NONE),  # a unit below: it does not act for Sở Y tế
        ("hospital head", NONE),
        ("province member", NONE),
    ],
)
def test_who_acts_for_a_unit_issuer(staff_user, units, who, expected):
    health = units[1]
    user = people(staff_user, units)[who]
    draft = AwardDecisionFactory(issuer=health)
    issued = AwardDecisionFactory(issuer=health, state=DecisionState.ISSUED, number=1)
    assert answers(user, draft, issued) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("staff", ALL), ("head", NONE), ("province member", NONE), ("hospital head", NONE)],
)
def test_only_staff_act_for_the_province(staff_user, units, who, expected):
    province = units[0]
    user = people(staff_user, units)[who]
    draft = AwardDecisionFactory(issuer=province)
    issued = AwardDecisionFactory(issuer=province, state=DecisionState.ISSUED, number=1)
    assert answers(user, draft, issued) == expected


def test_an_inactive_membership_acts_for_nobody(units):
    membership = OfficerMembershipFactory(unit=units[1], role=OfficerRole.HEAD, is_active=False)
    draft = AwardDecisionFactory(issuer=units[1])
    assert rules.can_edit_decision(membership.user, draft) is False
    assert rules.can_manage_decisions(membership.user) is False


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", True),
        ("officer", True),
        ("head", True),
        ("hospital officer", False),
        ("province member", False),
    ],
)
def test_who_may_create_a_decision_of_the_department(staff_user, units, who, expected):
    user = people(staff_user, units)[who]
    assert rules.can_create_decision(user, units[1]) is expected


@pytest.mark.parametrize(
    ("state", "fast_track", "expected"),
    [
        (NominationState.SUBMITTED, True, True),
        (NominationState.IN_REVIEW, True, True),
        (NominationState.APPROVED, True, True),
        (NominationState.AWARDED, True, False),
        (NominationState.RETURNED, True, False),
        (NominationState.SUBMITTED, False, False),
    ],
)
def test_award_at_once_takes_an_open_fast_track_nomination(
    staff_user, units, state, fast_track, expected
):
    user = people(staff_user, units)["officer"]
    nomination = NominationFactory(state=state, is_fast_track=fast_track)
    assert rules.can_award_at_once(user, nomination, units[1]) is expected
    assert rules.can_award_at_once(user, nomination, units[2]) is False  # not its unit


def test_statistics_are_for_staff_council_and_unit_people(staff_user, units):
    council = CouncilMembershipFactory().user
    officer = member(units[1])
    outsider = UserFactory()

    assert [rules.can_view_statistics(u) for u in (staff_user, council, officer, outsider)] == [
        True,
        True,
        True,
        False,
    ]
