"""Background tasks shared by every app.  Thin: primitive arguments, one job each."""

import smtplib
from dataclasses import asdict

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(
    name="common.send_email",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_email(*, to, subject, body, html_body=None):
    """Send one message through Django's email backend; returns the number sent (0 or 1).

    A temporary SMTP or network failure retries with exponential back-off
    (a random wait of up to 1 s, 2 s, 4 s …, capped at 10 minutes, five times).
    The waits stay far below the broker's visibility timeout, so a retry is
    never delivered twice.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to)
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@shared_task(
    name="common.send_digests",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def send_digests():
    """Periodic (beat, daily): each user's pending digest notifications in one email.

    A temporary SMTP or network failure retries after a random wait of up to 1, 2, 4 … minutes
    (capped at 30 minutes, under the broker's one-hour visibility timeout);
    users already emailed are not emailed again.  Returns what was done.
    """
    from .services.digest import send_digests as run

    return asdict(run())
