import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from common.templatetags.vn import (
    days,
    days_left,
    money,
    percent,
    person_name,
    thousands_filter,
    vndate,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_410_000, "1.410.000 đ"),
        (710_000, "710.000 đ"),
        (999, "999 đ"),
        (1000, "1.000 đ"),
        (0, "0 đ"),
        (-25_000, "-25.000 đ"),
        (Decimal("702000.40"), "702.000 đ"),
        (Decimal("702000.50"), "702.001 đ"),
        ("2340000", "2.340.000 đ"),
        (None, ""),
        ("", ""),
        ("abc", ""),
    ],
)
def test_money(value, expected):
    assert money(value) == expected


def test_money_in_a_template():
    rendered = Template("{% load vn %}{{ amount|money }}").render(Context({"amount": 1404000}))
    assert rendered == "1.404.000 đ"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2021, 2, 5), "05/02/2021"),
        (datetime.date(2021, 12, 31), "31/12/2021"),
        (None, ""),
        ("", ""),
    ],
)
def test_vndate(value, expected):
    assert vndate(value) == expected


def test_vndate_takes_an_aware_datetime_in_vietnam_time():
    # 20:00 UTC on 4 February is already 5 February in Hồ Chí Minh City (UTC+7).
    moment = datetime.datetime(2021, 2, 4, 20, 0, tzinfo=datetime.UTC)
    assert vndate(moment) == "05/02/2021"


def test_days_left_counts_from_today_in_vietnam():
    today = timezone.localdate()
    assert days_left(today) == 0
    assert days_left(today + datetime.timedelta(days=10)) == 10
    assert days_left(today - datetime.timedelta(days=3)) == -3
    assert days_left(None) is None


def test_days_left_follows_the_current_time_zone(settings):
    # UTC+14 and UTC-11 are 25 hours apart: their calendars never show the same day.
    day = datetime.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    settings.TIME_ZONE = "Pacific/Kiritimati"
    ahead = days_left(day)
    settings.TIME_ZONE = "Pacific/Pago_Pago"
    behind = days_left(day)
    assert behind - ahead in (1, 2)
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    assert days_left(day) == 0


def test_days_left_in_a_template():
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    rendered = Template("{% load vn %}{{ d|days_left }}").render(Context({"d": deadline}))
    assert rendered == "7"


def test_person_name_puts_the_family_name_first(django_user_model):
    user = django_user_model(username="lan.tt", first_name="Lan", last_name="Trần Thị")
    assert person_name(user) == "Trần Thị Lan"


def test_person_name_falls_back_to_the_username(django_user_model):
    assert person_name(django_user_model(username="lan.tt")) == "lan.tt"
    assert person_name(django_user_model(username="lan.tt", first_name="Lan")) == "Lan"
    assert person_name(None) == ""


def test_thousands_percent_and_days_as_vietnamese_write_them():
    assert thousands_filter(12500) == "12.500"
    assert thousands_filter(None) == ""
    assert percent(12.5) == "12,5 %"
    assert percent(100.0) == "100 %"
    assert percent(None) == "–"
    assert days(3.5) == "3,5 ngày"
    assert days(34) == "34 ngày"
    assert days(None) == "–"
