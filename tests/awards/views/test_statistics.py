"""The statistics page: who reaches it, what it shows, its Excel files."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import DecisionState
from awards.models import Nomination
from awards.services.outcomes import refresh_award_fields
from common.cache import DATA_NAMESPACE, bump
from tests.factories import AwardDecisionFactory, NominationFactory, RecipientFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

URL = reverse("awards:statistics")


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def table_rows(sheet, first):
    """The data rows of a statistics sheet (after its caption and header)."""
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=first) if row[1].value]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_gets_404(client, statistics_world):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 404
    assert client.get(URL, {"export": "all"}).status_code == 404


def test_staff_see_every_table_with_its_chart_and_excel_link(client, staff_user, statistics_world):
    client.force_login(staff_user)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.totals.proposed, stats.totals.awarded, stats.totals.amount) == (5, 3, 4_460_000)
    for key in ("campaign", "unit", "award_type", "level", "category", "gender", "period"):
        assert f'id="table-{key}"' in html
        assert f"export={key}" in html
    assert html.count('<svg class="bar-chart"') == 9
    assert " style=" not in html and "<script>" not in html
    assert "4.460.000 đ" in html


def test_an_officer_sees_their_branch_and_a_unit_below_it(client, statistics_world):
    client.force_login(statistics_world.district_officer)

    whole = client.get(URL)
    commune = client.get(URL, {"unit": statistics_world.commune1.pk})

    assert (whole.context["stats"].totals.proposed, whole.context["stats"].totals.awarded) == (4, 2)
    assert "Công an tỉnh" not in whole.content.decode()
    assert commune.context["stats"].totals.proposed == 2
    # Up one level from a commune to the district, not above the officer's own unit.
    assert commune.context["up_unit"] == statistics_world.district.pk
    district = client.get(URL, {"unit": statistics_world.district.pk})
    assert district.context["up_unit"] is None
    assert whole.context["up_unit"] is None


@pytest.mark.parametrize("unit", ["police", "province", "missing"])
def test_an_officer_naming_a_unit_outside_their_branch_gets_404(client, statistics_world, unit):
    client.force_login(statistics_world.district_officer)
    pk = 999_999 if unit == "missing" else getattr(statistics_world, unit).pk

    assert client.get(URL, {"unit": pk}).status_code == 404
    assert client.get(URL, {"unit": pk, "export": "all"}).status_code == 404


def test_a_bad_date_is_marked_and_ignored(client, staff_user, statistics_world):
    client.force_login(staff_user)

    response = client.get(URL, {"date_from": "0001-01-01"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors["date_from"]
    assert response.context["stats"].totals.proposed == 5


def test_an_unknown_table_to_export_is_404(client, staff_user, statistics_world):
    client.force_login(staff_user)

    assert client.get(URL, {"export": "salaries"}).status_code == 404


def test_an_excel_file_asked_again_is_a_file_again_not_a_kept_page(
    client, staff_user, statistics_world
):
    client.force_login(staff_user)
    client.get(URL, {"export": "unit"})

    again = client.get(URL, {"export": "unit"})

    assert again["Content-Disposition"].startswith('attachment; filename="Thong-Ke-Theo-Don-Vi-')
    assert workbook(again).sheetnames == ["Theo đơn vị"]


def test_a_tables_excel_file_has_the_pages_rows(client, staff_user, statistics_world):
    client.force_login(staff_user)

    response = client.get(URL, {"export": "unit"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="Thong-Ke-Theo-Don-Vi-')
    book = workbook(response)
    assert book.sheetnames == ["Theo đơn vị"]
    sheet = book.active
    assert sheet["A1"].value == "THỐNG KÊ KHEN THƯỞNG – THEO ĐƠN VỊ"
    assert [c.value for c in sheet[5]] == [
        "STT",
        "Đơn vị đề nghị",
        "Số hồ sơ đề nghị",
        "Số được khen thưởng",
        "Tỷ lệ khen thưởng (%)",
        "Tiền thưởng (đồng)",
    ]
    assert table_rows(sheet, 6) == [
        [1, "Huyện Mỏ Cày Nam", 4, 2, 50, 2_120_000],
        [2, "Công an tỉnh", 1, 1, 100, 2_340_000],
        [None, "Tổng cộng", 5, 3, 60, 4_460_000],
    ]


def test_every_table_in_one_file(client, staff_user, statistics_world):
    client.force_login(staff_user)

    book = workbook(client.get(URL, {"export": "all", "period": "year"}))

    assert book.sheetnames == [
        "Theo phong trào",
        "Theo đơn vị",
        "Theo danh hiệu, hình thức",
        "Theo cấp khen",
        "Theo đối tượng",
        "Theo giới tính (cá nhân)",
        "Theo thời gian",
        "Người lao động trực tiếp",
        "Thời gian đến khi khen",
    ]
    assert table_rows(book["Theo thời gian"], 6) == [
        [1, "Năm 2021", 5, 2, None, 2_120_000],
        [2, "Năm 2022", 0, 1, None, 2_340_000],
        [None, "Tổng cộng", 5, 3, None, 4_460_000],
    ]
    assert table_rows(book["Thời gian đến khi khen"], 6)[-1] == [3, "Tất cả", 3, 34.7, 34, 10, 60]


def add_nominations(world, count):
    for _ in range(count):
        NominationFactory(
            nominating_unit=world.commune1,
            individual__unit=world.commune1,
            campaign=world.campaign,
            submitted_at=world.an.submitted_at,
        )


@pytest.mark.parametrize("extra", [1, 3])
def test_the_page_makes_the_same_queries_whatever_the_rows(
    client, staff_user, statistics_world, django_assert_num_queries, extra
):
    add_nominations(statistics_world, extra)
    client.force_login(staff_user)

    # The user (the session and roles come from the cache once force_login has filled
    # them): 1; the bell and the campaign choices: 2; the figures: 8 (the top
    # units, the rows by unit and their names, by campaign and form, by person, two by
    # period, the days to award).
    with django_assert_num_queries(11):
        response = client.get(URL)

    assert response.context["stats"].totals.proposed == 5 + extra


def test_the_figures_are_kept_until_a_new_nomination_then_counted_at_once(
    client, staff_user, statistics_world, django_assert_num_queries
):
    client.force_login(staff_user)
    first = client.get(URL)

    # The page is kept whole (1 query, the user); retired, it is built again with the
    # figures from the cache: the 8 grouped queries are not made again (the user and
    # the campaign choices are; the bell is cached since the first load).
    with django_assert_num_queries(1):
        client.get(URL)
    bump(DATA_NAMESPACE)
    with django_assert_num_queries(2):
        again = client.get(URL)
    add_nominations(statistics_world, 2)
    # The new rows retired the cached figures: counted at once, all 8 queries again.
    with django_assert_num_queries(10):
        afresh = client.get(URL)

    assert first.context["stats"].totals.proposed == 5
    assert again.context["stats"].totals.proposed == 5
    assert afresh.context["stats"].totals.proposed == 7
    assert "Số liệu tổng hợp lúc" in again.content.decode()


def test_after_a_write_the_figures_lag_at_most_the_stale_seconds(
    client, staff_user, statistics_world, settings, monkeypatch
):
    settings.STATISTICS_STALE_SECONDS = 60
    now = [1_000.0]
    monkeypatch.setattr("common.cache.time.time", lambda: now[0])
    client.force_login(staff_user)
    first = client.get(URL).context["stats"]

    add_nominations(statistics_world, 2)
    now[0] += 30
    lagging = client.get(URL).context["stats"]  # the page built again, the figures kept
    now[0] += 31
    kept = client.get(URL)  # the page kept since then, with the figures it showed
    now[0] += 30
    counted = client.get(URL).context["stats"]  # the page 60 s old, the figures 91 s

    assert (first.totals.proposed, lagging.totals.proposed) == (5, 5)
    assert lagging.computed_at == first.computed_at  # the page says when they were counted
    assert kept.context is None
    assert counted.totals.proposed == 7


def test_an_issued_decision_shows_in_the_figures_at_once(client, staff_user, statistics_world):
    client.force_login(staff_user)
    before = client.get(URL).context["stats"].totals
    binh = statistics_world.binh
    decision = AwardDecisionFactory(
        state=DecisionState.ISSUED, number=7, signed_date=datetime.date(2021, 11, 30)
    )
    RecipientFactory(decision=decision, nomination=binh, individual=binh.individual, amount=710_000)
    # What issuing a decision does to its nominations (services/decisions.py).
    refresh_award_fields(Nomination.objects.filter(pk=binh.pk))

    after = client.get(URL).context["stats"].totals

    assert (before.awarded, before.amount) == (3, 4_460_000)
    assert (after.awarded, after.amount) == (4, 5_170_000)


def test_the_figures_are_kept_per_scope_and_filters(
    client, staff_user, statistics_world, django_assert_num_queries
):
    client.force_login(staff_user)
    client.get(URL)
    client.force_login(statistics_world.district_officer)

    # Another scope, then other filters: each counted (the 8 grouped queries, besides
    # the user and the campaign choices, and the officer's bell the first time),
    # neither served the staff's figures.
    with django_assert_num_queries(11):
        branch = client.get(URL)
    with django_assert_num_queries(10):
        by_year = client.get(URL, {"period": "year"})

    assert branch.context["stats"].totals.proposed == 4
    assert by_year.context["stats"].period == "year"


def test_the_navigation_offers_the_page_to_staff_and_officers(client, staff_user, statistics_world):
    link = f'href="{URL}"'
    for user in (staff_user, statistics_world.district_officer):
        client.force_login(user)
        assert link in client.get(reverse("home")).content.decode()
