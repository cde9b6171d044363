"""The reporting pages (campaign/views/reports.py): the staff open and lock rounds and see
who has not reported; an officer reports for his units and sees his branch summed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from campaign.models import ProgressReport, ReportingRound
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    OfficerMembershipFactory,
    ProgressReportFactory,
    ReportAttachmentFactory,
    ReportFigureFactory,
    ReportingRoundFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    hospital = UnitFactory(name="Bệnh viện tỉnh", parent=health)
    police = UnitFactory(name="Công an tỉnh")
    campaign = CampaignFactory()
    campaign.participants.add(health, hospital, police)
    indicator = IndicatorFactory(campaign=campaign, name="Số người tiêm")
    today = datetime.date.today()
    round_ = ReportingRoundFactory(
        campaign=campaign,
        title="Quý này",
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        due_date=today + datetime.timedelta(days=10),
    )
    return {
        "health": health,
        "hospital": hospital,
        "police": police,
        "campaign": campaign,
        "indicator": indicator,
        "round": round_,
        "officer": OfficerMembershipFactory(unit=health).user,
        "police_officer": OfficerMembershipFactory(unit=police).user,
    }


def test_staff_open_a_round(client, staff_user, world):
    client.force_login(staff_user)
    url = reverse("campaign:round_list", args=[world["campaign"].pk])

    response = client.post(
        url,
        {
            "kind": "year",
            "title": "Năm 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "due_date": "2027-01-10",
        },
    )

    round_ = ReportingRound.objects.get(title="Năm 2026")
    assert response.url == reverse("campaign:round_detail", args=[round_.pk])


def test_a_round_ending_before_it_starts_is_refused_in_vietnamese(client, staff_user, world):
    client.force_login(staff_user)
    url = reverse("campaign:round_list", args=[world["campaign"].pk])

    response = client.post(
        url,
        {
            "kind": "year",
            "title": "Năm 2026",
            "period_start": "2026-12-31",
            "period_end": "2026-01-01",
            "due_date": "2025-01-10",
        },
    )

    errors = response.context["form"].errors
    assert errors["period_end"] == ["Kỳ báo cáo phải kết thúc sau khi bắt đầu."]
    assert errors["due_date"] == ["Hạn gửi báo cáo không thể trước ngày bắt đầu kỳ báo cáo."]
    assert ReportingRound.objects.count() == 1


def test_an_officer_reports_and_sees_his_branch_summed(client, world):
    client.force_login(world["officer"])
    url = reverse("campaign:report_edit", args=[world["round"].pk, world["hospital"].pk])
    field = f"figure_{world['indicator'].pk}"

    response = client.post(url, {field: "250", "narrative": "Tiêm cho 250 người"})

    assert response.url == reverse("campaign:round_detail", args=[world["round"].pk])
    ReportFigureFactory(
        report=ProgressReportFactory(round=world["round"], unit=world["health"]),
        indicator=world["indicator"],
        value=Decimal("100"),
    )
    page = client.get(response.url)
    [(unit, lines)] = page.context["branches"]
    assert (unit, [line.figure for line in lines]) == (world["health"], [Decimal("350")])
    assert page.context["own_units"] == [(world["health"], True), (world["hospital"], True)]
    assert "missing" not in page.context  # the staff's list


def test_a_bad_figure_is_a_message_and_nothing_is_saved(client, world):
    client.force_login(world["officer"])
    url = reverse("campaign:report_edit", args=[world["round"].pk, world["health"].pk])

    response = client.post(url, {f"figure_{world['indicator'].pk}": "-3"})

    assert response.context["form"].errors[f"figure_{world['indicator'].pk}"] == [
        "Số liệu không thể là số âm."
    ]
    assert ProgressReport.objects.count() == 0


def test_a_locked_round_is_read_only(client, world, staff_user):
    client.force_login(staff_user)
    client.post(reverse("campaign:round_lock", args=[world["round"].pk]))
    client.force_login(world["officer"])
    url = reverse("campaign:report_edit", args=[world["round"].pk, world["health"].pk])

    page = client.get(url)
    client.post(url, {f"figure_{world['indicator'].pk}": "5"})

    assert page.context["can_write"] is False
    assert 'id="report-form"' not in page.content.decode()
    assert ProgressReport.objects.count() == 0


def test_staff_read_a_units_report_without_writing_it(client, staff_user, world):
    ReportFigureFactory(
        report=ProgressReportFactory(round=world["round"], unit=world["health"]),
        indicator=world["indicator"],
        value=Decimal("120"),
    )
    client.force_login(staff_user)
    url = reverse("campaign:report_edit", args=[world["round"].pk, world["health"].pk])

    page = client.get(url)
    client.post(url, {f"figure_{world['indicator'].pk}": "5"})

    assert (page.status_code, page.context["can_write"]) == (200, False)
    assert page.context["figures"] == {world["indicator"].pk: Decimal("120")}
    assert ProgressReport.objects.get().figures.get().value == Decimal("120")


def test_staff_see_who_has_not_reported(client, staff_user, world):
    ProgressReportFactory(round=world["round"], unit=world["hospital"])
    client.force_login(staff_user)

    page = client.get(reverse("campaign:round_detail", args=[world["round"].pk]))

    assert page.context["missing"] == [world["health"], world["police"]]
    assert [r.unit for r in page.context["reported"]] == [world["hospital"]]


def test_others_get_404(client, world):
    report = ProgressReportFactory(round=world["round"], unit=world["health"])
    attachment = ReportAttachmentFactory(report=report)
    client.force_login(world["police_officer"])
    # the police sees the round (its campaign) but not the health branch's reports
    assert client.get(reverse("campaign:round_detail", args=[world["round"].pk])).status_code == 200
    edit = reverse("campaign:report_edit", args=[world["round"].pk, world["health"].pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit).status_code == 404
    file = reverse("campaign:report_attachment", args=[attachment.pk])
    assert client.get(file).status_code == 404
    assert client.post(reverse("campaign:round_lock", args=[world["round"].pk])).status_code == 404
    create = reverse("campaign:round_list", args=[world["campaign"].pk])
    assert client.post(create, {"title": "x"}).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("campaign:round_detail", args=[world["round"].pk])).status_code == 404
    client.force_login(world["officer"])
    assert client.get(file).status_code == 200


def test_anonymous_is_sent_to_log_in(client, world):
    for url in (
        reverse("campaign:round_list", args=[world["campaign"].pk]),
        reverse("campaign:round_detail", args=[world["round"].pk]),
        reverse("campaign:report_edit", args=[world["round"].pk, world["health"].pk]),
    ):
        assert client.get(url).url.startswith(reverse("login"))


@pytest.mark.parametrize("rounds", [1, 3])
def test_round_list_queries_do_not_grow(client, staff_user, django_assert_num_queries, rounds):
    campaign = CampaignFactory()
    ReportingRoundFactory.create_batch(rounds, campaign=campaign)
    client.force_login(staff_user)
    url = reverse("campaign:round_list", args=[campaign.pk])
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["rounds"]) == rounds


@pytest.mark.parametrize("units", [1, 3])
def test_round_page_queries_do_not_grow_with_reports(
    client, staff_user, django_assert_num_queries, units
):
    campaign = CampaignFactory()
    round_ = ReportingRoundFactory(campaign=campaign)
    for _ in range(units):
        unit = UnitFactory()
        campaign.participants.add(unit)
        ProgressReportFactory(round=round_, unit=unit, submitted_by=UserFactory())
        campaign.participants.add(UnitFactory())  # and one that has not reported
    client.force_login(staff_user)
    url = reverse("campaign:round_detail", args=[round_.pk])
    client.get(url)

    with django_assert_num_queries(6):
        response = client.get(url)

    assert (len(response.context["reported"]), len(response.context["missing"])) == (
        units,
        units,
    )
