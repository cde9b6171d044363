"""Pieces shared by every app: timestamps and the append-only activity log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class ActivityLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )

    def update(self, **kwargs):
        raise TypeError("The activity log is append-only.")

    def delete(self):
        raise TypeError("The activity log is append-only.")


class ActivityLog(models.Model):
    """One row per state change, issue, revocation or reissue.  Never edited."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    previous_state = models.CharField(_("trạng thái trước"), max_length=32, blank=True)
    new_state = models.CharField(_("trạng thái sau"), max_length=32, blank=True)
    note = models.TextField(_("ghi chú / lý do"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký hoạt động")
        verbose_name_plural = _("nhật ký hoạt động")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The activity log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The activity log is append-only.")


def log_activity(obj, action, *, actor=None, previous_state="", new_state="", note="", data=None):
    """Append one entry about ``obj`` to the activity log and return it."""
    return ActivityLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        previous_state=previous_state or "",
        new_state=new_state or "",
        note=note,
        data=data or {},
    )
