"""What staff do to reminders by hand (campaign/services/reminder_admin.py): retrying a
failed email and sending a rule now are the staff's, checked by the service itself."""

import datetime

import pytest
from django.utils import timezone

from campaign.enums import ReminderChannel, ReminderState
from campaign.models import Reminder, ReminderRule
from campaign.services.reminder_admin import retry_failed_reminder, send_reminders_now
from campaign.services.reminders import ReminderError
from common.models import ActivityLog, Notification
from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = timezone.make_aware(datetime.datetime(2026, 12, 7, 7, 0))


def deadline_rule():
    return ReminderRule.objects.get(kind="nomination_deadline")


def failed_email(**fields):
    values = {
        "rule": deadline_rule(),
        "recipient": UserFactory(),
        "object_key": "campaign:1/unit:1",
        "period": "nomination:2026-12-09/2",
        "subject": "Còn 2 ngày đến hạn gửi hồ sơ",
        "body_text": "Kính gửi đồng chí,",
        "channel": ReminderChannel.EMAIL,
        "state": ReminderState.FAILED,
        "attempts": 3,
        "last_error": "SMTPDataError: 554",
    }
    return Reminder.objects.create(**{**values, **fields})


def snapshot(reminder) -> tuple:
    reminder.refresh_from_db()
    return (reminder.state, reminder.attempts, reminder.available_at, reminder.queued_at)


def outsiders():
    return {
        "officer": OfficerMembershipFactory().user,
        "council": CouncilMembershipFactory().user,
        "admin account": UserFactory(is_staff=True),  # may open the admin, is not emulation staff
        "nobody": None,
    }


# --- Retrying a failed email --------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "council", "admin account", "nobody"])
def test_retry_by_anyone_but_staff_is_refused_and_changes_nothing(
    who, django_capture_on_commit_callbacks
):
    reminder = failed_email()
    before = snapshot(reminder)
    user = outsiders()[who]

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(ReminderError, match="^Bạn không có quyền gửi lại thư nhắc việc.$"),
    ):
        retry_failed_reminder(reminder, by=user)

    assert snapshot(reminder) == before
    assert ActivityLog.objects.count() == 0
    assert callbacks == []


@pytest.mark.parametrize(
    "fields",
    [{"state": ReminderState.SENT}, {"channel": ReminderChannel.DIGEST}],
    ids=["sent", "digest"],
)
def test_retry_of_what_is_not_a_failed_email_is_refused_and_changes_nothing(
    staff_user, fields, django_capture_on_commit_callbacks
):
    reminder = failed_email(**fields)
    before = snapshot(reminder)

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(ReminderError, match="^Lượt nhắc việc này không ở trạng thái gửi lỗi.$"),
    ):
        retry_failed_reminder(reminder, by=staff_user)

    assert snapshot(reminder) == before
    assert ActivityLog.objects.count() == 0
    assert callbacks == []


def test_staff_retry_puts_the_email_back_and_logs_who(
    staff_user, django_capture_on_commit_callbacks
):
    reminder = failed_email()

    with django_capture_on_commit_callbacks() as callbacks:
        retry_failed_reminder(reminder, by=staff_user)

    assert (reminder.state, reminder.attempts) == (ReminderState.PENDING, 3)
    entry = ActivityLog.objects.get()
    assert (entry.action, entry.actor, entry.note) == (
        "reminder.retry",
        staff_user,
        "SMTPDataError: 554",
    )
    assert len(callbacks) == 1


# --- Sending a rule now ---------------------------------------------------------------------


@pytest.fixture
def late_unit():
    """A campaign due in two days that one officer's unit has not answered."""
    campaign = CampaignFactory(nomination_deadline=datetime.date(2026, 12, 9))
    unit = UnitFactory(name="Sở Y tế")
    campaign.participants.add(unit)
    return OfficerMembershipFactory(unit=unit, user=UserFactory(username="yte")).user


def written() -> tuple[int, int, int]:
    return Reminder.objects.count(), Notification.objects.count(), ActivityLog.objects.count()


@pytest.mark.parametrize("who", ["officer", "council", "admin account", "nobody"])
def test_send_now_by_anyone_but_staff_is_refused_and_writes_nothing(
    who, late_unit, django_capture_on_commit_callbacks
):
    rule = deadline_rule()
    user = outsiders()[who]
    before = written()

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(ReminderError, match="^Bạn không có quyền gửi nhắc việc theo quy tắc này.$"),
    ):
        send_reminders_now(rule, by=user, now=NOW)

    assert written() == before
    assert callbacks == []
    rule.refresh_from_db()
    assert rule.last_run_at is None


def test_staff_send_now_writes_the_reminders_and_logs_who(staff_user, late_unit):
    rule = deadline_rule()

    composed = send_reminders_now(rule, by=staff_user, now=NOW)

    assert [r.recipient for r in composed.created] == [late_unit]
    entry = ActivityLog.objects.for_object(rule).get()
    assert (entry.action, entry.actor, entry.data) == (
        "reminder_rule.send_now",
        staff_user,
        {"created": 1, "already_sent": 0},
    )
    rule.refresh_from_db()
    assert rule.last_run_at == NOW
