"""What the API's tests share: a province with two branches (Sở Y tế with its hospital,
Công an tỉnh), an officer of each with a token, and in each branch a person, an
achievement, a nomination and decisions; the throttle counters emptied per test."""

import io
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import Client
from PIL import Image

from awards.enums import DecisionState
from campaign.enums import CampaignStatus
from tests.factories import (
    AchievementFactory,
    ApiTokenFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    CampaignFactory,
    IndividualFactory,
    NominationFactory,
    OfficerMembershipFactory,
    RecipientFactory,
    UnitFactory,
    UserFactory,
)
from units.enums import UnitLevel


@pytest.fixture(autouse=True)
def _empty_throttle_counters(settings):
    caches[settings.API_THROTTLE_CACHE].clear()
    yield
    caches[settings.API_THROTTLE_CACHE].clear()


def bearer(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token.key}"}


class ApiClient(Client):
    """Django's test client sending a token's key with every request."""

    def __init__(self, token=None, **defaults):
        super().__init__(**({**bearer(token), **defaults} if token is not None else defaults))


def png_file(name="anh.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def pdf_file(name="to-trinh.pdf"):
    """A one-page PDF made by Pillow (pypdf reads it, no password)."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "PDF")
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def world():
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Bến Tre", level=UnitLevel.PROVINCE)
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện Nguyễn Đình Chiểu", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    officer1 = OfficerMembershipFactory(unit=health, user=UserFactory(username="o1")).user
    officer2 = OfficerMembershipFactory(unit=police, user=UserFactory(username="o2")).user
    token1 = ApiTokenFactory(user=officer1, label="Phần mềm nhân sự Sở Y tế")
    token2 = ApiTokenFactory(user=officer2, label="Phần mềm Công an tỉnh")
    award = AwardTypeFactory(
        name="Bằng khen tỉnh", code="bang-khen-tinh", deciding_levels=[UnitLevel.PROVINCE]
    )
    campaign = CampaignFactory(issuing_unit=province, title="Phòng, chống dịch COVID-19")
    campaign.allowed_award_types.add(award)
    police_only = CampaignFactory(issuing_unit=province, title="Phong trào riêng Công an")
    police_only.participants.add(police)
    draft_campaign = CampaignFactory(issuing_unit=province, status=CampaignStatus.DRAFT)
    doctor = IndividualFactory(
        full_name="Nguyễn Văn An", unit=hospital, citizen_id="083190001234", phone="0909123456"
    )
    captain = IndividualFactory(full_name="Trần Văn Đạt", unit=police)
    achievement1 = AchievementFactory(individual=doctor, owner_unit=health, campaign=campaign)
    achievement2 = AchievementFactory(individual=captain, owner_unit=police, campaign=campaign)
    nomination1 = NominationFactory(
        individual=doctor, nominating_unit=health, campaign=campaign, award_type=award
    )
    nomination2 = NominationFactory(
        individual=captain, nominating_unit=police, campaign=campaign, award_type=award
    )
    issued = AwardDecisionFactory(
        issuer=province,
        number=12,
        state=DecisionState.ISSUED,
        award_type=award,
        campaign=campaign,
    )
    line_doctor = RecipientFactory(
        decision=issued, individual=doctor, position_and_unit="Bác sĩ, Bệnh viện Nguyễn Đình Chiểu"
    )
    line_captain = RecipientFactory(
        decision=issued, individual=captain, position_and_unit="Thượng úy, Công an tỉnh"
    )
    police_decision = AwardDecisionFactory(
        issuer=province, number=13, state=DecisionState.ISSUED, award_type=award
    )
    RecipientFactory(decision=police_decision, individual=captain)
    health_draft = AwardDecisionFactory(issuer=health, award_type=award)
    province_draft = AwardDecisionFactory(issuer=province, award_type=award)
    RecipientFactory(decision=province_draft, individual=doctor)
    return SimpleNamespace(**locals())
