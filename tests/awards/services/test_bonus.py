"""The bonus computation: the worked examples of DOMAIN.md and the effective dates."""

import datetime
from decimal import Decimal

import pytest

from awards.enums import RoundingMode, SubjectType
from awards.models import AwardType
from awards.services.bonus import BonusError, compute_bonus, round_amount, vn_number
from tests.factories import AwardTypeFactory, BonusCoefficientFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

UP, NEAREST = RoundingMode.UP, RoundingMode.NEAREST


@pytest.fixture
def giay_khen():
    """The seeded Giấy khen (coefficient 0.3 under Decrees 91/2017 and 152/2025)."""
    return AwardType.objects.get(code="giay-khen")


@pytest.fixture
def giay_khen_2024(giay_khen):
    """The same coefficient entered by an administrator from 2024-07-01, so that the
    DOMAIN.md example of a decision dated 2025-03-10 can be computed."""
    BonusCoefficientFactory(
        award_type=giay_khen,
        subject_type=SubjectType.INDIVIDUAL,
        coefficient=Decimal("0.3"),
        multiplier=Decimal("1"),
        effective_from=datetime.date(2024, 7, 1),
        legal_basis="Nghị định 98/2023/NĐ-CP",
    )
    return giay_khen


def bonus(award_type, subject_type, on, mode=UP, **kwargs):
    return compute_bonus(
        award_type=award_type,
        subject_type=subject_type,
        on_date=on,
        rounding_mode=mode,
        **kwargs,
    )


def test_giay_khen_individual_rounds_up_to_710000(giay_khen_2024):
    figures = bonus(giay_khen_2024, SubjectType.INDIVIDUAL, datetime.date(2025, 3, 10))
    assert figures.coefficient == Decimal("0.3")
    assert figures.multiplier == Decimal("1")
    assert figures.base_salary == 2_340_000
    assert figures.raw_amount == Decimal("702000")
    assert figures.amount == 710_000
    assert figures.explanation == "0,3 × 2.340.000 = 702.000 → 710.000 đ"


def test_giay_khen_individual_rounds_to_nearest_700000(giay_khen_2024):
    figures = bonus(giay_khen_2024, SubjectType.INDIVIDUAL, datetime.date(2025, 3, 10), NEAREST)
    assert figures.raw_amount == Decimal("702000")
    assert figures.amount == 700_000
    assert figures.explanation == "0,3 × 2.340.000 = 702.000 → 700.000 đ"


def test_collective_gets_twice_the_individual_amount(giay_khen):
    figures = bonus(giay_khen, SubjectType.COLLECTIVE, datetime.date(2025, 9, 15))
    assert (figures.coefficient, figures.multiplier) == (Decimal("0.3"), Decimal("2"))
    assert figures.raw_amount == Decimal("1404000")
    assert figures.amount == 1_410_000
    assert figures.explanation == "0,3 × 2.340.000 × 2 = 1.404.000 → 1.410.000 đ"


def test_household_gets_one_and_a_half_times(giay_khen):
    up = bonus(giay_khen, SubjectType.HOUSEHOLD, datetime.date(2025, 9, 15))
    nearest = bonus(giay_khen, SubjectType.HOUSEHOLD, datetime.date(2025, 9, 15), NEAREST)
    assert up.multiplier == Decimal("1.5")
    assert up.raw_amount == Decimal("1053000")
    assert (up.amount, nearest.amount) == (1_060_000, 1_050_000)
    assert up.explanation == "0,3 × 2.340.000 × 1,5 = 1.053.000 → 1.060.000 đ"


def test_base_salary_change_is_picked_by_the_decision_date(giay_khen):
    before = bonus(giay_khen, SubjectType.INDIVIDUAL, datetime.date(2026, 6, 30))
    after = bonus(giay_khen, SubjectType.INDIVIDUAL, datetime.date(2026, 7, 1))
    assert (before.base_salary, before.amount) == (2_340_000, 710_000)
    assert (after.base_salary, after.raw_amount, after.amount) == (
        2_530_000,
        Decimal("759000"),
        760_000,
    )


def test_an_exact_amount_is_not_rounded_and_the_explanation_has_no_arrow():
    bang_khen = AwardType.objects.get(code="bang-khen-chu-tich-ubnd-tinh")
    figures = bonus(bang_khen, SubjectType.INDIVIDUAL, datetime.date(2025, 9, 15), NEAREST)
    assert figures.amount == 3_510_000
    assert figures.explanation == "1,5 × 2.340.000 = 3.510.000 đ"


def test_nearest_rounds_half_up_not_to_even():
    award = AwardTypeFactory()
    BonusCoefficientFactory(
        award_type=award,
        coefficient=Decimal("0.25"),
        effective_from=datetime.date(2024, 7, 1),
    )
    figures = bonus(award, SubjectType.INDIVIDUAL, datetime.date(2025, 1, 2), NEAREST)
    assert figures.raw_amount == Decimal("585000")
    assert figures.amount == 590_000  # banker's rounding would give 580,000


def test_round_amount_modes():
    assert round_amount(Decimal("700000"), UP) == 700_000
    assert round_amount(Decimal("700000.01"), UP) == 710_000
    assert round_amount(Decimal("704999.99"), NEAREST) == 700_000
    assert round_amount(Decimal("705000"), NEAREST) == 710_000


def test_letter_of_commendation_takes_the_fixed_amount_or_nothing():
    thu_khen = AwardType.objects.get(code="thu-khen")
    with_money = bonus(
        thu_khen, SubjectType.COLLECTIVE, datetime.date(2021, 9, 15), fixed_amount=500_000
    )
    assert (with_money.coefficient, with_money.multiplier, with_money.base_salary) == (
        None,
        None,
        None,
    )
    assert with_money.amount == 500_000
    assert with_money.explanation == "Mức thưởng cố định: 500.000 đ"
    without = bonus(thu_khen, SubjectType.INDIVIDUAL, datetime.date(2021, 9, 15))
    assert without.amount == 0
    assert without.explanation == "Không kèm tiền thưởng"


def test_missing_coefficient_is_an_error_naming_award_subject_and_date(giay_khen):
    """A 2021 decision to a household: Decree 91/2017's household rule is not on file."""
    with pytest.raises(BonusError) as raised:
        bonus(giay_khen, SubjectType.HOUSEHOLD, datetime.date(2021, 9, 15))
    message = str(raised.value)
    assert "“Giấy khen”" in message
    assert "“Hộ gia đình”" in message
    assert "15/09/2021" in message


def test_the_day_before_a_coefficient_takes_effect_is_an_error(giay_khen):
    """Decree 91/2017, the earliest on file, took effect on 2017-10-01."""
    with pytest.raises(BonusError):
        bonus(giay_khen, SubjectType.INDIVIDUAL, datetime.date(2017, 9, 30))
    assert bonus(giay_khen, SubjectType.INDIVIDUAL, datetime.date(2017, 10, 1)).amount == 390_000
    assert bonus(giay_khen, SubjectType.INDIVIDUAL, datetime.date(2025, 7, 1)).amount == 710_000


def test_missing_base_salary_is_an_error():
    award = AwardTypeFactory()
    BonusCoefficientFactory(award_type=award, effective_from=datetime.date(2017, 1, 1))
    with pytest.raises(BonusError, match="lương cơ sở"):
        bonus(award, SubjectType.INDIVIDUAL, datetime.date(2017, 6, 30))


def test_vn_number():
    assert vn_number(Decimal("0.30")) == "0,3"
    assert vn_number(Decimal("2.00")) == "2"
    assert vn_number(1_404_000) == "1.404.000"
    assert vn_number(Decimal("521500.25")) == "521.500,25"


def test_a_cash_award_takes_the_fixed_amount_whatever_the_subject():
    thuong_nong = AwardType.objects.get(code="thuong-nong")
    for subject_type in SubjectType.values:
        figures = bonus(
            thuong_nong, subject_type, datetime.date(2025, 9, 15), fixed_amount=2_000_000
        )
        assert (figures.coefficient, figures.amount, figures.explanation) == (
            None,
            2_000_000,
            "Mức thưởng cố định: 2.000.000 đ",
        )


def test_a_cash_award_without_an_amount_is_an_error():
    thuong_nong = AwardType.objects.get(code="thuong-nong")
    with pytest.raises(BonusError) as error:
        bonus(thuong_nong, SubjectType.INDIVIDUAL, datetime.date(2025, 9, 15))
    assert str(error.value) == (
        "“Thưởng nóng” là khoản tiền thưởng: nhập mức thưởng (đồng) cho mỗi người, tập thể "
        "trên quyết định trước khi ban hành."
    )
