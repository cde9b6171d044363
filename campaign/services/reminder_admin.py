"""What staff do to reminders by hand: retry a failed one, run a rule now, read a schedule.

The outbox (:mod:`campaign.services.outbox`) owns sending; these functions only
put a row back in its hands, or ask
:func:`campaign.services.reminders.compose_reminders` for a run outside the
beat schedule, and record who did it in the activity log.  Each takes the
acting user (``by``) and checks the :mod:`campaign.rules` predicate its page
asks, under the lock of the row it changes; a refusal is a
:class:`~campaign.services.reminders.ReminderError` whose message is shown as
is.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import email_modes, log_activity

from .. import rules
from ..activity import REMINDER_RETRY, REMINDER_RULE_SEND_NOW
from ..enums import ReminderChannel, ReminderState
from ..models import Reminder, ReminderRule
from .outbox import enqueue_delivery_on_commit
from .reminders import Composed, ReminderError, channel_for, compose_reminders, preview

#: rows of a send-now preview shown on the page (the count is always the full one)
PREVIEW_ROWS = 200


def retry_failed_reminder(reminder: Reminder, *, by) -> Reminder:
    """Put a failed email back in the outbox, available now, and queue it after commit.

    The attempts made so far are kept (and the last error, until a send
    succeeds).  The row is locked and re-read: of two staff retrying at once,
    the second finds it no longer failed.  ``reminder`` is refreshed in place.
    """
    with transaction.atomic():
        current = Reminder.objects.select_for_update().get(pk=reminder.pk)
        if not rules.can_manage_reminders(by):
            raise ReminderError(_("Bạn không có quyền gửi lại thư nhắc việc."))
        if not rules.can_retry_reminder(by, current):
            raise ReminderError(_("Lượt nhắc việc này không ở trạng thái gửi lỗi."))
        current.state = ReminderState.PENDING
        current.available_at = timezone.now()
        current.queued_at = None
        current.claimed_at = None
        current.claim_token = ""
        current.save(
            update_fields=["state", "available_at", "queued_at", "claimed_at", "claim_token"]
        )
        log_activity(
            current,
            REMINDER_RETRY,
            actor=by,
            previous_state=ReminderState.FAILED,
            new_state=ReminderState.PENDING,
            note=current.last_error,
        )
        enqueue_delivery_on_commit([current.pk])
    reminder.refresh_from_db()
    return reminder


def send_reminders_now(rule: ReminderRule, *, by, now=None) -> Composed:
    """Run ``rule`` at once, whether or not it is enabled (staff decide), and log it.

    The rule is locked before the check, as :func:`compose_reminders` locks it
    to write: a beat run at the same moment waits, then writes nothing twice.
    """
    with transaction.atomic():
        locked = ReminderRule.objects.select_for_update().get(pk=rule.pk)
        if not rules.can_send_reminders_now(by, locked):
            raise ReminderError(_("Bạn không có quyền gửi nhắc việc theo quy tắc này."))
        composed = compose_reminders(locked, now=now)
        log_activity(
            locked,
            REMINDER_RULE_SEND_NOW,
            actor=by,
            data={"created": len(composed.created), "already_sent": composed.already_sent},
        )
    return composed


def send_now_preview(rule: ReminderRule, *, limit: int = PREVIEW_ROWS) -> dict:
    """What "Gửi ngay" would write, without writing: the first ``limit`` rows (each with
    its due reminder, subject, text and channel), the full count, how many are not
    shown, and how many were already sent this period."""
    new, already_sent = preview(rule)
    rows = [
        {"due": due, "subject": subject, "text": text}
        for due, (subject, text, _html) in new[:limit]
    ]
    modes = email_modes({row["due"].recipient.pk for row in rows})
    for row in rows:
        recipient = row["due"].recipient
        row["channel"] = ReminderChannel(channel_for(rule, recipient, modes[recipient.pk]))
    return {
        "rows": rows,
        "total": len(new),
        "hidden": max(len(new) - limit, 0),
        "already_sent": already_sent,
    }


# --- Reading a crontab --------------------------------------------------------------------

#: cron's day-of-week numbers (0 and 7 are Sunday)
WEEKDAYS = {
    0: gettext_lazy("Chủ nhật"),
    1: gettext_lazy("Thứ Hai"),
    2: gettext_lazy("Thứ Ba"),
    3: gettext_lazy("Thứ Tư"),
    4: gettext_lazy("Thứ Năm"),
    5: gettext_lazy("Thứ Sáu"),
    6: gettext_lazy("Thứ Bảy"),
    7: gettext_lazy("Chủ nhật"),
}


def _numbers(value: str, high: int) -> list[int] | None:
    """ "7" or "7,13" -> [7, 13]; None for anything else (ranges, steps, stars)."""
    parts = value.split(",")
    if not all(p.isdigit() and int(p) <= high for p in parts):
        return None
    return sorted({int(p) for p in parts})


def _every(minute: str, hour: str) -> str | None:
    """A crontab that repeats within the day, in words ("mỗi 15 phút"), or None."""
    if hour != "*":
        return None
    if minute == "*":
        return _("mỗi phút")
    if minute.startswith("*/") and minute[2:].isdigit():
        return _("mỗi %(n)s phút") % {"n": minute[2:]}
    minutes = _numbers(minute, 59)
    if minutes and len(minutes) == 1:
        return _("mỗi giờ, vào phút %(m)02d") % {"m": minutes[0]}
    return None


def _moments(minute: str, hour: str) -> str | None:
    """The times of day of a crontab ("07:00, 13:30"), or None."""
    minutes, hours = _numbers(minute, 59), _numbers(hour, 23)
    if not minutes or not hours or len(minutes) * len(hours) > 6:
        return None
    return ", ".join(f"{h:02d}:{m:02d}" for h in hours for m in minutes)


def _weekdays(value: str) -> str | None:
    if "-" in value:
        first, _sep, last = value.partition("-")
        if first.isdigit() and last.isdigit() and int(first) < int(last) <= 7:
            return _("từ %(first)s đến %(last)s") % {
                "first": WEEKDAYS[int(first)],
                "last": WEEKDAYS[int(last)],
            }
        return None
    days = _numbers(value, 7)
    if not days:
        return None
    days = sorted({day % 7 for day in days})
    return _("các ngày %(days)s") % {"days": ", ".join(str(WEEKDAYS[d]) for d in days)}


def _days(day_of_month: str, month: str, day_of_week: str) -> str | None:
    if month != "*":
        return None
    if day_of_month == "*" and day_of_week == "*":
        return _("hằng ngày")
    if day_of_month == "*":
        return _weekdays(day_of_week)
    days = _numbers(day_of_month, 31)
    if day_of_week == "*" and days:
        return _("ngày %(days)s hằng tháng") % {"days": ", ".join(map(str, days))}
    return None


def describe_crontab(schedule) -> str:
    """A beat crontab as staff read it: "Hằng ngày lúc 07:00", "Hằng ngày, mỗi 15 phút".

    Unusual shapes fall back to the cron expression itself.
    """
    if schedule is None:
        return ""
    minute, hour = schedule.minute.strip(), schedule.hour.strip()
    every, moments = _every(minute, hour), _moments(minute, hour)
    days = _days(
        schedule.day_of_month.strip(),
        schedule.month_of_year.strip(),
        schedule.day_of_week.strip(),
    )
    if days is not None and moments is not None:
        text = _("%(days)s lúc %(times)s") % {"days": days, "times": moments}
    elif days is not None and every is not None:
        text = f"{days}, {every}"
    else:
        expression = " ".join(
            (
                schedule.minute,
                schedule.hour,
                schedule.day_of_month,
                schedule.month_of_year,
                schedule.day_of_week,
            )
        )
        text = _("Theo lịch cron “%(expression)s”") % {"expression": expression}
    zone = str(schedule.timezone)
    if zone != settings.TIME_ZONE:
        text = _("%(text)s (múi giờ %(zone)s)") % {"text": text, "zone": zone}
    return text[:1].upper() + text[1:]
