"""A unit's own decisions: its officer drafts, its leader issues, numbered per issuer;
and award at once (khen thưởng ngay) from a fast-track nomination."""

import datetime

import pytest
from django.contrib.auth.models import Group

from awards.enums import DecisionState, NominationState
from awards.models import AwardDecision, Certificate, NumberSequence
from awards.selectors import decision_list_for, decisions_visible_to
from awards.services.award_at_once import award_at_once, default_citation, issuers_for
from awards.services.decisions import (
    DecisionError,
    add_recipients,
    issue_decision,
    update_decision,
)
from common.models import ActivityLog, Notification
from tests.awards.services.test_decisions import (
    SIGNED,
    approved,
    draft,
    in_threads,
    make_world,
    snapshot,
)
from tests.factories import (
    AchievementFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UnitSignerFactory,
    UserFactory,
)
from units.enums import OfficerRole
from units.rules import EMULATION_STAFF_GROUP

pytestmark = pytest.mark.unit

NOT_ALLOWED = "không có quyền"


def member(unit, role=OfficerRole.OFFICER):
    return OfficerMembershipFactory(unit=unit, role=role, user=UserFactory()).user


@pytest.fixture
def world(db):
    world = make_world()
    world["officer"] = member(world["health"])
    world["director"] = member(world["health"], OfficerRole.HEAD)
    world["hospital_officer"] = member(world["hospital"])
    return world


def health_draft(world, by, **kwargs):
    return draft(world, by, issuer=world["health"], award=world["giay_khen"], **kwargs)


def test_the_officer_drafts_and_the_director_issues_with_the_units_number(world):
    decision = health_draft(world, world["officer"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=world["officer"])
    issue_decision(decision, by=world["director"])
    assert (decision.state, decision.reference) == (DecisionState.ISSUED, "1/QĐ-SYT")
    assert decision.issued_by == world["director"]


def test_the_officer_cannot_issue_and_nothing_changes(world):
    decision = health_draft(world, world["officer"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=world["officer"])
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        issue_decision(decision, by=world["officer"])
    assert snapshot() == before


def test_a_unit_below_cannot_draft_for_the_department(world):
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        health_draft(world, world["hospital_officer"])
    assert snapshot() == before


def test_the_officer_cannot_move_a_draft_to_another_issuer(world):
    decision = health_draft(world, world["officer"])
    before = snapshot()
    with pytest.raises(DecisionError, match=NOT_ALLOWED):
        update_decision(decision, by=world["officer"], issuer=world["hospital"])
    assert snapshot() == before


def test_a_units_drafts_are_seen_by_its_people_only(world, staff_user):
    ours = health_draft(world, world["officer"])
    hospital_head = member(world["hospital"], OfficerRole.HEAD)
    theirs = draft(world, hospital_head, issuer=world["hospital"], award=world["giay_khen"])
    assert list(decisions_visible_to(world["officer"])) == [ours]
    assert list(decisions_visible_to(world["hospital_officer"])) == [theirs]
    assert set(decisions_visible_to(staff_user)) == {ours, theirs}


def test_an_issued_decision_of_the_department_stays_visible_below(world):
    decision = health_draft(world, world["officer"])
    add_recipients(decision, [approved(world, world["giay_khen"])], by=world["officer"])
    assert list(decision_list_for(world["hospital_officer"])) == []
    issue_decision(decision, by=world["director"])
    assert list(decision_list_for(world["hospital_officer"])) == [decision]


# --- Numbering per issuer, under concurrency -----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_issuers_number_their_decisions_apart_at_the_same_moment(reference_data):
    world = make_world()
    leaders = {
        "health": member(world["health"], OfficerRole.HEAD),
        "province": UserFactory(username="staff_two_issuers"),
    }
    leaders["province"].groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    NumberSequence.objects.create(
        issuer=world["province"], name="decision", year=2025, last_value=14
    )
    jobs = []
    for issuer, award, by in (
        (world["health"], world["giay_khen"], leaders["health"]),
        (world["health"], world["giay_khen"], leaders["health"]),
        (world["province"], world["bang_khen"], leaders["province"]),
        (world["province"], world["bang_khen"], leaders["province"]),
    ):
        decision = draft(world, by, issuer=issuer, award=award)
        add_recipients(decision, [approved(world, award)], by=by)
        jobs.append((decision, by))

    results = in_threads(*(lambda d=d, b=b: issue_decision(d, by=b).reference for d, b in jobs))

    assert [kind for kind, _value in results] == ["ok"] * 4, results
    assert sorted(value[0] for _kind, value in results) == [
        "1/QĐ-SYT",
        "15/QĐ-UBND",
        "16/QĐ-UBND",
        "2/QĐ-SYT",
    ]
    sequences = NumberSequence.objects.filter(name="decision").order_by("last_value")
    assert [(s.issuer_id, s.last_value) for s in sequences] == [
        (world["health"].pk, 2),
        (world["province"].pk, 16),
    ]


# --- Award at once ---------------------------------------------------------------------------


def fast_track(world, award=None, state=NominationState.SUBMITTED):
    nurse = IndividualFactory(full_name="Nguyễn Thị Hoa", unit=world["ward"])
    nomination = NominationFactory(
        individual=nurse,
        unit=None,
        nominating_unit=world["hospital"],
        campaign=world["campaign"],
        award_type=award or world["giay_khen"],
        state=state,
        is_fast_track=True,
    )
    nomination.achievements.add(
        AchievementFactory(
            individual=nurse, owner_unit=world["hospital"], title="Cứu sống bệnh nhân ngừng tim."
        )
    )
    return nomination


def at_once(world, nomination, by, **kwargs):
    fields = {
        "issuer": world["health"],
        "signed_date": SIGNED,
        "citation": default_citation(nomination),
        "signer_name": "Nguyễn Văn Giám",
        "signer_title": "GIÁM ĐỐC",
        **kwargs,
    }
    return award_at_once(nomination, by=by, **fields)


def test_the_citation_comes_from_the_achievement(world):
    assert default_citation(fast_track(world)) == (
        "Đã có thành tích xuất sắc đột xuất: cứu sống bệnh nhân ngừng tim"
    )


def test_the_director_awards_at_once_and_the_decision_is_issued(world):
    nomination = fast_track(world)
    result = at_once(world, nomination, world["director"])
    decision = result.decision
    nomination.refresh_from_db()
    assert result.issued is True
    assert (decision.state, decision.reference) == (DecisionState.ISSUED, "1/QĐ-SYT")
    assert nomination.state == NominationState.AWARDED
    assert list(decision.recipients.values_list("nomination", flat=True)) == [nomination.pk]
    assert Certificate.objects.filter(recipient__decision=decision).count() == 1
    assert decision.citation == "Đã có thành tích xuất sắc đột xuất: cứu sống bệnh nhân ngừng tim"


def test_the_officer_awards_at_once_and_the_leaders_are_told_to_issue(
    world, django_capture_on_commit_callbacks
):
    deputy = member(world["health"], "deputy")
    nomination = fast_track(world)
    with django_capture_on_commit_callbacks(execute=True):
        result = at_once(world, nomination, world["officer"])
    nomination.refresh_from_db()
    assert result.issued is False
    assert result.decision.state == DecisionState.DRAFT
    assert nomination.state == NominationState.APPROVED
    told = Notification.objects.filter(activity__action="decision.await_issue")
    assert sorted(n.recipient_id for n in told) == sorted([world["director"].pk, deputy.pk])
    assert told.first().url == f"/decisions/{result.decision.pk}/issue/"


def test_award_at_once_signs_with_the_units_head(world):
    head = UnitSignerFactory(unit=world["health"], full_name="Nguyễn Văn Giám")
    nomination = fast_track(world)
    result = at_once(world, nomination, world["director"], signer=head)
    assert (result.decision.signer, result.decision.signer_title) == (head, "GIÁM ĐỐC")


def test_award_at_once_beyond_the_units_authority_is_refused_and_writes_nothing(world):
    nomination = fast_track(world, award=world["bang_khen"])
    before = snapshot()
    with pytest.raises(DecisionError, match="không có thẩm quyền"):
        at_once(world, nomination, world["director"])
    assert snapshot() == before


def test_award_at_once_by_another_units_user_is_refused(world):
    nomination = fast_track(world)
    before = snapshot()
    with pytest.raises(DecisionError, match="không khen thưởng ngay"):
        at_once(world, nomination, world["hospital_officer"])
    assert snapshot() == before


def test_a_nomination_on_a_decision_already_is_not_awarded_twice(world):
    nomination = fast_track(world)
    at_once(world, nomination, world["officer"])
    before = AwardDecision.objects.count()
    with pytest.raises(DecisionError, match="đã có trong một quyết định khác"):
        at_once(world, nomination, world["director"])
    assert AwardDecision.objects.count() == before


def test_the_units_that_may_award_at_once(world, staff_user):
    nomination = fast_track(world)
    hospital_head = member(world["hospital"], OfficerRole.HEAD)
    day = datetime.date(2025, 9, 15)
    assert issuers_for(world["officer"], nomination, day) == [world["health"]]
    assert issuers_for(hospital_head, nomination, day) == [world["hospital"]]
    # Staff: the lowest unit the table lets decide it (the ward is a public unit too).
    assert issuers_for(staff_user, nomination, day) == [world["ward"]]
    assert ActivityLog.objects.count() == 0
