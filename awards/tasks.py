"""Background work of the awards app.  Thin: load, call a service, done.

A leaf: at the top it imports only Celery and ``common.tasks``; models and
services are imported inside the task bodies, so that the services queuing
these tasks import them at the top.  The tasks that follow a committed change
use :class:`common.tasks.AfterCommitTask`, so a ``delay()`` inside a
transaction is sent once it commits.  Silent rendering runs are re-queued by
the common sweeper (``common.requeue_stale_jobs``).
"""

from celery import shared_task

from common.tasks import AfterCommitTask


@shared_task(
    base=AfterCommitTask,
    name="awards.notify_nomination_change",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_nomination_change(*, activity_id):
    from common.models import ActivityLog

    from .services.notifications import notify_about_transition

    entry = ActivityLog.objects.filter(pk=activity_id).first()
    if entry is None:  # rolled back or purged: nothing to say
        return
    notify_about_transition(entry)


@shared_task(
    base=AfterCommitTask,
    name="awards.notify_nomination_changes",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_nomination_changes(*, activity_ids):
    """The same as :func:`notify_nomination_change`, for a bulk action."""
    from common.models import ActivityLog

    from .services.notifications import notify_about_transitions

    notify_about_transitions(list(ActivityLog.objects.filter(pk__in=activity_ids).order_by("pk")))


@shared_task(
    base=AfterCommitTask,
    name="awards.notify_decision_to_issue",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_decision_to_issue(*, activity_id):
    """Tell a unit's leaders that a draft awarded at once waits for them to issue it."""
    from common.models import ActivityLog

    from .services.notifications import notify_leaders_to_issue

    entry = ActivityLog.objects.filter(pk=activity_id).first()
    if entry is None:
        return
    notify_leaders_to_issue(entry)


@shared_task(
    base=AfterCommitTask,
    name="awards.render_certificates",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def render_certificates(*, run_id):
    """Render a decision's document and certificates for one run (idempotent)."""
    from .models import CertificateRun
    from .services.rendering import render_run

    run = CertificateRun.objects.filter(pk=run_id).select_related("decision").first()
    if run is None:
        return
    render_run(run)


@shared_task(
    base=AfterCommitTask,
    name="awards.build_central_package",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def build_central_package(*, package_id):
    """Build a central submission's package (ZIP) for one package row (idempotent)."""
    from .models import CentralPackage
    from .services.central_package import build_package

    package = CentralPackage.objects.filter(pk=package_id).select_related("submission").first()
    if package is None:
        return
    build_package(package)


@shared_task(
    base=AfterCommitTask,
    name="awards.run_nomination_import",
    acks_late=True,
    reject_on_worker_lost=True,
)
def run_nomination_import(*, import_id):
    """Check or write one uploaded list of nominations, as its stage asks."""
    from .models import NominationImport
    from .services.nomination_import import process_nomination_import

    job = NominationImport.objects.filter(pk=import_id).select_related("campaign").first()
    if job is None:
        return None
    return process_nomination_import(job).stage
