"""The daily digest: one email per user gathering the notifications left for it.

:func:`~common.notifications.notify` and the reminder rules leave a
notification for the digest by marking it ``in_digest``.  Once a day (beat,
task ``common.send_digests``) each user with such rows gets ONE email listing
them, and the rows are marked emailed.

Exactly once, per user, inside one transaction:

* the user's pending rows are locked (``select_for_update`` on PostgreSQL; on
  SQLite the transaction begins IMMEDIATE, which locks the database) and
  claimed with a conditional UPDATE (``in_digest`` → false, ``emailed_at`` →
  now) *before* the email goes.  A second run at the same moment waits for the
  lock and then finds nothing pending; one started while the email is being
  sent (even on the same connection) finds the rows already claimed;
* the email is sent before the transaction commits.  If sending fails, the
  claim is rolled back and the rows wait for the next attempt, so a temporary
  SMTP failure never marks anything emailed; a worker killed mid-way rolls back
  the same way.  Only a kill between the SMTP server accepting the message and
  the commit can repeat a digest; it then carries the same Message-ID.

A temporary failure (connection lost, 4xx) stops the run and is raised for the
task's retry with back-off; users already done stay done.  A permanent refusal
(5xx) of one user's address or message is logged and that user is skipped:
their rows stay pending for the next day and the run goes on.

Users without an email address, and users who have since switched email off,
get no digest: their rows simply leave the digest (the bell still shows them).
A user who switched to immediate still gets what was waiting.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from common.mail import refused_for_good, stable_message_id
from common.models import EmailMode, Notification, UserPreference, email_modes
from common.site import absolute_url
from common.templatetags.vn import vndate

logger = logging.getLogger(__name__)

TEMPLATE = "common/emails/digest"


@dataclass
class DigestRun:
    """What one run did: users emailed, notifications in those emails, rows cleared
    without an email (no address, or email switched off), users whose address or
    message the SMTP server refused for good."""

    sent: int = 0
    notifications: int = 0
    cleared: int = 0
    refused: int = 0


def pending_digest():
    return Notification.objects.filter(in_digest=True, emailed_at__isnull=True)


def send_digests(now=None) -> DigestRun:
    """Send each user with pending digest notifications one email; see the module."""
    now = now or timezone.now()
    run = DigestRun()
    user_ids = set(pending_digest().values_list("recipient_id", flat=True).distinct())
    if not user_ids:
        return run
    modes = email_modes(user_ids)
    users = list(get_user_model().objects.filter(pk__in=user_ids).order_by("pk"))
    silent = [u.pk for u in users if not u.email or modes[u.pk] == EmailMode.OFF]
    if silent:
        run.cleared = pending_digest().filter(recipient_id__in=silent).update(in_digest=False)
    recipients = [u for u in users if u.pk not in silent]
    if not recipients:
        return run
    with get_connection() as connection:  # one SMTP session for the run
        for user in recipients:
            try:
                count = _send_one(user, now, connection)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                if not refused_for_good(error):
                    raise
                logger.warning("Digest for user %s refused: %s", user.pk, error)
                run.refused += 1
                continue
            if count:
                run.sent += 1
                run.notifications += count
    return run


def _send_one(user, now, connection) -> int:
    """Claim, send and mark one user's pending rows; returns how many went out."""
    with transaction.atomic():
        rows = list(
            pending_digest()
            .filter(recipient=user)
            .select_for_update(of=("self",))
            .order_by("created_at", "pk")
        )
        if not rows:
            return 0
        pending_digest().filter(pk__in=[n.pk for n in rows]).update(in_digest=False, emailed_at=now)
        _message(user, rows, now, connection).send()
        UserPreference.objects.update_or_create(user=user, defaults={"last_digest_at": now})
    return len(rows)


def _message(user, rows, now, connection) -> EmailMultiAlternatives:
    # Digests go out from a worker: in the portal's language, not the last request's.
    with translation.override(settings.LANGUAGE_CODE):
        day = vndate(timezone.localtime(now))
        subject = ngettext(
            "Thư tổng hợp ngày %(day)s: %(count)d thông báo",
            "Thư tổng hợp ngày %(day)s: %(count)d thông báo",
            len(rows),
        ) % {"day": day, "count": len(rows)}
        context = {
            "user": user,
            "day": day,
            "subject": subject,
            "items": [(n, absolute_url(n.url)) for n in rows],
            "preferences_url": absolute_url(reverse("preferences")),
        }
        text = render_to_string(f"{TEMPLATE}.txt", context)
        html = render_to_string(f"{TEMPLATE}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        connection=connection,
        # The same rows make the same Message-ID: a repeat is recognisably one mail.
        headers={"Message-ID": stable_message_id(f"digest-{user.pk}-{rows[0].pk}-{rows[-1].pk}")},
    )
    message.attach_alternative(html, "text/html")
    return message
