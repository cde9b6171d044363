"""The task outbox: each follow-up of a committed change reaches a worker, past a broker outage.

:class:`common.tasks.AfterCommitTask` calls :func:`enqueue` for each
``delay(**kwargs)``.  The database, not the broker, is the truth:

* :func:`enqueue` writes an :class:`~common.models.OutboxMessage` row (task
  name and keyword arguments) in the caller's transaction, so the message
  exists exactly when the change does: a rollback takes both away.
* Once that transaction commits, :func:`publish` hands the message to the
  broker, once, without Celery's publish retries, and marks the row sent.  A
  broker that is down is logged and swallowed (the user's request succeeds);
  the row stays unsent with a back-off.  Outside a transaction the row is
  written and published at once, the same way, so a caller that is not inside
  ``atomic()`` (the job sweeper) loses nothing either.
* Beat runs :func:`publish_pending` every minute (task ``common.publish_outbox``):
  unsent rows whose back-off has passed are published, oldest first, stopping
  at the first failure (the broker is down for the rest too); sent rows older
  than ``settings.OUTBOX_KEEP_SENT`` days are deleted.

A message may thus reach the broker twice (published, then the row's update
lost, or a sweep racing the commit's own publish after ``SWEEP_GRACE``); every
task sent through the outbox is idempotent: notifications are unique per
activity entry (``common.notifications.notify``) and jobs resume from their rows.
In eager mode (tests without a broker) a task's own error is raised as before.
"""

import datetime
import functools
import logging
import random

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import OutboxMessage

logger = logging.getLogger(__name__)

#: rows younger than this are left to the publish their own commit makes
SWEEP_GRACE = datetime.timedelta(seconds=30)
#: rows published per sweep
SWEEP_BATCH = 500
#: the longest wait between two attempts on one row
MAX_BACKOFF = datetime.timedelta(minutes=10)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … minutes after each failed attempt, capped at ten minutes, with jitter."""
    minutes = min(2 ** max(attempts - 1, 0), MAX_BACKOFF.total_seconds() / 60)
    return datetime.timedelta(seconds=minutes * 60 * random.uniform(0.8, 1.0))  # noqa: S311


def task_named(name: str):
    """The registered Celery task called ``name``."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()  # the apps' tasks modules
    return current_app.tasks[name]


def enqueue(task, kwargs: dict):
    """Record ``task(**kwargs)`` in the outbox; publish it after commit (at once outside one).

    Returns the ``AsyncResult`` when published at once, else ``None``.
    """
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(functools.partial(publish, message, task=task))
        return None
    return publish(message, task=task)


def publish(message: OutboxMessage, *, task=None, now=None):
    """Hand ``message`` to the broker once and mark it sent; returns the ``AsyncResult``.

    A broker error is logged, recorded on the row with its back-off, and
    ``None`` is returned.  In eager mode the task runs here and its errors are raised.
    """
    task = task or task_named(message.task_name)
    try:
        result = task.publish_now(message.kwargs)
    except Exception as error:
        if task.app.conf.task_always_eager:
            raise
        logger.warning(
            "Could not publish %s (outbox row %s, attempt %s); the outbox sweep will retry.",
            message.task_name,
            message.pk,
            message.attempts + 1,
            exc_info=True,
        )
        _failed(message, f"{type(error).__name__}: {error}", now)
        return None
    OutboxMessage.objects.filter(pk=message.pk).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return result


def _failed(message: OutboxMessage, error: str, now=None) -> None:
    """Record a failed attempt on the row, and when to try it next."""
    message.attempts += 1
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        attempts=message.attempts,
        last_error=error[:2000],
        next_attempt_at=(now or timezone.now()) + backoff(message.attempts),
    )


def publish_pending(now=None) -> dict[str, int]:
    """Publish the unsent rows that are due, oldest first; prune old sent rows.

    Stops at the first broker failure (the broker is down for the rest too).  A
    row naming a task this release does not have is logged, backed off, and
    skipped.  Returns ``{"sent": n, "failed": n, "pruned": n}``.
    """
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "pruned": prune_sent(now)}
    with transaction.atomic():
        # Locked and skipped by a sweep running at the same time (PostgreSQL).
        due = list(
            OutboxMessage.objects.due(now)
            .filter(created_at__lte=now - SWEEP_GRACE)
            .select_for_update(skip_locked=True)
            .order_by("pk")[:SWEEP_BATCH]
        )
        for message in due:
            try:
                task = task_named(message.task_name)
            except KeyError:
                logger.error("Outbox row %s names no known task %r.", message.pk, message.task_name)
                _failed(message, f"Unknown task {message.task_name!r}", now)
                counts["failed"] += 1
                continue
            if publish(message, task=task, now=now) is None:
                counts["failed"] += 1
                break
            counts["sent"] += 1
    return counts


def prune_sent(now=None) -> int:
    """Delete rows sent more than ``settings.OUTBOX_KEEP_SENT`` days ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OUTBOX_KEEP_SENT)
    deleted, _by_model = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
