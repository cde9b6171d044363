"""Background work of the units app: the staff-list import.  Thin: load, call a service.

A leaf: at the top it imports only Celery and ``common.tasks``; models and services
are imported inside the task body, so that the service queuing it imports it at the top.
"""

from celery import shared_task

from common.tasks import AfterCommitTask


@shared_task(
    base=AfterCommitTask,
    name="units.run_staff_import",
    acks_late=True,
    reject_on_worker_lost=True,
)
def run_staff_import(*, import_id):
    """Check or write one staff-list import, as its stage asks; a redelivery is a no-op
    or resumes it."""
    from .models import StaffImport
    from .services.staff_import import process_staff_import

    job = StaffImport.objects.filter(pk=import_id).first()
    if job is None:  # rolled back or deleted: nothing to do
        return None
    return process_staff_import(job).stage
