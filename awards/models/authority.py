"""Who may award what: the authority table, effective-dated and edited in the admin.

One row says that heads of units at ``issuer_level`` (and, when
``issuer_unit_types`` is not empty, only of those unit types) may decide
``award_type`` between ``effective_from`` and ``effective_to``.  A row with no
level is the central level (Thủ tướng Chính phủ, Chủ tịch nước): no unit of the
portal matches it, so a title or form that only such rows cover is proposed
upward.  ``decider`` names the office that decides, for messages and letters.

The branch rule (a unit awards only its own people and the units below it) is
not data: it holds for every row (``awards.authority.in_branch``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import validate_history_date
from common.fields import ChoiceListField
from common.models import TimeStampedModel
from units.enums import UnitLevel, UnitType

from .catalogue import AwardType


class AwardAuthorityQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        """The rows in force on ``day`` (both ends included)."""
        return self.filter(effective_from__lte=day).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class AwardAuthority(TimeStampedModel):
    """One line of the authority table: who decides one title or form, and when."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="authorities",
    )
    issuer_level = models.CharField(
        _("cấp quyết định"),
        max_length=16,
        choices=UnitLevel.choices,
        blank=True,
        help_text=_("Để trống: cấp trung ương (Thủ tướng Chính phủ, Chủ tịch nước)."),
    )
    issuer_unit_types = ChoiceListField(
        _("loại hình đơn vị quyết định"),
        choices_enum=UnitType,
        help_text=_(
            "Để trống: mọi loại hình ở cấp này. Ví dụ “Tổ chức kinh tế” ở cấp cơ sở: "
            "giám đốc doanh nghiệp, hợp tác xã."
        ),
    )
    decider = models.CharField(
        _("người quyết định"),
        max_length=255,
        help_text=_("Ví dụ “Chủ tịch UBND tỉnh”, “Giám đốc sở”, “Thủ tướng Chính phủ”."),
    )
    effective_from = models.DateField(_("áp dụng từ"), validators=[validate_history_date])
    effective_to = models.DateField(
        _("áp dụng đến"),
        null=True,
        blank=True,
        validators=[validate_history_date],
        help_text=_("Để trống nếu còn hiệu lực."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)

    history = HistoricalRecords()
    objects = AwardAuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("thẩm quyền khen thưởng")
        verbose_name_plural = _("thẩm quyền khen thưởng")
        ordering = ["award_type__sort_order", "issuer_level", "effective_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="authority_dates_ordered",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu áp dụng."),
            ),
        ]

    def __str__(self):
        return f"{self.award_type} – {self.decider}"

    @property
    def is_central(self) -> bool:
        return not self.issuer_level

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def applies_to(self, unit) -> bool:
        """Whether the head of ``unit`` is a decider this row names (dates aside).  A unit
        without legal status (a hospital's ward) decides nothing (Law 06/2022 art. 80)."""
        return (
            bool(self.issuer_level)
            and unit.has_legal_status
            and unit.level == self.issuer_level
            and (not self.issuer_unit_types or unit.unit_type in self.issuer_unit_types)
        )

    def clean(self):
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu áp dụng.")}
            )
