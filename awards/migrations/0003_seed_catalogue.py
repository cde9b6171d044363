"""Seed the catalogue of titles and forms and the money tables behind bonuses.

This is production data, not demo data: every installation starts with it,
and the admin edits it afterwards (the values change every year or two).

Sources (see /work/shared/DOMAIN.md):
- the titles and forms of the 2022 Law on Emulation and Commendation, with the
  default authority matrix of a province;
- the bonus coefficients reported for Decree 152/2025/NĐ-CP, in force from
  2025-07-01.  Only that decree is seeded: the coefficients of the decrees it
  replaced (98/2023, and 91/2017 before it) were not checked here, and are
  left for an administrator to enter with their own legal basis if needed;
- the base salary (mức lương cơ sở) timeline since 2019-07-01.

Every write is an ``update_or_create`` keyed by a natural key (award code;
award + subject + date; date), so running it again changes nothing.  It uses
the historical models, which keep no simple-history rows; that is expected.
"""

import datetime
from decimal import Decimal

from django.db import migrations

# Values of units.enums.UnitLevel and awards.enums.{AwardKind, AwardLevel,
# SubjectType}, written out: a migration must not depend on today's code.
PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, BASE = (
    "province",
    "department",
    "district",
    "commune",
    "base",
)
TITLE, COMMENDATION, NON_STATUTORY = "title", "commendation", "nonstatutory"
LEVEL_STATE, LEVEL_PROVINCE, LEVEL_BASE = "state", "province", "base"
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "individual", "collective", "household"

LAW_2022 = "Luật Thi đua, khen thưởng năm 2022"
DECREE_152 = "Nghị định 152/2025/NĐ-CP"
DECREE_152_FROM = datetime.date(2025, 7, 1)

# Heads of departments, agencies with legal status and enterprises (DEPARTMENT,
# BASE) decide these within their unit; so did district chairs until the
# district level was abolished on 2025-07-01 (DISTRICT, kept for old records).
UNIT_HEADS = [DEPARTMENT, DISTRICT, BASE]

#: code -> (name, kind, subject types, level, deciding levels, certificate heading, sort order)
#: An empty list of deciding levels means "proposed upward" (khen cao).
AWARD_TYPES = {
    # Titles (danh hiệu thi đua)
    "chien-si-thi-dua-toan-quoc": (
        "Chiến sĩ thi đua toàn quốc",
        TITLE,
        [INDIVIDUAL],
        LEVEL_STATE,
        [],
        "BẰNG CHỨNG NHẬN",
        10,
    ),
    "chien-si-thi-dua-cap-tinh": (
        "Chiến sĩ thi đua cấp tỉnh",
        TITLE,
        [INDIVIDUAL],
        LEVEL_PROVINCE,
        [PROVINCE],
        "BẰNG CHỨNG NHẬN",
        20,
    ),
    "chien-si-thi-dua-co-so": (
        "Chiến sĩ thi đua cơ sở",
        TITLE,
        [INDIVIDUAL],
        LEVEL_BASE,
        UNIT_HEADS,
        "GIẤY CHỨNG NHẬN",
        30,
    ),
    "lao-dong-tien-tien": (
        "Lao động tiên tiến",
        TITLE,
        [INDIVIDUAL],
        LEVEL_BASE,
        [*UNIT_HEADS, COMMUNE],
        "GIẤY CHỨNG NHẬN",
        40,
    ),
    "chien-si-tien-tien": (
        "Chiến sĩ tiên tiến",
        TITLE,
        [INDIVIDUAL],
        LEVEL_BASE,
        UNIT_HEADS,
        "GIẤY CHỨNG NHẬN",
        45,
    ),
    "co-thi-dua-chinh-phu": (
        "Cờ thi đua của Chính phủ",
        TITLE,
        [COLLECTIVE],
        LEVEL_STATE,
        [],
        "CỜ THI ĐUA",
        50,
    ),
    "co-thi-dua-cap-tinh": (
        "Cờ thi đua của UBND tỉnh",
        TITLE,
        [COLLECTIVE],
        LEVEL_PROVINCE,
        [PROVINCE],
        "CỜ THI ĐUA",
        60,
    ),
    "tap-the-lao-dong-xuat-sac": (
        "Tập thể lao động xuất sắc",
        TITLE,
        [COLLECTIVE],
        LEVEL_PROVINCE,
        [PROVINCE],
        "BẰNG CHỨNG NHẬN",
        70,
    ),
    "tap-the-lao-dong-tien-tien": (
        "Tập thể lao động tiên tiến",
        TITLE,
        [COLLECTIVE],
        LEVEL_BASE,
        UNIT_HEADS,
        "GIẤY CHỨNG NHẬN",
        80,
    ),
    "xa-phuong-tieu-bieu": (
        "Xã, phường tiêu biểu",
        TITLE,
        [COLLECTIVE],
        LEVEL_PROVINCE,
        [PROVINCE],
        "BẰNG CHỨNG NHẬN",
        90,
    ),
    "gia-dinh-van-hoa": (
        "Gia đình văn hóa",
        TITLE,
        [HOUSEHOLD],
        LEVEL_BASE,
        [COMMUNE],
        "GIẤY CÔNG NHẬN",
        95,
    ),
    # Forms of commendation (hình thức khen thưởng)
    "bang-khen-thu-tuong": (
        "Bằng khen của Thủ tướng Chính phủ",
        COMMENDATION,
        [INDIVIDUAL, COLLECTIVE, HOUSEHOLD],
        LEVEL_STATE,
        [],
        "BẰNG KHEN",
        110,
    ),
    "bang-khen-chu-tich-ubnd-tinh": (
        "Bằng khen của Chủ tịch UBND tỉnh",
        COMMENDATION,
        [INDIVIDUAL, COLLECTIVE, HOUSEHOLD],
        LEVEL_PROVINCE,
        [PROVINCE],
        "BẰNG KHEN",
        120,
    ),
    "giay-khen": (
        "Giấy khen",
        COMMENDATION,
        [INDIVIDUAL, COLLECTIVE, HOUSEHOLD],
        LEVEL_BASE,
        [*UNIT_HEADS, COMMUNE],
        "GIẤY KHEN",
        130,
    ),
    # Named by Plan 2777 but not a form under the 2022 Law: no legal coefficient.
    "thu-khen": (
        "Thư khen",
        NON_STATUTORY,
        [INDIVIDUAL, COLLECTIVE, HOUSEHOLD],
        LEVEL_BASE,
        [PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, BASE],
        "THƯ KHEN",
        200,
    ),
}

#: Forms of commendation: collectives receive 2×, households 1.5× the individual amount.
SUBJECT_MULTIPLIERS = {
    INDIVIDUAL: Decimal("1"),
    COLLECTIVE: Decimal("2"),
    HOUSEHOLD: Decimal("1.5"),
}

#: Decree 152/2025/NĐ-CP: code -> coefficient.  Titles: for the one subject type they have
#: (collective titles have their own coefficient, multiplier 1).  Forms: for every subject
#: type they apply to, with the multipliers above.
COEFFICIENTS_152_2025 = {
    "chien-si-thi-dua-toan-quoc": Decimal("4.5"),
    "chien-si-thi-dua-cap-tinh": Decimal("3.0"),
    "chien-si-thi-dua-co-so": Decimal("1.0"),
    "lao-dong-tien-tien": Decimal("0.3"),
    "chien-si-tien-tien": Decimal("0.3"),
    "bang-khen-thu-tuong": Decimal("3.5"),
    "bang-khen-chu-tich-ubnd-tinh": Decimal("1.5"),
    "giay-khen": Decimal("0.3"),
    "co-thi-dua-chinh-phu": Decimal("12.0"),
    "co-thi-dua-cap-tinh": Decimal("8.0"),
    "tap-the-lao-dong-xuat-sac": Decimal("1.5"),
    "tap-the-lao-dong-tien-tien": Decimal("0.8"),
    "xa-phuong-tieu-bieu": Decimal("2.0"),
}

#: (effective from, amount in đồng, legal basis)
BASE_SALARIES = [
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
    (datetime.date(2026, 7, 1), 2_530_000, "Mức công bố áp dụng từ 01/7/2026"),
]


def seed_catalogue(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    BonusCoefficient = apps.get_model("awards", "BonusCoefficient")
    BaseSalary = apps.get_model("awards", "BaseSalary")

    award_types = {}
    for code, (name, kind, subjects, level, deciders, heading, order) in AWARD_TYPES.items():
        award_types[code], _ = AwardType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "subject_types": subjects,
                "level": level,
                "deciding_levels": deciders,
                "certificate_heading": heading,
                "legal_basis": LAW_2022 if kind != NON_STATUTORY else "",
                "sort_order": order,
                "is_active": True,
            },
        )

    for code, coefficient in COEFFICIENTS_152_2025.items():
        name, kind, subjects, *_ = AWARD_TYPES[code]
        for subject in subjects:
            multiplier = SUBJECT_MULTIPLIERS[subject] if kind == COMMENDATION else Decimal("1")
            BonusCoefficient.objects.update_or_create(
                award_type=award_types[code],
                subject_type=subject,
                effective_from=DECREE_152_FROM,
                defaults={
                    "coefficient": coefficient,
                    "multiplier": multiplier,
                    "legal_basis": DECREE_152,
                },
            )

    for effective_from, amount, legal_basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=effective_from,
            defaults={"amount": amount, "legal_basis": legal_basis},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_initial"),
    ]

    operations = [
        # Reversing keeps the rows: decisions may already point at them.
        migrations.RunPython(seed_catalogue, migrations.RunPython.noop),
    ]
