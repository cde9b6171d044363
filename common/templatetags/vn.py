"""Numbers and dates as Vietnamese users write them.

``{{ amount|money }}`` -> "1.410.000 đ", ``{{ day|vndate }}`` -> "05/02/2021",
``{{ deadline|days_left }}`` -> whole days from today in the portal's time zone,
``{{ count|thousands }}`` -> "12.500", ``{{ share|percent }}`` -> "12,5 %",
``{{ average|days }}`` -> "3,5 ngày".
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from common.text import thousands

register = template.Library()


def _as_date(value):
    """A date from a date or datetime (aware datetimes in the portal's time zone)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


@register.filter
def money(value):
    """Whole đồng with dots between thousands: 1410000 -> "1.410.000 đ"."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    digits = thousands(abs(amount))
    return f"{sign}{digits} đ"


@register.filter(name="thousands")
def thousands_filter(value):
    """A whole number with dots between thousands: 12500 -> "12.500"."""
    if value is None or value == "":
        return ""
    return thousands(value)


def _decimal_comma(value: float) -> str:
    text = f"{value:.1f}"
    return (text[:-2] if text.endswith(".0") else text).replace(".", ",")


@register.filter
def percent(value):
    """A share in per cent, one decimal, comma: 12.5 -> "12,5 %"; none -> "–"."""
    if value is None or value == "":
        return "–"
    return f"{_decimal_comma(float(value))} %"


@register.filter
def days(value):
    """A number of days, one decimal at most: 3.5 -> "3,5 ngày"; none -> "–"."""
    if value is None or value == "":
        return "–"
    return _("%(days)s ngày") % {"days": _decimal_comma(float(value))}


@register.filter
def vndate(value):
    """Day and month zero-padded, day first: date(2021, 2, 5) -> "05/02/2021"."""
    day = _as_date(value)
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@register.filter
def days_left(value):
    """Days from today (Asia/Ho_Chi_Minh) until ``value``; negative once passed."""
    day = _as_date(value)
    if day is None:
        return None
    return (day - timezone.localdate()).days


@register.filter
def person_name(user):
    """A user's name as Vietnamese write it, family name first: "Trần Thị Lan".

    Django's admin labels ``last_name`` "Họ" and ``first_name`` "Tên", so the
    family name is ``last_name``; ``get_full_name()`` would print "Lan Trần Thị".
    Falls back to the username.
    """
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return name or user.get_username()
