"""API tokens: a secret per token, kept only as its SHA-256 hash.

The key is shown once, when the token is made (``services.create_api_token``);
afterwards only its first characters (``prefix``) identify it.  The key is 256
random bits, so one unsalted SHA-256 is enough to make a stolen table useless and
still lets a request find its token by an indexed equality.  A revoked token
stays (``revoked_at``) for the audit trail; nobody deletes or edits one.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel, user_reference


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    label = models.CharField(
        _("tên gợi nhớ"),
        max_length=100,
        help_text=_("Ví dụ: “Phần mềm quản lý nhân sự của bệnh viện”."),
    )
    prefix = models.CharField(_("đầu khóa"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = user_reference(_("người thu hồi"))
    created_by = user_reference(_("người tạo"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def hash_key(key: str) -> str:
        """The stored form of ``key``: its SHA-256, in hexadecimal."""
        return hashlib.sha256(key.encode()).hexdigest()
