"""Good practices, initiatives and models (sáng kiến, kinh nghiệm hay, mô hình hay).

A :class:`Practice` belongs to the unit behind it and moves through the states of
``enums.PRACTICE_TRANSITIONS``, only through ``services.practices``.  Its results are
rows of figures (:class:`PracticeResult`), its photos and documents are
:class:`PracticeFile` rows (photos are served to the public only while the practice is
published; documents never are), and each unit that took it up is an
:class:`Adoption`, one per unit.  ``search_text`` is the folded text (no diacritics,
lower case) of what the public searches, written by the service with every save.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.models import CaptionedFile, TimeStampedModel, user_reference

from .enums import PracticeField, PracticeKind, PracticeState


class Practice(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("Đơn vị có sáng kiến, mô hình; quyết định ai được xem và sửa."),
    )
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=PracticeKind.choices)
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=PracticeField.choices)
    title = models.CharField(_("tên sáng kiến, mô hình"), max_length=255)
    summary = models.CharField(
        _("tóm tắt"), max_length=500, help_text=_("Một hai câu, hiện trong danh sách.")
    )
    description = models.TextField(_("cách làm"), help_text=_("Đã làm gì, làm thế nào."))
    people = models.TextField(
        _("người thực hiện"),
        blank=True,
        help_text=_(
            "Họ tên, chức vụ của những người, tập thể thực hiện; mỗi người một dòng. "
            "Không ghi số CCCD, điện thoại, ngày sinh, địa chỉ: trang này được công khai."
        ),
    )
    started_on = models.DateField(
        _("bắt đầu áp dụng từ"), null=True, blank=True, validators=[validate_happened_date]
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=PracticeState.choices,
        default=PracticeState.DRAFT,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, db_index=True)
    achievements = models.ManyToManyField(
        "awards.Achievement",
        verbose_name=_("thành tích liên quan"),
        blank=True,
        related_name="practices",
    )
    awards = models.ManyToManyField(
        "awards.Recipient",
        verbose_name=_("khen thưởng đã nhận"),
        blank=True,
        related_name="practices",
    )
    search_text = models.TextField(editable=False, default="")
    created_by = user_reference(_("người lập"))

    class Meta:
        verbose_name = _("sáng kiến, mô hình")
        verbose_name_plural = _("sáng kiến, mô hình")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "-published_at"], name="practice_public_order")]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == PracticeState.PUBLISHED


class PracticeResult(models.Model):
    """One figure of a practice's results: "Số hộ được hỗ trợ" 1.250 "hộ"."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="results"
    )
    label = models.CharField(_("chỉ tiêu"), max_length=255)
    value = models.DecimalField(_("số liệu"), max_digits=16, decimal_places=2)
    measure = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.label}: {self.value} {self.measure}".strip()


class PracticeFile(CaptionedFile):
    """A photo or PDF document of a practice."""

    file_folder = "practices"
    thumbnail_folder = "practice-thumbnails"

    practice = models.ForeignKey(
        Practice, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="files"
    )

    class Meta:
        verbose_name = _("ảnh, tài liệu")
        verbose_name_plural = _("ảnh, tài liệu")
        ordering = ["id"]


class Adoption(TimeStampedModel):
    """A unit took up a published practice (nhân rộng): when, where, with what result."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="adoptions"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị áp dụng"),
        on_delete=models.PROTECT,
        related_name="practice_adoptions",
    )
    adopted_on = models.DateField(_("áp dụng từ ngày"), validators=[validate_happened_date])
    place = models.CharField(_("nơi áp dụng"), max_length=255)
    result = models.TextField(_("kết quả đạt được"))
    recorded_by = user_reference(_("người ghi nhận"))

    class Meta:
        verbose_name = _("đơn vị nhân rộng")
        verbose_name_plural = _("đơn vị nhân rộng")
        ordering = ["adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "unit"],
                name="adoption_once_per_unit",
                violation_error_message=_("Đơn vị này đã ghi nhận áp dụng sáng kiến này."),
            )
        ]

    def __str__(self):
        return f"{self.unit}: {self.practice}"
