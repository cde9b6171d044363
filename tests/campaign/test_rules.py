"""The campaign app's permission predicates (campaign/rules.py)."""

import pytest

from campaign import rules
from campaign.enums import CampaignStatus, NoticeBatchState, ReminderChannel, ReminderState
from tests.factories import (
    CampaignFactory,
    CouncilMembershipFactory,
    OfficerMembershipFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


class Row:
    """A stand-in for a reminder or a batch: the predicates read only these fields."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


@pytest.fixture
def units():
    province = UnitFactory(name="Ủy ban nhân dân tỉnh")
    health = UnitFactory(name="Sở Y tế", parent=province)
    hospital = UnitFactory(name="Bệnh viện", parent=health)
    police = UnitFactory(name="Công an tỉnh", parent=province)
    return province, health, hospital, police


def test_staff_alone_manage_reminders_and_notices(staff_user):
    officer = OfficerMembershipFactory().user
    council = CouncilMembershipFactory().user
    admin_account = UserFactory(is_staff=True)
    for predicate in (rules.can_manage_reminders, rules.can_manage_notices):
        assert [predicate(u) for u in (staff_user, officer, council, admin_account, None)] == [
            True,
            False,
            False,
            False,
            False,
        ]


def test_only_a_failed_email_is_retried(staff_user):
    def can(**fields):
        return rules.can_retry_reminder(staff_user, Row(**fields))

    assert can(state=ReminderState.FAILED, channel=ReminderChannel.EMAIL) is True
    assert can(state=ReminderState.SENT, channel=ReminderChannel.EMAIL) is False
    assert can(state=ReminderState.FAILED, channel=ReminderChannel.DIGEST) is False
    failed = Row(state=ReminderState.FAILED, channel=ReminderChannel.EMAIL)
    assert rules.can_retry_reminder(OfficerMembershipFactory().user, failed) is False


def test_the_print_file_is_downloaded_once_the_batch_is_done(staff_user):
    done, running = Row(state=NoticeBatchState.DONE), Row(state=NoticeBatchState.RUNNING)
    assert rules.can_download_notice_batch(staff_user, done) is True
    assert rules.can_download_notice_batch(staff_user, running) is False
    assert rules.can_download_notice_batch(OfficerMembershipFactory().user, done) is False


def test_officers_register_the_addressed_units_they_act_for(units):
    province, health, hospital, police = units
    campaign = CampaignFactory(registration_required=True)
    campaign.participants.add(health, hospital)
    above = OfficerMembershipFactory(unit=province).user  # acts for every unit below
    of_health = OfficerMembershipFactory(unit=health).user
    of_police = OfficerMembershipFactory(unit=police).user

    assert [rules.can_register(u, campaign) for u in (above, of_health, of_police, None)] == [
        True,
        True,
        False,
        False,
    ]
    assert rules.can_register_unit(of_health, campaign, hospital) is True
    assert rules.can_register_unit(of_health, campaign, police) is False
    assert rules.can_register_unit(above, campaign, police) is False  # not addressed
    registration = RegistrationFactory(campaign=campaign, unit=health)
    assert rules.can_edit_registration(of_health, registration) is True
    assert rules.can_edit_registration(of_police, registration) is False


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_required": False},
        {"status": CampaignStatus.DRAFT},
        {"status": CampaignStatus.CLOSED},
    ],
    ids=["not asked", "draft", "closed"],
)
def test_nobody_registers_when_registration_is_not_open(units, fields):
    _province, health, _hospital, _police = units
    campaign = CampaignFactory(**{"registration_required": True, **fields})
    officer = OfficerMembershipFactory(unit=health).user

    assert rules.can_register(officer, campaign) is False
    assert rules.can_register_unit(officer, campaign, health) is False


def test_a_campaign_without_participants_addresses_every_unit(units):
    _province, health, _hospital, police = units
    campaign = CampaignFactory(registration_required=True)
    officer = OfficerMembershipFactory(unit=police).user

    assert rules.can_register(officer, campaign) is True
    assert rules.can_register_unit(officer, campaign, police) is True
    assert rules.can_register_unit(officer, campaign, health) is False
