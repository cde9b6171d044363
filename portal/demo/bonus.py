"""Bonus figures for the demo decision's recipient lines.

A stand-in until the real bonus service exists: coefficient × multiplier × base
salary in force on the decision date, rounded up to tens of thousands of đồng.

Only the Decree 152/2025 coefficients are seeded, so for the 2021 demo decision
no coefficient row is in force yet; the demo then takes the earliest row on file
(the base salary is still the one in force on the date).  The real service must
not do that: it should refuse, or the 2021 coefficients must be entered.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from awards.models import BaseSalary, BonusCoefficient

TEN_THOUSAND = Decimal(10_000)


@dataclass(frozen=True)
class DemoBonus:
    coefficient: Decimal | None
    multiplier: Decimal | None
    base_salary: int | None
    amount: int


def round_up_to_ten_thousand(value: Decimal) -> int:
    return int((value / TEN_THOUSAND).to_integral_value(rounding=ROUND_CEILING) * TEN_THOUSAND)


def demo_bonus(award_type, subject_type, on) -> DemoBonus:
    base = BaseSalary.objects.in_force_on(on)
    rows = BonusCoefficient.objects.filter(award_type=award_type, subject_type=subject_type)
    row = rows.in_force_on(on) or rows.order_by("effective_from").first()
    if base is None or row is None:
        return DemoBonus(None, None, base.amount if base else None, 0)
    raw = row.coefficient * row.multiplier * base.amount
    return DemoBonus(row.coefficient, row.multiplier, base.amount, round_up_to_ten_thousand(raw))
