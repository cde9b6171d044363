"""Background work of the awards app.  Thin: load, call a service, done."""

from celery import shared_task

from common.models import ActivityLog


@shared_task(
    name="awards.notify_nomination_change",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_nomination_change(*, activity_id):
    from .services.notifications import notify_about_transition

    entry = ActivityLog.objects.filter(pk=activity_id).first()
    if entry is None:  # rolled back or purged: nothing to say
        return
    notify_about_transition(entry)


@shared_task(
    name="awards.notify_nomination_changes",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_nomination_changes(*, activity_ids):
    """The same as :func:`notify_nomination_change`, for a bulk action."""
    from .services.notifications import notify_about_transition

    for entry in ActivityLog.objects.filter(pk__in=activity_ids).order_by("pk"):
        notify_about_transition(entry)


@shared_task(
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


@shared_task(name="awards.requeue_stuck_certificate_runs")
def requeue_stuck_certificate_runs():
    """Periodic (beat): give silent rendering runs to a worker again."""
    from .services.certificates import requeue_stuck_runs

    return requeue_stuck_runs()
