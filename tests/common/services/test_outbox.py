"""The task outbox: the message is a row of the change's transaction, sent after commit or later.

Celery runs eagerly here, so a message published runs its task at once in
this process.  A broker that is down is a real one: a Redis address where
nothing listens (``publishing_to`` a closed port), with the project's Redis
transport options; nothing of ours is mocked.
"""

import datetime
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from awards.enums import NominationState
from awards.services.nominations import perform
from common.models import ActivityLog, Notification, OutboxMessage
from common.services.outbox import (
    SWEEP_GRACE,
    prune_sent,
    publish,
    publish_pending,
)
from tests.factories import NominationFactory, OfficerMembershipFactory, OutboxMessageFactory
from tests.support.broker import publishing_to
from tests.support.processes import free_port

from ..conftest import RAN, record

pytestmark = [pytest.mark.unit, pytest.mark.django_db, pytest.mark.usefixtures("nothing_ran_yet")]


@pytest.fixture
def broker_down():
    """Tasks published in the block go to a Redis address where nothing listens."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    with publishing_to(url, transport_options=settings.REDIS_BROKER_TRANSPORT_OPTIONS) as app:
        yield app


def rows():
    return list(OutboxMessage.objects.order_by("pk").values_list("task_name", "kwargs", "sent_at"))


def backdate(message, seconds):
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


# --- Recording ---------------------------------------------------------------------------


def test_the_message_is_a_row_of_the_transaction_and_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert record.delay(value=1) is None
        assert rows() == [("tests.record_through_the_outbox", {"value": 1}, None)]
        assert RAN == []

    assert len(callbacks) == 1
    assert RAN == [1]
    message = OutboxMessage.objects.get()
    assert message.sent_at is not None
    assert (message.attempts, message.last_error) == (1, "")


def test_a_rolled_back_transaction_leaves_no_message(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="rolled back"),
        transaction.atomic(),
    ):
        record.delay(value=1)
        raise RuntimeError("rolled back")

    assert (callbacks, rows(), RAN) == ([], [], [])


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_message_is_recorded_and_sent_at_once():
    result = record.delay(value=3)

    assert (result.get(), RAN) == (3, [3])
    assert OutboxMessage.objects.get().sent_at is not None


# --- A broker that is down ---------------------------------------------------------------


def test_a_broker_down_at_commit_costs_no_error_and_keeps_the_message(
    broker_down, django_capture_on_commit_callbacks, caplog
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record.delay(value=1)
    elapsed = time.monotonic() - started

    assert elapsed < 1.0
    assert RAN == []
    message = OutboxMessage.objects.get()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert message.last_error.startswith("OperationalError: ")
    assert "Connection refused" in message.last_error
    # Back-off: the next attempt a minute later (with up to 20 % jitter below).
    wait = message.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=45) < wait <= datetime.timedelta(seconds=60)
    assert "the outbox sweep will retry" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_broker_down_outside_a_transaction_returns_none_and_keeps_the_message(broker_down):
    assert record.delay(value=1) is None

    assert [(name, kwargs) for name, kwargs, sent_at in rows() if sent_at is None] == [
        ("tests.record_through_the_outbox", {"value": 1})
    ]


def test_the_sweep_stops_at_the_first_failure_and_backs_off(broker_down):
    first, second = OutboxMessageFactory.create_batch(2, task_name=record.name)
    for message in (first, second):
        backdate(message, 120)

    counts = publish_pending()

    assert counts == {"sent": 0, "failed": 1, "pruned": 0}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attempts, second.attempts) == (1, 0)
    assert first.next_attempt_at > timezone.now()


# --- The sweep ---------------------------------------------------------------------------


def test_the_sweep_publishes_due_rows_once_the_broker_is_back():
    waiting = OutboxMessageFactory(task_name=record.name, kwargs={"value": 1}, attempts=3)
    backdate(waiting, 600)
    fresh = OutboxMessageFactory(task_name=record.name, kwargs={"value": 2})  # its commit sends it
    later = OutboxMessageFactory(
        task_name=record.name,
        kwargs={"value": 3},
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    backdate(later, 600)

    counts = publish_pending()

    assert counts == {"sent": 1, "failed": 0, "pruned": 0}
    assert RAN == [1]
    sent = {m.pk: m.sent_at is not None for m in OutboxMessage.objects.all()}
    assert sent == {waiting.pk: True, fresh.pk: False, later.pk: False}
    assert OutboxMessage.objects.get(pk=waiting.pk).attempts == 4


def test_the_sweep_leaves_rows_younger_than_the_grace_to_their_own_commit():
    message = OutboxMessageFactory(task_name=record.name, kwargs={"value": 1})
    backdate(message, SWEEP_GRACE.total_seconds() - 5)

    assert publish_pending()["sent"] == 0
    backdate(message, SWEEP_GRACE.total_seconds() + 1)
    assert publish_pending()["sent"] == 1
    assert RAN == [1]


def test_a_row_of_an_unknown_task_is_backed_off_and_does_not_hold_up_the_rest():
    unknown = OutboxMessageFactory(task_name="awards.no_such_task", kwargs={"run_id": 1})
    known = OutboxMessageFactory(task_name=record.name, kwargs={"value": 2})
    for message in (unknown, known):
        backdate(message, 120)

    counts = publish_pending()

    assert counts == {"sent": 1, "failed": 1, "pruned": 0}
    assert RAN == [2]
    unknown.refresh_from_db()
    assert (unknown.sent_at, unknown.attempts) == (None, 1)
    assert unknown.last_error == "Unknown task 'awards.no_such_task'"
    assert unknown.next_attempt_at > timezone.now()


def test_old_sent_rows_are_pruned(settings):
    settings.OUTBOX_KEEP_SENT = 7
    now = timezone.now()
    old = OutboxMessageFactory(sent_at=now - datetime.timedelta(days=8))
    recent = OutboxMessageFactory(sent_at=now - datetime.timedelta(days=6))
    unsent = OutboxMessageFactory()
    backdate(unsent, 30 * 86400)

    assert prune_sent(now) == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


# --- Exactly once where it matters ---------------------------------------------------------


def test_a_notification_published_twice_is_delivered_once(
    staff_user, django_capture_on_commit_callbacks
):
    officer = OfficerMembershipFactory().user
    unit = officer.officer_memberships.get().unit
    nomination = NominationFactory(
        individual__unit=unit,
        nominating_unit=unit,
        created_by=officer,
        state=NominationState.IN_REVIEW,
    )
    with django_capture_on_commit_callbacks(execute=True):
        perform(nomination, "return", by=staff_user, reason="Thiếu biên bản họp")
    message = OutboxMessage.objects.get(task_name="awards.notify_nomination_change")
    entry = ActivityLog.objects.for_object(nomination).get()
    assert message.kwargs == {"activity_id": entry.pk}

    publish(message)  # the sweep raced the commit, or the row's update was lost
    publish(message)

    assert Notification.objects.filter(recipient=officer, activity=entry).count() == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 3
