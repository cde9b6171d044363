"""Launching a campaign (phát động): the background run that writes the launch letter and
tells each participating unit's officers, and the one delivery row per campaign and unit.

A :class:`LaunchRun` is a job row (:class:`common.jobs.Job`): ``total`` counts the
letter and the units it tells, ``done`` what is finished.  A
:class:`LaunchDelivery` exists once per (campaign, unit) whatever the number of
runs: a unit launched to a second time gets no row, so it is told nothing twice;
``notified_at`` marks the units already told, so a resumed run carries on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from common.files import private_name
from common.jobs import Job, state_field
from common.models import user_reference


def launch_upload_to(instance, filename):
    return private_name("launches", filename)


class LaunchRun(Job):
    """One launch of a campaign to some units, with its letter (công văn phát động)."""

    task_name = "campaign.run_launch"
    task_argument = "run_id"

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="launch_runs",
    )
    issuer = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    symbol = models.CharField(_("ký hiệu"), max_length=32, default="UBND-TĐKT")
    number = models.CharField(
        _("số"), max_length=16, blank=True, help_text=_("Để trống để văn thư ghi số khi ban hành.")
    )
    place = models.CharField(_("địa danh"), max_length=64)
    date = models.DateField(_("ngày"), validators=[validate_happened_date])
    signer_name = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=64, blank=True)
    issuer_snapshot = models.JSONField(
        _("thể thức cơ quan ban hành khi lập"), default=dict, blank=True
    )
    state = state_field()
    letter = models.FileField(
        _("công văn phát động"), upload_to=launch_upload_to, blank=True, max_length=255
    )
    created_by = user_reference(_("người phát động"))

    class Meta:
        verbose_name = _("đợt phát động")
        verbose_name_plural = _("đợt phát động")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.campaign} – {self.date:%d/%m/%Y}"


class LaunchDelivery(models.Model):
    """A unit the campaign was launched to: the run that told it, and when."""

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="launch_deliveries",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    run = models.ForeignKey(
        LaunchRun, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="deliveries"
    )
    notified_at = models.DateTimeField(_("đã thông báo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị được phát động")
        verbose_name_plural = _("đơn vị được phát động")
        ordering = ["run", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="launch_once_per_unit")
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"
