"""awards/migrations/0008_coefficient_history.py: the decrees and base salaries back to 2017."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from awards.enums import RoundingMode, SubjectType
from awards.models import AwardType, BaseSalary, BonusCoefficient
from awards.services.bonus import BonusError, compute_bonus

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

migration = importlib.import_module("awards.migrations.0008_coefficient_history")

IND, COL, HH = SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD
DECREE_91_FROM = datetime.date(2017, 10, 1)
DECREE_98_FROM = datetime.date(2024, 1, 1)


def seeded(effective_from):
    rows = BonusCoefficient.objects.filter(effective_from=effective_from)
    return {
        (r.award_type.code, r.subject_type): (str(r.coefficient), str(r.multiplier), r.legal_basis)
        for r in rows.select_related("award_type")
    }


def bonus(code, subject_type, on, mode=RoundingMode.UP):
    return compute_bonus(
        award_type=AwardType.objects.get(code=code),
        subject_type=subject_type,
        on_date=on,
        rounding_mode=mode,
    )


def test_decree_91_2017_is_seeded_exactly():
    d91 = "Nghị định 91/2017/NĐ-CP"
    assert seeded(DECREE_91_FROM) == {
        ("chien-si-thi-dua-toan-quoc", IND): ("4.50", "1.00", d91),
        ("chien-si-thi-dua-cap-tinh", IND): ("3.00", "1.00", d91),
        ("chien-si-thi-dua-co-so", IND): ("1.00", "1.00", d91),
        ("lao-dong-tien-tien", IND): ("0.30", "1.00", d91),
        ("chien-si-tien-tien", IND): ("0.30", "1.00", d91),
        ("co-thi-dua-chinh-phu", COL): ("12.00", "1.00", d91),
        ("co-thi-dua-cap-tinh", COL): ("8.00", "1.00", d91),
        ("tap-the-lao-dong-xuat-sac", COL): ("1.50", "1.00", d91),
        ("tap-the-lao-dong-tien-tien", COL): ("0.80", "1.00", d91),
        ("bang-khen-thu-tuong", IND): ("3.50", "1.00", d91),
        ("bang-khen-thu-tuong", COL): ("3.50", "2.00", d91),
        ("bang-khen-chu-tich-ubnd-tinh", IND): ("1.00", "1.00", d91),
        ("bang-khen-chu-tich-ubnd-tinh", COL): ("1.00", "2.00", d91),
        ("giay-khen", IND): ("0.30", "1.00", d91),
        ("giay-khen", COL): ("0.30", "2.00", d91),
    }


def test_decree_98_2023_titles_are_seeded_exactly():
    d98 = "Nghị định 98/2023/NĐ-CP"
    assert seeded(DECREE_98_FROM) == {
        ("chien-si-thi-dua-toan-quoc", IND): ("4.50", "1.00", d98),
        ("chien-si-thi-dua-cap-tinh", IND): ("3.00", "1.00", d98),
        ("chien-si-thi-dua-co-so", IND): ("1.00", "1.00", d98),
        ("lao-dong-tien-tien", IND): ("0.30", "1.00", d98),
        ("chien-si-tien-tien", IND): ("0.30", "1.00", d98),
        ("co-thi-dua-chinh-phu", COL): ("12.00", "1.00", d98),
        ("co-thi-dua-cap-tinh", COL): ("8.00", "1.00", d98),
        ("tap-the-lao-dong-xuat-sac", COL): ("1.50", "1.00", d98),
        ("tap-the-lao-dong-tien-tien", COL): ("0.80", "1.00", d98),
        ("xa-phuong-tieu-bieu", COL): ("2.00", "1.00", d98),
    }


def test_each_decree_is_in_force_until_the_next_takes_effect():
    rows = BonusCoefficient.objects.filter(award_type__code="chien-si-thi-dua-cap-tinh")
    assert rows.in_force_on(datetime.date(2017, 9, 30)) is None
    assert rows.in_force_on(DECREE_91_FROM).legal_basis == "Nghị định 91/2017/NĐ-CP"
    assert rows.in_force_on(datetime.date(2023, 12, 31)).legal_basis == "Nghị định 91/2017/NĐ-CP"
    assert rows.in_force_on(DECREE_98_FROM).legal_basis == "Nghị định 98/2023/NĐ-CP"
    assert rows.in_force_on(datetime.date(2025, 6, 30)).legal_basis == "Nghị định 98/2023/NĐ-CP"
    assert rows.in_force_on(datetime.date(2025, 7, 1)).legal_basis == "Nghị định 152/2025/NĐ-CP"


def test_base_salaries_from_2017():
    assert list(
        BaseSalary.objects.filter(effective_from__lt=datetime.date(2019, 7, 1))
        .order_by("effective_from")
        .values_list("effective_from", "amount", "legal_basis")
    ) == [
        (datetime.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
        (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    ]


def test_a_2021_provincial_bang_khen_to_an_individual_is_1_0_times_1_490_000():
    day = datetime.date(2021, 9, 15)
    for mode in RoundingMode:
        figures = bonus("bang-khen-chu-tich-ubnd-tinh", IND, day, mode)
        assert (figures.coefficient, figures.base_salary, figures.amount) == (
            Decimal("1.0"),
            1_490_000,
            1_490_000,
        )
    assert bonus("bang-khen-chu-tich-ubnd-tinh", COL, day).amount == 2_980_000


def test_a_2021_giay_khen_is_rounded_as_the_decision_says():
    day = datetime.date(2021, 9, 15)
    up = bonus("giay-khen", IND, day, RoundingMode.UP)
    assert (up.raw_amount, up.amount) == (Decimal("447000.0"), 450_000)
    assert bonus("giay-khen", IND, day, RoundingMode.NEAREST).amount == 450_000
    assert bonus("lao-dong-tien-tien", IND, datetime.date(2018, 1, 5)).amount == 390_000


def test_a_2021_household_line_is_refused_not_guessed():
    with pytest.raises(BonusError, match="“Hộ gia đình”"):
        bonus("bang-khen-chu-tich-ubnd-tinh", HH, datetime.date(2021, 9, 15))


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (BonusCoefficient, BaseSalary)
    ]


def test_running_it_again_changes_nothing():
    before = snapshot()
    migration.seed_history(apps, None)
    assert snapshot() == before


def test_reversing_removes_exactly_its_rows_and_seeding_brings_them_back():
    after_0003 = BonusCoefficient.objects.filter(effective_from=datetime.date(2025, 7, 1)).count()
    migration.remove_history(apps, None)
    assert set(BonusCoefficient.objects.values_list("legal_basis", flat=True)) == {
        "Nghị định 152/2025/NĐ-CP"
    }
    assert BonusCoefficient.objects.count() == after_0003
    assert BaseSalary.objects.order_by("effective_from").first().amount == 1_490_000
    migration.seed_history(apps, None)
    assert BonusCoefficient.objects.filter(effective_from=DECREE_91_FROM).count() == 15
    assert BaseSalary.objects.order_by("effective_from").first().amount == 1_300_000
