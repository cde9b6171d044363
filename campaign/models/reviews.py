"""The reviews of a campaign (sơ kết, tổng kết): the report the portal compiles in the
background as a PDF, a Word file and Excel annexes.

A :class:`CampaignReview` is a job row (:class:`common.jobs.Job`): ``total`` counts
the three files, ``done`` those written.  Its number (``12/BC-UBND``) is taken from
the issuer's gap-free counter of reports for the year of its date when the review is
opened, and the issuer's heading is frozen then (``issuer_snapshot``).  ``content``
holds the compiled report (plain values) once compiled, so that a resumed build
writes the remaining files from the same figures as the first.  A campaign has at
most one final review (tổng kết), a constraint of the table.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date, validate_plan_date
from common.files import private_name
from common.jobs import Job, state_field
from common.models import user_reference

from ..enums import ReviewKind


def review_upload_to(instance, filename):
    return private_name("reviews", filename)


class CampaignReview(Job):
    """One sơ kết or tổng kết report of a campaign, over a period."""

    task_name = "campaign.build_review"
    task_argument = "review_id"

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ReviewKind.choices)
    period_start = models.DateField(_("từ ngày"), validators=[validate_plan_date])
    period_end = models.DateField(_("đến ngày"), validators=[validate_plan_date])
    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=32)
    place = models.CharField(_("địa danh"), max_length=64)
    date = models.DateField(_("ngày"), validators=[validate_happened_date])
    signer = models.ForeignKey(
        "units.UnitSigner",
        verbose_name=_("người ký (danh sách của cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=64, blank=True)
    issuer_snapshot = models.JSONField(
        _("thể thức cơ quan ban hành khi lập"), default=dict, blank=True
    )
    content = models.JSONField(_("nội dung đã tổng hợp"), default=dict, blank=True)
    state = state_field()
    pdf_file = models.FileField(
        _("báo cáo (PDF)"), upload_to=review_upload_to, blank=True, max_length=255
    )
    docx_file = models.FileField(
        _("báo cáo (Word)"), upload_to=review_upload_to, blank=True, max_length=255
    )
    xlsx_file = models.FileField(
        _("phụ lục (Excel)"), upload_to=review_upload_to, blank=True, max_length=255
    )
    opened_by = user_reference(_("người lập"))

    class Meta:
        verbose_name = _("sơ kết, tổng kết")
        verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(kind=ReviewKind.FINAL),
                name="review_one_final_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], name="review_number_unique_per_issuer_year"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="review_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.campaign}"

    @property
    def reference(self) -> str:
        """ "12/BC-UBND", as printed after "Số:"."""
        return f"{self.number}/{self.symbol}"
