"""Delivering reminder emails from the outbox: each sent once, failures retried or recorded,
nothing lost when the broker or a worker goes away.

The SMTP servers below are email backends defined here; Celery runs eagerly, so a task
"queued" is run at once in this process.
"""

import datetime
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from campaign import tasks
from campaign.enums import ReminderChannel, ReminderKind, ReminderState
from campaign.models import Reminder, ReminderRule
from campaign.services.outbox import (
    LEASE,
    MAX_ATTEMPTS,
    REQUEUE_AFTER,
    deliver,
    enqueue_delivery,
    sweep,
)
from campaign.services.reminders import compose_reminders
from tests.factories import CampaignFactory, OfficerMembershipFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

REFUSED = "khong-ton-tai@example.org"
SPAM = "quảng cáo"
MINUTE = datetime.timedelta(minutes=1)


# --- SMTP servers ------------------------------------------------------------------------------


class DroppingBackend(LocmemBackend):
    """A server that drops the connection at the first message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class BusyBackend(LocmemBackend):
    """A server that answers 421: try again later."""

    def send_messages(self, messages):
        raise smtplib.SMTPResponseException(421, b"4.3.2 Service not available")


class UnreachableBackend(LocmemBackend):
    """A server nobody answers at."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")


class PickyBackend(LocmemBackend):
    """A server that refuses one address (550) and one message (554) and takes the rest."""

    def send_messages(self, messages):
        for message in messages:
            if message.to == [REFUSED]:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 User unknown")})
            if SPAM in message.subject:
                raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam")
        return super().send_messages(messages)


class StallingBackend(LocmemBackend):
    """A server so slow that the worker's lease runs out while it accepts the first message:
    meanwhile the outbox sweep hands the batch to another worker (run here, eagerly)."""

    stalled = False

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if not type(self).stalled:
            type(self).stalled = True
            sweep(now=timezone.now() + LEASE + MINUTE)
        return sent


@pytest.fixture
def smtp(settings):
    """Choose the SMTP server: ``smtp("PickyBackend")``."""

    def use(name):
        settings.EMAIL_BACKEND = f"{__name__}.{name}"

    return use


# --- Rows ---------------------------------------------------------------------------------------


@pytest.fixture
def rule(db):
    return ReminderRule.objects.get(kind=ReminderKind.SUBMITTED_WAITING)


@pytest.fixture
def make(rule):
    """``make(3, state=…)``: reminder emails to new recipients, written as compose writes them."""
    counter = iter(range(1, 1000))

    def build(count, *, emails=None, subjects=None, **fields):
        rows = []
        for index in range(count):
            n = next(counter)
            email = emails[index] if emails else f"nguoi-nhan-{n}@example.org"
            user = UserFactory(username=f"nguoi_nhan_{n}", email=email)
            subject = subjects[index] if subjects else f"Hồ sơ chờ thẩm định 5 ngày: số {n}"
            rows.append(
                Reminder.objects.create(
                    rule=rule,
                    recipient=user,
                    object_key=f"nomination:{n}",
                    period="waiting:2026-03-02T16:20/5",
                    subject=subject,
                    body_text=f"Kính gửi {user.username},\n\nHồ sơ số {n} đã chờ 5 ngày.",
                    body_html=f"<p>Hồ sơ số {n} đã chờ 5 ngày.</p>",
                    **fields,
                )
            )
        return rows

    return build


def ids(rows):
    return [r.pk for r in rows]


def fresh(rows):
    return list(Reminder.objects.filter(pk__in=ids(rows)).order_by("pk"))


def states(rows):
    return [r.state for r in fresh(rows)]


# --- Sending --------------------------------------------------------------------------------------


def test_deliver_sends_each_claimed_row_once_and_marks_it_sent(make, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "thiduakhenthuong@bentre.gov.vn"
    rows = make(3)
    before = timezone.now()

    counts = deliver(ids(rows), token="task-1")

    assert counts == {"sent": 3, "failed": 0, "retry": 0, "skipped": 0}
    assert [m.to for m in mailoutbox] == [[r.recipient.email] for r in rows]
    first = mailoutbox[0]
    assert first.subject == "Hồ sơ chờ thẩm định 5 ngày: số 1"
    assert first.body == "Kính gửi nguoi_nhan_1,\n\nHồ sơ số 1 đã chờ 5 ngày."
    html = "<p>Hồ sơ số 1 đã chờ 5 ngày.</p>"
    assert [tuple(a) for a in first.alternatives] == [(html, "text/html")]
    assert first.from_email == "thiduakhenthuong@bentre.gov.vn"
    assert first.extra_headers == {"Message-ID": f"<reminder-{rows[0].pk}@bentre.gov.vn>"}
    for row in fresh(rows):
        assert (row.state, row.attempts, row.last_error) == (ReminderState.SENT, 1, "")
        assert before <= row.sent_at <= timezone.now()

    # The same ids again, by another task or by the same one: nothing more goes out.
    assert deliver(ids(rows), token="task-2") == {"sent": 0, "failed": 0, "retry": 0, "skipped": 3}
    assert deliver(ids(rows), token="task-1") == {"sent": 0, "failed": 0, "retry": 0, "skipped": 3}
    assert len(mailoutbox) == 3


def test_rows_not_for_email_or_not_yet_due_are_not_sent(make, mailoutbox):
    digest = make(1, channel=ReminderChannel.DIGEST)
    later = make(1, available_at=timezone.now() + 10 * MINUTE)
    failed = make(1, state=ReminderState.FAILED, last_error="550 5.1.1 User unknown")

    counts = deliver(ids(digest + later + failed), token="task-1")

    assert counts == {"sent": 0, "failed": 0, "retry": 0, "skipped": 3}
    assert mailoutbox == []
    assert states(digest + later + failed) == [
        ReminderState.PENDING,
        ReminderState.PENDING,
        ReminderState.FAILED,
    ]


def test_a_redelivered_task_resumes_its_own_claims_and_skips_what_it_sent(make, mailoutbox):
    # A worker was killed mid-batch: one row sent, two claimed and not sent.
    claimed_at = timezone.now() - 2 * MINUTE
    done = make(1, state=ReminderState.SENDING, claim_token="task-1", claimed_at=claimed_at)
    deliver(ids(done), token="task-1")
    left = make(2, state=ReminderState.SENDING, claim_token="task-1", claimed_at=claimed_at)
    # Another live task holds this one.
    theirs = make(1, state=ReminderState.SENDING, claim_token="task-9", claimed_at=claimed_at)
    mailoutbox.clear()

    counts = deliver(ids(done + left + theirs), token="task-1")

    assert counts == {"sent": 2, "failed": 0, "retry": 0, "skipped": 2}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.recipient.email for r in left)
    assert states(done + left) == [ReminderState.SENT] * 3
    [held] = fresh(theirs)
    assert (held.state, held.claim_token, held.claimed_at) == (
        ReminderState.SENDING,
        "task-9",
        claimed_at,
    )


def test_a_different_task_cannot_take_rows_another_is_sending(make, mailoutbox):
    rows = make(2, state=ReminderState.SENDING, claim_token="task-1", claimed_at=timezone.now())

    counts = deliver(ids(rows), token="task-2")

    assert counts == {"sent": 0, "failed": 0, "retry": 0, "skipped": 2}
    assert mailoutbox == []
    assert [(r.state, r.claim_token) for r in fresh(rows)] == [
        (ReminderState.SENDING, "task-1")
    ] * 2


def test_the_task_claims_under_its_own_id_and_a_direct_call_under_a_fresh_token(make, mailoutbox):
    queued = make(2)
    result = tasks.deliver_reminders.delay(reminder_ids=ids(queued))
    assert result.get() == {"sent": 2, "failed": 0, "retry": 0, "skipped": 0}
    assert {r.claim_token for r in fresh(queued)} == {result.id}

    # Left claimed by an earlier call made without a task id: a later one leaves it alone.
    stuck = make(1, state=ReminderState.SENDING, claim_token="eager", claimed_at=timezone.now())
    rows = make(2)
    counts = tasks.deliver_reminders(reminder_ids=ids(stuck + rows))

    assert counts == {"sent": 2, "failed": 0, "retry": 0, "skipped": 1}
    [token] = {r.claim_token for r in fresh(rows)}
    assert token.startswith("direct-")
    assert [(r.state, r.claim_token) for r in fresh(stuck)] == [(ReminderState.SENDING, "eager")]
    assert len(mailoutbox) == 4


def test_a_worker_whose_lease_ran_out_sends_nothing_another_worker_took_over(
    make, mailoutbox, smtp
):
    """The first message was with the server when the lease ran out, so it goes twice
    (with the same Message-ID); every other row goes once."""
    smtp("StallingBackend")
    StallingBackend.stalled = False
    rows = make(3)

    deliver(ids(rows), token="slow-task")

    sent_to = sorted(m.to[0] for m in mailoutbox)
    emails = [r.recipient.email for r in rows]
    assert sent_to == sorted([emails[0], emails[0], emails[1], emails[2]])
    assert states(rows) == [ReminderState.SENT] * 3
    ids_sent = [m.extra_headers["Message-ID"] for m in mailoutbox if m.to == [emails[0]]]
    assert ids_sent[0] == ids_sent[1]


# --- Failures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("backend", "error"),
    [
        ("DroppingBackend", "SMTPServerDisconnected: Connection unexpectedly closed"),
        ("BusyBackend", "SMTPResponseException: 421 4.3.2 Service not available"),
        ("UnreachableBackend", "ConnectionRefusedError: [Errno 111] Connection refused"),
    ],
)
def test_a_temporary_failure_puts_the_rows_back_with_a_back_off(
    make, mailoutbox, smtp, backend, error
):
    smtp(backend)
    rows = make(3, attempts=2)
    before = timezone.now()

    counts = deliver(ids(rows), token="task-1")

    assert counts == {"sent": 0, "failed": 0, "retry": 3, "skipped": 0}
    assert mailoutbox == []
    for row in fresh(rows):
        assert (row.state, row.attempts, row.last_error) == (ReminderState.PENDING, 3, error)
        assert (row.claim_token, row.queued_at, row.sent_at) == ("", None, None)
        # Third attempt failed: about four minutes (± 20 %).
        assert before + 3 * MINUTE <= row.available_at <= timezone.now() + 5 * MINUTE
    # Not due yet: a sweep now leaves them alone.
    assert sweep() == 0


def test_a_temporarily_failed_row_is_retried_once_its_back_off_ends(make, mailoutbox, smtp):
    smtp("DroppingBackend")
    [row] = make(1)
    enqueue_delivery([row.pk])
    [row] = fresh([row])
    assert (row.state, row.attempts, row.queued_at) == (ReminderState.PENDING, 1, None)
    assert sweep() == 0  # backing off

    smtp("LocmemBackend")
    # The back-off (about a minute) passes: the row is due, and no queue time holds it back.
    Reminder.objects.filter(pk=row.pk).update(available_at=timezone.now() - MINUTE)
    assert sweep() == 1

    [row] = fresh([row])
    assert (row.state, row.attempts, row.last_error) == (ReminderState.SENT, 2, "")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers == {"Message-ID": row.message_id}


def test_permanent_failures_are_recorded_and_the_rest_of_the_batch_is_sent(make, mailoutbox, smtp):
    smtp("PickyBackend")
    rows = make(
        4,
        emails=["a@example.org", REFUSED, "c@example.org", "d@example.org"],
        subjects=["Nhắc việc 1", "Nhắc việc 2", f"Nhắc việc {SPAM}", "Nhắc việc 4"],
    )

    counts = deliver(ids(rows), token="task-1")

    assert counts == {"sent": 2, "failed": 2, "retry": 0, "skipped": 0}
    assert [m.to for m in mailoutbox] == [["a@example.org"], ["d@example.org"]]
    assert [(r.state, r.attempts, r.last_error) for r in fresh(rows)] == [
        (ReminderState.SENT, 1, ""),
        (
            ReminderState.FAILED,
            1,
            f"SMTPRecipientsRefused: {REFUSED}: 550 5.1.1 User unknown",
        ),
        (ReminderState.FAILED, 1, "SMTPDataError: 554 5.7.1 Message rejected as spam"),
        (ReminderState.SENT, 1, ""),
    ]
    # Failed rows stay failed: no sweep or task sends them again.
    smtp("LocmemBackend")
    assert sweep() == 0
    assert deliver(ids(rows), token="task-2")["sent"] == 0
    assert len(mailoutbox) == 2


def test_a_row_that_keeps_failing_fails_after_the_last_attempt(make, mailoutbox, smtp):
    smtp("BusyBackend")
    last, earlier = make(1, attempts=MAX_ATTEMPTS - 1), make(1, attempts=MAX_ATTEMPTS - 2)

    assert deliver(ids(last + earlier), token="task-1")["retry"] == 2

    [last, earlier] = fresh(last + earlier)
    assert (last.state, last.attempts) == (ReminderState.FAILED, MAX_ATTEMPTS)
    assert last.last_error == "SMTPResponseException: 421 4.3.2 Service not available"
    assert (earlier.state, earlier.attempts) == (ReminderState.PENDING, MAX_ATTEMPTS - 1)


# --- Sweep and broker ----------------------------------------------------------------------


def test_sweep_requeues_lost_rows_releases_abandoned_claims_and_leaves_live_ones(make, mailoutbox):
    now = timezone.now()
    never_queued = make(1)
    lost_by_broker = make(1, queued_at=now - REQUEUE_AFTER - MINUTE)
    just_queued = make(1, queued_at=now - MINUTE)
    abandoned = make(
        1, state=ReminderState.SENDING, claim_token="dead-task", claimed_at=now - LEASE - MINUTE
    )
    live = make(1, state=ReminderState.SENDING, claim_token="live-task", claimed_at=now - MINUTE)
    backing_off = make(1, available_at=now + 3 * MINUTE)
    digest = make(1, channel=ReminderChannel.DIGEST)

    assert sweep() == 3

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        r.recipient.email for r in never_queued + lost_by_broker + abandoned
    )
    assert states(never_queued + lost_by_broker + abandoned) == [ReminderState.SENT] * 3
    assert states(just_queued + backing_off + digest) == [ReminderState.PENDING] * 3
    [held] = fresh(live)
    assert (held.state, held.claim_token) == (ReminderState.SENDING, "live-task")
    # Run by beat every minute: the task does the same.
    assert tasks.sweep_reminder_outbox.delay().get() == 0


def test_rows_committed_while_the_broker_is_down_are_sent_by_a_later_sweep(
    make, mailoutbox, monkeypatch
):
    rows = make(2)

    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_reminders, "delay", broker_down)
    assert enqueue_delivery(ids(rows)) == 0
    assert [(r.state, r.queued_at) for r in fresh(rows)] == [(ReminderState.PENDING, None)] * 2
    assert sweep() == 0
    assert mailoutbox == []

    monkeypatch.undo()  # the broker is back
    assert sweep() == 2
    assert states(rows) == [ReminderState.SENT] * 2
    assert len(mailoutbox) == 2


def test_composed_reminders_wait_out_a_broker_outage(
    mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre")
    unit = UnitFactory(name="Sở Y tế", parent=province)
    OfficerMembershipFactory(unit=unit, user=UserFactory(username="lan"))
    deadline = timezone.localdate() + datetime.timedelta(days=2)
    campaign = CampaignFactory(issuing_unit=province, nomination_deadline=deadline)
    campaign.participants.add(unit)
    rule = ReminderRule.objects.get(kind=ReminderKind.NOMINATION_DEADLINE)

    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_reminders, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        [created] = compose_reminders(rule).created
    [row] = fresh([created])
    assert (row.state, row.queued_at) == (ReminderState.PENDING, None)
    assert mailoutbox == []

    monkeypatch.undo()
    assert tasks.sweep_reminder_outbox.delay().get() == 1
    assert [m.to for m in mailoutbox] == [["lan@example.org"]]
    assert states([row]) == [ReminderState.SENT]


def test_enqueue_marks_rows_queued_while_the_broker_holds_them(make, monkeypatch):
    rows = make(3)
    handed = []

    def broker_up(*, reminder_ids):  # a broker that keeps the message for a worker
        handed.append(sorted(reminder_ids))
        # What the broker holds is already marked queued: a sweep would not double it.
        assert all(r.queued_at is not None for r in fresh(rows))

    monkeypatch.setattr(tasks.deliver_reminders, "delay", broker_up)

    assert enqueue_delivery(ids(rows)) == 3
    assert handed == [ids(rows)]
    assert sweep(now=timezone.now() + REQUEUE_AFTER - MINUTE) == 0
    assert sweep(now=timezone.now() + REQUEUE_AFTER + MINUTE) == 3
    assert handed == [ids(rows), ids(rows)]


def test_message_id_takes_the_domain_of_a_sender_with_a_display_name(settings):
    settings.DEFAULT_FROM_EMAIL = "Cổng Thi đua – Khen thưởng <tdkt@bentre.gov.vn>"
    assert Reminder(pk=5).message_id == "<reminder-5@bentre.gov.vn>"
    settings.DEFAULT_FROM_EMAIL = "tdkt@soyte.bentre.gov.vn"
    assert Reminder(pk=5).message_id == "<reminder-5@soyte.bentre.gov.vn>"
