"""Reporting rounds and progress reports (campaign/services/reports.py), and the roll-up of
a branch's figures against its targets (campaign.selectors.branch_totals), checked
against figures made by hand."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.enums import CampaignStatus, RoundKind
from campaign.models import ProgressReport, ReportFigure, ReportingRound
from campaign.selectors import branch_totals, round_status
from campaign.services.reports import ReportError, lock_round, open_round, save_report
from common.models import ActivityLog
from common.uploads import process_upload
from tests.common.test_uploads import pdf_bytes
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    OfficerMembershipFactory,
    ProgressReportFactory,
    RegistrationFactory,
    RegistrationTargetFactory,
    ReportFigureFactory,
    ReportingRoundFactory,
    UnitFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = datetime.date(2021, 4, 5)  # inside the round, before its due date (10/4)


@pytest.fixture
def world():
    province = UnitFactory(name="UBND tỉnh", level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện tỉnh", parent=health)
    clinic = UnitFactory(name="Trung tâm Y tế Ba Tri", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    campaign = CampaignFactory(issuing_unit=province)
    campaign.participants.add(health, hospital, clinic, police)
    people = IndicatorFactory(campaign=campaign, name="Số người tiêm", position=1)
    money = IndicatorFactory(
        campaign=campaign, name="Tiền vận động", measure="đồng", kind="money", position=2
    )
    round_ = ReportingRoundFactory(campaign=campaign, title="Quý I/2021")
    return SimpleNamespace(
        province=province,
        health=health,
        hospital=hospital,
        clinic=clinic,
        police=police,
        campaign=campaign,
        people=people,
        money=money,
        round=round_,
        health_officer=OfficerMembershipFactory(unit=health).user,
        hospital_officer=OfficerMembershipFactory(unit=hospital).user,
    )


def report(world, unit, by, **figures):
    values = {world.people: figures.get("people"), world.money: figures.get("money")}
    return save_report(
        world.round, unit, by=by, narrative=figures.get("text", ""), figures=values, today=DAY
    )


# --- Rounds -------------------------------------------------------------------------------


def test_staff_open_a_round_and_it_is_logged(staff_user):
    campaign = CampaignFactory()

    round_ = open_round(
        campaign,
        by=staff_user,
        kind=RoundKind.HALF_YEAR,
        title=" 6 tháng  đầu năm 2021 ",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 6, 30),
        due_date=datetime.date(2021, 7, 10),
    )

    assert (round_.title, round_.created_by) == ("6 tháng đầu năm 2021", staff_user)
    assert ActivityLog.objects.for_object(round_).get().action == "round.opened"


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
def test_a_round_needs_a_launched_campaign(staff_user, status):
    campaign = CampaignFactory(status=status)

    with pytest.raises(ReportError, match="Chỉ mở được kỳ báo cáo cho phong trào đang diễn ra."):
        open_round(
            campaign,
            by=staff_user,
            kind=RoundKind.YEAR,
            title="Năm 2021",
            period_start=datetime.date(2021, 1, 1),
            period_end=datetime.date(2021, 12, 31),
            due_date=datetime.date(2022, 1, 10),
        )

    assert ReportingRound.objects.count() == 0


def test_two_rounds_with_one_title_are_refused(staff_user, world):
    with pytest.raises(ReportError, match="Phong trào đã có kỳ báo cáo “quý i/2021”."):
        open_round(
            world.campaign,
            by=staff_user,
            kind=RoundKind.QUARTER,
            title="quý i/2021",
            period_start=datetime.date(2021, 1, 1),
            period_end=datetime.date(2021, 3, 31),
            due_date=datetime.date(2021, 4, 10),
        )

    assert ReportingRound.objects.count() == 1


def test_an_officer_may_not_open_or_lock_a_round(world):
    with pytest.raises(ReportError):
        open_round(
            world.campaign,
            by=world.health_officer,
            kind=RoundKind.AD_HOC,
            title="Đột xuất",
            period_start=DAY,
            period_end=DAY,
            due_date=DAY,
        )
    with pytest.raises(ReportError, match="Bạn không có quyền khóa kỳ báo cáo này."):
        lock_round(world.round, by=world.health_officer)

    assert ReportingRound.objects.get().locked_at is None


# --- Reports --------------------------------------------------------------------------------


def test_an_officer_reports_then_edits_his_unit_figures(world):
    first = report(world, world.health, world.health_officer, people=120, money=5_000_000)
    assert ActivityLog.objects.for_object(first).get().action == "report.submitted"

    again = report(world, world.health, world.health_officer, people=130, text="Đã tiêm đủ")

    assert again.pk == first.pk
    assert {f.indicator.name: f.value for f in ReportFigure.objects.all()} == {
        "Số người tiêm": Decimal("130")
    }
    assert ProgressReport.objects.get().narrative == "Đã tiêm đủ"
    entries = ActivityLog.objects.for_object(first).order_by("pk")
    assert [e.action for e in entries] == ["report.submitted", "report.updated"]


def test_an_officer_reports_for_a_unit_below_his(world):
    report(world, world.hospital, world.health_officer, people=40)

    assert ProgressReport.objects.get().unit == world.hospital


def test_attachments_are_stored(world):
    upload = process_upload(SimpleUploadedFile("Báo cáo.pdf", pdf_bytes()))

    saved = save_report(
        world.round,
        world.police,
        by=OfficerMembershipFactory(unit=world.police).user,
        attachments=[upload],
        today=DAY,
    )

    attachment = saved.attachments.get()
    assert (attachment.original_name, attachment.content_type) == (
        "Báo cáo.pdf",
        "application/pdf",
    )


def test_a_unit_one_does_not_act_for_is_refused_and_nothing_written(world):
    with pytest.raises(
        ReportError, match="Bạn không thể gửi báo cáo cho Công an tỉnh trong kỳ báo cáo này."
    ):
        report(world, world.police, world.health_officer, people=1)

    assert (ProgressReport.objects.count(), ReportFigure.objects.count()) == (0, 0)


def test_after_the_due_date_a_report_is_refused(world):
    with pytest.raises(
        ReportError, match=r"Đã quá hạn gửi báo cáo kỳ “Quý I/2021” \(10/04/2021\)."
    ):
        save_report(
            world.round,
            world.health,
            by=world.health_officer,
            figures={world.people: Decimal(1)},
            today=datetime.date(2021, 4, 11),
        )

    assert ProgressReport.objects.count() == 0


def test_a_locked_round_refuses_edits_and_nothing_changes(world, staff_user):
    report(world, world.health, world.health_officer, people=120)
    lock_round(world.round, by=staff_user)

    with pytest.raises(ReportError, match="Kỳ báo cáo “Quý I/2021” đã khóa"):
        report(world, world.health, world.health_officer, people=999)

    assert ReportFigure.objects.get().value == Decimal("120")
    with pytest.raises(ReportError, match="Kỳ báo cáo đã được khóa trước đó."):
        lock_round(world.round, by=staff_user)


# --- The roll-up and who has not reported -------------------------------------------------


def test_a_branch_sums_its_units_figures_against_their_targets(world):
    ReportFigureFactory(
        report=ProgressReportFactory(round=world.round, unit=world.health),
        indicator=world.people,
        value=Decimal("100"),
    )
    hospital = ProgressReportFactory(round=world.round, unit=world.hospital)
    ReportFigureFactory(report=hospital, indicator=world.people, value=Decimal("250.5"))
    ReportFigureFactory(report=hospital, indicator=world.money, value=Decimal("3000000"))
    ReportFigureFactory(
        report=ProgressReportFactory(round=world.round, unit=world.police),
        indicator=world.people,
        value=Decimal("70"),
    )
    # another round's figure of the hospital is not this round's
    ReportFigureFactory(
        report=ProgressReportFactory(
            round=ReportingRoundFactory(campaign=world.campaign), unit=world.hospital
        ),
        indicator=world.people,
        value=Decimal("9999"),
    )
    for unit, value in ((world.health, 300), (world.clinic, 200), (world.police, 100)):
        RegistrationTargetFactory(
            registration=RegistrationFactory(campaign=world.campaign, unit=unit),
            indicator=world.people,
            value=Decimal(value),
        )

    health = branch_totals(world.round, world.health)
    province = branch_totals(world.round, world.province)
    clinic = branch_totals(world.round, world.clinic)

    # Sở Y tế: 100 + 250,5 (hospital) + nothing (clinic) people; targets 300 + 200
    assert [(line.indicator.name, line.figure, line.target, line.percent) for line in health] == [
        ("Số người tiêm", Decimal("350.5"), Decimal("500"), 70),
        ("Tiền vận động", Decimal("3000000"), None, None),
    ]
    assert [(line.figure, line.target) for line in province] == [
        (Decimal("420.5"), Decimal("600")),
        (Decimal("3000000"), None),
    ]
    assert [(line.figure, line.target) for line in clinic] == [(None, Decimal("200")), (None, None)]


def test_the_units_that_have_not_reported(world):
    ProgressReportFactory(round=world.round, unit=world.hospital)

    reported, missing = round_status(world.round, DAY)

    assert [r.unit for r in reported] == [world.hospital]
    assert missing == [world.health, world.clinic, world.police]
