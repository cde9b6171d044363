"""The statistics' arithmetic against the figures worked out by hand in
``statistics_world`` (tests/awards/conftest.py)."""

import datetime

import pytest

from awards.selectors import nominations_visible_to
from awards.statistics import (
    QUARTER,
    YEAR,
    Row,
    build_statistics,
    period_label,
    summarise_delays,
    unit_rows,
)
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def figures(table):
    return [(row.label, row.proposed, row.awarded, row.amount) for row in table.rows]


def stats_for(user, **options):
    return build_statistics(nominations_visible_to(user), user=user, **options)


def test_totals_count_what_was_sent_and_what_was_awarded(statistics_world, staff_user):
    stats = stats_for(staff_user)

    total = stats.totals
    assert (total.proposed, total.awarded, total.amount) == (5, 3, 4_460_000)
    assert total.rate == 60.0
    assert figures(stats.table("campaign")) == [
        ("Phong trào phòng, chống COVID-19", 5, 3, 4_460_000)
    ]


def test_a_units_row_rolls_up_its_subtree(statistics_world, staff_user):
    stats = stats_for(staff_user)

    assert stats.root == statistics_world.province
    assert figures(stats.table("unit")) == [
        ("Huyện Mỏ Cày Nam", 4, 2, 2_120_000),
        ("Công an tỉnh", 1, 1, 2_340_000),
    ]
    assert [row.unit_id for row in stats.table("unit").rows] == [
        statistics_world.district.pk,
        statistics_world.police.pk,
    ]


def test_under_a_chosen_unit_the_rows_are_its_children_and_its_own(statistics_world, staff_user):
    district = statistics_world.district
    stats = build_statistics(
        nominations_visible_to(staff_user).filter(nominating_unit__path__startswith=district.path),
        user=staff_user,
        root=district,
    )

    assert figures(stats.table("unit")) == [
        ("Xã An Thạnh", 2, 1, 710_000),
        ("Xã Đa Phước Hội", 1, 1, 1_410_000),
        ("Huyện Mỏ Cày Nam (trực tiếp)", 1, 0, 0),
    ]
    assert stats.table("unit").rows[-1].unit_id is None


def test_award_type_level_category_and_gender(statistics_world, staff_user):
    stats = stats_for(staff_user)

    assert figures(stats.table("award_type")) == [
        ("Bằng khen của Chủ tịch UBND tỉnh", 2, 1, 2_340_000),
        ("Giấy khen", 3, 2, 2_120_000),
    ]
    assert figures(stats.table("level")) == [
        ("Cấp bộ, ngành, tỉnh", 2, 1, 2_340_000),
        ("Cấp cơ sở", 3, 2, 2_120_000),
    ]
    assert figures(stats.table("category")) == [
        ("Công chức", 1, 0, 0),
        ("Viên chức", 2, 1, 710_000),
        ("Chiến sĩ lực lượng vũ trang", 1, 1, 2_340_000),
        ("Tập thể", 1, 1, 1_410_000),
    ]
    assert figures(stats.table("gender")) == [("Nam", 3, 1, 2_340_000), ("Nữ", 1, 1, 710_000)]


def test_front_line_share_among_individuals(statistics_world, staff_user):
    stats = stats_for(staff_user)

    assert figures(stats.table("front_line")) == [
        ("Người lao động trực tiếp (không giữ chức vụ lãnh đạo, quản lý)", 3, 2, 3_050_000),
        ("Lãnh đạo, quản lý", 1, 0, 0),
    ]
    assert stats.front_line_share == 100.0


def test_periods_count_sending_and_deciding_months(statistics_world, staff_user):
    by_month = stats_for(staff_user).table("period")
    by_quarter = stats_for(staff_user, period=QUARTER).table("period")

    assert figures(by_month) == [
        ("Tháng 09/2021", 3, 0, 0),
        ("Tháng 10/2021", 0, 2, 2_120_000),
        ("Tháng 11/2021", 1, 0, 0),
        ("Tháng 12/2021", 1, 0, 0),
        ("Tháng 01/2022", 0, 1, 2_340_000),
    ]
    assert figures(by_quarter) == [
        ("Quý 3/2021", 3, 0, 0),
        ("Quý 4/2021", 2, 2, 2_120_000),
        ("Quý 1/2022", 0, 1, 2_340_000),
    ]
    assert by_month.shows_rate is False


def test_days_from_achievement_to_award(statistics_world, staff_user):
    fast, other, every = stats_for(staff_user).delays

    assert (fast.count, fast.average, fast.median, fast.shortest, fast.longest) == (
        1,
        10.0,
        10.0,
        10,
        10,
    )
    assert (other.count, other.average, other.median) == (2, 47.0, 47.0)
    assert (every.count, every.average, every.median, every.shortest, every.longest) == (
        3,
        34.7,
        34.0,
        10,
        60,
    )


def test_dates_bound_both_the_sending_and_the_award(statistics_world, staff_user):
    stats = stats_for(
        staff_user, date_from=datetime.date(2021, 10, 1), date_to=datetime.date(2021, 12, 31)
    )

    # Sent in the dates: Cường (November) and Dũng (31 December, 10:00 local time);
    # awarded in them: An and the commune (5 October).  Dũng's award (January) is out.
    total = stats.totals
    assert (total.proposed, total.awarded, total.amount) == (2, 2, 2_120_000)
    assert figures(stats.table("unit")) == [
        ("Huyện Mỏ Cày Nam", 1, 2, 2_120_000),
        ("Công an tỉnh", 1, 0, 0),
    ]


def test_an_officer_counts_their_own_branch_only(statistics_world):
    stats = stats_for(statistics_world.district_officer)

    assert stats.root == statistics_world.district
    assert (stats.totals.proposed, stats.totals.awarded) == (4, 2)
    assert [row.label for row in stats.table("unit").rows] == [
        "Xã An Thạnh",
        "Xã Đa Phước Hội",
        "Huyện Mỏ Cày Nam (trực tiếp)",
    ]


def test_unit_rows_without_a_root_add_up_each_top_unit(statistics_world):
    tops = list(
        Unit.objects.filter(pk__in=[statistics_world.district.pk, statistics_world.police.pk])
    )
    grouped = [
        {
            "nominating_unit__path": statistics_world.commune1.path,
            "proposed": 2,
            "awarded": 1,
            "amount": 5,
        },
        {
            "nominating_unit__path": statistics_world.district.path,
            "proposed": 1,
            "awarded": 0,
            "amount": None,
        },
        {
            "nominating_unit__path": statistics_world.police.path,
            "proposed": 7,
            "awarded": 7,
            "amount": 9,
        },
        {"nominating_unit__path": "/999/", "proposed": 4, "awarded": 4, "amount": 4},
    ]

    rows = unit_rows(grouped, None, tops)

    assert [(r.label, r.proposed, r.awarded, r.amount) for r in rows] == [
        ("Công an tỉnh", 7, 7, 9),
        ("Huyện Mỏ Cày Nam", 3, 1, 5),
    ]


def test_summarise_delays_median_of_an_even_count_and_empty():
    summary = summarise_delays("x", {1: 1, 3: 2, 10: 1})

    assert (summary.count, summary.average, summary.median) == (4, 4.2, 3.0)
    assert summarise_delays("x", {}).count == 0
    assert summarise_delays("x", {}).median is None


def test_period_labels():
    day = datetime.date(2021, 2, 1)
    assert period_label(day, YEAR) == "Năm 2021"
    assert period_label(day, QUARTER) == "Quý 1/2021"
    assert period_label(day, "month") == "Tháng 02/2021"


def test_rate_of_a_row_with_nothing_proposed_is_none():
    assert Row("x", proposed=0, awarded=2).rate is None
    assert Row("x", proposed=3, awarded=1).rate == 33.3
