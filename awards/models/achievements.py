from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.models import CaptionedFile, TimeStampedModel, user_reference

from ..enums import AchievementCategory
from .subjects import SubjectMixin


class Achievement(SubjectMixin, TimeStampedModel):
    """What a collective or individual did (thành tích), with its evidence."""

    owner_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="owned_achievements",
        help_text=_("Đơn vị ghi nhận thành tích; quyết định ai được xem và sửa."),
    )
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    date = models.DateField(_("ngày lập thành tích"), validators=[validate_happened_date])
    occurred_at = models.DateTimeField(
        _("thời điểm"),
        null=True,
        blank=True,
        help_text=_("Giờ lập thành tích, dùng cho khen thưởng đột xuất."),
        validators=[validate_happened_date],
    )
    category = models.CharField(
        _("loại thành tích"), max_length=16, choices=AchievementCategory.choices
    )
    title = models.CharField(_("tóm tắt"), max_length=255)
    description = models.TextField(_("mô tả thành tích"))
    recorded_by = user_reference(_("người ghi nhận"))

    class Meta(SubjectMixin.Meta):
        verbose_name = _("thành tích")
        verbose_name_plural = _("thành tích")
        ordering = ["-date", "-id"]
        indexes = [
            # The list, the latest first: everyone's, and a branch's units' (keys first).
            models.Index(fields=["-date", "-id"], name="achievement_latest"),
            models.Index(fields=["owner_unit", "-date", "-id"], name="achievement_unit_latest"),
        ]

    def __str__(self):
        return f"{self.subject_name}: {self.title}"


class Evidence(CaptionedFile):
    """A photo or PDF document that proves an achievement."""

    file_folder = "evidence"
    thumbnail_folder = "thumbnails"

    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("thành tích"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["id"]
