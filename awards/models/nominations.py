from django.db import models
from django.utils.translation import gettext_lazy as _

from common.files import private_name
from common.models import StoredFile, TimeStampedModel, user_reference

from ..enums import DossierKind, NominationState, StageOutcome
from .subjects import SubjectMixin


class NullsLastIndex(models.Index):
    """An index whose ``NULLS LAST`` is written only where indexes take it.

    PostgreSQL needs it in the index for ``DESC NULLS LAST`` orders; SQLite has
    no such clause in ``CREATE INDEX``.  Its ``DESC`` already puts NULLs last (its
    ``ASC`` does not: there an ascending index just goes unused by the order).
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = self
        if schema_editor.connection.vendor == "sqlite":
            index = self.clone()
            index.expressions = tuple(
                models.OrderBy(e.expression, descending=e.descending)
                if isinstance(e, models.OrderBy)
                else e
                for e in self.expressions
            )
        return super(NullsLastIndex, index).create_sql(model, schema_editor, using, **kwargs)


def queue_order(field, *, descending):
    """Open fast track first, then ``field`` (empty last), then the newest row."""
    return (
        models.F("is_pinned").desc(),
        models.OrderBy(models.F(field), descending=descending, nulls_last=True),
        models.F("id").desc(),
    )


#: The review queue's default order: open fast track first, then the latest sent.
QUEUE_ORDER = queue_order("submitted_at", descending=True)


class Nomination(SubjectMixin, TimeStampedModel):
    """A unit's proposal (hồ sơ đề nghị) to award a title or form to a subject.

    ``state`` only ever changes through the workflow service, which logs every
    transition in the activity log.

    What the review queue sorts and shows is kept on the row by the services, so
    the queue is a plain ordered read over one index: ``achieved_at`` and
    ``achieved_on`` are the earliest moment and day among the linked achievements
    (``services/dossiers.py:refresh_queue_fields`` after any change to them), and
    ``is_pinned`` is "fast track and waiting for review"
    (``enums.NOMINATION_OPEN_STATES``), set with every state change.

    What the statistics count of its award is kept on the row as well
    (``services/outcomes.py:refresh_award_fields``, after a decision is issued or
    revoked, a line revoked, a central result recorded): ``awarded_on`` is the date
    of the decision in force that awards it (a line not revoked of an issued
    decision, or the central decision recorded for it; empty otherwise) and
    ``award_amount`` the bonus of that line (0 for a central award, paid centrally).

    Where it goes is kept by the workflow service too: ``deciding_unit`` is the
    unit whose head will decide it (empty: the central level, the province
    forwards it), ``reviewing_unit`` the unit whose review queue holds it now
    (empty while nobody reviews it: a draft, one returned to its officer, a
    closed one; an open nomination without one waits at the province, in the
    staff's queue).  Every level it passed is a :class:`NominationStage`.
    """

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominating_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="submitted_nominations",
    )
    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("danh hiệu, hình thức đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    summary = models.TextField(_("tóm tắt thành tích"))
    achievements = models.ManyToManyField(
        "awards.Achievement",
        verbose_name=_("thành tích"),
        blank=True,
        related_name="nominations",
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=NominationState.choices,
        default=NominationState.DRAFT,
        db_index=True,
    )
    is_fast_track = models.BooleanField(
        _("khen thưởng đột xuất (thưởng nóng)"), default=False, db_index=True
    )
    is_pinned = models.BooleanField(_("ưu tiên đầu danh sách"), default=False, editable=False)
    achieved_at = models.DateTimeField(
        _("thời điểm lập thành tích sớm nhất"), null=True, blank=True, editable=False
    )
    achieved_on = models.DateField(
        _("ngày lập thành tích sớm nhất"), null=True, blank=True, editable=False
    )
    awarded_on = models.DateField(_("ngày được khen thưởng"), null=True, blank=True, editable=False)
    award_amount = models.PositiveBigIntegerField(
        _("tiền thưởng (đồng)"), default=0, editable=False
    )
    deciding_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị quyết định khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations_to_decide",
        help_text=_("Để trống: cấp Trung ương (tỉnh trình lên)."),
    )
    reviewing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đang xét duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations_to_review",
        editable=False,
    )
    at_final_level = models.BooleanField(
        _("đang ở cấp xét duyệt cuối"),
        default=True,
        editable=False,
        help_text=_("Duyệt ở cấp này là xong; ở cấp dưới thì trình cấp trên."),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), null=True, blank=True)
    created_by = user_reference(_("người lập"))

    class Meta(SubjectMixin.Meta):
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        # Never-sent drafts last, on every database (PostgreSQL puts NULL first in DESC).
        ordering = list(QUEUE_ORDER)
        indexes = [
            models.Index(fields=["campaign", "state"]),
            # A unit's branch counted by state, its returned or draft ones (the home page).
            models.Index(fields=["nominating_unit", "state"], name="nomination_unit_state"),
            # The review queue's default order, and the same within one state; then
            # its sort choices by date (``filters.NominationFilter``).
            NullsLastIndex(*QUEUE_ORDER, name="nomination_queue"),
            NullsLastIndex("state", *QUEUE_ORDER, name="nomination_queue_state"),
            # A unit's review queue ("Chờ đơn vị tôi xét duyệt").
            NullsLastIndex("reviewing_unit", *QUEUE_ORDER, name="nomination_queue_reviewing"),
            NullsLastIndex(
                *queue_order("submitted_at", descending=False), name="nomination_queue_sent_asc"
            ),
            NullsLastIndex(
                *queue_order("state_changed_at", descending=True), name="nomination_queue_changed"
            ),
            NullsLastIndex(
                *queue_order("state_changed_at", descending=False),
                name="nomination_queue_changed_asc",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.award_type}"


def dossier_upload_to(instance, filename):
    return private_name("dossiers", filename)


class DossierFile(StoredFile):
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=16, choices=DossierKind.choices)
    file = models.FileField(_("tệp"), upload_to=dossier_upload_to, max_length=255)

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.display_name}"


class ProposalLetter(TimeStampedModel):
    """A unit's proposal letter (tờ trình) forwarding nominations to the level above.

    Numbered per issuer and year ("12/TTr-SYT") from the decisions' gap-free
    counters; the signature block is frozen text taken from the unit's signer
    when the letter is made.  The nominations it forwarded are the stages that
    name it (``NominationStage.letter``).
    """

    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị trình"),
        on_delete=models.PROTECT,
        related_name="proposal_letters",
    )
    addressee = models.ForeignKey(
        "units.Unit",
        verbose_name=_("kính gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: Ủy ban nhân dân tỉnh (Ban Thi đua – Khen thưởng)."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=32)
    signed_date = models.DateField(_("ngày ký"))
    signer = models.ForeignKey(
        "units.UnitSigner",
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=128)
    signer_lines = models.JSONField(_("khối chữ ký"), default=list, blank=True)
    issuer_snapshot = models.JSONField(_("tên cơ quan khi trình"), default=dict, blank=True)
    created_by = user_reference(_("người trình"))

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], name="proposal_letter_number_unique"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        """ "12/TTr-SYT"."""
        return f"{self.number}/{self.symbol}"


class NominationStage(models.Model):
    """One level a nomination passed on its route: the unit whose queue held it (empty:
    the province's staff), when it came and left, and how it left."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="stages"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cấp xét duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhận lúc"))
    left_at = models.DateTimeField(_("chuyển đi lúc"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=16, choices=StageOutcome.choices, blank=True
    )
    decided_by = user_reference(_("người xử lý"))
    note = models.TextField(_("ghi chú"), blank=True)
    letter = models.ForeignKey(
        ProposalLetter,
        verbose_name=_("tờ trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stages",
    )

    class Meta:
        verbose_name = _("cấp xét duyệt hồ sơ")
        verbose_name_plural = _("cấp xét duyệt hồ sơ")
        ordering = ["nomination", "entered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"],
                condition=models.Q(left_at__isnull=True),
                name="nomination_one_open_stage",
            )
        ]

    def __str__(self):
        return f"{self.nomination_id}: {self.unit or _('Cấp tỉnh')}"
