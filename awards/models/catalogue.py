"""The catalogue of titles and forms, and the money tables behind bonuses.

Who may decide each title or form is the authority table (``authority.py``).

Legal values change every year or two, so every number is an effective-dated
row with its legal basis, editable in the admin: never a constant in code.
"""

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import validate_plan_date
from common.fields import ChoiceListField
from common.models import TimeStampedModel
from common.text import thousands

from ..enums import AwardKind, AwardLevel, PrintStyle, SubjectType


class AwardType(TimeStampedModel):
    """A title (danh hiệu) or form of commendation (hình thức khen thưởng)."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    code = models.SlugField(_("mã"), max_length=48, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=AwardKind.choices)
    subject_types = ChoiceListField(_("đối tượng được tặng"), choices_enum=SubjectType)
    level = models.CharField(_("cấp khen"), max_length=16, choices=AwardLevel.choices)
    certificate_heading = models.CharField(
        _("tiêu đề in trên bằng/giấy"),
        max_length=128,
        blank=True,
        help_text=_('Ví dụ "GIẤY KHEN", "BẰNG KHEN".'),
    )
    print_style = models.CharField(
        _("mẫu in"),
        max_length=16,
        choices=PrintStyle.choices,
        default=PrintStyle.PROVINCIAL,
        help_text=_(
            "Bằng khen và giấy khen in theo mẫu riêng; thư khen in thành thư; "
            "thưởng nóng chỉ có tiền thưởng, không in."
        ),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    consultation_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc lấy ý kiến công khai"),
        default=10,
        help_text=_(
            "Với hình thức trình cấp nhà nước: danh sách được công khai lấy ý kiến nhân dân "
            "trong chừng ấy ngày làm việc trước khi trình; 0 là không lấy ý kiến."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_statutory(self) -> bool:
        return self.kind != AwardKind.NON_STATUTORY

    @property
    def prints_certificates(self) -> bool:
        """Issuing gives each line a certificate or letter (with its QR and serial)."""
        return self.print_style != PrintStyle.NONE

    @property
    def is_cash_only(self) -> bool:
        """A non-statutory award that is only money (thưởng nóng): its fixed amount
        is required, and nothing is printed but the decision."""
        return not self.is_statutory and not self.prints_certificates

    def fits_subject(self, subject_type: str) -> bool:
        return subject_type in self.subject_types


class EffectiveDatedQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        """The row in force on ``day``: the latest that took effect on or before it."""
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()


class BonusCoefficient(TimeStampedModel):
    """Coefficient × base salary = bonus, for one title or form and subject type.

    ``multiplier`` carries the rule "collectives receive 2× and households
    1.5× the individual amount" for forms of commendation, so the finance
    office sees each factor separately.
    """

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="coefficients",
    )
    subject_type = models.CharField(_("đối tượng"), max_length=16, choices=SubjectType.choices)
    coefficient = models.DecimalField(
        _("hệ số"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    multiplier = models.DecimalField(
        _("hệ số nhân theo đối tượng"),
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Tập thể ×2, hộ gia đình ×1,5 đối với bằng khen, giấy khen."),
    )
    effective_from = models.DateField(_("áp dụng từ"), validators=[validate_plan_date])
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)

    history = HistoricalRecords()
    objects = EffectiveDatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["award_type__sort_order", "subject_type", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "subject_type", "effective_from"],
                name="coefficient_unique_per_day",
            )
        ]

    def __str__(self):
        return f"{self.award_type} – {self.get_subject_type_display()}: {self.coefficient}"


class BaseSalary(TimeStampedModel):
    """The statutory base salary (mức lương cơ sở) timeline."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    effective_from = models.DateField(_("áp dụng từ"), unique=True, validators=[validate_plan_date])
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)

    history = HistoricalRecords()
    objects = EffectiveDatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{thousands(self.amount)} đ từ {self.effective_from:%d/%m/%Y}"
