"""Certificates (bằng, giấy khen), their print layouts, and rendering runs."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.files import private_name
from common.jobs import Job, state_field
from common.models import TimeStampedModel, user_reference

from ..enums import CertificateState, LayoutKind, OverlayFieldName, RunState


def new_verification_token() -> str:
    """32 random bytes, URL-safe: cannot be guessed or enumerated."""
    return secrets.token_urlsafe(32)


def certificate_upload_to(instance, filename):
    return private_name("certificates", filename)


class Certificate(TimeStampedModel):
    """A printed certificate for one recipient line, verifiable by its QR token."""

    recipient = models.ForeignKey(
        "awards.Recipient",
        verbose_name=_("người, tập thể được khen"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    serial = models.CharField(_("số hiệu"), max_length=32, unique=True)
    token = models.CharField(
        _("mã xác minh"),
        max_length=64,
        unique=True,
        default=new_verification_token,
        editable=False,
    )
    file = models.FileField(
        _("tệp PDF"), upload_to=certificate_upload_to, blank=True, max_length=255
    )
    rendered_at = models.DateTimeField(_("tạo tệp lúc"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CertificateState.choices,
        default=CertificateState.VALID,
        db_index=True,
    )
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("được thay bằng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("bằng, giấy khen")
        verbose_name_plural = _("bằng, giấy khen")
        ordering = ["serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient"],
                condition=Q(state=CertificateState.VALID),
                name="one_active_certificate_per_recipient",
                violation_error_message=_("Mỗi người, tập thể chỉ có một bằng/giấy còn hiệu lực."),
            ),
        ]

    def __str__(self):
        return self.serial


class CertificateLayout(TimeStampedModel):
    """How certificates are printed: a designed page, or fields on a blank (phôi).

    For the overlay layout each field has a position in millimetres from the
    top-left corner of the A4 landscape sheet; the calibration offset shifts
    every field at once, to match a particular printer.
    """

    name = models.CharField(_("tên mẫu"), max_length=128, unique=True)
    kind = models.CharField(_("kiểu"), max_length=16, choices=LayoutKind.choices)
    offset_x_mm = models.DecimalField(
        _("căn chỉnh ngang (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(-50), MaxValueValidator(50)],
    )
    offset_y_mm = models.DecimalField(
        _("căn chỉnh dọc (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(-50), MaxValueValidator(50)],
    )
    is_default = models.BooleanField(_("mẫu mặc định"), default=False)

    class Meta:
        verbose_name = _("mẫu in bằng, giấy khen")
        verbose_name_plural = _("mẫu in bằng, giấy khen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_certificate_layout",
                violation_error_message=_("Chỉ có một mẫu in mặc định."),
            )
        ]

    def __str__(self):
        return self.name


class OverlayField(models.Model):
    """Where one variable field goes on a pre-printed blank."""

    layout = models.ForeignKey(
        CertificateLayout,
        verbose_name=_("mẫu in"),
        on_delete=models.CASCADE,
        related_name="fields",
    )
    field = models.CharField(_("nội dung"), max_length=16, choices=OverlayFieldName.choices)
    x_mm = models.DecimalField(
        _("cách lề trái (mm)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(297)],
    )
    y_mm = models.DecimalField(
        _("cách lề trên (mm)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(210)],
    )
    width_mm = models.DecimalField(
        _("độ rộng (mm)"),
        max_digits=5,
        decimal_places=1,
        default=150,
        validators=[MinValueValidator(5), MaxValueValidator(297)],
    )
    font_size_pt = models.DecimalField(
        _("cỡ chữ (pt)"),
        max_digits=4,
        decimal_places=1,
        default=14,
        validators=[MinValueValidator(6), MaxValueValidator(72)],
    )
    bold = models.BooleanField(_("chữ đậm"), default=False)
    align = models.CharField(
        _("căn lề"),
        max_length=8,
        choices=[("left", _("trái")), ("center", _("giữa")), ("right", _("phải"))],
        default="center",
    )

    class Meta:
        verbose_name = _("vị trí in")
        verbose_name_plural = _("vị trí in")
        ordering = ["layout", "y_mm", "x_mm"]
        constraints = [
            models.UniqueConstraint(fields=["layout", "field"], name="overlay_field_once")
        ]

    def __str__(self):
        return self.get_field_display()


def run_upload_to(instance, filename):
    return private_name("certificate-runs", filename)


class CertificateRun(Job):
    """One rendering of a decision's certificates, tracked for the progress bar.

    The row is the truth: a task that is delivered twice, or dies half-way,
    finds its run and the certificates already rendered, and carries on.
    ``done``/``total`` count certificates; the heartbeat moves with every
    rendered chunk.
    """

    task_name = "awards.render_certificates"
    task_argument = "run_id"

    decision = models.ForeignKey(
        "awards.AwardDecision",
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="certificate_runs",
    )
    layout = models.ForeignKey(
        CertificateLayout,
        verbose_name=_("mẫu in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = state_field(RunState)
    merged_file = models.FileField(
        _("tệp in gộp"), upload_to=run_upload_to, blank=True, max_length=255
    )
    requested_by = user_reference(_("người yêu cầu"))

    class Meta:
        verbose_name = _("lượt tạo bằng, giấy khen")
        verbose_name_plural = _("lượt tạo bằng, giấy khen")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.decision} – {self.get_state_display()}"


class NumberSequence(models.Model):
    """Gap-free counters: decision numbers per issuer and year, register numbers.

    Read and incremented under a row lock by the decisions service, so two
    decisions issued at the same moment never get the same number.
    """

    issuer = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("dãy số"), max_length=32)
    year = models.PositiveSmallIntegerField(_("năm"), default=0, help_text=_("0: không theo năm"))
    last_value = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("dãy số")
        verbose_name_plural = _("dãy số")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "name", "year"], name="sequence_unique")
        ]

    def __str__(self):
        return f"{self.issuer} {self.name} {self.year or ''}: {self.last_value}"
