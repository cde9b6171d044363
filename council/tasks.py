"""Background work of the council app.  Thin: load by id, call one service.

A leaf: at the top it imports only Celery and ``common.tasks``; services are imported
inside the task bodies.  ``notify_session_opened`` follows a committed change, so it
is an :class:`common.tasks.AfterCommitTask`; ``close_due_sessions`` is beat's.
"""

from celery import shared_task

from common.tasks import AfterCommitTask


@shared_task(
    base=AfterCommitTask,
    name="council.notify_session_opened",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_session_opened(*, activity_id):
    """Tell the council's members that a session was called (idempotent: ``notify``
    keeps one row per recipient and activity)."""
    from common.models import ActivityLog

    from .services.notifications import notify_members_of_session

    entry = ActivityLog.objects.filter(pk=activity_id).first()
    if entry is None:
        return
    notify_members_of_session(entry)


@shared_task(name="council.close_due_sessions", ignore_result=True)
def close_due_sessions():
    """Periodic (beat, every minute): close the sessions whose voting window has ended.
    Running it twice closes nothing twice: a closed session is not due any more."""
    from .services.closing import close_due

    return close_due()


@shared_task(
    base=AfterCommitTask,
    name="council.render_minutes",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def render_minutes(*, minutes_id):
    """Render a closed session's minutes and attach them to its dossiers (idempotent)."""
    from .models import Minutes
    from .services.minutes import render_minutes as render

    minutes = Minutes.objects.filter(pk=minutes_id).select_related("session").first()
    if minutes is None:
        return
    render(minutes)
