"""Reminder notices (công văn đôn đốc): one official letter per late unit, in batches."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.files import private_name
from common.jobs import Job, state_field
from common.models import user_reference

from ..enums import NoticeBatchState


def notice_upload_to(instance, filename):
    return private_name("notices", filename)


class NoticeBatch(Job):
    """The notices of one campaign produced together, with their merged print file.

    The letters are frozen when the batch is made: what each unit owes is
    computed once and stored on its :class:`Notice`, so re-rendering gives the
    same letter.  ``done``/``total`` count notices; the heartbeat moves with
    every stored group of notices.
    """

    task_name = "campaign.render_notices"
    task_argument = "batch_id"

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="notice_batches",
    )
    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    symbol = models.CharField(_("ký hiệu"), max_length=32, default="TĐKT")
    number = models.CharField(
        _("số"), max_length=16, blank=True, help_text=_("Để trống để văn thư ghi số khi ban hành.")
    )
    place = models.CharField(_("địa danh"), max_length=64)
    date = models.DateField(_("ngày"), validators=[validate_happened_date])
    signer = models.ForeignKey(
        "units.UnitSigner",
        verbose_name=_("người ký (danh sách của cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_batches",
    )
    # The signature block as printed: filled from ``signer`` by the service, or typed.
    signer_name = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=64, blank=True, help_text=_("Ví dụ “KT. CHỦ TỊCH”.")
    )
    issuer_snapshot = models.JSONField(
        _("thể thức cơ quan ban hành khi lập"),
        default=dict,
        blank=True,
        help_text=_(
            "Tên và dòng cơ quan chủ quản in trên công văn, giữ nguyên khi đơn vị đổi tên."
        ),
    )
    state = state_field(NoticeBatchState)
    merged_file = models.FileField(
        _("tệp in gộp"), upload_to=notice_upload_to, blank=True, max_length=255
    )
    created_by = user_reference(_("người tạo"))

    class Meta:
        verbose_name = _("đợt công văn đôn đốc")
        verbose_name_plural = _("đợt công văn đôn đốc")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.campaign} – {self.date:%d/%m/%Y}"


class Notice(models.Model):
    """One unit's letter: what it still owes, frozen when the batch was made."""

    batch = models.ForeignKey(
        NoticeBatch, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="notices"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="notices"
    )
    # [{"kind": "registration", "text": "…", "deadline": "2026-12-02"}, …]
    items = models.JSONField(_("việc còn nợ"), default=list)
    file = models.FileField(_("tệp PDF"), upload_to=notice_upload_to, blank=True, max_length=255)
    rendered_at = models.DateTimeField(_("tạo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("công văn đôn đốc")
        verbose_name_plural = _("công văn đôn đốc")
        ordering = ["batch", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "unit"], name="notice_once_per_unit")
        ]

    def __str__(self):
        return f"{self.unit} – {self.batch}"
