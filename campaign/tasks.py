"""Background work of the campaign app: reminders and notices.  Thin: load, call a service."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="campaign.run_reminder_rule")
def run_reminder_rule(*, rule_id):
    """Periodic (beat, one entry per rule): write the reminders the rule owes now."""
    from .models import ReminderRule
    from .services.reminders import compose

    rule = ReminderRule.objects.filter(pk=rule_id, enabled=True).first()
    if rule is None:  # switched off or deleted since beat read its schedule
        return 0
    return len(compose(rule).created)


@shared_task(name="campaign.deliver_reminders", bind=True)
def deliver_reminders(self, *, reminder_ids):
    """Send a batch of reminder emails.  Redelivery (same task id) resumes the batch."""
    from .services.outbox import deliver

    counts = deliver(reminder_ids, token=self.request.id or "eager")
    if counts["failed"] or counts["retry"]:
        logger.warning("Reminder delivery: %s", counts)
    return counts


@shared_task(name="campaign.sweep_reminder_outbox")
def sweep_reminder_outbox():
    """Periodic (beat, every minute): queue reminders the broker lost or a worker left."""
    from .services.outbox import sweep

    return sweep()
