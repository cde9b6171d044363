"""What staff do to reminders by hand: retry a failed one, run a rule now, read a schedule.

The outbox (:mod:`campaign.services.outbox`) owns sending; these functions only
put a row back in its hands, or ask :func:`campaign.services.reminders.compose`
for a run outside the beat schedule, and record who did it in the activity log.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import log_activity

from ..enums import ReminderChannel, ReminderState
from ..models import Reminder, ReminderRule
from .outbox import enqueue_delivery_on_commit
from .reminders import Composed, compose


class NotRetryable(Exception):
    """The reminder is not (or no longer) a failed email: nothing to retry."""


def retry_failed(reminder: Reminder, *, by) -> Reminder:
    """Put a failed email back in the outbox, available now, and queue it after commit.

    The attempts made so far are kept (and the last error, until a send
    succeeds).  A conditional update decides the race between two staff
    retrying at once: the second finds the row no longer failed.
    """
    with transaction.atomic():
        changed = Reminder.objects.filter(
            pk=reminder.pk, state=ReminderState.FAILED, channel=ReminderChannel.EMAIL
        ).update(
            state=ReminderState.PENDING,
            available_at=timezone.now(),
            queued_at=None,
            claimed_at=None,
            claim_token="",
        )
        if not changed:
            raise NotRetryable(_("Lượt nhắc việc này không ở trạng thái gửi lỗi."))
        reminder.refresh_from_db()
        log_activity(
            reminder,
            "reminder.retry",
            actor=by,
            previous_state=ReminderState.FAILED,
            new_state=ReminderState.PENDING,
            note=reminder.last_error,
        )
        enqueue_delivery_on_commit([reminder.pk])
    return reminder


def send_now(rule: ReminderRule, *, by) -> Composed:
    """Run ``rule`` at once, whether or not it is enabled (staff decide), and log it."""
    composed = compose(rule)
    log_activity(
        rule,
        "reminder_rule.send_now",
        actor=by,
        data={"created": len(composed.created), "already_sent": composed.already_sent},
    )
    return composed


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
