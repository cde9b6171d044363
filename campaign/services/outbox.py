"""Sending reminder emails from the outbox: each once, none lost.

The :class:`Reminder` row is the truth, not the broker:

* A delivery task first *claims* its rows with one conditional UPDATE
  (pending → sending, stamped with the task's id).  Two tasks holding the same
  ids (a sweep re-queued rows the broker still had) cannot both claim a row.
* Just before each message it renews its claim on that row, again by a
  conditional UPDATE; a row whose claim was lost meanwhile (the lease ran out
  and another task took it) is skipped, not sent a second time.  The renewal
  also keeps a long batch's lease fresh.
* A task redelivered after its worker was killed has the same id, so it takes
  back the rows it had claimed and goes on; rows already marked sent are
  skipped.  Only a kill in the instant between the SMTP server accepting a
  message and the row being marked can repeat that one message; it then
  carries the same Message-ID, so mail programs show it once.
* Rows claimed by a worker that vanished entirely return to pending after a
  lease, and rows the broker never received (it was down at commit, or Redis
  restarted empty) are re-queued by :func:`sweep`, which beat runs every minute.
  Rows are marked queued *before* they are handed to the broker, so a worker
  that fails them at once cannot have its "retry after the back-off" overwritten.
* A temporary SMTP failure puts the row back with an exponential back-off; a
  permanent one (the server refused the address or the message) marks it
  failed, with the server's answer, for staff to see.
"""

import functools
import logging
import random
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from common.mail import refused_for_good

from ..enums import ReminderChannel, ReminderState
from ..models import Reminder
from ..tasks import deliver_reminders

logger = logging.getLogger(__name__)

#: reminders per delivery task (one SMTP session each)
BATCH_SIZE = 200
#: a claim older than this belongs to a worker that is gone
LEASE = timedelta(minutes=10)
#: a pending row queued longer ago than this was lost by the broker
REQUEUE_AFTER = timedelta(minutes=5)
#: attempts before a row that keeps failing temporarily is marked failed
MAX_ATTEMPTS = 8


class TemporaryFailure(Exception):
    """The message may go through later (connection lost, 4xx answer)."""


class PermanentFailure(Exception):
    """The message will never go through as it is (5xx answer)."""


def classify(error: Exception) -> Exception:
    """Map an exception from the email backend to temporary or permanent."""
    # Not reaching the server, or the portal's own credentials refused (fixable by an
    # administrator): retried, whatever the code.
    retried = smtplib.SMTPConnectError | smtplib.SMTPAuthenticationError
    if not isinstance(error, retried) and refused_for_good(error):
        return PermanentFailure(_describe(error))
    return TemporaryFailure(_describe(error))


def _describe(error: Exception) -> str:
    """The server's answer as staff read it: "SMTPDataError: 554 5.7.1 Message rejected"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(
            f"{address}: {code} {_text(answer)}"
            for address, (code, answer) in error.recipients.items()
        )
    elif isinstance(error, smtplib.SMTPResponseException):
        detail = f"{error.smtp_code} {_text(error.smtp_error)}"
    else:
        detail = str(error)
    return f"{type(error).__name__}: {detail}"[:2000]


def _text(answer) -> str:
    if isinstance(answer, bytes):
        return answer.decode("utf-8", errors="replace")
    return str(answer)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, capped at six hours, with jitter."""
    minutes = min(2 ** max(attempts - 1, 0), 360)
    return timedelta(seconds=minutes * 60 * random.uniform(0.8, 1.2))  # noqa: S311


# --- Queueing -------------------------------------------------------------------------------


def enqueue_delivery_on_commit(reminder_ids) -> None:
    """:func:`enqueue_delivery` once the surrounding transaction commits (at once outside one).

    The marking, the hand-over and the handling of a broker that is down must
    happen together, at commit; so the outbox defers the whole of
    :func:`enqueue_delivery`, rather than only the task's ``delay()`` as
    :class:`common.tasks.AfterCommitTask` would.
    """
    transaction.on_commit(functools.partial(enqueue_delivery, list(reminder_ids)))


def enqueue_delivery(reminder_ids) -> int:
    """Hand the rows to the broker in batches, now; returns how many were queued.

    A broker that is down is logged and left to the sweep: the rows of that
    batch and the batches after it stay pending with no queue time.
    """
    ids = sorted(reminder_ids)
    queued = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        # Marked first: once the broker has the message, a worker may fail a row at once
        # and set it back to "not queued, retry after the back-off"; marking afterwards
        # would overwrite that and hold the retry back until REQUEUE_AFTER.
        stamp = timezone.now()
        marked = Reminder.objects.filter(pk__in=chunk, state=ReminderState.PENDING)
        marked.update(queued_at=stamp)
        try:
            deliver_reminders.delay(reminder_ids=chunk)
        except Exception:  # the broker is unreachable: the sweep will queue them later
            # The broker is down for the rest too: stop here rather than wait on each batch.
            logger.warning(
                "Could not queue %d reminders; the outbox sweep will.",
                len(ids) - start,
                exc_info=True,
            )
            marked.filter(queued_at=stamp).update(queued_at=None)
            break
        queued += len(chunk)
    return queued


def sweep(now=None) -> int:
    """Re-queue what the broker lost and what a vanished worker left; returns how many."""
    now = now or timezone.now()
    Reminder.objects.filter(state=ReminderState.SENDING, claimed_at__lt=now - LEASE).update(
        state=ReminderState.PENDING, claim_token="", queued_at=None
    )
    stale = (
        Reminder.objects.due(now)
        .filter(channel=ReminderChannel.EMAIL)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - REQUEUE_AFTER))
        .values_list("pk", flat=True)
    )
    return enqueue_delivery(list(stale))


# --- Delivering -------------------------------------------------------------------------------


def deliver(reminder_ids, *, token: str) -> dict[str, int]:
    """Send the claimed rows among ``reminder_ids``; ``token`` is the task's id.

    Returns counts by outcome: sent, failed, retry, skipped.
    """
    now = timezone.now()
    ours = Reminder.objects.filter(pk__in=reminder_ids, channel=ReminderChannel.EMAIL)
    ours.filter(
        Q(state=ReminderState.PENDING, available_at__lte=now)
        | Q(state=ReminderState.SENDING, claim_token=token)
    ).update(state=ReminderState.SENDING, claim_token=token, claimed_at=now)
    claimed = list(
        ours.filter(state=ReminderState.SENDING, claim_token=token)
        .select_related("recipient")
        .order_by("pk")
    )
    counts = {"sent": 0, "failed": 0, "retry": 0, "skipped": len(reminder_ids) - len(claimed)}
    if not claimed:
        return counts
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:
        _release(claimed, token, classify(error))
        counts["retry"] = len(claimed)
        return counts
    try:
        for index, reminder in enumerate(claimed):
            if not _renew(reminder, token):
                # The lease ran out and the sweep gave the row to another task (or a
                # twin of this redelivered task took it): not ours to send any more.
                counts["skipped"] += 1
                continue
            try:
                _message(reminder, connection).send()
            except Exception as error:
                failure = classify(error)
                if isinstance(failure, PermanentFailure):
                    _fail(reminder, token, str(failure))
                    counts["failed"] += 1
                    continue
                # The connection is likely gone: put this row and the rest back.
                rest = claimed[index:]
                _release(rest, token, failure)
                counts["retry"] += len(rest)
                break
            # It went out: recorded as sent even if the claim was lost while the server
            # took it, so that no other task sends it again.
            Reminder.objects.filter(
                pk=reminder.pk, state__in=(ReminderState.PENDING, ReminderState.SENDING)
            ).update(
                state=ReminderState.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
            counts["sent"] += 1
    finally:
        try:
            connection.close()
        except Exception:  # the messages are out and recorded; a failed QUIT changes nothing
            logger.warning("Closing the SMTP connection failed.", exc_info=True)
    return counts


def _renew(reminder: Reminder, token: str) -> bool:
    """Take the row for the next message if this task still holds it as claimed."""
    renewed_at = timezone.now()
    taken = Reminder.objects.filter(
        pk=reminder.pk,
        state=ReminderState.SENDING,
        claim_token=token,
        claimed_at=reminder.claimed_at,
    ).update(claimed_at=renewed_at)
    if taken:
        reminder.claimed_at = renewed_at
    return bool(taken)


def _message(reminder: Reminder, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=reminder.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.recipient.email],
        connection=connection,
        headers={"Message-ID": reminder.message_id},
    )
    if reminder.body_html:
        message.attach_alternative(reminder.body_html, "text/html")
    return message


def _fail(reminder, token, error: str) -> None:
    Reminder.objects.filter(pk=reminder.pk, claim_token=token).update(
        state=ReminderState.FAILED, attempts=F("attempts") + 1, last_error=error
    )


def _release(reminders, token, failure: Exception) -> None:
    """Back to pending with a back-off, or failed once the attempts are used up."""
    now = timezone.now()
    for reminder in reminders:
        attempts = reminder.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            _fail(reminder, token, str(failure))
            continue
        Reminder.objects.filter(pk=reminder.pk, claim_token=token).update(
            state=ReminderState.PENDING,
            claim_token="",
            queued_at=None,
            attempts=attempts,
            available_at=now + backoff(attempts),
            last_error=str(failure),
        )
