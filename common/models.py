"""Pieces shared by every app: timestamps, uploaded files, the activity log, notifications,
the task outbox."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .files import StoredFileMixin, file_folder_upload_to, thumbnail_folder_upload_to


def user_reference(verbose_name):
    """A link to the user who did something; the row stays if the user goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class StoredFile(StoredFileMixin, TimeStampedModel):
    """An uploaded file kept under an unguessable name, with what the user sent."""

    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu nội dung"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_by = user_reference(_("người tải lên"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name


class CaptionedFile(StoredFile):
    """A photo or PDF document with a caption and, for a photo, its thumbnail (an
    achievement's evidence, a practice's photos and documents).

    A concrete model names the folders of its files and thumbnails (``file_folder``,
    ``thumbnail_folder``); both are stored under unguessable names
    (``files.private_name``).
    """

    file_folder: str
    thumbnail_folder: str

    file = models.FileField(_("tệp"), upload_to=file_folder_upload_to, max_length=255)
    thumbnail = models.ImageField(
        _("ảnh thu nhỏ"), upload_to=thumbnail_folder_upload_to, blank=True, max_length=255
    )
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


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


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notification (the bell), optionally mirrored by an email.

    ``activity`` ties a notification to the log entry that caused it, and the
    unique constraint makes a re-delivered task create nothing twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    activity = models.ForeignKey(
        ActivityLog,
        verbose_name=_("hoạt động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    # Waiting for the recipient's daily digest email.
    in_digest = models.BooleanField(_("chờ thư tổng hợp"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "activity"],
                condition=models.Q(activity__isnull=False),
                name="notification_once_per_activity",
            )
        ]

    def __str__(self):
        return self.title


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư ngay khi có thông báo")
    DIGEST = "digest", _("Gộp thành một thư mỗi ngày")
    OFF = "off", _("Không gửi thư (chỉ xem trên cổng)")


class UserPreference(models.Model):
    """A user's choices; a user without a row has the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="preference",
    )
    email_mode = models.CharField(
        _("nhận thư thông báo"),
        max_length=16,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
        help_text=_("Thư đôn đốc hạn chót luôn được gửi ngay, không tắt được."),
    )
    last_digest_at = models.DateTimeField(_("thư tổng hợp gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("tùy chọn người dùng")
        verbose_name_plural = _("tùy chọn người dùng")

    def __str__(self):
        return str(self.user)


def email_modes(user_ids) -> dict[int, str]:
    """Each user's email mode in one query; users who never chose get the default."""
    ids = list(user_ids)
    chosen = dict(
        UserPreference.objects.filter(user_id__in=ids).values_list("user_id", "email_mode")
    )
    return {pk: chosen.get(pk, EmailMode.IMMEDIATE) for pk in ids}


class OutboxMessageQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now):
        """Unsent rows whose back-off has passed at ``now``."""
        return self.unsent().filter(next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    """A task message to hand to the broker: the follow-up of a committed change.

    Written in the transaction that makes the change (so it exists exactly when
    the change does), published after the commit and marked ``sent_at``; a
    row the broker refused stays unsent and the outbox sweep publishes it later
    (:mod:`common.services.outbox`).
    """

    task_name = models.CharField(_("tác vụ"), max_length=200)
    kwargs = models.JSONField(_("tham số"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại từ"), default=timezone.now)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = _("tác vụ chờ gửi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent_due",
            ),
            models.Index(
                fields=["sent_at"],
                condition=models.Q(sent_at__isnull=False),
                name="outbox_sent",
            ),
        ]

    def __str__(self):
        return f"{self.task_name} {self.kwargs}"


class Holiday(models.Model):
    """A day off for public offices (ngày nghỉ lễ, Tết, nghỉ bù) that falls on a weekday:
    the working-day calendar (``common.workdays``) skips it as it skips weekends.
    Edited in the admin: the Government announces each year's Tết and make-up days."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=128)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi ngày nghỉ chưa được đối chiếu với thông báo chính thức."),
    )

    class Meta:
        verbose_name = _("ngày nghỉ lễ, Tết")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"
