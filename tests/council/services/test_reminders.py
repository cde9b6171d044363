"""Reminding members who have not voted: the council's reminder kind, found through
``common.reminders`` and written by the campaign app's machinery once per period."""

import datetime

import pytest
from django.utils import timezone

from campaign.enums import ReminderKind
from campaign.models import Reminder
from campaign.services.reminders import compose_reminders, due_reminders, preview
from council.enums import Choice
from council.services.voting import cast_votes, recuse
from tests.council.conftest import open_session_of
from tests.factories import ReminderRuleFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def rule(db):
    return ReminderRuleFactory(
        kind=ReminderKind.COUNCIL_VOTE,
        offsets="24, 2",
        subject="Nhắc bỏ phiếu: {{ phien_hop }}",
        body="Còn {{ so_ho_so_chua_bieu_quyet }} hồ sơ, đóng lúc {{ han_bo_phieu }}.",
    )


@pytest.fixture
def session(world):
    """Open for votes, the window closing in 20 hours; member 1 has voted on every item,
    member 2 voted on one and recused on another, the others on none."""
    session = open_session_of(world)
    session.votes_close_at = session.votes_open_at + 21 * HOUR
    session.save()
    items = list(session.items.order_by("position"))
    cast_votes(
        session,
        {i.pk: Choice.AGREE for i in items},
        by=world.members[0],
        secret="a" * 43,
    )
    cast_votes(session, {items[0].pk: Choice.AGREE}, by=world.members[1], secret="b" * 43)
    recuse(items[1], by=world.members[1])
    return session


def test_members_with_items_left_are_reminded_with_what_is_left(rule, world, session):
    now = session.votes_close_at - 20 * HOUR

    dues = list(due_reminders(rule, now))

    assert sorted((d.recipient.pk, d.context["so_ho_so_chua_bieu_quyet"]) for d in dues) == sorted(
        [(world.members[1].pk, 1)] + [(m.pk, 3) for m in world.members[2:]]
    )
    closes = timezone.localtime(session.votes_close_at)
    assert {d.period for d in dues} == {f"vote:{closes:%Y-%m-%dT%H:%M}/24"}
    assert all(d.url == f"/council/{session.pk}/vote/" for d in dues)


def test_nothing_is_owed_before_the_first_offset_or_after_the_window(rule, session):
    assert list(due_reminders(rule, session.votes_close_at - 25 * HOUR)) == []
    assert list(due_reminders(rule, session.votes_close_at + HOUR)) == []


def test_compose_writes_each_reminder_once_per_offset(rule, world, session):
    first = compose_reminders(rule, now=session.votes_close_at - 20 * HOUR).created
    again = compose_reminders(rule, now=session.votes_close_at - 19 * HOUR).created
    last = compose_reminders(rule, now=session.votes_close_at - HOUR).created

    assert (len(first), len(again), len(last)) == (4, 0, 4)
    assert Reminder.objects.filter(rule=rule).count() == 8
    reminder = Reminder.objects.filter(recipient=world.members[1]).earliest("pk")
    assert reminder.subject == f"Nhắc bỏ phiếu: {session.title}"


def test_the_wording_prints_the_plain_values(rule, world, session):
    rendered, _already = preview(rule, now=session.votes_close_at - 20 * HOUR)

    bodies = {due.recipient.pk: text for due, (_subject, text, _html) in rendered}
    closes = timezone.localtime(session.votes_close_at)
    assert bodies[world.members[1].pk] == f"Còn 1 hồ sơ, đóng lúc {closes:%H:%M %d/%m/%Y}."


def test_a_paper_session_owes_no_reminder(rule, world):
    session = open_session_of(world, is_paper=True)

    assert list(due_reminders(rule, session.votes_close_at - HOUR)) == []
