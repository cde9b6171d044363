"""Preparing a session: create, agenda, call the members, attendance, written votes,
paper counts; each refused for the wrong user or state, with nothing changed."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from awards.enums import NominationState
from common.models import ActivityLog, Notification
from common.uploads import ProcessedUpload
from council.activity import SESSION_CREATE, SESSION_STATE, SESSION_WRITTEN_VOTE
from council.enums import BallotKind, Choice, SessionState, VoteSource
from council.models import Ballot, Session, Vote
from council.services.errors import CouncilError
from council.services.sessions import (
    add_material,
    create_session,
    open_session,
    record_attendance,
    record_paper_count,
    record_written_vote,
    set_agenda,
    update_session,
)
from tests.council.conftest import open_session_of
from tests.factories import NominationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _details(**kwargs):
    now = timezone.now()
    values = {
        "title": "Xét Chiến sĩ thi đua cấp tỉnh năm 2026",
        "meeting_at": now + datetime.timedelta(days=1),
        "place": "Phòng họp số 1",
        "votes_open_at": now,
        "votes_close_at": now + datetime.timedelta(days=2),
        "is_paper": False,
    }
    return {**values, **kwargs}


def test_create_session_with_agenda_freezes_the_rule(world):
    session = create_session(
        world.council, by=world.staff, nominations=world.nominations[:2], **_details()
    )

    items = list(session.items.order_by("position"))
    assert [(i.nomination, i.rule, i.position) for i in items] == [
        (world.nominations[0], world.rule, 1),
        (world.nominations[1], world.rule, 2),
    ]
    assert session.state == SessionState.DRAFT
    assert ActivityLog.objects.for_object(session).filter(action=SESSION_CREATE).count() == 1


def test_create_session_by_the_councils_secretary(world):
    session = create_session(world.council, by=world.secretary, **_details())

    assert session.created_by == world.secretary


def test_create_session_refused_for_a_member_or_outsider(world):
    for user in (world.members[0], world.outsider):
        with pytest.raises(CouncilError, match="không có quyền"):
            create_session(world.council, by=user, **_details())
    assert Session.objects.count() == 0


def test_create_session_refuses_a_window_closing_before_it_opens(world):
    now = timezone.now()
    with pytest.raises(CouncilError, match="Giờ đóng bỏ phiếu phải sau giờ mở"):
        create_session(
            world.council, by=world.staff, **_details(votes_open_at=now, votes_close_at=now)
        )
    assert Session.objects.count() == 0


def test_set_agenda_refuses_a_nomination_that_does_not_need_the_council(world):
    session = create_session(world.council, by=world.staff, **_details())
    draft = NominationFactory(award_type=world.award_type, state=NominationState.DRAFT)

    with pytest.raises(CouncilError, match="không còn chờ Hội đồng xét"):
        set_agenda(session, [world.nominations[0], draft], by=world.staff)
    assert session.items.count() == 0


def test_set_agenda_keeps_reorders_and_drops_items(world):
    first, second, third = world.nominations
    session = create_session(
        world.council, by=world.staff, nominations=[first, second], **_details()
    )
    kept = session.items.get(nomination=second)

    set_agenda(session, [second, third], by=world.staff)

    items = list(session.items.order_by("position"))
    assert [(i.nomination, i.position) for i in items] == [(second, 1), (third, 2)]
    assert items[0].pk == kept.pk


def test_open_session_notifies_the_voting_members_not_the_secretary(
    world, django_capture_on_commit_callbacks
):
    session = create_session(
        world.council, by=world.staff, nominations=world.nominations, **_details()
    )

    with django_capture_on_commit_callbacks(execute=True):
        open_session(session, by=world.staff)

    session.refresh_from_db()
    assert session.state == SessionState.OPEN
    notified = set(Notification.objects.values_list("recipient", flat=True))
    assert notified == {u.pk for u in world.members}
    entry = ActivityLog.objects.for_object(session).get(action=SESSION_STATE)
    assert (entry.previous_state, entry.new_state) == (SessionState.DRAFT, SessionState.OPEN)


def test_open_session_refused_without_an_agenda(world):
    session = create_session(world.council, by=world.staff, **_details())

    with pytest.raises(CouncilError, match="chưa có hồ sơ"):
        open_session(session, by=world.staff)
    session.refresh_from_db()
    assert session.state == SessionState.DRAFT


def test_agenda_is_fixed_once_the_session_is_called(world, open_session):
    with pytest.raises(CouncilError, match="không có quyền"):
        set_agenda(open_session, world.nominations[:1], by=world.staff)
    assert open_session.items.count() == 3


def test_update_session_refuses_switching_to_paper_once_called(world, open_session):
    values = {
        f: getattr(open_session, f)
        for f in ("title", "meeting_at", "place", "votes_open_at", "votes_close_at")
    }
    with pytest.raises(CouncilError, match="không đổi được hình thức bỏ phiếu"):
        update_session(open_session, by=world.staff, is_paper=True, **values)
    open_session.refresh_from_db()
    assert open_session.is_paper is False


def test_add_material_keeps_the_file_and_its_name(world, open_session):
    upload = ProcessedUpload(
        content=ContentFile(b"%PDF-1.4 x", name="upload.pdf"),
        kind="pdf",
        extension=".pdf",
        content_type="application/pdf",
        original_name="Tờ trình.pdf",
        size=10,
    )

    material = add_material(open_session, by=world.staff, title="Tờ trình", upload=upload)

    assert (material.title, material.original_name, material.file.read()) == (
        "Tờ trình",
        "Tờ trình.pdf",
        b"%PDF-1.4 x",
    )


def test_record_attendance_only_of_voting_members(world, open_session):
    record_attendance(open_session, [world.members[0].pk], by=world.staff)
    assert list(open_session.present_members.all()) == [world.members[0]]

    with pytest.raises(CouncilError, match="thành viên biểu quyết"):
        record_attendance(open_session, [world.secretary.pk], by=world.staff)
    assert list(open_session.present_members.all()) == [world.members[0]]


def test_record_written_vote_is_anonymous_and_marked_written(world, open_session):
    item = open_session.items.first()
    absent = world.members[4]

    record_written_vote(item, absent, Choice.DISAGREE, by=world.secretary)

    assert list(Ballot.objects.values_list("member", "kind")) == [(absent.pk, BallotKind.WRITTEN)]
    assert list(Vote.objects.values_list("choice", "source", "token_hash")) == [
        (Choice.DISAGREE, VoteSource.WRITTEN, None)
    ]
    entry = ActivityLog.objects.get(action=SESSION_WRITTEN_VOTE)
    assert Choice.DISAGREE not in str(entry.data) and entry.note == ""


def test_record_written_vote_refused_twice_and_for_a_present_member(world, open_session):
    item = open_session.items.first()
    record_written_vote(item, world.members[4], Choice.AGREE, by=world.staff)
    record_attendance(open_session, [world.members[3].pk], by=world.staff)

    with pytest.raises(CouncilError, match="đã có phiếu"):
        record_written_vote(item, world.members[4], Choice.AGREE, by=world.staff)
    with pytest.raises(CouncilError, match="có mặt tại phiên họp"):
        record_written_vote(item, world.members[3], Choice.AGREE, by=world.staff)
    assert Vote.objects.count() == 1


def test_record_paper_count_for_a_paper_session_only(world):
    paper = open_session_of(world, is_paper=True)
    online = open_session_of(world, nominations=[NominationFactory()])

    count = record_paper_count(paper.items.first(), by=world.staff, agree=4, disagree=1, abstain=0)
    assert (count.agree, count.disagree, count.abstain) == (4, 1, 0)

    with pytest.raises(CouncilError, match="không có quyền"):
        record_paper_count(online.items.first(), by=world.staff, agree=1, disagree=0, abstain=0)
    with pytest.raises(CouncilError, match="vượt quá số thành viên"):
        record_paper_count(paper.items.first(), by=world.staff, agree=5, disagree=1, abstain=0)
    count.refresh_from_db()
    assert (count.agree, count.disagree, count.abstain) == (4, 1, 0)
