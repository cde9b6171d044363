"""Background work of the good-practice library.  Thin: load, call a service, done.

A leaf: at the top it imports only Celery and ``common.tasks``; the service is
imported inside the task body, so that the services queuing this task import it at
the top.  Queued after commit (:class:`common.tasks.AfterCommitTask`).
"""

from celery import shared_task

from common.tasks import AfterCommitTask


@shared_task(
    base=AfterCommitTask,
    name="practices.notify_practice_change",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_practice_change(*, activity_id):
    from common.models import ActivityLog

    from .services.notifications import notify_about_practice

    entry = ActivityLog.objects.filter(pk=activity_id).first()
    if entry is None:  # rolled back or purged: nothing to say
        return
    notify_about_practice(entry)
