"""The working-day calendar: weekends, Tết and a holiday edited in the admin."""

import datetime

import pytest
from django.urls import reverse

from common.models import Holiday
from common.workdays import add_working_days, add_working_days_with, working_days_between

pytestmark = pytest.mark.unit


def d(month, day, year=2026):
    return datetime.date(year, month, day)


def test_weekends_are_skipped():
    friday = d(3, 6)

    assert add_working_days_with(friday, 1, set()) == d(3, 9)  # Monday
    assert add_working_days_with(friday, 10, set()) == d(3, 20)
    assert add_working_days_with(friday, 0, set()) == friday


@pytest.mark.django_db
def test_tet_bính_ngọ_is_skipped_from_the_seeded_calendar():
    # Published Thursday 12/2/2026: Friday 13/2 is the 1st working day, then nine days of
    # Tết (14/2–22/2); 23–27/2 are the 2nd to 6th, 2–5/3 the 7th to 10th.
    assert add_working_days(d(2, 12), 10) == d(3, 5)
    assert working_days_between(d(2, 12), d(3, 5)) == 10
    assert add_working_days_with(d(2, 12), 10, set()) == d(2, 26)  # without the calendar


@pytest.mark.django_db
def test_a_window_over_30_4_and_1_5_skips_both():
    # Wednesday 29/4: 30/4 and 1/5 are off, 2–3/5 the weekend: the 1st working day is 4/5.
    assert add_working_days(d(4, 29), 1) == d(5, 4)


@pytest.mark.django_db
def test_a_holiday_added_in_the_admin_moves_the_window(admin_client):
    assert add_working_days(d(6, 10), 1) == d(6, 11)

    response = admin_client.post(
        reverse("admin:common_holiday_add"),
        {"date": "2026-06-11", "name": "Ngày nghỉ thử", "legal_basis": "", "verified": ""},
    )

    assert response.status_code == 302
    assert Holiday.objects.filter(date=d(6, 11)).exists()
    assert add_working_days(d(6, 10), 1) == d(6, 12)
