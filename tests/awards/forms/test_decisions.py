"""The decision header form."""

import datetime
from types import SimpleNamespace

import pytest

from awards.enums import RoundingMode
from awards.forms.decisions import DecisionForm
from awards.models import AwardType
from tests.factories import UnitFactory, UnitSignerFactory
from units.enums import SignerKind, UnitLevel

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


# --- The signer: chosen among the issuer's, or typed when it has none -------------------


@pytest.fixture
def signers(issuer):
    issuer.head_title = "GIÁM ĐỐC"
    issuer.save()
    return SimpleNamespace(
        director=UnitSignerFactory(unit=issuer, full_name="Phan Thị Ngọc Hà"),
        deputy=UnitSignerFactory(
            unit=issuer,
            full_name="Võ Hoàng Khải",
            position="PHÓ GIÁM ĐỐC",
            kind=SignerKind.DEPUTY,
            valid_to=datetime.date(2025, 6, 30),
        ),
    )


def test_the_signers_are_offered_under_their_unit(issuer, signers):
    form = DecisionForm()
    assert form.fields["signer"].choices == [
        ("", "(Nhập tay bên dưới)"),
        (
            "Sở Y tế",
            [
                (str(signers.director.pk), "Phan Thị Ngọc Hà – GIÁM ĐỐC"),
                (str(signers.deputy.pk), "Võ Hoàng Khải – PHÓ GIÁM ĐỐC (đến 30/06/2025)"),
            ],
        ),
    ]


def test_a_chosen_signer_needs_no_typed_lines(issuer, signers):
    form = DecisionForm(header(issuer, signer=signers.director.pk, signer_title="", signer_name=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signer"] == signers.director


def test_an_issuer_with_signers_must_name_one(issuer, signers):
    form = DecisionForm(header(issuer))
    assert form.is_valid() is False
    assert form.errors["signer"] == ["Sở Y tế có danh sách người ký: vui lòng chọn người ký."]


def test_a_signer_out_of_term_on_the_signing_day_is_refused(issuer, signers):
    form = DecisionForm(header(issuer, signer=signers.deputy.pk))  # signed 15/09/2025
    assert form.is_valid() is False
    assert form.errors["signer"] == [
        "Võ Hoàng Khải không phải người ký văn bản của Sở Y tế vào ngày 15/09/2025."
    ]


def test_a_signer_of_another_issuer_is_refused(issuer, signers):
    other = UnitFactory(name="Sở Nội vụ", parent=issuer.parent)
    form = DecisionForm(header(other, signer=signers.director.pk))
    assert form.is_valid() is False
    assert form.errors["signer"] == ["Phan Thị Ngọc Hà không phải người ký văn bản của Sở Nội vụ."]


def test_without_signers_the_lines_are_typed_and_required(issuer):
    form = DecisionForm(header(issuer, signer_title="", signer_name=""))
    assert form.fields["signer"].choices == [("", "(Nhập tay bên dưới)")]
    assert form.is_valid() is False
    message = "Cơ quan ban hành chưa có danh sách người ký: vui lòng nhập dòng này."
    assert (form.errors["signer_title"], form.errors["signer_name"]) == ([message], [message])


def test_an_unknown_signer_is_refused(issuer, signers):
    form = DecisionForm(header(issuer, signer="999999"))
    assert form.is_valid() is False
    assert list(form.errors) == ["signer"]
