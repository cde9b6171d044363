"""Background tasks shared by every app, and the base class of the tasks that follow a change.

Thin: primitive arguments, one job each.  Like every ``tasks`` module this one
is a leaf: at the top it imports only Celery, the standard library and
Django's framework modules; models and services are imported inside the task
bodies, so that services may import their tasks at the top.

:class:`AfterCommitTask` is the base of every task queued by a service right
after it wrote the rows the task reads (``awards.render_certificates``,
``campaign.render_notices``, ``awards.notify_nomination_change`` …):
``delay(**kwargs)`` records the message in the task outbox
(:mod:`common.services.outbox`) in the caller's transaction and hands it to
the broker once that transaction commits, never if it rolls back, so a worker
can never run before the rows it needs exist, and a broker that is down costs
the request no error and loses nothing: the outbox sweep (``common.publish_outbox``,
beat, every minute) publishes it when the broker is back.  It is not the
application's default task class: beat's tasks and ``common.send_email`` are
sent at once, as before.
"""

import functools
import smtplib
from dataclasses import asdict

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import transaction


class AfterCommitTask(DjangoTask):
    """A task whose ``delay(**kwargs)`` goes through the task outbox.

    Inside ``transaction.atomic()`` the call records the message and returns
    ``None`` (there is no result yet); the message is published after commit.
    Outside one it is recorded and published at once, and the call returns the
    ``AsyncResult`` (``None`` when the broker is down: the sweep sends it); the
    result is not stored, since nobody waits for these tasks.
    A call with positional arguments or sending options (a retry from a worker
    carries its countdown and task id) is Celery's own, sent after commit as
    before, without the outbox.
    """

    def apply_async(self, args=None, kwargs=None, **options):
        if args or options:
            send = functools.partial(super().apply_async, args, kwargs, **options)
            if transaction.get_connection().in_atomic_block:
                transaction.on_commit(send)
                return None
            return send()
        # circular: every tasks module imports this one and is imported by its app's
        # services; the outbox service imports the models, so at the top it would
        # close that loop (and load models before the app registry is ready).
        from .services.outbox import enqueue

        return enqueue(self, kwargs or {})

    def publish_now(self, kwargs):
        """Hand the message to the broker now, once: no publish retries, no result
        subscription (nobody waits for these results), so a dead broker fails fast."""
        return super().apply_async(None, kwargs, retry=False, ignore_result=True)


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
    from django.core.mail import EmailMultiAlternatives

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


@shared_task(name="common.publish_outbox", ignore_result=True)
def publish_outbox():
    """Periodic (beat, every minute): publish the outbox rows the broker missed; prune sent ones.

    Returns ``{"sent": n, "failed": n, "pruned": n}``.
    """
    from .services.outbox import publish_pending

    return publish_pending()


@shared_task(name="common.requeue_stale_jobs")
def requeue_stale_jobs():
    """Periodic (beat, every minute): give every silent job row to a worker again.

    Returns the ids queued per kind of job (``{"awards.certificaterun": [3], …}``).
    """
    from .services.jobs import requeue_stale_jobs as run

    return run()
