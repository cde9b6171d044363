"""Reads shared by every app: the user's own notifications (the page and the bell), and
whether the task outbox has messages waiting too long (the staff warning)."""

import datetime

from django.conf import settings
from django.utils import timezone

from .cache import fragment
from .models import Notification, OutboxMessage

#: The cache namespace of the unread counts: bumped by any write to the notifications
#: table (``CommonConfig.ready``).
NOTIFICATIONS_NAMESPACE = "notifications"


def notifications_of(user):
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def cached_unread_notification_count(user) -> int:
    """:func:`unread_notification_count` from the cache (the bell on every page): one
    count per user until a notification is written, created, read or deleted."""
    if not user.is_authenticated:
        return 0
    name, namespaces, parts, _language = unread_count_entry(user.pk)
    return fragment(
        name, namespaces, parts, lambda: unread_notification_count(user), language=False
    )


def unread_count_entry(user_id) -> tuple:
    """The cache entry of a user's unread count, for ``common.cache.prefetch``."""
    return ("unread", [NOTIFICATIONS_NAMESPACE], [user_id], False)


def outbox_waiting_since(now=None, *, longer_than=None):
    """When the oldest unsent task outbox row was written, if more than ``longer_than``
    ago (default ``settings.OUTBOX_WARN_AFTER`` seconds); else ``None``.

    Rows wait only while the broker is unreachable, so staff are warned.
    """
    now = now or timezone.now()
    longer_than = longer_than or datetime.timedelta(seconds=settings.OUTBOX_WARN_AFTER)
    return (
        OutboxMessage.objects.unsent()
        .filter(created_at__lte=now - longer_than)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
