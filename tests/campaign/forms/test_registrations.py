"""The registration form (campaign/forms/registrations.py): one field per indicator of the
campaign; bad figures get a message in Vietnamese."""

import pytest

from campaign.forms.registrations import RegistrationForm
from tests.factories import CampaignFactory, IndicatorFactory, UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def campaign():
    return CampaignFactory(registration_required=True)


def form(campaign, **data):
    unit = UnitFactory()
    return RegistrationForm({"unit": unit.pk, **data}, campaign=campaign, units=Unit.objects.all())


def test_each_indicator_of_the_campaign_has_its_field(campaign):
    first = IndicatorFactory(campaign=campaign, name="Số người tiêm", position=1)
    second = IndicatorFactory(campaign=campaign, name="Số lượt xét nghiệm", measure="lượt")
    IndicatorFactory()  # another campaign's

    fields = form(campaign).target_fields

    assert [f.name for f in fields] == [f"target_{second.pk}", f"target_{first.pk}"]
    assert [f.label for f in fields] == ["Số lượt xét nghiệm (lượt)", "Số người tiêm (người)"]


def test_a_negative_or_unreadable_target_is_refused(campaign):
    indicator = IndicatorFactory(campaign=campaign)
    other = IndicatorFactory(campaign=campaign)

    bound = form(campaign, **{f"target_{indicator.pk}": "-5", f"target_{other.pk}": "nhiều"})

    assert bound.errors[f"target_{indicator.pk}"] == ["Chỉ tiêu không thể là số âm."]
    assert bound.errors[f"target_{other.pk}"] == ["Nhập một số, ví dụ 1500 hoặc 12,5."]


def test_money_is_whole_dong(campaign):
    money = IndicatorFactory(campaign=campaign, measure="đồng", kind="money")

    bound = form(campaign, **{f"target_{money.pk}": "1000.5"})

    assert bound.errors[f"target_{money.pk}"] == ["Số tiền ghi bằng đồng, không có phần lẻ."]


def test_a_registration_with_no_target_at_all_is_refused(campaign):
    IndicatorFactory(campaign=campaign)

    bound = form(campaign, targets="  ")

    assert bound.errors["__all__"] == ["Vui lòng ghi ít nhất một chỉ tiêu đăng ký."]
