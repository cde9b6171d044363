"""Public consultation before a tờ trình goes to the central level (lấy ý kiến nhân dân).

A :class:`Consultation` publishes the list of a draft :class:`CentralSubmission` on a
public page (no login, reached by an unguessable token) from ``published_on`` to the
end of ``closes_on``: ``working_days`` working days after publication
(``common.workdays``), the most that the forms on the list ask for
(``AwardType.consultation_days``).  The tờ trình cannot be sent before ``closes_on``
has passed (``services/consultation.py``).  The public page shows each nominee's name,
unit and summary of achievements, nothing else of the person.

A :class:`ConsultationComment` is one comment of the public: held for moderation
(``PENDING``) until the staff publish or hide it, with the staff's answer.  Its
sender's address is kept only as a keyed hash, to throttle by address.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel, user_reference

from ..enums import CommentState


class Consultation(TimeStampedModel):
    submission = models.OneToOneField(
        "awards.CentralSubmission",
        verbose_name=_("tờ trình"),
        on_delete=models.CASCADE,
        related_name="consultation",
    )
    token = models.UUIDField(_("mã trang công khai"), default=uuid.uuid4, unique=True)
    published_on = models.DateField(_("công khai từ ngày"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    closes_on = models.DateField(_("hết hạn lấy ý kiến ngày"))
    published_by = user_reference(_("người công khai"))

    class Meta:
        verbose_name = _("lấy ý kiến công khai")
        verbose_name_plural = _("lấy ý kiến công khai")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return f"{self.submission} ({self.published_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y})"

    def is_open_on(self, day) -> bool:
        return self.published_on <= day <= self.closes_on


class ConsultationComment(TimeStampedModel):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("đợt lấy ý kiến"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author_name = models.CharField(_("họ tên người góp ý"), max_length=128)
    body = models.TextField(_("nội dung góp ý"))
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CommentState.choices,
        default=CommentState.PENDING,
        db_index=True,
    )
    answer = models.TextField(_("trả lời của cơ quan"), blank=True)
    answered_by = user_reference(_("người trả lời"))
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["consultation", "created_at", "id"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"
