"""The world of a campaign's review (sơ kết, tổng kết), shared by the reviews' service,
content and view tests: a province with two branches, figures, targets, nominations and
a decision whose outcome is known by hand (see :func:`review_world`)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.enums import AwardLevel, DecisionState, NominationState
from campaign.enums import CampaignStatus
from tests.factories import (
    AwardDecisionFactory,
    AwardTypeFactory,
    CampaignFactory,
    IndicatorFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    ProgressReportFactory,
    RecipientFactory,
    RegistrationFactory,
    RegistrationTargetFactory,
    ReportFigureFactory,
    ReportingRoundFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel


def at(day: datetime.date, hour=9, minute=0) -> datetime.datetime:
    """A moment of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def review_world(staff_user):
    """Four participating units under the province (the Health branch: its department,
    a hospital and a clinic; the Police), three registered; in the third quarter the
    hospital and the police report on time, the clinic late, the department not at all;
    two individuals awarded 710,000 đ each by decision 12/QĐ-UBND (45 and 60 days after
    their achievements, one a leader), a collective proposed and not yet awarded, and
    figures, reports and awards outside the review's period (1/7–31/12/2021)."""
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Bến Tre",
        issuer_name="ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        document_symbol="UBND",
        place_name="Bến Tre",
        level=UnitLevel.PROVINCE,
        collective_leadership=True,
        head_title="CHỦ TỊCH",
    )
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    clinic = UnitFactory(name="Trung tâm Y tế Ba Tri", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    outsider = UnitFactory(name="Sở Tài chính", parent=province)
    campaign = CampaignFactory(
        title="Phong trào thi đua phòng, chống dịch COVID-19",
        plan_number="2777",
        issuing_unit=province,
        start_date=datetime.date(2021, 6, 1),
        status=CampaignStatus.LAUNCHED,
    )
    campaign.participants.add(health, hospital, clinic, police)
    vaccinated = IndicatorFactory(
        campaign=campaign, name="Số người được tiêm vắc xin", measure="người"
    )
    for unit, target in ((health, 50), (hospital, 100), (police, 200)):
        RegistrationTargetFactory(
            registration=RegistrationFactory(campaign=campaign, unit=unit),
            indicator=vaccinated,
            value=target,
        )
    q3 = ReportingRoundFactory(
        campaign=campaign,
        title="Quý III/2021",
        period_start=datetime.date(2021, 7, 1),
        period_end=datetime.date(2021, 9, 30),
        due_date=datetime.date(2021, 10, 10),
    )
    q2 = ReportingRoundFactory(
        campaign=campaign,
        title="Quý II/2021",
        period_start=datetime.date(2021, 4, 1),
        period_end=datetime.date(2021, 6, 30),
        due_date=datetime.date(2021, 7, 10),
    )
    for round_, unit, figure, sent in (
        (q3, hospital, 80, at(datetime.date(2021, 10, 5))),
        (q3, clinic, 30, at(datetime.date(2021, 10, 12))),
        (q3, police, 150, at(datetime.date(2021, 10, 10), 23, 30)),
        (q2, police, 999, at(datetime.date(2021, 7, 1))),
    ):
        report = ProgressReportFactory(round=round_, unit=unit, submitted_at=sent)
        ReportFigureFactory(report=report, indicator=vaccinated, value=figure)
    certificate = AwardTypeFactory(
        name="Giấy khen phòng, chống dịch", code="gk-pcd", level=AwardLevel.BASE, sort_order=1
    )
    merit = AwardTypeFactory(
        name="Bằng khen phòng, chống dịch", code="bk-pcd", level=AwardLevel.PROVINCE, sort_order=2
    )
    nurse = IndividualFactory(full_name="Lê Thị Hồng Nhung", unit=hospital, is_leader=False)
    director = IndividualFactory(full_name="Phạm Văn Đức", unit=health, is_leader=True)
    awarded = {
        "campaign": campaign,
        "award_type": certificate,
        "state": NominationState.AWARDED,
        "awarded_on": datetime.date(2021, 9, 15),
        "award_amount": 710_000,
    }
    first = NominationFactory(
        individual=nurse,
        submitted_at=at(datetime.date(2021, 8, 1)),
        achieved_on=datetime.date(2021, 8, 1),
        **awarded,
    )
    second = NominationFactory(
        individual=director,
        submitted_at=at(datetime.date(2021, 8, 2)),
        achieved_on=datetime.date(2021, 7, 17),
        **awarded,
    )
    NominationFactory(
        individual=None,
        unit=police,
        nominating_unit=police,
        campaign=campaign,
        award_type=merit,
        state=NominationState.SUBMITTED,
        submitted_at=at(datetime.date(2021, 8, 5)),
    )
    NominationFactory(  # before the period: counted nowhere
        individual=nurse,
        campaign=campaign,
        award_type=certificate,
        state=NominationState.AWARDED,
        submitted_at=at(datetime.date(2021, 5, 1)),
        achieved_on=datetime.date(2021, 4, 1),
        awarded_on=datetime.date(2021, 6, 1),
        award_amount=500_000,
    )
    decision = AwardDecisionFactory(
        issuer=province,
        campaign=campaign,
        award_type=certificate,
        state=DecisionState.ISSUED,
        number=12,
        symbol="QĐ-UBND",
        signed_date=datetime.date(2021, 9, 15),
    )
    RecipientFactory(
        decision=decision,
        individual=nurse,
        nomination=first,
        position_and_unit="Điều dưỡng, Bệnh viện Nguyễn Đình Chiểu",
        sort_order=1,
    )
    RecipientFactory(
        decision=decision,
        individual=director,
        nomination=second,
        position_and_unit="Giám đốc Sở Y tế",
        sort_order=2,
    )
    RecipientFactory(  # revoked: not honoured
        decision=decision,
        individual=IndividualFactory(full_name="Võ Văn Thu Hồi", unit=police),
        sort_order=3,
        revoked_at=at(datetime.date(2021, 9, 20)),
    )
    return SimpleNamespace(
        staff=staff_user,
        province=province,
        health=health,
        hospital=hospital,
        clinic=clinic,
        police=police,
        campaign=campaign,
        indicator=vaccinated,
        q3=q3,
        q3_sent=at(datetime.date(2021, 10, 5)),
        nurse=nurse,
        health_officer=OfficerMembershipFactory(unit=health, user=UserFactory(username="yte")).user,
        outsider_officer=OfficerMembershipFactory(
            unit=outsider, user=UserFactory(username="taichinh")
        ).user,
    )
