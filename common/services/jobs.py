"""The sweeper of job rows: every kind of :class:`common.jobs.Job` whose worker went silent.

Beat runs :func:`requeue_stale_jobs` (task ``common.requeue_stale_jobs``) every
five minutes.  It finds the concrete Job models through the app registry, so a
new kind of job is swept as soon as it inherits Job, and queues each stale row
(:meth:`Job.is_stale`) again on the task the model names.  The tasks resume
from their rows, so a row that was merely slow costs a second delivery's time,
not correctness.
"""

from celery import current_app
from django.apps import apps
from django.utils import timezone

from ..jobs import Job


def job_models() -> list[type[Job]]:
    """Every installed concrete model that inherits :class:`Job`."""
    return [model for model in apps.get_models() if issubclass(model, Job)]


def job_task(model: type[Job]):
    """The Celery task that runs rows of ``model``, found by the name the model gives."""
    if model.task_name not in current_app.tasks:
        current_app.loader.import_default_modules()  # the apps' tasks modules
    return current_app.tasks[model.task_name]


def requeue_stale_jobs(*, now=None) -> dict[str, list[int]]:
    """Queue again every stale job row; returns the ids queued per model label.

    Each row's heartbeat is touched as it is queued, so the next sweep leaves
    it alone for another ``JOB_STALE_AFTER`` (the new delivery's time to start)
    instead of queuing it again every five minutes.
    """
    now = now or timezone.now()
    queued = {}
    for model in job_models():
        task = job_task(model)
        ids = list(model.objects.stale(now).order_by("pk").values_list("pk", flat=True))
        # Only the rows still stale: one that moved meanwhile has its worker back.
        ids = [pk for pk in ids if model.objects.stale(now).filter(pk=pk).update(updated_at=now)]
        for pk in ids:
            task.delay(**{model.task_argument: pk})
        queued[model._meta.label_lower] = ids
    return queued
