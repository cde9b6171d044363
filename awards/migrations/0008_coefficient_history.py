"""The bonus coefficients and base salaries in force before Decree 152/2025, back to 2017.

``0003_seed_catalogue`` seeded Decree 152/2025/NĐ-CP (from 2025-07-01) and the
base salary from 2019-07-01.  A decision is paid at the values in force on its
date, so a 2021 decision of Plan 2777 needs the decree and the base salary of
2021.  This migration adds them; a row is in force from its ``effective_from``
until the day before the next row of the same title or form and subject type.

Coefficients, in force:

- Decree 91/2017/NĐ-CP: 2017-10-01 to 2023-12-31.  (Dated 31 July 2017; in
  force from 1 October 2017, as plo.vn and thuvienphapluat.vn report it.)
- Decree 98/2023/NĐ-CP: 2024-01-01 to 2025-06-30.  (Dated 31 December 2023;
  in force from 1 January 2024: vietjack.me's copy of the decree,
  phunuvietnam.vn.)
- Decree 152/2025/NĐ-CP: from 2025-07-01 (seeded by 0003).

Every value below was checked against public reporting of the decrees; the
sources are named next to each table.  What could not be checked is left out
rather than guessed:

- Decree 91/2017 has no "Xã, phường tiêu biểu" title (the 2022 Law brought it):
  no row.
- Households: no reporting found of Decree 91/2017's rule for a household given
  a form of commendation, so no household rows for it; a 2017–2023 decision
  with a household line is refused until an administrator enters them.
- Decree 98/2023's forms of commendation (Article 58: Bằng khen of the Prime
  Minister, of a province, Giấy khen) were not found in the reporting at hand,
  only its titles (Article 54).  Until an administrator enters them, the
  Decree 91/2017 rows stay the latest on file for those forms, so a decision
  dated 2024-01-01 to 2025-06-30 takes them: check before issuing one.
- Decree 91/2017 gives a commune chair's Giấy khen 0.15 (Article 73.1.d) and
  other heads' Giấy khen 0.3; the catalogue has one "Giấy khen", seeded at 0.3.

Base salaries: 1,300,000 đ from 2017-07-01 (the amount and date as in Circular
02/2017/TT-BNV, which applies Decree 47/2017/NĐ-CP; the decree's own text was
not found); 1,390,000 đ from 2018-07-01 (the amount as in force until
2019-06-30, reported with Decree 38/2019/NĐ-CP; the start date and Decree
72/2018/NĐ-CP were not found in the reporting at hand).  The later rows are in
0003.

Idempotent (rows found by their natural keys, saved only when they differ); reversing deletes
exactly these rows (recipient lines keep copies of their figures, not links).
"""

import datetime
from decimal import Decimal

from django.db import migrations

# Values of awards.enums.SubjectType, written out: a migration must not depend on
# today's code.
INDIVIDUAL, COLLECTIVE = "individual", "collective"

DECREE_91 = "Nghị định 91/2017/NĐ-CP"
DECREE_91_FROM = datetime.date(2017, 10, 1)
DECREE_98 = "Nghị định 98/2023/NĐ-CP"
DECREE_98_FROM = datetime.date(2024, 1, 1)

#: Decree 91/2017: code -> {subject type: (coefficient, multiplier)}.
#: Titles: sonoivu.namdinh.gov.vn's table of July 2023 (when 91/2017 was in force).
#: Forms: Article 73 as quoted by thukyluat.vn (Bằng khen of the Prime Minister 3.5,
#: of a province 1.0), muthibiscus.com (Giấy khen of heads of agencies and
#: enterprises 0.3) and thuvienphapluat.vn (collectives twice the individual amount,
#: Article 73.2; lawnet.vn for the Prime Minister's).
COEFFICIENTS_91_2017 = {
    "chien-si-thi-dua-toan-quoc": {INDIVIDUAL: ("4.5", "1")},
    "chien-si-thi-dua-cap-tinh": {INDIVIDUAL: ("3.0", "1")},
    "chien-si-thi-dua-co-so": {INDIVIDUAL: ("1.0", "1")},
    "lao-dong-tien-tien": {INDIVIDUAL: ("0.3", "1")},
    "chien-si-tien-tien": {INDIVIDUAL: ("0.3", "1")},
    "co-thi-dua-chinh-phu": {COLLECTIVE: ("12.0", "1")},
    "co-thi-dua-cap-tinh": {COLLECTIVE: ("8.0", "1")},
    "tap-the-lao-dong-xuat-sac": {COLLECTIVE: ("1.5", "1")},
    "tap-the-lao-dong-tien-tien": {COLLECTIVE: ("0.8", "1")},
    "bang-khen-thu-tuong": {INDIVIDUAL: ("3.5", "1"), COLLECTIVE: ("3.5", "2")},
    "bang-khen-chu-tich-ubnd-tinh": {INDIVIDUAL: ("1.0", "1"), COLLECTIVE: ("1.0", "2")},
    "giay-khen": {INDIVIDUAL: ("0.3", "1"), COLLECTIVE: ("0.3", "2")},
}

#: Decree 98/2023, Article 54 (titles), as quoted by tintuc.thuvienphapluat.com,
#: lsvn.vn and phuongduc.thuathienhue.gov.vn.
COEFFICIENTS_98_2023 = {
    "chien-si-thi-dua-toan-quoc": {INDIVIDUAL: ("4.5", "1")},
    "chien-si-thi-dua-cap-tinh": {INDIVIDUAL: ("3.0", "1")},
    "chien-si-thi-dua-co-so": {INDIVIDUAL: ("1.0", "1")},
    "lao-dong-tien-tien": {INDIVIDUAL: ("0.3", "1")},
    "chien-si-tien-tien": {INDIVIDUAL: ("0.3", "1")},
    "co-thi-dua-chinh-phu": {COLLECTIVE: ("12.0", "1")},
    "co-thi-dua-cap-tinh": {COLLECTIVE: ("8.0", "1")},
    "tap-the-lao-dong-xuat-sac": {COLLECTIVE: ("1.5", "1")},
    "tap-the-lao-dong-tien-tien": {COLLECTIVE: ("0.8", "1")},
    "xa-phuong-tieu-bieu": {COLLECTIVE: ("2.0", "1")},
}

DECREES = [
    (DECREE_91_FROM, DECREE_91, COEFFICIENTS_91_2017),
    (DECREE_98_FROM, DECREE_98, COEFFICIENTS_98_2023),
]

#: (effective from, amount in đồng, legal basis), before 0003's first row.
BASE_SALARIES = [
    (datetime.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
]


def _rows():
    for effective_from, legal_basis, table in DECREES:
        for code, by_subject in table.items():
            for subject, (coefficient, multiplier) in by_subject.items():
                yield (
                    code,
                    subject,
                    effective_from,
                    Decimal(coefficient),
                    Decimal(multiplier),
                    (legal_basis),
                )


def _put(model, lookup, values):
    """Create the row, or correct it; an unchanged row is not saved again."""
    row, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not created and changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save()


def seed_history(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    BonusCoefficient = apps.get_model("awards", "BonusCoefficient")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    award_types = AwardType.objects.in_bulk(field_name="code")
    for code, subject, effective_from, coefficient, multiplier, legal_basis in _rows():
        award_type = award_types.get(code)
        if award_type is None:  # removed by an administrator: nothing to attach to
            continue
        _put(
            BonusCoefficient,
            {"award_type": award_type, "subject_type": subject, "effective_from": effective_from},
            {"coefficient": coefficient, "multiplier": multiplier, "legal_basis": legal_basis},
        )
    for effective_from, amount, legal_basis in BASE_SALARIES:
        _put(
            BaseSalary,
            {"effective_from": effective_from},
            {"amount": amount, "legal_basis": legal_basis},
        )


def remove_history(apps, schema_editor):
    BonusCoefficient = apps.get_model("awards", "BonusCoefficient")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for code, subject, effective_from, _c, _m, legal_basis in _rows():
        BonusCoefficient.objects.filter(
            award_type__code=code,
            subject_type=subject,
            effective_from=effective_from,
            legal_basis=legal_basis,
        ).delete()
    for effective_from, amount, legal_basis in BASE_SALARIES:
        BaseSalary.objects.filter(
            effective_from=effective_from, amount=amount, legal_basis=legal_basis
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0007_requeue_stuck_runs_schedule"),
    ]

    operations = [migrations.RunPython(seed_history, remove_history)]
