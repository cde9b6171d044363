"""The working-day calendar: Monday to Friday, less the public holidays of the
:class:`common.models.Holiday` table (Tết, national days and make-up days off,
edited in the admin).

``add_working_days(start, n)`` is the last day of a window of ``n`` working days
that starts after ``start`` (the day something is published does not count):
published on a Friday with a 1-day window, the window is the next Monday.
The arithmetic is pure (:func:`add_working_days_with`); the table is read once
per call, for the years the window may cover.
"""

import datetime

from .models import Holiday

SATURDAY = 5


def is_working_day(day: datetime.date, holidays) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days_with(start: datetime.date, n: int, holidays) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself when ``n`` is 0)."""
    day = start
    left = n
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def holidays_between(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    return set(
        Holiday.objects.filter(date__gte=first, date__lte=last).values_list("date", flat=True)
    )


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day after ``start``, with the holidays of the table."""
    # n working days never span more than n weeks plus the longest break (Tết) and a bit.
    horizon = start + datetime.timedelta(days=7 * n // 5 + 60)
    return add_working_days_with(start, n, holidays_between(start, horizon))


def working_days_between(first: datetime.date, last: datetime.date) -> int:
    """Working days after ``first`` up to and including ``last`` (0 if ``last`` ≤ ``first``)."""
    holidays = holidays_between(first, last)
    count = 0
    day = first
    while day < last:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, holidays)
    return count
