"""Reporting rounds (kỳ báo cáo) of a campaign and the units' progress reports.

The staff open a :class:`ReportingRound` (quarterly, half-yearly, yearly or ad hoc, a
period and a due date) and may lock it.  Each participating unit keeps at most one
:class:`ProgressReport` per round: a :class:`ReportFigure` per indicator (unique per
report and indicator), a narrative and attachments (:class:`ReportAttachment`, checked
by ``common.uploads``).  Figures carry the unit through their report, so a branch's
figures are the sum over ``report__unit__path`` starting with the branch's path, as the
registered targets are (``campaign.selectors.branch_totals``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_plan_date
from common.files import private_name
from common.models import StoredFile, TimeStampedModel, user_reference

from ..enums import RoundKind
from .indicators import value_field


def report_upload_to(instance, filename):
    return private_name("reports", filename)


class ReportingRound(TimeStampedModel):
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    kind = models.CharField(_("loại kỳ báo cáo"), max_length=16, choices=RoundKind.choices)
    title = models.CharField(
        _("tên kỳ báo cáo"), max_length=128, help_text=_("Ví dụ “Quý I/2021”, “6 tháng đầu năm”.")
    )
    period_start = models.DateField(_("từ ngày"), validators=[validate_plan_date])
    period_end = models.DateField(_("đến ngày"), validators=[validate_plan_date])
    due_date = models.DateField(_("hạn gửi báo cáo"), validators=[validate_plan_date])
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    locked_by = user_reference(_("người khóa"))
    created_by = user_reference(_("người mở kỳ"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["campaign", "-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "title"], name="round_title_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.campaign}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class ProgressReport(TimeStampedModel):
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    narrative = models.TextField(_("báo cáo tóm tắt"), blank=True)
    submitted_by = user_reference(_("người gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo kết quả")
        verbose_name_plural = _("báo cáo kết quả")
        ordering = ["round", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="report_once_per_round")
        ]

    def __str__(self):
        return f"{self.unit} – {self.round.title}"


class ReportFigure(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        "campaign.Indicator",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="figures",
    )
    value = value_field(_("kết quả"))

    class Meta:
        verbose_name = _("kết quả theo chỉ tiêu")
        verbose_name_plural = _("kết quả theo chỉ tiêu")
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="figure_once_per_report")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class ReportAttachment(StoredFile):
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("báo cáo"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("tệp"), upload_to=report_upload_to, max_length=255)

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")
        ordering = ["id"]
