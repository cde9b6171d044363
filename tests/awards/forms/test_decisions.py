"""The decision header form."""

import pytest

from awards.enums import RoundingMode
from awards.forms.decisions import DecisionForm
from awards.models import AwardType
from tests.factories import UnitFactory
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def header(issuer, **overrides):
    return {
        "issuer": issuer.pk,
        "award_type": AwardType.objects.get(code="giay-khen").pk,
        "citation": "Đã có thành tích xuất sắc",
        "signed_date": "2025-09-15",
        "place": "",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Lê Văn Tám",
        "rounding_mode": RoundingMode.UP,
        **overrides,
    }


@pytest.fixture
def issuer():
    province = UnitFactory(level=UnitLevel.PROVINCE, place_name="Bến Tre")
    return UnitFactory(parent=province, name="Sở Y tế", place_name="Mỏ Cày")


def test_a_blank_place_is_the_chosen_issuers_place(issuer):
    form = DecisionForm(header(issuer))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["place"] == "Mỏ Cày"


def test_a_given_place_is_kept(issuer):
    form = DecisionForm(header(issuer, place="Ba Tri"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["place"] == "Ba Tri"


def test_a_cash_award_needs_its_amount(issuer):
    thuong_nong = AwardType.objects.get(code="thuong-nong").pk
    form = DecisionForm(header(issuer, award_type=thuong_nong, fixed_amount=""))
    assert not form.is_valid()
    assert form.errors["fixed_amount"] == [
        "“Thưởng nóng” là khoản tiền thưởng: nhập mức thưởng (đồng)."
    ]
    form = DecisionForm(header(issuer, award_type=thuong_nong, fixed_amount="2000000"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["fixed_amount"] == 2_000_000
