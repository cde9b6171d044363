from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.files import private_name
from common.models import TimeStampedModel, user_reference
from common.pdf.letterhead import issuer_snapshot

from ..enums import DecisionState, RoundingMode
from .subjects import SubjectMixin


def decision_upload_to(instance, filename):
    return private_name("decisions", filename)


class AwardDecision(TimeStampedModel):
    """An award decision (quyết định khen thưởng), numbered per issuer and year."""

    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    number = models.PositiveIntegerField(
        _("số"), null=True, blank=True, help_text=_("Cấp khi ban hành.")
    )
    symbol = models.CharField(_("ký hiệu"), max_length=32, default="QĐ-UBND")
    signed_date = models.DateField(_("ngày ký"), validators=[validate_happened_date])
    place = models.CharField(_("địa danh"), max_length=64)
    signer = models.ForeignKey(
        "units.UnitSigner",
        verbose_name=_("người ký (danh sách của cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text=_("Trống khi người ký được nhập tay (cơ quan chưa có danh sách người ký)."),
    )
    # The signature block as printed: filled from ``signer`` by the service, or typed.
    signer_name = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_authority = models.CharField(
        _("dòng thẩm quyền ký"),
        max_length=128,
        blank=True,
        help_text=_('Ví dụ "TM. ỦY BAN NHÂN DÂN".'),
    )
    signer_capacity = models.CharField(
        _("dòng ký thay"),
        max_length=128,
        blank=True,
        help_text=_('Ví dụ "KT. CHỦ TỊCH".'),
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    citation = models.TextField(_("lý do khen thưởng"))
    legal_basis = models.TextField(
        _("căn cứ ban hành"),
        blank=True,
        help_text=_(
            "Mỗi căn cứ một dòng, ví dụ “Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;”."
        ),
    )
    executors = models.TextField(
        _("trách nhiệm thi hành (Điều 3)"),
        blank=True,
        help_text=_("Các cơ quan, cá nhân chịu trách nhiệm thi hành quyết định."),
    )
    distribution = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng.")
    )
    fixed_amount = models.PositiveIntegerField(
        _("mức thưởng cố định (đồng)"),
        null=True,
        blank=True,
        help_text=_("Cho hình thức không có hệ số (thư khen): để trống nếu không kèm tiền thưởng."),
    )
    document = models.FileField(
        _("tệp quyết định (PDF)"), upload_to=decision_upload_to, blank=True, max_length=255
    )
    rounding_mode = models.CharField(
        _("cách làm tròn"), max_length=8, choices=RoundingMode.choices, default=RoundingMode.UP
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=DecisionState.choices,
        default=DecisionState.DRAFT,
        db_index=True,
    )
    issuer_snapshot = models.JSONField(
        _("thể thức cơ quan ban hành khi ban hành"),
        default=dict,
        blank=True,
        help_text=_(
            "Tên, dòng cơ quan chủ quản, chức danh người đứng đầu và địa danh của cơ quan "
            "ban hành tại thời điểm ban hành; giữ nguyên khi đơn vị đổi tên, sáp nhập."
        ),
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = user_reference(_("người ban hành"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    created_by = user_reference(_("người lập"))

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique_per_issuer_year",
                violation_error_message=_("Số quyết định này đã được cấp trong năm."),
            ),
            models.CheckConstraint(
                condition=Q(state=DecisionState.DRAFT) | Q(number__isnull=False),
                name="decision_issued_has_number",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"Quyết định số {self.reference}"
        return f"Dự thảo quyết định: {self.award_type}"

    @property
    def issuer_document(self) -> dict:
        """What the decision prints of its issuer: frozen when it was issued, the
        issuer as it is now while it is a draft (``common.pdf.letterhead.issuer_snapshot``)."""
        return self.issuer_snapshot or issuer_snapshot(self.issuer)

    @property
    def reference(self) -> str:
        """ "12/QĐ-UBND", as printed after "Số:"."""
        return f"{self.number}/{self.symbol}" if self.number else ""


class Recipient(SubjectMixin, TimeStampedModel):
    """One line of a decision: who receives the award and how much."""

    decision = models.ForeignKey(
        AwardDecision,
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("hồ sơ đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recipient_lines",
    )
    position_and_unit = models.CharField(
        _("chức vụ, đơn vị"),
        max_length=500,
        blank=True,
        help_text=_("Ghi như in trên quyết định và bằng, giấy khen."),
    )
    # The figures behind the amount, frozen when the line is computed so the
    # finance office can check them after the tables change.
    coefficient = models.DecimalField(
        _("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    multiplier = models.DecimalField(
        _("hệ số nhân"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    base_salary = models.PositiveIntegerField(_("lương cơ sở"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), default=0)
    golden_register_number = models.CharField(_("số sổ vàng"), max_length=32, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta(SubjectMixin.Meta):
        verbose_name = _("người, tập thể được khen")
        verbose_name_plural = _("danh sách được khen")
        ordering = ["decision", "sort_order", "id"]
        constraints = [
            *SubjectMixin.Meta.constraints,
            models.UniqueConstraint(
                fields=["decision", "nomination"],
                condition=Q(nomination__isnull=False),
                name="recipient_nomination_once_per_decision",
            ),
        ]
        # A decision's page of lines, in its order: read down the index and stopped
        # at the page, not sorted from all of a 5,000-line decision's lines.
        indexes = [models.Index(fields=["decision", "sort_order", "id"], name="recipient_order")]

    def __str__(self):
        return f"{self.subject_name} ({self.decision})"
