"""In-app notifications with an email copy, as each recipient chose.

``notify`` is safe to call twice for the same activity: the unique constraint
on (recipient, activity) means a re-delivered task adds no second row, and
emails go only to rows not yet emailed.

Each recipient's ``email_mode`` decides the email: *immediate* gets it now (one
SMTP session for the whole batch), *digest* leaves the row marked
``in_digest`` for the daily digest (:mod:`common.services.digest`), *off* gets
none.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from .models import EmailMode, Notification, email_modes
from .site import absolute_url

logger = logging.getLogger(__name__)


@dataclass
class Notice:
    """One activity's notification to its users, for :func:`notify_many`."""

    users: list
    activity: object  # an ActivityLog row
    title: str
    body: str = ""
    url: str = ""
    context: dict = field(default_factory=dict)


def notify(
    users,
    *,
    title,
    body="",
    url="",
    activity=None,
    email_template=None,
    context=None,
):
    """Create a notification for each active user; email it as each of them chose.

    Without an ``activity`` nothing ties a retry to the first call, so the
    notification only rings the bell: no email now and none in the digest.
    """
    if activity is None:
        Notification.objects.bulk_create(
            Notification(recipient=u, title=title, body=body, url=url) for u in users if u.is_active
        )
        return
    notice = Notice(list(users), activity, title, body, url, context or {})
    notify_many([notice], email_template=email_template)


def notify_many(notices, *, email_template=None):
    """:func:`notify` for many activities at once (a bulk action's), in the same few
    queries whatever their number: the users' email modes, the rows (in batches),
    the rows still to email; then one UPDATE per email sent, so that a failure
    part-way leaves the rest to the retry."""
    # Each notice's active users, once each.
    audiences = [(n, {u.pk: u for u in n.users if u.is_active}) for n in notices]
    audiences = [(notice, users) for notice, users in audiences if users]
    if not audiences:
        return
    users = {pk: u for _notice, recipients in audiences for pk, u in recipients.items()}
    modes = email_modes(users)
    immediate = {pk for pk in users if modes[pk] == EmailMode.IMMEDIATE}
    # Without an address there is nothing to digest: the bell is enough.
    digest = {pk for pk, u in users.items() if modes[pk] == EmailMode.DIGEST and u.email}
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=u,
                activity=notice.activity,
                title=notice.title,
                body=notice.body,
                url=notice.url,
                in_digest=u.pk in digest,
            )
            for notice, recipients in audiences
            for u in recipients.values()
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    if not immediate:
        return
    # A row left for the digest by an earlier call stays the digest's to send.
    by_activity = {notice.activity.pk: notice for notice, _users in audiences}
    pending = Notification.objects.filter(
        activity__in=list(by_activity),
        recipient_id__in=immediate,
        emailed_at__isnull=True,
        in_digest=False,
    ).select_related("recipient")
    pending = [n for n in pending if n.recipient.email]
    if not pending:
        return
    with get_connection() as connection:  # one SMTP session for the batch
        for notification in pending:
            context = by_activity[notification.activity_id].context
            _email(notification, email_template, context, connection)


def _email(notification, template, context, connection):
    user = notification.recipient
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
