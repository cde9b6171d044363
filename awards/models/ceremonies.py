"""The award ceremony (trao thưởng): when and where the awards of a decision
were handed over, by whom, with a photo.

One ceremony covers one or many lines of one decision; a line may be presented
more than once (a unit ceremony, then a provincial one), and its latest
ceremony is the one its row shows.  The photo is a private file, served only to
users who may see the decision.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.files import private_name
from common.models import TimeStampedModel, user_reference


def ceremony_photo_upload_to(instance, filename):
    return private_name("ceremonies", filename)


class Ceremony(TimeStampedModel):
    """An award ceremony for some lines of one decision."""

    decision = models.ForeignKey(
        "awards.AwardDecision",
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="ceremonies",
    )
    lines = models.ManyToManyField(
        "awards.Recipient",
        verbose_name=_("người, tập thể được trao"),
        related_name="ceremonies",
    )
    held_at = models.DateTimeField(
        _("thời điểm trao thưởng"), validators=[validate_happened_date], db_index=True
    )
    place = models.CharField(_("địa điểm"), max_length=255)
    presented_by = models.CharField(
        _("người trao"), max_length=255, help_text=_("Họ tên, chức vụ người trao thưởng.")
    )
    photo = models.FileField(
        _("ảnh buổi trao thưởng"),
        upload_to=ceremony_photo_upload_to,
        blank=True,
        max_length=255,
    )
    photo_name = models.CharField(_("tên ảnh gốc"), max_length=255, blank=True)
    photo_content_type = models.CharField(_("kiểu ảnh"), max_length=64, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    recorded_by = user_reference(_("người ghi nhận"))

    class Meta:
        verbose_name = _("buổi trao thưởng")
        verbose_name_plural = _("buổi trao thưởng")
        ordering = ["-held_at", "-id"]

    def __str__(self):
        return f"{self.place} – {self.held_at:%d/%m/%Y %H:%M}"
