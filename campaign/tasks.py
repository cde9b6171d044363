"""Background work of the campaign app: launches, reminders, notices, reviews.  Thin: load,
call a service.

A leaf: at the top it imports only Celery, ``common.tasks`` and the standard
library; models and services are imported inside the task bodies, so that the
services queuing these tasks import them at the top.  ``render_notices``
follows a committed batch, so it is an :class:`common.tasks.AfterCommitTask`;
silent batches are resumed by the common sweeper (``common.requeue_stale_jobs``).
The reminder tasks are sent at once: the outbox (``services/outbox.py``) hands
its rows to the broker itself, after commit, and deals with a broker that is down.
"""

import logging
import uuid

from celery import shared_task

from common.tasks import AfterCommitTask

logger = logging.getLogger(__name__)


@shared_task(name="campaign.run_reminder_rule", ignore_result=True)
def run_reminder_rule(*, rule_id):
    """Periodic (beat, one entry per rule): write the reminders the rule owes now."""
    from .models import ReminderRule
    from .services.reminders import compose_reminders

    rule = ReminderRule.objects.filter(pk=rule_id, enabled=True).first()
    if rule is None:  # switched off or deleted since beat read its schedule
        return 0
    return len(compose_reminders(rule).created)


@shared_task(name="campaign.deliver_reminders", bind=True, ignore_result=True)
def deliver_reminders(self, *, reminder_ids):
    """Send a batch of reminder emails.  Redelivery (same task id) resumes the batch."""
    from .services.outbox import deliver

    # The task's id, the same on a redelivery; a direct call (no id) gets one of its own,
    # so that two such calls cannot take each other's claims for their own.
    counts = deliver(reminder_ids, token=self.request.id or f"direct-{uuid.uuid4().hex}")
    if counts["failed"] or counts["retry"]:
        logger.warning("Reminder delivery: %s", counts)
    return counts


@shared_task(name="campaign.sweep_reminder_outbox", ignore_result=True)
def sweep_reminder_outbox():
    """Periodic (beat, every minute): queue reminders the broker lost or a worker left."""
    from .services.outbox import sweep

    return sweep()


@shared_task(
    base=AfterCommitTask,
    name="campaign.render_notices",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def render_notices(*, batch_id):
    """Render a batch of reminder notices (công văn đôn đốc); a redelivery resumes it."""
    from .models import NoticeBatch
    from .services.notices import render_batch

    batch = NoticeBatch.objects.filter(pk=batch_id).first()
    if batch is None:  # rolled back or deleted: nothing to render
        return None
    return render_batch(batch).state


@shared_task(
    base=AfterCommitTask,
    name="campaign.run_launch",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def run_launch(*, run_id):
    """Write a launch's letter and tell its units' officers; a redelivery resumes it."""
    from .models import LaunchRun
    from .services.launches import run_launch as run

    launch = LaunchRun.objects.filter(pk=run_id).first()
    if launch is None:  # rolled back or deleted: nothing to do
        return None
    return run(launch).state


@shared_task(
    base=AfterCommitTask,
    name="campaign.build_review",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def build_review(*, review_id):
    """Compile a review (sơ kết, tổng kết) and write its files; a redelivery resumes it."""
    from .models import CampaignReview
    from .services.reviews import build_campaign_review

    review = CampaignReview.objects.filter(pk=review_id).first()
    if review is None:  # rolled back or deleted: nothing to do
        return None
    return build_campaign_review(review).state
