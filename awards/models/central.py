"""Forwarding to the central level (khen cao): the province's submission, its lines,
the central decisions that come back, and the package built for it.

A :class:`CentralSubmission` is the province's proposal letter (tờ trình, "12/TTr-UBND")
to the Prime Minister or the President, through the central emulation board; it carries
approved nominations of forms only the central level decides, one
:class:`CentralSubmissionLine` each.  A nomination is on at most one line still waiting
for a result (a conditional unique constraint).  The number is taken from the same
gap-free ``NumberSequence`` as decisions, per issuer and year, when the letter is sent.
Each :class:`CentralResult` is one decision of the central level ("1234/QĐ-TTg") with
its uploaded PDF; it gives its lines their outcome.  A :class:`CentralPackage` is the
ZIP (tờ trình PDF, the list as Excel, each dossier's files) built in the background.
Every change goes through ``awards.services.central``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.files import private_name
from common.jobs import Job, state_field
from common.models import TimeStampedModel, user_reference

from ..enums import CentralAddressee, CentralOutcome, RunState, SubmissionState


class CentralSubmission(TimeStampedModel):
    """A tờ trình of the province proposing forms the central level decides."""

    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan trình"),
        on_delete=models.PROTECT,
        related_name="central_submissions",
    )
    addressee = models.CharField(
        _("kính gửi"),
        max_length=24,
        choices=CentralAddressee.choices,
        default=CentralAddressee.PRIME_MINISTER,
    )
    subject = models.CharField(
        _("trích yếu"),
        max_length=255,
        help_text=_("Ví dụ “V/v đề nghị tặng Bằng khen của Thủ tướng Chính phủ”."),
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(
        _("số"), null=True, blank=True, help_text=_("Cấp khi trình.")
    )
    symbol = models.CharField(_("ký hiệu"), max_length=32, default="TTr-UBND")
    letter_date = models.DateField(
        _("ngày tờ trình"), null=True, blank=True, validators=[validate_happened_date]
    )
    place = models.CharField(_("địa danh"), max_length=64)
    signer_name = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_authority = models.CharField(_("dòng thẩm quyền ký"), max_length=128, blank=True)
    signer_capacity = models.CharField(_("dòng ký thay"), max_length=128, blank=True)
    body = models.TextField(
        _("nội dung đề nghị"),
        blank=True,
        help_text=_("Đoạn mở đầu của tờ trình; để trống để dùng câu mặc định."),
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
        db_index=True,
    )
    sent_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    sent_by = user_reference(_("người trình"))
    created_by = user_reference(_("người lập"))

    class Meta:
        verbose_name = _("tờ trình khen cấp nhà nước")
        verbose_name_plural = _("tờ trình khen cấp nhà nước")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="central_submission_number_unique",
                violation_error_message=_("Số tờ trình này đã được cấp trong năm."),
            ),
            models.CheckConstraint(
                condition=Q(state=SubmissionState.DRAFT)
                | (Q(number__isnull=False) & Q(letter_date__isnull=False)),
                name="central_submission_sent_has_number",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"Tờ trình số {self.reference}"
        return f"Dự thảo tờ trình: {self.subject}"

    @property
    def reference(self) -> str:
        """ "12/TTr-UBND", as printed after "Số:"."""
        return f"{self.number}/{self.symbol}" if self.number else ""


def central_result_upload_to(instance, filename):
    return private_name("central-results", filename)


class CentralResult(TimeStampedModel):
    """A decision of the central level on (part of) a submission, as recorded by staff."""

    submission = models.ForeignKey(
        CentralSubmission,
        verbose_name=_("tờ trình"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    decision_number = models.CharField(
        _("số quyết định"), max_length=64, help_text=_("Ví dụ “1234/QĐ-TTg”.")
    )
    decision_date = models.DateField(_("ngày quyết định"), validators=[validate_happened_date])
    issuer = models.CharField(
        _("cấp quyết định"), max_length=128, help_text=_("Ví dụ “Thủ tướng Chính phủ”.")
    )
    document = models.FileField(
        _("tệp quyết định (PDF)"), upload_to=central_result_upload_to, blank=True, max_length=255
    )
    recorded_by = user_reference(_("người ghi nhận"))

    class Meta:
        verbose_name = _("kết quả khen cấp nhà nước")
        verbose_name_plural = _("kết quả khen cấp nhà nước")
        ordering = ["decision_date", "id"]

    def __str__(self):
        return f"Quyết định số {self.decision_number} của {self.issuer}"


class CentralSubmissionLine(TimeStampedModel):
    """One nomination carried by a submission, and what the central level decided."""

    submission = models.ForeignKey(
        CentralSubmission,
        verbose_name=_("tờ trình"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("hồ sơ đề nghị"),
        on_delete=models.PROTECT,
        related_name="central_lines",
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    outcome = models.CharField(
        _("kết quả"),
        max_length=16,
        choices=CentralOutcome.choices,
        default=CentralOutcome.PENDING,
        db_index=True,
    )
    reason = models.TextField(_("lý do"), blank=True)
    result = models.ForeignKey(
        CentralResult,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )

    class Meta:
        verbose_name = _("hồ sơ trình khen cấp nhà nước")
        verbose_name_plural = _("hồ sơ trình khen cấp nhà nước")
        ordering = ["submission", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(outcome=CentralOutcome.PENDING),
                name="central_line_one_open_per_nomination",
                violation_error_message=_("Hồ sơ này đã có trong một tờ trình chưa có kết quả."),
            ),
            models.CheckConstraint(
                condition=Q(outcome=CentralOutcome.PENDING) | Q(result__isnull=False),
                name="central_line_outcome_has_result",
            ),
        ]

    def __str__(self):
        return f"{self.nomination} ({self.submission})"


def central_package_upload_to(instance, filename):
    return private_name("central-packages", filename)


class CentralPackage(Job):
    """The package of a submission (ZIP), built in the background.

    ``done``/``total`` count its steps: the tờ trình PDF, the Excel list, then one per
    nomination whose files are copied.  The tờ trình PDF is kept (``letter``), so a
    resumed build does not render it twice; the ZIP is written in the scratch folder and
    stored under a name derived from the row.
    """

    task_name = "awards.build_central_package"
    task_argument = "package_id"

    submission = models.ForeignKey(
        CentralSubmission,
        verbose_name=_("tờ trình"),
        on_delete=models.CASCADE,
        related_name="packages",
    )
    state = state_field(RunState)
    letter = models.FileField(
        _("tờ trình (PDF)"), upload_to=central_package_upload_to, blank=True, max_length=255
    )
    file = models.FileField(
        _("bộ hồ sơ (ZIP)"), upload_to=central_package_upload_to, blank=True, max_length=255
    )
    requested_by = user_reference(_("người yêu cầu"))

    class Meta:
        verbose_name = _("bộ hồ sơ trình khen cấp nhà nước")
        verbose_name_plural = _("bộ hồ sơ trình khen cấp nhà nước")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.submission} – {self.get_state_display()}"
