"""Bonus amounts: coefficient × multiplier × base salary, rounded to tens of thousands.

Every figure comes from the effective-dated tables (``BonusCoefficient``,
``BaseSalary``) as in force on the decision date; nothing is a constant here.
A statutory title or form without a coefficient in force on that date is an
error, never a silent fallback: the administrator has to enter the values of
the decree that applied then.  Non-statutory awards (thư khen, thưởng nóng)
have no coefficient: each line gets the decision's fixed amount, optional for
a letter, required for a cash-only award (thưởng nóng).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from common.text import thousands

from ..enums import AwardKind, RoundingMode, SubjectType
from ..models import BaseSalary, BonusCoefficient

ROUNDING_STEP = Decimal(10_000)


class BonusError(Exception):
    """The amount cannot be computed; the message is shown to the user as is."""


@dataclass(frozen=True)
class BonusFigures:
    """Every figure behind one amount, for the recipient line and the finance office."""

    coefficient: Decimal | None
    multiplier: Decimal | None
    base_salary: int | None
    raw_amount: Decimal
    amount: int
    explanation: str


def vn_number(value) -> str:
    """A number as Vietnamese write it: 1404000 -> "1.404.000", Decimal("0.30") -> "0,3"."""
    number = Decimal(value)
    sign = "-" if number < 0 else ""
    number = abs(number)
    whole = int(number)
    fraction = number - whole
    text = thousands(whole)
    if fraction:
        digits = format(fraction.normalize(), "f").split(".", 1)[1]
        text = f"{text},{digits}"
    return sign + text


def round_amount(raw: Decimal, mode: str) -> int:
    """Round to tens of thousands of đồng: UP (ceiling) or NEAREST (half up)."""
    rounding = ROUND_CEILING if mode == RoundingMode.UP else ROUND_HALF_UP
    steps = (raw / ROUNDING_STEP).to_integral_value(rounding=rounding)
    return int(steps * ROUNDING_STEP)


def compute_bonus(
    *, award_type, subject_type, on_date, rounding_mode, fixed_amount=None
) -> BonusFigures:
    """The bonus for ``award_type`` given to a ``subject_type`` by a decision of ``on_date``.

    Raises :class:`BonusError` when a statutory title or form has no
    coefficient, or there is no base salary, in force on that date.
    """
    if award_type.kind == AwardKind.NON_STATUTORY:
        amount = int(fixed_amount or 0)
        if not amount and award_type.is_cash_only:
            raise BonusError(
                _(
                    "“%(award)s” là khoản tiền thưởng: nhập mức thưởng (đồng) cho mỗi người, "
                    "tập thể trên quyết định trước khi ban hành."
                )
                % {"award": award_type.name}
            )
        if amount:
            explanation = _("Mức thưởng cố định: %(amount)s đ") % {"amount": vn_number(amount)}
        else:
            explanation = _("Không kèm tiền thưởng")
        return BonusFigures(None, None, None, Decimal(amount), amount, explanation)

    row = BonusCoefficient.objects.filter(
        award_type=award_type, subject_type=subject_type
    ).in_force_on(on_date)
    if row is None:
        raise BonusError(
            _(
                "Chưa có hệ số tiền thưởng của “%(award)s” cho đối tượng “%(subject)s” "
                "áp dụng vào ngày %(date)s. Quản trị viên cần nhập hệ số (kèm căn cứ pháp lý) "
                "trước khi ban hành quyết định."
            )
            % {
                "award": award_type.name,
                "subject": SubjectType(subject_type).label,
                "date": on_date.strftime("%d/%m/%Y"),
            }
        )
    salary = BaseSalary.objects.in_force_on(on_date)
    if salary is None:
        raise BonusError(
            _(
                "Chưa có mức lương cơ sở áp dụng vào ngày %(date)s. Quản trị viên cần nhập "
                "mức lương cơ sở trước khi ban hành quyết định."
            )
            % {"date": on_date.strftime("%d/%m/%Y")}
        )

    coefficient, multiplier = Decimal(row.coefficient), Decimal(row.multiplier)
    raw = raw_amount(coefficient, multiplier, salary.amount)
    amount = round_amount(raw, rounding_mode)
    return BonusFigures(
        coefficient,
        multiplier,
        salary.amount,
        raw,
        amount,
        explain(coefficient, multiplier, salary.amount, amount),
    )


def raw_amount(coefficient, multiplier, base_salary) -> Decimal:
    """Coefficient × base salary × multiplier, exactly, before rounding."""
    return Decimal(coefficient) * Decimal(base_salary) * Decimal(multiplier)


def explain(coefficient, multiplier, base_salary, amount) -> str:
    """ "0,3 × 2.340.000 × 2 = 1.404.000 → 1.410.000 đ" (no "× 1", no arrow when exact)."""
    raw = raw_amount(coefficient, multiplier, base_salary)
    factors = [vn_number(coefficient), vn_number(base_salary)]
    if Decimal(multiplier) != 1:
        factors.append(vn_number(multiplier))
    text = f"{' × '.join(factors)} = {vn_number(raw)}"
    if Decimal(amount) != raw:
        text += f" → {vn_number(amount)}"
    return text + " đ"
