"""A small honour board: a province, a department with a hospital below it, one
campaign, and decisions in each state the board must tell apart."""

import datetime
from dataclasses import dataclass

import pytest

from awards.enums import AwardLevel, CentralOutcome, DecisionState
from tests.factories import (
    AwardDecisionFactory,
    AwardTypeFactory,
    CampaignFactory,
    CentralResultFactory,
    CentralSubmissionLineFactory,
    IndividualFactory,
    NominationFactory,
    RecipientFactory,
    UnitFactory,
)
from units.enums import UnitLevel


@dataclass
class Board:
    province: object
    department: object
    hospital: object
    campaign: object
    bang_khen: object
    giay_khen: object
    issued: object  # decision 1234/QĐ-UBND, issued 15/9/2021
    dat: object  # "Nguyễn Văn Đạt", of the hospital: a line of ``issued``
    hospital_line: object  # the hospital as a collective: a line of ``issued``
    unit_decision: object  # the department's own decision 12/QĐ-SYT of 2022


def issued_decision(**kwargs):
    defaults = {"state": DecisionState.ISSUED, "number": 1234, "symbol": "QĐ-UBND"}
    return AwardDecisionFactory(**{**defaults, **kwargs})


@pytest.fixture
def board(db):
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    department = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=department)
    campaign = CampaignFactory(title="Phòng, chống dịch COVID-19")
    bang_khen = AwardTypeFactory(name="Bằng khen (bảng vàng thử)", level=AwardLevel.PROVINCE)
    giay_khen = AwardTypeFactory(name="Giấy khen (bảng vàng thử)", level=AwardLevel.BASE)
    issued = issued_decision(issuer=province, campaign=campaign, award_type=bang_khen)
    dat = IndividualFactory(
        full_name="Nguyễn Văn Đạt",
        unit=hospital,
        citizen_id="083201000111",
        phone="0918000111",
        date_of_birth=datetime.date(1980, 3, 7),
    )
    RecipientFactory(decision=issued, individual=dat, position_and_unit="Bác sĩ, Khoa Hồi sức")
    hospital_line = RecipientFactory(decision=issued, individual=None, unit=hospital)
    unit_decision = issued_decision(
        issuer=department,
        number=12,
        symbol="QĐ-SYT",
        year=2022,
        signed_date=datetime.date(2022, 3, 1),
        campaign=campaign,
        award_type=giay_khen,
    )
    RecipientFactory(
        decision=unit_decision,
        individual=IndividualFactory(full_name="Trần Thị Hoa", unit=department),
    )
    return Board(
        province=province,
        department=department,
        hospital=hospital,
        campaign=campaign,
        bang_khen=bang_khen,
        giay_khen=giay_khen,
        issued=issued,
        dat=dat,
        hospital_line=hospital_line,
        unit_decision=unit_decision,
    )


def central_award(*, outcome=CentralOutcome.AWARDED, **nomination):
    """A nomination forwarded to the central level, with its outcome (and the Prime
    Minister's decision unless it still waits)."""
    line = CentralSubmissionLineFactory(nomination=NominationFactory(**nomination))
    if outcome != CentralOutcome.PENDING:
        line.result = CentralResultFactory(
            submission=line.submission,
            decision_number="156/QĐ-TTg",
            decision_date=datetime.date(2022, 1, 14),
        )
        line.outcome = outcome
        line.save()
    return line
