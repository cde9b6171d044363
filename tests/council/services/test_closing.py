"""Closing: each item counted under its rule, the nominations moved through the awards
workflow, the session final; beat closes the sessions whose window has ended."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from awards.enums import NominationState
from awards.selectors import nominations_ready_for_decision
from common.models import ActivityLog
from council.enums import Choice, ItemOutcome, SessionState
from council.services.closing import close_due, close_session
from council.services.errors import CouncilError
from council.services.sessions import (
    record_attendance,
    record_paper_count,
    record_written_vote,
)
from council.services.voting import cast_votes, recuse
from council.tasks import close_due_sessions
from tests.council.conftest import open_session_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _vote(session, member, choice, item=None):
    item = item or session.items.order_by("position").first()
    cast_votes(session, {item.pk: choice}, by=member, secret=f"{member.pk:043d}")


def test_close_passes_at_the_threshold_and_rejects_below_it(world):
    passing, failing = world.nominations[:2]
    session = open_session_of(world, nominations=[passing, failing])
    first, second = session.items.order_by("position")
    # 5 members, 90 % of all: 5 agree passes; 4 agree (80 %) fails.
    for member in world.members:
        _vote(session, member, Choice.AGREE, first)
    for member in world.members[:4]:
        _vote(session, member, Choice.AGREE, second)
    _vote(session, world.members[4], Choice.DISAGREE, second)

    close_session(session, by=world.secretary)

    first.refresh_from_db()
    second.refresh_from_db()
    passing.refresh_from_db()
    failing.refresh_from_db()
    assert (first.outcome, second.outcome) == (ItemOutcome.PASSED, ItemOutcome.FAILED)
    assert (passing.state, failing.state) == (NominationState.APPROVED, NominationState.REJECTED)
    assert list(nominations_ready_for_decision(world.staff)) == [passing]
    assert second.tally["agree"] == 4 and second.tally["denominator"] == 5
    reason = ActivityLog.objects.for_object(failing).latest("id").note
    assert reason.startswith("Hội đồng Thi đua – Khen thưởng không thông qua")
    assert "Đồng ý 4, không đồng ý 1, không biểu quyết 0" in reason
    session.refresh_from_db()
    assert session.state == SessionState.CLOSED
    assert set(session.present_members.all()) == set(world.members)


def test_close_leaves_a_recused_member_out_of_the_items_count(world):
    session = open_session_of(world, nominations=world.nominations[:1])
    item = session.items.get()
    recuse(item, by=world.members[4])
    for member in world.members[:4]:
        _vote(session, member, Choice.AGREE)

    close_session(session, by=world.staff)

    item.refresh_from_db()
    assert item.outcome == ItemOutcome.PASSED
    assert (item.tally["eligible"], item.tally["denominator"]) == (4, 4)
    assert item.tally["recused_members"] == [world.members[4].pk]


def test_close_counts_an_absent_members_written_opinion(world):
    session = open_session_of(world, nominations=world.nominations[:1])
    for member in world.members[:4]:
        _vote(session, member, Choice.AGREE)
    record_written_vote(session.items.get(), world.members[4], Choice.AGREE, by=world.staff)

    close_session(session, by=world.staff)

    item = session.items.get()
    assert item.outcome == ItemOutcome.PASSED
    assert item.tally["counts"]["written_agree"] == 1
    assert "ý kiến bằng văn bản" in item.explanation
    assert world.members[4] not in session.present_members.all()


def test_close_fails_an_item_when_the_quorum_is_missed(world):
    world.rule.quorum_percent = Decimal("80")
    world.rule.threshold_percent = Decimal("50")
    world.rule.save()
    session = open_session_of(world, nominations=world.nominations[:1])
    for member in world.members[:3]:
        _vote(session, member, Choice.AGREE)

    close_session(session, by=world.staff)

    item = session.items.get()
    assert (item.outcome, item.tally["quorum_met"]) == (ItemOutcome.FAILED, False)
    world.nominations[0].refresh_from_db()
    assert world.nominations[0].state == NominationState.REJECTED


def test_close_a_paper_session_with_the_counts_entered(world):
    session = open_session_of(world, nominations=world.nominations[:1], is_paper=True)
    record_attendance(session, [m.pk for m in world.members], by=world.staff)
    record_paper_count(session.items.get(), by=world.staff, agree=5, disagree=0, abstain=0)

    close_session(session, by=world.staff)

    item = session.items.get()
    assert (item.outcome, item.tally["counts"]["paper_agree"]) == (ItemOutcome.PASSED, 5)
    assert "phiếu giấy" in item.explanation


def test_close_skips_a_nomination_withdrawn_meanwhile(world):
    session = open_session_of(world, nominations=world.nominations[:1])
    nomination = world.nominations[0]
    nomination.state = NominationState.RETURNED
    nomination.save()
    for member in world.members:
        _vote(session, member, Choice.AGREE)

    close_session(session, by=world.staff)

    item = session.items.get()
    nomination.refresh_from_db()
    assert (item.outcome, nomination.state) == (ItemOutcome.SKIPPED, NominationState.RETURNED)
    assert "trạng thái hồ sơ không đổi" in item.explanation


def test_closed_session_cannot_be_closed_again_nor_voted_in(world):
    session = open_session_of(world, nominations=world.nominations[:1])
    close_session(session, by=world.staff)

    with pytest.raises(CouncilError):
        close_session(session, by=world.staff)
    with pytest.raises(CouncilError, match="không trong thời gian bỏ phiếu"):
        _vote(session, world.members[0], Choice.AGREE)
    assert session.items.get().votes.count() == 0


def test_only_the_secretary_closes(world):
    session = open_session_of(world, nominations=world.nominations[:1])

    for user in (world.members[0], world.outsider):
        with pytest.raises(CouncilError, match="không có quyền"):
            close_session(session, by=user)
    session.refresh_from_db()
    assert session.state == SessionState.OPEN


def test_beat_closes_only_online_sessions_whose_window_ended_and_twice_changes_nothing(world):
    now = timezone.now()
    ended = open_session_of(
        world,
        nominations=world.nominations[:1],
        votes_open_at=now - datetime.timedelta(hours=3),
        votes_close_at=now - datetime.timedelta(minutes=1),
    )
    running = open_session_of(world, nominations=world.nominations[1:2])
    paper = open_session_of(
        world,
        nominations=world.nominations[2:],
        is_paper=True,
        votes_open_at=now - datetime.timedelta(hours=3),
        votes_close_at=now - datetime.timedelta(minutes=1),
    )

    close_due_sessions()
    assert close_due() == 0

    states = [s.state for s in (ended, running, paper) if not s.refresh_from_db()]
    assert states == [SessionState.CLOSED, SessionState.OPEN, SessionState.OPEN]
    assert ended.closed_by is None


def test_beat_refuses_to_close_before_the_window_ends(world, open_session):
    with pytest.raises(CouncilError, match="Chưa hết thời gian bỏ phiếu"):
        close_session(open_session, by=None)
