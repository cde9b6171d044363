"""Keeping each reminder rule's beat entry (django-celery-beat) in step with the rule."""

import json

from django.db import transaction
from django_celery_beat.models import PeriodicTask

from ..models import ReminderRule

TASK = "campaign.run_reminder_rule"


def periodic_task_name(rule: ReminderRule) -> str:
    return f"Nhắc việc #{rule.pk}: {rule.name}"[:200]


@transaction.atomic
def sync_rule_schedule(rule: ReminderRule) -> PeriodicTask:
    """Create or update the rule's periodic task: same crontab, on or off with the rule."""
    task = rule.periodic_task or PeriodicTask(task=TASK)
    task.name = periodic_task_name(rule)
    task.task = TASK
    task.crontab = rule.schedule
    task.interval = None
    task.kwargs = json.dumps({"rule_id": rule.pk})
    task.enabled = rule.enabled
    task.save()
    if rule.periodic_task_id != task.pk:
        ReminderRule.objects.filter(pk=rule.pk).update(periodic_task=task)
        rule.periodic_task = task
    return task


@transaction.atomic
def delete_rule_schedule(rule: ReminderRule) -> None:
    if rule.periodic_task_id:
        PeriodicTask.objects.filter(pk=rule.periodic_task_id).delete()
