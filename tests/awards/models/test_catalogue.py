"""The catalogue seeded by migrations: titles and forms, coefficients, base salary, staff group."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from awards.enums import AwardKind, PrintStyle, SubjectType
from awards.models import AwardType, BaseSalary, BonusCoefficient
from tests.conftest import apps_for_old_migrations
from tests.factories import BaseSalaryFactory
from units.rules import EMULATION_STAFF_GROUP

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

IND, COL, HH = SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD

#: Decree 152/2025/NĐ-CP as reported in DOMAIN.md: (code, subject) -> (coefficient, multiplier)
EXPECTED_152 = {
    ("chien-si-thi-dua-toan-quoc", IND): ("4.50", "1.00"),
    ("chien-si-thi-dua-cap-tinh", IND): ("3.00", "1.00"),
    ("chien-si-thi-dua-co-so", IND): ("1.00", "1.00"),
    ("lao-dong-tien-tien", IND): ("0.30", "1.00"),
    ("chien-si-tien-tien", IND): ("0.30", "1.00"),
    ("bang-khen-thu-tuong", IND): ("3.50", "1.00"),
    ("bang-khen-thu-tuong", COL): ("3.50", "2.00"),
    ("bang-khen-thu-tuong", HH): ("3.50", "1.50"),
    ("bang-khen-chu-tich-ubnd-tinh", IND): ("1.50", "1.00"),
    ("bang-khen-chu-tich-ubnd-tinh", COL): ("1.50", "2.00"),
    ("bang-khen-chu-tich-ubnd-tinh", HH): ("1.50", "1.50"),
    ("giay-khen", IND): ("0.30", "1.00"),
    ("giay-khen", COL): ("0.30", "2.00"),
    ("giay-khen", HH): ("0.30", "1.50"),
    ("co-thi-dua-chinh-phu", COL): ("12.00", "1.00"),
    ("co-thi-dua-cap-tinh", COL): ("8.00", "1.00"),
    ("tap-the-lao-dong-xuat-sac", COL): ("1.50", "1.00"),
    ("tap-the-lao-dong-tien-tien", COL): ("0.80", "1.00"),
    ("xa-phuong-tieu-bieu", COL): ("2.00", "1.00"),
}


def test_every_coefficient_of_decree_152_is_seeded_exactly():
    rows = BonusCoefficient.objects.filter(effective_from=datetime.date(2025, 7, 1))
    rows = rows.select_related("award_type")
    seeded = {
        (r.award_type.code, r.subject_type): (str(r.coefficient), str(r.multiplier)) for r in rows
    }
    assert seeded == EXPECTED_152
    assert set(rows.values_list("legal_basis", flat=True)) == {"Nghị định 152/2025/NĐ-CP"}


def test_giay_khen_and_provincial_flag_in_force_today():
    day = datetime.date(2025, 7, 1)
    giay_khen = BonusCoefficient.objects.filter(award_type__code="giay-khen", subject_type=IND)
    flag = BonusCoefficient.objects.filter(award_type__code="co-thi-dua-cap-tinh", subject_type=COL)
    assert giay_khen.in_force_on(day).coefficient == Decimal("0.3")
    assert flag.in_force_on(day).coefficient == Decimal("8.0")
    assert flag.in_force_on(datetime.date(2025, 6, 30)).legal_basis == "Nghị định 98/2023/NĐ-CP"
    assert flag.in_force_on(datetime.date(2017, 9, 30)) is None


def test_award_types_kinds_and_subjects():
    types = {t.code: t for t in AwardType.objects.all()}
    assert len(types) == 16
    printed = [t for t in types.values() if t.prints_certificates]
    assert len(printed) == 15
    assert all(t.name and t.certificate_heading and t.is_active for t in printed)

    giay_khen = types["giay-khen"]
    assert giay_khen.name == "Giấy khen"
    assert giay_khen.kind == AwardKind.COMMENDATION
    assert giay_khen.certificate_heading == "GIẤY KHEN"
    assert giay_khen.print_style == PrintStyle.UNIT

    bang_khen = types["bang-khen-chu-tich-ubnd-tinh"]
    assert bang_khen.name == "Bằng khen của Chủ tịch UBND tỉnh"
    assert bang_khen.certificate_heading == "BẰNG KHEN"
    assert bang_khen.print_style == PrintStyle.PROVINCIAL
    assert types["lao-dong-tien-tien"].print_style == PrintStyle.UNIT
    assert types["chien-si-thi-dua-cap-tinh"].print_style == PrintStyle.PROVINCIAL
    assert bang_khen.subject_types == [IND, COL, HH]

    letter = types["thu-khen"]
    assert letter.kind == AwardKind.NON_STATUTORY
    assert not letter.is_statutory
    assert letter.subject_types == [IND, COL, HH]
    assert not letter.coefficients.exists()
    assert letter.print_style == PrintStyle.LETTER
    assert not letter.is_cash_only

    cash = types["thuong-nong"]
    assert cash.name == "Thưởng nóng"
    assert cash.kind == AwardKind.NON_STATUTORY
    assert cash.print_style == PrintStyle.NONE
    assert cash.is_cash_only
    assert cash.subject_types == [IND, COL, HH]
    # The same heads as for thư khen decide it (0017 copies thư khen's authority rows).
    levels = sorted(cash.authorities.values_list("issuer_level", flat=True))
    assert levels == sorted(letter.authorities.values_list("issuer_level", flat=True))
    assert levels == ["base", "commune", "department", "district", "province"]
    assert not cash.coefficients.exists()

    family = types["gia-dinh-van-hoa"]
    assert family.kind == AwardKind.TITLE
    assert family.subject_types == [HH]
    assert not family.coefficients.exists()

    assert types["co-thi-dua-cap-tinh"].subject_types == [COL]
    assert types["chien-si-thi-dua-co-so"].subject_types == [IND]


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (datetime.date(2017, 7, 1), 1_300_000),
        (datetime.date(2018, 6, 30), 1_300_000),
        (datetime.date(2018, 7, 1), 1_390_000),
        (datetime.date(2019, 6, 30), 1_390_000),
        (datetime.date(2019, 7, 1), 1_490_000),
        (datetime.date(2021, 9, 15), 1_490_000),
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2025, 3, 10), 2_340_000),
        (datetime.date(2026, 6, 30), 2_340_000),
        (datetime.date(2026, 7, 1), 2_530_000),
    ],
)
def test_base_salary_in_force(day, amount):
    assert BaseSalary.objects.in_force_on(day).amount == amount


def test_base_salary_timeline_and_legal_basis():
    assert BaseSalary.objects.in_force_on(datetime.date(2017, 6, 30)) is None
    assert list(
        BaseSalary.objects.order_by("effective_from").values_list("legal_basis", flat=True)
    ) == [
        "Nghị định 47/2017/NĐ-CP",
        "Nghị định 72/2018/NĐ-CP",
        "Nghị định 38/2019/NĐ-CP",
        "Nghị định 24/2023/NĐ-CP",
        "Nghị định 73/2024/NĐ-CP",
        "Mức công bố áp dụng từ 01/7/2026",
    ]


def test_seeding_again_changes_nothing():
    migration = importlib.import_module("awards.migrations.0003_seed_catalogue")
    before = [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (AwardType, BonusCoefficient, BaseSalary)
    ]
    migration.seed_catalogue(apps_for_old_migrations, None)
    after = [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (AwardType, BonusCoefficient, BaseSalary)
    ]
    assert after == before
    assert (
        BonusCoefficient.objects.get(
            award_type__code="giay-khen", subject_type=COL, effective_from="2025-07-01"
        ).multiplier
        == 2
    )


def test_emulation_staff_group_exists():
    assert Group.objects.filter(name=EMULATION_STAFF_GROUP).count() == 1


# --- Base salary: the row in force on a day ----------------------------------------------


def test_base_salary_in_force_on():
    BaseSalary.objects.all().delete()  # the catalogue migration seeds the real timeline
    for day, amount in [
        (datetime.date(2019, 7, 1), 1_490_000),
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2024, 7, 1), 2_340_000),
        (datetime.date(2026, 7, 1), 2_530_000),
    ]:
        BaseSalaryFactory(effective_from=day, amount=amount)

    def amount_on(day):
        row = BaseSalary.objects.in_force_on(day)
        return row.amount if row else None

    assert amount_on(datetime.date(2019, 6, 30)) is None
    assert amount_on(datetime.date(2019, 7, 1)) == 1_490_000
    assert amount_on(datetime.date(2023, 6, 30)) == 1_490_000
    assert amount_on(datetime.date(2024, 6, 30)) == 1_800_000
    assert amount_on(datetime.date(2024, 7, 1)) == 2_340_000
    assert amount_on(datetime.date(2025, 3, 10)) == 2_340_000
    assert amount_on(datetime.date(2026, 7, 1)) == 2_530_000
    assert amount_on(datetime.date(2030, 1, 1)) == 2_530_000
