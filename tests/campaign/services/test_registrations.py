"""Emulation registrations (campaign/services/registrations.py): the service checks who
may register which unit, under the campaign's lock, whatever the form allowed."""

from decimal import Decimal

import pytest

from campaign.enums import CampaignStatus
from campaign.forms.registrations import RegistrationForm
from campaign.models import Registration
from campaign.services.registrations import RegistrationError, save_registration
from common.models import ActivityLog
from tests.factories import (
    CampaignFactory,
    IndicatorFactory,
    OfficerMembershipFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

TARGETS = "100% cán bộ tiêm đủ mũi vắc xin"


@pytest.fixture
def world():
    health = UnitFactory(name="Sở Y tế")
    police = UnitFactory(name="Công an tỉnh")
    campaign = CampaignFactory(registration_required=True)
    campaign.participants.add(health, police)
    return {
        "campaign": campaign,
        "health": health,
        "police": police,
        "health_officer": OfficerMembershipFactory(unit=health).user,
        "police_officer": OfficerMembershipFactory(unit=police).user,
    }


def valid_form(campaign, unit, *, instance=None, targets=TARGETS, **values):
    """A form as the page would build it, valid (the service must check on its own)."""
    form = RegistrationForm(
        {"unit": unit.pk, "targets": targets, **values},
        instance=instance,
        campaign=campaign,
        units=Unit.objects.all(),
    )
    assert form.is_valid(), form.errors
    return form


def counts() -> tuple[int, int]:
    return Registration.objects.count(), ActivityLog.objects.count()


def test_an_officer_registers_his_unit_and_it_is_logged(world):
    form = valid_form(world["campaign"], world["health"])

    registration = save_registration(form, campaign=world["campaign"], by=world["health_officer"])

    assert (registration.unit, registration.registered_by) == (
        world["health"],
        world["health_officer"],
    )
    entry = ActivityLog.objects.for_object(registration).get()
    assert (entry.action, entry.actor) == ("registration.created", world["health_officer"])


@pytest.mark.parametrize("who", ["other officer", "plain", "nobody"])
def test_registering_a_unit_one_does_not_act_for_is_refused_and_saves_nothing(world, who):
    user = {
        "other officer": world["police_officer"],
        "plain": UserFactory(),
        "nobody": None,
    }[who]
    form = valid_form(world["campaign"], world["health"])
    before = counts()

    with pytest.raises(
        RegistrationError,
        match="^Bạn không thể đăng ký thi đua cho Sở Y tế trong phong trào này.$",
    ):
        save_registration(form, campaign=world["campaign"], by=user)

    assert counts() == before


def test_staff_record_a_paper_registration_for_a_participating_unit(world, staff_user):
    form = valid_form(world["campaign"], world["health"])

    registration = save_registration(form, campaign=world["campaign"], by=staff_user)

    assert (registration.unit, registration.registered_by) == (world["health"], staff_user)
    entry = ActivityLog.objects.for_object(registration).get()
    assert (entry.action, entry.actor) == ("registration.created", staff_user)


def test_staff_cannot_register_a_unit_the_campaign_does_not_address(world, staff_user):
    other = UnitFactory(name="Sở Tư pháp")
    form = valid_form(world["campaign"], other)
    before = counts()

    with pytest.raises(RegistrationError, match="^Bạn không thể đăng ký thi đua cho Sở Tư pháp"):
        save_registration(form, campaign=world["campaign"], by=staff_user)

    assert counts() == before


def test_a_unit_the_campaign_does_not_address_is_refused(world):
    other = UnitFactory(name="Sở Tư pháp")
    officer = OfficerMembershipFactory(unit=other).user
    form = valid_form(world["campaign"], other)
    before = counts()

    with pytest.raises(RegistrationError, match="^Bạn không thể đăng ký thi đua cho Sở Tư pháp"):
        save_registration(form, campaign=world["campaign"], by=officer)

    assert counts() == before


def test_a_campaign_closed_meanwhile_takes_no_registration(world):
    form = valid_form(world["campaign"], world["health"])
    world["campaign"].__class__.objects.filter(pk=world["campaign"].pk).update(
        status=CampaignStatus.CLOSED
    )
    before = counts()

    with pytest.raises(RegistrationError, match="^Bạn không thể đăng ký thi đua cho Sở Y tế"):
        save_registration(form, campaign=world["campaign"], by=world["health_officer"])

    assert counts() == before


def test_editing_another_units_registration_is_refused_and_changes_nothing(world):
    registration = RegistrationFactory(campaign=world["campaign"], unit=world["health"])
    form = valid_form(world["campaign"], world["health"], instance=registration, targets="Sửa")
    before = counts()

    with pytest.raises(RegistrationError, match="^Bạn không thể đăng ký thi đua cho Sở Y tế"):
        save_registration(form, campaign=world["campaign"], by=world["police_officer"])

    assert counts() == before
    registration.refresh_from_db()
    assert registration.targets == "100% cán bộ tiêm đủ mũi vắc xin"


def test_the_targets_of_the_indicators_are_saved_and_a_blank_one_removed(world):
    people = IndicatorFactory(campaign=world["campaign"], name="Số người tiêm", position=1)
    money = IndicatorFactory(
        campaign=world["campaign"], name="Tiền vận động", measure="đồng", kind="money"
    )
    form = valid_form(
        world["campaign"],
        world["health"],
        targets="",
        **{f"target_{people.pk}": "1500", f"target_{money.pk}": "20000000"},
    )
    registration = save_registration(form, campaign=world["campaign"], by=world["health_officer"])
    assert {t.indicator.name: t.value for t in registration.target_values.all()} == {
        "Số người tiêm": Decimal("1500"),
        "Tiền vận động": Decimal("20000000"),
    }

    edit = valid_form(
        world["campaign"],
        world["health"],
        instance=registration,
        targets="Không để lây nhiễm chéo",
        **{f"target_{people.pk}": "1800", f"target_{money.pk}": ""},
    )
    save_registration(edit, campaign=world["campaign"], by=world["health_officer"])

    assert {t.indicator.name: t.value for t in registration.target_values.all()} == {
        "Số người tiêm": Decimal("1800")
    }
    assert Registration.objects.get().target_lines == ["Không để lây nhiễm chéo"]
