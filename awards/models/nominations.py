from django.db import models
from django.utils.translation import gettext_lazy as _

from common.files import private_name
from common.models import StoredFile, TimeStampedModel, user_reference

from ..enums import DossierKind, NominationState
from .subjects import SubjectMixin


class Nomination(SubjectMixin, TimeStampedModel):
    """A unit's proposal (hồ sơ đề nghị) to award a title or form to a subject.

    ``state`` only ever changes through the workflow service, which logs every
    transition in the activity log.
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
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), null=True, blank=True)
    created_by = user_reference(_("người lập"))

    class Meta(SubjectMixin.Meta):
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-is_fast_track", "-submitted_at", "-id"]
        indexes = [models.Index(fields=["campaign", "state"])]

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
