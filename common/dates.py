"""The range of dates a user may enter, one rule per kind of date.

A date typed by hand can be anything a date input accepts: 0001-01-01 or
9999-12-31 pass Django's own fields, then print on a decision, sort first in a
list or overflow date arithmetic. Every date a user fills is bounded here:

* something that happened (an achievement, a decision's signing, a notice, the
  moment of an instant award): from ``EARLIEST_DATE`` (2000-01-01) to today
  plus ``HAPPENED_MARGIN`` (one day: a clock or time zone a little ahead);
* a plan or a deadline (a campaign's dates, a catalogue entry's start): from
  ``EARLIEST_DATE`` to ``PLAN_HORIZON_YEARS`` (10) years after today — the
  longest emulation plans run five years;
* a person's or a unit's history (dates of birth, a unit's validity, an
  officer's term): from ``EARLIEST_HISTORY_DATE`` (1900-01-01), births up to
  today, validity and terms up to the plan horizon;
* a filter's date: the widest of these; a filter ignores a date out of range
  and says so, it never fails on one.

"Today" is the portal's (Asia/Ho_Chi_Minh). Validators are plain functions:
model fields list them (forms built from the models, the admin), hand-written
form fields list them, and services that take dates without a form call
``check_*`` themselves.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
EARLIEST_HISTORY_DATE = datetime.date(1900, 1, 1)
HAPPENED_MARGIN = datetime.timedelta(days=1)
PLAN_HORIZON_YEARS = 10

MESSAGES = {
    "too_early": _("Ngày %(value)s quá xa: chỉ nhận từ ngày %(earliest)s trở đi."),
    "in_future": _(
        "Ngày %(value)s ở tương lai: việc đã diễn ra chỉ được ghi đến hôm nay (%(today)s)."
    ),
    "too_late": _("Ngày %(value)s quá xa: chỉ nhận đến ngày %(latest)s."),
}


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _vn(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def plan_horizon(today: datetime.date | None = None) -> datetime.date:
    """The last date a plan or deadline may name: today plus PLAN_HORIZON_YEARS."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + PLAN_HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + PLAN_HORIZON_YEARS, day=28)


def _check(value, earliest: datetime.date, latest: datetime.date, *, happened: bool) -> None:
    if value is None:
        return
    day = _as_date(value)
    if day < earliest:
        raise ValidationError(
            MESSAGES["too_early"],
            code="date_too_early",
            params={"value": _vn(day), "earliest": _vn(earliest)},
        )
    if day > latest:
        if happened:
            raise ValidationError(
                MESSAGES["in_future"],
                code="date_in_future",
                params={"value": _vn(day), "today": _vn(timezone.localdate())},
            )
        raise ValidationError(
            MESSAGES["too_late"],
            code="date_too_late",
            params={"value": _vn(day), "latest": _vn(latest)},
        )


def validate_happened_date(value) -> None:
    """A date (or moment) of something that happened: 2000-01-01 to tomorrow."""
    _check(value, EARLIEST_DATE, timezone.localdate() + HAPPENED_MARGIN, happened=True)


def validate_plan_date(value) -> None:
    """A plan's or deadline's date: 2000-01-01 to ten years from today."""
    _check(value, EARLIEST_DATE, plan_horizon(), happened=False)


def validate_birth_date(value) -> None:
    """A date of birth: 1900-01-01 to today."""
    _check(value, EARLIEST_HISTORY_DATE, timezone.localdate(), happened=True)


def validate_history_date(value) -> None:
    """A unit's validity or an officer's term: 1900-01-01 to ten years from today."""
    _check(value, EARLIEST_HISTORY_DATE, plan_horizon(), happened=False)


def validate_filter_date(value) -> None:
    """A date typed in a list's filter: 1900-01-01 to ten years from today."""
    _check(value, EARLIEST_HISTORY_DATE, plan_horizon(), happened=False)
