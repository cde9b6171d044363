"""In-app notifications with an email copy.

``notify`` is safe to call twice for the same activity: the unique constraint
on (recipient, activity) means a re-delivered task adds no second row, and
emails go only to rows not yet emailed.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)


def notify(users, *, title, body="", url="", activity=None, email_template=None, context=None):
    """Create a notification for each user and email those with an address."""
    users = [u for u in users if u.is_active]
    Notification.objects.bulk_create(
        [
            Notification(recipient=u, activity=activity, title=title, body=body, url=url)
            for u in users
        ],
        ignore_conflicts=activity is not None,
    )
    if activity is None:
        return
    pending = Notification.objects.filter(
        activity=activity, emailed_at__isnull=True
    ).select_related("recipient")
    with get_connection() as connection:  # one SMTP session for the batch
        for notification in pending:
            _email(notification, email_template, context or {}, connection)


def _email(notification, template, context, connection):
    user = notification.recipient
    if not user.email:
        return
    ctx = {
        **context,
        "notification": notification,
        "user": user,
        "absolute_url": absolute_url(notification.url),
    }
    text = render_to_string(f"{template}.txt", ctx) if template else notification.body
    message = EmailMultiAlternatives(
        subject=notification.title,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        connection=connection,
    )
    if template:
        message.attach_alternative(render_to_string(f"{template}.html", ctx), "text/html")
    message.send()
    # Marked one by one, so a failure part-way leaves the rest for the retry.
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def absolute_url(path: str) -> str:
    if not path:
        return ""
    return settings.SITE_URL.rstrip("/") + path
