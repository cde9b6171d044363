"""The date ranges users may enter (common/dates.py), at and just past each bound."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.dates import (
    plan_horizon,
    validate_birth_date,
    validate_filter_date,
    validate_happened_date,
    validate_history_date,
    validate_plan_date,
)

pytestmark = pytest.mark.unit

DAY = datetime.timedelta(days=1)


def refusal(validator, value):
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.messages


def test_a_happened_date_runs_from_2000_to_tomorrow():
    today = timezone.localdate()

    for inside in (datetime.date(2000, 1, 1), today, today + DAY):
        validate_happened_date(inside)

    assert refusal(validate_happened_date, datetime.date(1999, 12, 31)) == [
        "Ngày 31/12/1999 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."
    ]
    day_after = today + 2 * DAY
    assert refusal(validate_happened_date, day_after) == [
        f"Ngày {day_after:%d/%m/%Y} ở tương lai: việc đã diễn ra chỉ được ghi "
        f"đến hôm nay ({today:%d/%m/%Y})."
    ]
    assert refusal(validate_happened_date, datetime.date(1, 1, 1)) == [
        "Ngày 01/01/0001 quá xa: chỉ nhận từ ngày 01/01/2000 trở đi."
    ]


def test_a_happened_moment_is_judged_by_its_local_day():
    late = timezone.make_aware(datetime.datetime(1999, 12, 31, 23, 59))

    assert refusal(validate_happened_date, late)[0].startswith("Ngày 31/12/1999 quá xa")
    validate_happened_date(timezone.make_aware(datetime.datetime(2000, 1, 1, 0, 1)))


def test_a_plan_date_runs_from_2000_to_ten_years_ahead():
    horizon = plan_horizon()

    validate_plan_date(datetime.date(2000, 1, 1))
    validate_plan_date(horizon)

    assert refusal(validate_plan_date, horizon + DAY) == [
        f"Ngày {horizon + DAY:%d/%m/%Y} quá xa: chỉ nhận đến ngày {horizon:%d/%m/%Y}."
    ]
    assert refusal(validate_plan_date, datetime.date(9999, 12, 31)) == [
        f"Ngày 31/12/9999 quá xa: chỉ nhận đến ngày {horizon:%d/%m/%Y}."
    ]


def test_the_plan_horizon_of_a_29_february():
    assert plan_horizon(datetime.date(2028, 2, 29)) == datetime.date(2038, 2, 28)
    assert plan_horizon(datetime.date(2026, 12, 6)) == datetime.date(2036, 12, 6)


def test_history_and_birth_dates_reach_back_to_1900():
    today = timezone.localdate()

    validate_birth_date(datetime.date(1900, 1, 1))
    validate_birth_date(today)
    validate_history_date(datetime.date(1900, 1, 1))
    validate_filter_date(datetime.date(1900, 1, 1))

    assert refusal(validate_birth_date, today + DAY)[0].startswith(f"Ngày {today + DAY:%d/%m/%Y}")
    assert refusal(validate_history_date, datetime.date(1899, 12, 31)) == [
        "Ngày 31/12/1899 quá xa: chỉ nhận từ ngày 01/01/1900 trở đi."
    ]
    assert len(refusal(validate_filter_date, datetime.date(9999, 12, 31))) == 1


def test_an_empty_optional_date_passes():
    validate_plan_date(None)
