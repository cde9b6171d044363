"""A campaign's measurable indicators (chỉ tiêu) and the target a unit's registration sets
for each.

An indicator has a name, a unit of measure ("người", "lượt xét nghiệm", "đồng") and a
kind (a count or money).  A :class:`RegistrationTarget` is one unit's target value for
one indicator, once per registration and indicator; with the unit's path, targets sum
over a branch of the tree as the progress figures do (``campaign.selectors``).
An indicator with targets or figures is not deleted (``PROTECT``).
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import IndicatorKind

#: Figures and targets: up to 10^16 with two decimals (money in đồng, people, tests).
VALUE_DIGITS = 18
VALUE_DECIMALS = 2


def value_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_DECIMALS,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


class Indicator(models.Model):
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    measure = models.CharField(
        _("đơn vị tính"), max_length=64, help_text=_("Ví dụ: người, lượt xét nghiệm, đồng.")
    )
    kind = models.CharField(
        _("loại"), max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.NUMBER
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="indicator_name_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.measure})"


class RegistrationTarget(models.Model):
    registration = models.ForeignKey(
        "campaign.Registration",
        verbose_name=_("đăng ký thi đua"),
        on_delete=models.CASCADE,
        related_name="target_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="targets"
    )
    value = value_field(_("chỉ tiêu đăng ký"))

    class Meta:
        verbose_name = _("chỉ tiêu đăng ký")
        verbose_name_plural = _("chỉ tiêu đăng ký")
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "indicator"], name="registration_target_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"
